import type { EntityManager } from 'typeorm';
import type { AuditActor, AuditLog } from '@app/audit';
import { EventBatch } from '@app/notifications';
import { addTaskEvent, closeTask, TASK_COLUMNS, type TaskRow } from './task-records.js';

/**
 * A completion the inbox sends to the engine, written on the task (`pending_completion`) before
 * the engine is asked: whatever happens after the engine accepts, the local part can be finished
 * from it, by the request itself or by the worker's next round (`TaskLeases.finishPending`).
 */
export interface PendingCompletion {
  values: Record<string, unknown>;
  userId: string;
  actor: AuditActor;
}

/**
 * An official's act on a task, in the audit log within the act's transaction, naming the task, its
 * process and instance, and the intention or territory it is about (a process an administrator
 * modelled may have no intention: its instance and the task's ORP say what it was about).
 */
export function recordTaskAct(audit: AuditLog, manager: EntityManager, actor: AuditActor, action: string, task: TaskRow, data: Record<string, unknown> = {}): Promise<unknown> {
  return audit.record(
    {
      ...actor,
      action,
      entityType: 'task',
      entityId: task.id,
      data: {
        name: task.name,
        taskDefinitionId: task.elementId,
        processName: task.processName,
        bpmnProcessId: task.bpmnProcessId,
        processInstanceKey: task.processInstanceKey,
        intentionId: task.intentionId,
        orpId: task.orpId,
        districtId: task.districtId,
        ...data,
      },
    },
    manager,
  );
}

/**
 * The local part of a completion the engine has accepted, in one transaction: the task closed as
 * completed by its user, the submitted values kept with it, the act audited and told to the live
 * inboxes. Null when the task has no pending completion or is no longer open (finished already).
 */
export async function finishCompletion(manager: EntityManager, audit: AuditLog, taskId: string): Promise<TaskRow | null> {
  const [task]: (TaskRow & { pending: PendingCompletion | null })[] = await manager.query(
    `SELECT ${TASK_COLUMNS}, t.pending_completion AS pending FROM task t WHERE t.id = $1 AND t.state = 'CREATED' FOR UPDATE`,
    [taskId],
  );
  if (!task?.pending) return null;
  const { values, userId, actor } = task.pending;
  const completed = await closeTask(manager, taskId, 'COMPLETED', userId);
  if (!completed) return null;
  await manager.query(`UPDATE task SET variables = variables || $2::jsonb, pending_completion = NULL WHERE id = $1`, [taskId, JSON.stringify(values)]);
  await recordTaskAct(audit, manager, actor, 'task.completed', task, { formId: task.formId, variables: values });
  const events = new EventBatch();
  addTaskEvent(events, 'task.completed', completed);
  await events.flush(manager);
  return { ...completed, variables: { ...completed.variables, ...values } };
}
