import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountsService } from '@app/auth';
import { EventBatch, NotificationsService, taskText } from '@app/notifications';
import { queryRows } from '@app/persistence';
import { addTaskEvent, closeTask, type TaskRow } from './task-records.js';

/**
 * Ends the open inbox tasks of an intention whose work stopped (a withdrawal), in the
 * transaction of the act that stops it: they leave every inbox, search and count at once, the
 * live inboxes are told, and each assignee gets a notification with the reason. The engine
 * terminates the jobs when its process takes the withdrawal; a lease renewal then finds the
 * tasks closed already.
 */
@Injectable()
export class TaskCancellation {
  constructor(
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Returns the tasks it cancelled. */
  async cancelOpenTasksOfIntention(manager: EntityManager, intentionId: string, reason: string | null): Promise<TaskRow[]> {
    const open = await queryRows<{ id: string }>(manager, `SELECT id::text FROM task WHERE intention_id = $1 AND state = 'CREATED' ORDER BY id FOR UPDATE`, [intentionId]);
    const events = new EventBatch();
    const canceled: TaskRow[] = [];
    for (const { id } of open) {
      const task = await closeTask(manager, id, 'CANCELED', null);
      if (!task) continue;
      canceled.push(task);
      addTaskEvent(events, 'task.canceled', task);
      if (task.assignee) {
        const text = taskText('task-canceled', task);
        await this.notifications.notify(
          manager,
          {
            sourceKey: `task:${id}:canceled`,
            kind: 'task-canceled',
            title: text.title,
            body: reason ? `${text.body} Důvod: ${reason}` : text.body,
            taskId: id,
            intentionId,
            recipients: await this.accounts.recipientsOf([], [task.assignee], manager),
          },
          events,
        );
      }
    }
    await events.flush(manager);
    return canceled;
  }
}
