import type { EntityManager } from 'typeorm';
import { EVERYTHING, groupKey, userKey } from '@app/auth';
import type { EventBatch, InboxEventType } from '@app/notifications';
import { queryRows, type TaskState } from '@app/persistence';

/** A task row as the inbox reads it (snake_case columns renamed). */
export interface TaskRow {
  id: string;
  jobKey: string;
  name: string;
  elementId: string;
  bpmnProcessId: string;
  processName: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  intentionId: string | null;
  orpId: string | null;
  districtId: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  state: TaskState;
  priority: number;
  dueAt: Date | null;
  followUpAt: Date | null;
  formId: string | null;
  formKey: string | null;
  variables: Record<string, unknown>;
  createdAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  canceledAt: Date | null;
  completingSince: Date | null;
}

export const TASK_COLUMNS = `t.id::text, t.job_key AS "jobKey", t.name, t.element_id AS "elementId", t.bpmn_process_id AS "bpmnProcessId",
  t.process_name AS "processName", t.process_instance_key AS "processInstanceKey", t.process_definition_key AS "processDefinitionKey",
  t.intention_id::text AS "intentionId", t.orp_id AS "orpId", t.district_id AS "districtId", t.candidate_groups AS "candidateGroups",
  t.candidate_users AS "candidateUsers", t.assignee, t.state, t.priority, t.due_at AS "dueAt", t.follow_up_at AS "followUpAt",
  t.form_id AS "formId", t.form_key AS "formKey", t.variables, t.created_at AS "createdAt", t.completed_at AS "completedAt",
  t.completed_by AS "completedBy", t.canceled_at AS "canceledAt", t.completing_since AS "completingSince"`;

/** The access keys a task is found under: its groups, its candidate users and its assignee. */
export function accessKeysOfTask(task: Pick<TaskRow, 'candidateGroups' | 'candidateUsers' | 'assignee'>): string[] {
  const users = [...task.candidateUsers, ...(task.assignee ? [task.assignee] : [])];
  return [...new Set([...task.candidateGroups.map(groupKey), ...users.map(userKey)])];
}

/** An event about a task, told to everyone who sees it (administrators included) and to `alsoUsers` (a former assignee). */
export function addTaskEvent(events: EventBatch, type: InboxEventType, task: TaskRow, alsoUsers: readonly string[] = []): void {
  events.add({
    type,
    audience: [...new Set([...accessKeysOfTask(task), ...alsoUsers.map(userKey), EVERYTHING])],
    data: { taskId: task.id, name: task.name, state: task.state, assignee: task.assignee, processInstanceKey: task.processInstanceKey, intentionId: task.intentionId },
  });
}

/** Moves a task to a final state, its access rows with it; false when it was no longer open. */
export async function closeTask(manager: EntityManager, taskId: string, state: 'COMPLETED' | 'CANCELED', completedBy: string | null): Promise<TaskRow | null> {
  const [row] = await queryRows<TaskRow>(
    manager,
    `UPDATE task t SET state = $2, completing_since = NULL,
       completed_at = CASE WHEN $2 = 'COMPLETED' THEN now() END, completed_by = CASE WHEN $2 = 'COMPLETED' THEN $3 END,
       canceled_at = CASE WHEN $2 = 'CANCELED' THEN now() END
     WHERE t.id = $1 AND t.state = 'CREATED'
     RETURNING ${TASK_COLUMNS}`,
    [taskId, state, completedBy],
  );
  if (!row) return null;
  await manager.query(`UPDATE task_access SET state = $2 WHERE task_id = $1`, [taskId, state]);
  return row;
}

/** gRPC status NOT_FOUND: the job is gone (completed, or its element was terminated). */
export function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 5;
}
