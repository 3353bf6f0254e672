import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { AccountsService, accessKeysOf, auditActorOf, candidateGroupsOf, EVERYTHING, managesGroups, userKey, type Principal } from '@app/auth';
import { DomainError, DomainErrorCode } from '@app/domain';
import { EventBatch, NotificationsService, taskText } from '@app/notifications';
import { queryRows } from '@app/persistence';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';
import { validateSubmission, type FormSchema } from './forms.js';
import { TaskModels } from './models.js';
import { finishCompletion, recordTaskAct, type PendingCompletion } from './task-completion.js';
import { addTaskEvent, closeTask, isNotFound, TASK_COLUMNS, type TaskRow } from './task-records.js';
import { pageQuery, type TaskSearch } from './task-search.js';

/** A task as the inbox lists it, in Camunda Tasklist's terms. */
export interface TaskView {
  id: string;
  name: string;
  taskDefinitionId: string;
  processName: string;
  bpmnProcessId: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  intentionId: string | null;
  orpId: string | null;
  districtId: string | null;
  taskState: TaskRow['state'];
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  creationDate: Date;
  completionDate: Date | null;
  completedBy: string | null;
  cancellationDate: Date | null;
  dueDate: Date | null;
  followUpDate: Date | null;
  priority: number;
  formId: string | null;
}

export interface TaskDetail extends TaskView {
  /** The form-js schema to render, or null for a task without a form. */
  form: FormSchema | null;
  /** The process variables the form reads (and, once completed, what was submitted). */
  variables: Record<string, unknown>;
}

export interface TaskPage {
  items: (TaskView & { sortValues: [string, string] })[];
  /** Pass as `searchAfter` for the next page; null on the last page. */
  searchAfter: [string, string] | null;
}

export interface TaskCounts {
  open: number;
  assignedToMe: number;
  unassigned: number;
  overdue: number;
}

export interface CommentView {
  id: string;
  taskId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: Date;
}

/** After this long a completion that never came back (the API died meanwhile) may be sent again. */
const STALE_COMPLETION_MS = 120_000;
/** Tries of the local part of a completion the engine accepted before it is left to the worker's round. */
const FINISH_ATTEMPTS = 3;

function view(row: TaskRow): TaskView {
  return {
    id: row.id,
    name: row.name,
    taskDefinitionId: row.elementId,
    processName: row.processName,
    bpmnProcessId: row.bpmnProcessId,
    processInstanceKey: row.processInstanceKey,
    processDefinitionKey: row.processDefinitionKey,
    intentionId: row.intentionId,
    orpId: row.orpId,
    districtId: row.districtId,
    taskState: row.state,
    assignee: row.assignee,
    candidateGroups: row.candidateGroups,
    candidateUsers: row.candidateUsers,
    creationDate: row.createdAt,
    completionDate: row.completedAt,
    completedBy: row.completedBy,
    cancellationDate: row.canceledAt,
    dueDate: row.dueAt,
    followUpDate: row.followUpAt,
    priority: row.priority,
    formId: row.formId,
  };
}

function notFound(id: string): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `Task ${id} does not exist`);
}

function notActive(task: TaskRow): DomainError {
  return new DomainError(DomainErrorCode.TaskNotActive, `Task ${task.id} is ${task.state === 'CREATED' ? 'being completed' : task.state.toLowerCase()}`);
}

/** Whether the user is one of the task's candidates (by group or by name). */
function isCandidate(principal: Principal, task: TaskRow): boolean {
  const groups = new Set(candidateGroupsOf(principal));
  return task.candidateGroups.some((group) => groups.has(group)) || task.candidateUsers.includes(principal.userId);
}

/**
 * The officials' task inbox, modelled on Camunda Tasklist: search, claim (one winner),
 * unclaim, assign within a chair's or head's territory, complete with the form's data
 * validated on the server, comments and badge counts. A task the caller does not see
 * answers 404, as if it did not exist.
 */
@Injectable()
export class TasksService {
  private readonly logger = new Logger('Tasks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly models: TaskModels,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditLog,
  ) {}

