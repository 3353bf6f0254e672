import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountsService } from '@app/auth';
import { PeriodicRound } from '@app/config';
import { EventBatch } from './event-log.js';
import { NotificationsService } from './notifications.service.js';
import { groupNotificationText } from './templates.js';

interface GroupNotificationRow {
  id: string;
  idempotencyKey: string;
  recipientGroup: string;
  template: string;
  intentionId: string | null;
  data: Record<string, unknown>;
}

const POLL_MS = 500;
const BATCH = 100;
/**
 * How far below the highest fanned-out id the next round still looks: a notification whose
 * transaction commits after this many later ones were handled would be missed.
 */
const LATE_COMMIT_WINDOW = 10_000;

/**
 * Turns the group notifications the processes write (`notification`: reminders, escalations,
 * questions, decisions for providers) into notifications of each member of the group, once.
 */
@Injectable()
export class GroupNotificationFanout implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly rounds = new PeriodicRound(() => this.fanOut(), new Logger('GroupNotifications'), 'fan-out round failed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.start(POLL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.rounds.stop();
  }

  /** Handles the group notifications not handled yet; returns how many. */
  async fanOut(): Promise<number> {
    const rows: GroupNotificationRow[] = await this.dataSource.query(
      `SELECT n.id::text, n.idempotency_key AS "idempotencyKey", n.recipient_group AS "recipientGroup", n.template,
              n.intention_id::text AS "intentionId", n.data
       FROM notification n
       WHERE n.id > (SELECT coalesce(max(notification_id), 0) - ${LATE_COMMIT_WINDOW} FROM notification_fanout)
         AND NOT EXISTS (SELECT 1 FROM notification_fanout f WHERE f.notification_id = n.id)
       ORDER BY n.id LIMIT ${BATCH}`,
    );
    for (const row of rows) await this.handle(row);
    return rows.length;
  }

  private async handle(row: GroupNotificationRow): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Whoever marks it first fans it out; another worker waits here and then skips it.
      const claimed = await manager.query(`INSERT INTO notification_fanout (notification_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING notification_id`, [row.id]);
      if (claimed.length === 0) return;
      const text = groupNotificationText(row.template, row.intentionId, row.data);
      const events = new EventBatch();
      await this.notifications.notify(
        manager,
        {
          // One cause may address several groups; a user in more than one is told once.
          sourceKey: `notify:${row.idempotencyKey}`,
          kind: text.kind,
          title: text.title,
          body: text.body,
          intentionId: row.intentionId,
          recipients: await this.accounts.recipientsOf([row.recipientGroup], [], manager),
        },
        events,
      );
      await events.flush(manager);
    });
  }
}
