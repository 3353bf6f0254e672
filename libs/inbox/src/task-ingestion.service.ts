import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountsService, groupMembers } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JMK_ORPS } from '@app/domain';
import { EventBatch, NotificationsService, taskText } from '@app/notifications';
import type { WorkerJob } from '@app/zeebe';
import { formVariables } from './forms.js';
import { TaskModels } from './models.js';
import { accessKeysOfTask, addTaskEvent, TASK_COLUMNS, type TaskRow } from './task-records.js';

/** The job type of job-based user tasks, and Zeebe's headers on them. */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
const HEADER = {
  candidateGroups: 'io.camunda.zeebe:candidateGroups',
  candidateUsers: 'io.camunda.zeebe:candidateUsers',
  assignee: 'io.camunda.zeebe:assignee',
  dueDate: 'io.camunda.zeebe:dueDate',
  followUpDate: 'io.camunda.zeebe:followUpDate',
  formKey: 'io.camunda.zeebe:formKey',
} as const;
/** A task header (`zeebe:taskHeaders`) the models may set to rank a task, 0–100 as in Zeebe; 50 without it. */
const PRIORITY_HEADER = 'priority';

/**
 * Turns a user-task job into a task of the inbox, once per job key: a job handed out again
 * (its activation ran out while the worker was away) only extends the task's lease. The new
 * task is told to the live inboxes and notified to its assignee, or else to its candidates.
 */
@Injectable()
export class TaskIngestion {
  private readonly logger = new Logger('TaskIngestion');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly models: TaskModels,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
  ) {}

  async ingest(job: WorkerJob): Promise<void> {
    const headers = job.customHeaders;
    const model = await this.models.userTask(job);
    const formKey = headers[HEADER.formKey] ?? null;
    const form = formKey === null ? null : await this.models.form({ formKey, formId: model.formId });
    if (formKey !== null && !form) {
      this.logger.warn({ jobKey: job.key, bpmnProcessId: job.bpmnProcessId, elementId: job.elementId, formKey }, 'the form of the user task is neither deployed by the product nor in the models folder');
    }
    const candidateGroups = this.list(job, HEADER.candidateGroups);
    const intentionId = positiveId(job.variables.intentionId);
    await this.dataSource.transaction(async (manager) => {
      const territory = await this.territory(manager, job, candidateGroups, intentionId);
      const [row]: (TaskRow & { inserted: boolean })[] = await manager.query(
        `INSERT INTO task AS t (job_key, name, element_id, bpmn_process_id, process_name, process_instance_key, process_definition_key, intention_id,
           orp_id, district_id, candidate_groups, candidate_users, assignee, priority, due_at, follow_up_at, form_id, form_key, variables, lease_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now() + make_interval(secs => $20::double precision / 1000))
         ON CONFLICT (job_key) DO UPDATE SET lease_until = EXCLUDED.lease_until
         RETURNING ${TASK_COLUMNS}, (xmax = 0) AS inserted`,
        [
          job.key,
          model.name,
          job.elementId,
          job.bpmnProcessId,
          model.processName,
          job.processInstanceKey,
          job.processDefinitionKey,
          intentionId,
          territory.orpId,
          territory.districtId,
          candidateGroups,
          this.list(job, HEADER.candidateUsers),
          headers[HEADER.assignee] || null,
          priority(headers[PRIORITY_HEADER]),
          this.date(job, HEADER.dueDate),
          this.date(job, HEADER.followUpDate),
          form?.id ?? model.formId,
          formKey,
          formVariables(form, job.variables),
          this.config.taskJobTimeoutMs,
        ],
      );
      if (!row.inserted) return;
      await manager.query(
        // The sort keys are copied in SQL: a JavaScript Date would cut created_at to milliseconds.
        `INSERT INTO task_access (task_id, access_key, state, created_at, due_sort, priority, assigned)
         SELECT t.id, key, t.state, t.created_at, coalesce(t.due_at, 'infinity'), t.priority, t.assignee IS NOT NULL
         FROM task t, unnest($2::text[]) AS key WHERE t.id = $1`,
        [row.id, accessKeysOfTask(row)],
      );
      const events = new EventBatch();
      addTaskEvent(events, 'task.created', row);
      const kind = row.assignee ? 'task-assigned' : 'task-created';
      await this.notifications.notify(
        manager,
        {
          sourceKey: `task:${row.id}:created`,
          kind,
          ...taskText(kind, row),
          taskId: row.id,
          intentionId: row.intentionId,
          recipients: row.assignee
            ? await this.accounts.recipientsOf([], [row.assignee], manager)
            : await this.accounts.recipientsOf(row.candidateGroups, row.candidateUsers, manager),
        },
        events,
      );
      await events.flush(manager);
    });
  }

  /** The ORP and district the task is about: the process's variables, the intention's ORP, or its groups' territory. */
  private async territory(manager: EntityManager, job: WorkerJob, groups: readonly string[], intentionId: string | null): Promise<{ orpId: string | null; districtId: string | null }> {
    let orpId = typeof job.variables.orpId === 'string' ? job.variables.orpId : null;
    if (!orpId && intentionId) {
      const [intention] = await manager.query(`SELECT orp_id AS "orpId" FROM intention WHERE id = $1`, [intentionId]);
      orpId = intention?.orpId ?? null;
    }
    const territories = groups.map(groupMembers).flatMap((members) => (members ? [members.territory] : []));
    orpId ??= territories.find((territory) => territory.kind === 'orp')?.id ?? null;
    const districtId =
      JMK_ORPS.find((orp) => orp.id === orpId)?.districtId ??
      (typeof job.variables.districtId === 'string' ? job.variables.districtId : null) ??
      territories.find((territory) => territory.kind === 'district')?.id ??
      null;
    return { orpId, districtId };
  }

  private list(job: WorkerJob, header: string): string[] {
    const text = job.customHeaders[header];
    if (!text) return [];
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
    } catch {
      // Reported below: a malformed header gives a task nobody could see, which must not pass silently.
    }
    throw new Error(`header ${header} of job ${job.key} is not a JSON array of strings: ${text}`);
  }

  private date(job: WorkerJob, header: string): Date | null {
    const text = job.customHeaders[header];
    if (!text) return null;
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) throw new Error(`header ${header} of job ${job.key} is not a date-time: ${text}`);
    return date;
  }
}

function positiveId(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === 'string' && /^[1-9]\d{0,18}$/.test(text) ? text : null;
}

function priority(value: string | undefined): number {
  const parsed = Number(value);
  return value !== undefined && Number.isInteger(parsed) && parsed >= 0 && parsed <= 100 ? parsed : 50;
}