  async search(principal: Principal, search: TaskSearch): Promise<TaskPage> {
    const query = pageQuery(principal, search);
    const page: { taskId: string; sortValue: string }[] = await this.dataSource.query(query.text, query.values);
    const shown = page.slice(0, search.pageSize);
    const rows: TaskRow[] = shown.length === 0 ? [] : await this.dataSource.query(`SELECT ${TASK_COLUMNS} FROM task t WHERE t.id = ANY($1::bigint[])`, [shown.map((entry) => entry.taskId)]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items = shown.map((entry) => ({ ...view(byId.get(entry.taskId)!), sortValues: [entry.sortValue, entry.taskId] as [string, string] }));
    return { items, searchAfter: page.length > search.pageSize ? items[items.length - 1].sortValues : null };
  }

  async get(principal: Principal, id: string): Promise<TaskDetail> {
    const task = await this.visible(this.dataSource.manager, principal, id);
    return { ...view(task), form: await this.models.form(task), variables: task.variables };
  }

  /** The badges: one index-only range of the user's access rows, and their own tasks by assignee. */
  async counts(principal: Principal): Promise<TaskCounts> {
    const keys = accessKeysOf(principal);
    const [counts] = keys.includes(EVERYTHING)
      ? await this.dataSource.query(
          `SELECT count(*)::int AS open, (count(*) FILTER (WHERE assignee IS NULL))::int AS unassigned, (count(*) FILTER (WHERE due_at < now()))::int AS overdue
           FROM task WHERE state = 'CREATED'`,
        )
      : await this.dataSource.query(
          `SELECT count(DISTINCT a.task_id)::int AS open, (count(DISTINCT a.task_id) FILTER (WHERE NOT a.assigned))::int AS unassigned,
                  (count(DISTINCT a.task_id) FILTER (WHERE a.due_sort < now()))::int AS overdue
           FROM task_access a WHERE a.access_key = ANY($1::text[]) AND a.state = 'CREATED'`,
          [keys],
        );
    const [{ assignedToMe }] = await this.dataSource.query(`SELECT count(*)::int AS "assignedToMe" FROM task WHERE assignee = $1 AND state = 'CREATED'`, [principal.userId]);
    return { open: counts.open, assignedToMe, unassigned: counts.unassigned, overdue: counts.overdue };
  }

  /** Převzít: the caller becomes the assignee. One conditional UPDATE decides, so of concurrent claims exactly one wins. */
  async claim(principal: Principal, id: string): Promise<TaskView> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.visible(manager, principal, id);
      if (!isCandidate(principal, task)) throw new DomainError(DomainErrorCode.Forbidden, `Only a candidate of task ${id} may claim it`);
      const [claimed]: TaskRow[] = await manager.query(
        `WITH claimed AS (
           UPDATE task t SET assignee = $2 WHERE t.id = $1 AND t.state = 'CREATED' AND t.assignee IS NULL AND t.completing_since IS NULL
           RETURNING ${TASK_COLUMNS}),
         flagged AS (
           UPDATE task_access SET assigned = true WHERE task_id IN (SELECT id::bigint FROM claimed)),
         access AS (
           INSERT INTO task_access (task_id, access_key, state, created_at, due_sort, priority, assigned)
           SELECT t.id, $3, t.state, t.created_at, coalesce(t.due_at, 'infinity'), t.priority, true FROM task t JOIN claimed c ON c.id::bigint = t.id
           ON CONFLICT DO NOTHING)
         SELECT * FROM claimed`,
        [id, principal.userId, userKey(principal.userId)],
      );
      if (!claimed) {
        const [current] = await manager.query(`SELECT ${TASK_COLUMNS} FROM task t WHERE t.id = $1`, [id]);
        if (current.state === 'CREATED' && current.assignee !== null) {
          throw new DomainError(DomainErrorCode.TaskAlreadyAssigned, `Task ${id} is already assigned${current.assignee === principal.userId ? ' to you' : ''}`);
        }
        throw notActive(current);
      }
      await this.recordAct(manager, principal, 'task.claimed', claimed);
      const events = new EventBatch();
      addTaskEvent(events, 'task.assigned', claimed);
      await events.flush(manager);
      return view(claimed);
    });
  }

  /** Zrušit přiřazení: the assignee gives the task back, or the chair or head takes it from them. */
  async unclaim(principal: Principal, id: string): Promise<TaskView> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.visible(manager, principal, id, true);
      if (task.assignee !== principal.userId && !managesGroups(principal, task.candidateGroups)) {
        throw new DomainError(DomainErrorCode.Forbidden, `Only the assignee, a chair or a head may unassign task ${id}`);
      }
      this.assertOpen(task);
      if (task.assignee === null) return view(task);
      const updated = await this.reassign(manager, task, null);
      await this.recordAct(manager, principal, 'task.unclaimed', task, { previousAssignee: task.assignee });
      const events = new EventBatch();
      addTaskEvent(events, 'task.assigned', updated, [task.assignee]);
      await events.flush(manager);
      return view(updated);
    });
  }

  /** Assigns the task to one of its candidates; chairs and heads within their territory (administrators anywhere). */
  async assign(principal: Principal, id: string, assignee: string): Promise<TaskView> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.visible(manager, principal, id, true);
      if (!managesGroups(principal, task.candidateGroups)) {
        throw new DomainError(DomainErrorCode.Forbidden, `Only the chair or the head over task ${id} may assign it`);
      }
      this.assertOpen(task);
      if (!(await this.accounts.isCandidate(assignee, task.candidateGroups, task.candidateUsers, manager))) {
        throw new DomainError(DomainErrorCode.RuleViolated, 'The assignee is not one of the task’s candidates', [
          { field: 'assignee', code: 'NOT_A_CANDIDATE', message: `${assignee} is not an active member of ${task.candidateGroups.join(', ') || 'the task’s candidates'}` },
        ]);
      }
      if (task.assignee === assignee) return view(task);
      const updated = await this.reassign(manager, task, assignee);
      await this.recordAct(manager, principal, 'task.assigned', task, { assignee, previousAssignee: task.assignee });
      const events = new EventBatch();
      addTaskEvent(events, 'task.assigned', updated, task.assignee ? [task.assignee] : []);
      if (assignee !== principal.userId) {
        await this.notifications.notify(
          manager,
          {
            sourceKey: `task:${id}:assigned:${randomUUID()}`,
            kind: 'task-assigned',
            ...taskText('task-assigned', updated),
            taskId: id,
            intentionId: updated.intentionId,
            recipients: await this.accounts.recipientsOf([], [assignee], manager),
          },
          events,
        );
      }
      await events.flush(manager);
      return view(updated);
    });
  }

  /**
   * Completes the task with the form's data, only by its assignee. The data is validated
   * against the form first (422, nothing completed). Then the completion is written on the task
   * (`pending_completion`) before the engine is asked, so that once the engine has accepted,
   * the local part (state, variables, audit, events) is finished from it: here, or, if that
   * write fails, by the worker's next round. A job the engine no longer has cancels the task (409).
   */
  async complete(principal: Principal, id: string, data: Record<string, unknown>): Promise<TaskView> {
    const task = await this.visible(this.dataSource.manager, principal, id);
    this.assertOpen(task);
    if (task.assignee !== principal.userId) {
      throw new DomainError(DomainErrorCode.TaskNotAssignedToCaller, `Task ${id} is ${task.assignee ? 'assigned to someone else' : 'not assigned'}; claim it first`);
    }
    const values = await this.validated(task, data);
    const pending: PendingCompletion = { values, userId: principal.userId, actor: auditActorOf(principal) };
    const reserved = await queryRows(
      this.dataSource,
      `UPDATE task SET completing_since = now(), pending_completion = $3::jsonb
       WHERE id = $1 AND state = 'CREATED' AND assignee = $2 AND (completing_since IS NULL OR completing_since < now() - make_interval(secs => ${STALE_COMPLETION_MS / 1000}))
       RETURNING id`,
      [id, principal.userId, JSON.stringify(pending)],
    );
    if (reserved.length === 0) throw notActive(task);
    try {
      await this.zeebe.completeJob({ jobKey: task.jobKey, variables: values as never });
    } catch (error) {
      if (isNotFound(error)) {
        await this.dataSource.transaction(async (manager) => {
          const canceled = await closeTask(manager, id, 'CANCELED', null);
          const events = new EventBatch();
          if (canceled) addTaskEvent(events, 'task.canceled', canceled);
          await events.flush(manager);
        });
        throw new DomainError(DomainErrorCode.TaskNotActive, `Task ${id} no longer exists in its process (it was cancelled)`);
      }
      await this.dataSource.query(`UPDATE task SET completing_since = NULL, pending_completion = NULL WHERE id = $1`, [id]);
      throw error;
    }
    // The engine has completed the job: from here on the completion happened, as the person sees it.
    for (let attempt = 1; ; attempt++) {
      try {
        const completed = await this.dataSource.transaction((manager) => finishCompletion(manager, this.audit, id));
        if (completed) return view(completed);
        const [current] = await queryRows<TaskRow>(this.dataSource, `SELECT ${TASK_COLUMNS} FROM task t WHERE t.id = $1`, [id]);
        return view(current);
      } catch (error) {
        if (attempt >= FINISH_ATTEMPTS) {
          this.logger.error({ err: error, taskId: id, jobKey: task.jobKey }, 'the engine completed the job but the task could not be closed; the worker finishes it from its pending completion');
          return view({ ...task, state: 'COMPLETED', completedBy: principal.userId, completedAt: new Date(), variables: { ...task.variables, ...values } });
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  /** Claims, assignments and completions go to the audit log in the transaction of the act. */
  private recordAct(manager: EntityManager, principal: Principal, action: string, task: TaskRow, data: Record<string, unknown> = {}): Promise<unknown> {
    return recordTaskAct(this.audit, manager, auditActorOf(principal), action, task, data);
  }

  async comments(principal: Principal, id: string): Promise<CommentView[]> {
    await this.visible(this.dataSource.manager, principal, id);
    return this.dataSource.query(
      `SELECT c.id::text, c.task_id::text AS "taskId", c.author_id AS "authorId", u.display_name AS "authorName", c.body, c.created_at AS "createdAt"
       FROM task_comment c JOIN user_account u ON u.id = c.author_id WHERE c.task_id = $1 ORDER BY c.id`,
      [id],
    );
  }

  /** Komentář: anyone who sees the task may comment on it. */
  async addComment(principal: Principal, id: string, body: string): Promise<CommentView> {
    await this.visible(this.dataSource.manager, principal, id);
    const [comment] = await this.dataSource.query(
      `INSERT INTO task_comment (task_id, author_id, body) VALUES ($1, $2, $3)
       RETURNING id::text, task_id::text AS "taskId", author_id AS "authorId", body, created_at AS "createdAt"`,
      [id, principal.userId, body],
    );
    return { ...comment, authorName: principal.displayName };
  }

  /** The task if the caller sees it: one of its groups is theirs, they are a candidate user or the assignee (administrators: all). */
  private async visible(manager: EntityManager, principal: Principal, id: string, lock = false): Promise<TaskRow> {
    const everything = principal.role === 'administrator';
    const [task]: TaskRow[] = await manager.query(
      `SELECT ${TASK_COLUMNS} FROM task t
       WHERE t.id = $1 AND ($2 OR t.candidate_groups && $3::text[] OR $4 = ANY(t.candidate_users) OR t.assignee = $4)
       ${lock ? 'FOR UPDATE' : ''}`,
      [id, everything, candidateGroupsOf(principal), principal.userId],
    );
    if (!task) throw notFound(id);
    return task;
  }

  /** Open, and not in the middle of a completion. */
  private assertOpen(task: TaskRow): void {
    const completing = task.completingSince !== null && Date.now() - task.completingSince.getTime() < STALE_COMPLETION_MS;
    if (task.state !== 'CREATED' || completing) throw notActive(task);
  }

  private async validated(task: TaskRow, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const form = await this.models.form(task);
    if (!form) {
      if (task.formKey !== null) {
        throw new DomainError(DomainErrorCode.FormInvalid, 'The task’s form is not available', [
          { field: 'variables', code: 'FORM_UNKNOWN', message: `The form of task ${task.id} is neither deployed by the product nor in its models folder` },
        ]);
      }
      if (Object.keys(data).length > 0) {
        throw new DomainError(DomainErrorCode.FormInvalid, 'The task has no form to submit', [
          { field: 'variables', code: 'NO_FORM', message: 'A task without a form is completed without data' },
        ]);
      }
      return {};
    }
    const { values, violations } = validateSubmission(form, task.variables, data);
    if (violations.length > 0) throw new DomainError(DomainErrorCode.FormInvalid, 'The submitted data does not fit the form', violations);
    return values;
  }

  /** Changes the assignee and the access rows that follow it. */
  private async reassign(manager: EntityManager, task: TaskRow, assignee: string | null): Promise<TaskRow> {
    const [updated] = await queryRows<TaskRow>(manager, `UPDATE task t SET assignee = $2 WHERE t.id = $1 RETURNING ${TASK_COLUMNS}`, [task.id, assignee]);
    if (task.assignee && !task.candidateUsers.includes(task.assignee)) {
      await manager.query(`DELETE FROM task_access WHERE task_id = $1 AND access_key = $2`, [task.id, userKey(task.assignee)]);
    }
    if (assignee) {
      await manager.query(
        `INSERT INTO task_access (task_id, access_key, state, created_at, due_sort, priority)
         SELECT t.id, $2, t.state, t.created_at, coalesce(t.due_at, 'infinity'), t.priority FROM task t WHERE t.id = $1
         ON CONFLICT DO NOTHING`,
        [task.id, userKey(assignee)],
      );
    }
    await manager.query(`UPDATE task_access SET assigned = $2 WHERE task_id = $1`, [task.id, assignee !== null]);
    return updated;
  }
}
