import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountsService, type Recipient } from '@app/auth';
import { PeriodicRound } from '@app/config';
import { EventBatch, NotificationsService, taskText } from '@app/notifications';
import { TASK_COLUMNS, type TaskRow } from './task-records.js';

/** How long before its due date a task's people are reminded. */
const REMINDER_LEAD = '2 days';
const SWEEP_MS = 60_000;
const BATCH = 100;

/** The group that oversees a candidate group: the ORP head over its officials, the chair over the district team. */
function overseersOf(group: string): string | null {
  const match = /^(orp|district):([a-z0-9-]+)$/.exec(group);
  if (!match) return null;
  return `${match[1] === 'orp' ? 'orp-head' : 'district-chair'}:${match[2]}`;
}

/**
 * Reminds of open tasks before their due date, and tells of overdue ones (the overseers of
 * the task's groups too: an escalation in the inbox); each once per task.
 */
@Injectable()
export class TaskReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly rounds = new PeriodicRound(() => this.sweep(), new Logger('TaskReminders'), 'reminder round failed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.start(SWEEP_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.rounds.stop();
  }

  /**
   * Sends the reminders and overdue notices that are due; returns how many tasks it notified about.
   * `at` is the time to judge the due dates by (the database's now by default); tests that move
   * the engine's clock pass the moved time, as due dates computed by the engine follow that clock.
   */
  async sweep(at?: Date): Promise<number> {
    return (await this.round('task-due-soon', at ?? null)) + (await this.round('task-overdue', at ?? null));
  }

  private async round(kind: 'task-due-soon' | 'task-overdue', at: Date | null): Promise<number> {
    const column = kind === 'task-due-soon' ? 'reminded_at' : 'overdue_notified_at';
    const now = `coalesce($1::timestamptz, now())`;
    const window = kind === 'task-due-soon' ? `t.due_at > ${now} AND t.due_at <= ${now} + interval '${REMINDER_LEAD}'` : `t.due_at <= ${now}`;
    return this.dataSource.transaction(async (manager) => {
      const tasks: TaskRow[] = await manager.query(
        `SELECT ${TASK_COLUMNS} FROM task t
         WHERE t.state = 'CREATED' AND t.due_at IS NOT NULL AND ${window} AND t.${column} IS NULL
         ORDER BY t.due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [at],
      );
      const events = new EventBatch();
      for (const task of tasks) {
        await this.notifications.notify(
          manager,
          { sourceKey: `task:${task.id}:${kind}`, kind, ...taskText(kind, task), taskId: task.id, intentionId: task.intentionId, recipients: await this.recipients(manager, task, kind) },
          events,
        );
      }
      if (tasks.length > 0) await manager.query(`UPDATE task SET ${column} = now() WHERE id = ANY($1::bigint[])`, [tasks.map((task) => task.id)]);
      await events.flush(manager);
      return tasks.length;
    });
  }

  private async recipients(manager: EntityManager, task: TaskRow, kind: 'task-due-soon' | 'task-overdue'): Promise<Recipient[]> {
    const people = task.assignee
      ? await this.accounts.recipientsOf([], [task.assignee], manager)
      : await this.accounts.recipientsOf(task.candidateGroups, task.candidateUsers, manager);
    if (kind === 'task-due-soon') return people;
    const overseers = task.candidateGroups.map(overseersOf).filter((group): group is string => group !== null);
    return [...people, ...(await this.accounts.recipientsOf(overseers, [], manager))];
  }
}
