import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { userKey, type Principal, type Recipient } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import { queryRows } from '@app/persistence';
import { EventBatch } from './event-log.js';
import type { NotificationKind } from './templates.js';
import { newWebhookSecret } from './webhook-signature.js';
import { checkWebhookTarget } from './webhook-target.js';

/** The channel a dispatcher is woken on when deliveries were written. */
export const OUTBOX_CHANNEL = 'outbox_message';

export interface NewNotification {
  /** The event it reports: a user is notified of it once, however often it is reported. */
  sourceKey: string;
  kind: NotificationKind;
  title: string;
  body: string;
  taskId?: string | null;
  intentionId?: string | null;
  recipients: readonly Recipient[];
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  taskId: string | null;
  intentionId: string | null;
  read: boolean;
  archived: boolean;
  createdAt: Date;
  readAt: Date | null;
  archivedAt: Date | null;
}

export type NotificationListState = 'inbox' | 'unread' | 'read' | 'archived' | 'all';

export interface Preferences {
  inApp: boolean;
  email: boolean;
  webhook: boolean;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

export interface DeliveryView {
  id: string;
  channel: string;
  userId: string;
  notificationId: string;
  recipient: string;
  state: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const DEFAULT_PREFERENCES: Preferences = { inApp: true, email: true, webhook: false, webhookUrl: null, webhookSecret: null };

/** Selected as text: an ORDER BY must name the table's `id` (qualified), or it sorts the text. */
const VIEW_COLUMNS = `id::text, kind, title, body, task_id::text AS "taskId", intention_id::text AS "intentionId", read_at IS NOT NULL AS read,
  archived_at IS NOT NULL AS archived, created_at AS "createdAt", read_at AS "readAt", archived_at AS "archivedAt"`;

/**
 * Notifications in the manner of an in-app inbox, and their deliveries: each is written with
 * its e-mail and webhook deliveries (the user's channels) in the transaction of its cause.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Notifies the recipients within the caller's transaction; the events go into `events`, flushed by the caller last. */
  async notify(manager: EntityManager, notification: NewNotification, events: EventBatch): Promise<void> {
    const recipients = [...new Map(notification.recipients.map((recipient) => [recipient.id, recipient])).values()];
    if (recipients.length === 0) return;
    const ids = recipients.map((recipient) => recipient.id);
    const preferences = await this.preferencesOf(manager, ids);
    const inserted: { id: string; userId: string; createdAt: Date }[] = await manager.query(
      `INSERT INTO user_notification (user_id, source_key, kind, title, body, task_id, intention_id, in_app)
       SELECT user_id, $2, $3, $4, $5, $6, $7, in_app FROM unnest($1::text[], $8::boolean[]) AS r(user_id, in_app)
       ON CONFLICT (user_id, source_key) DO NOTHING
       RETURNING id::text, user_id AS "userId", created_at AS "createdAt"`,
      [
        ids,
        notification.sourceKey,
        notification.kind,
        notification.title,
        notification.body,
        notification.taskId ?? null,
        notification.intentionId ?? null,
        ids.map((id) => preferences.get(id)!.inApp),
      ],
    );
    const deliveries: { key: string; channel: 'email' | 'webhook'; notificationId: string; userId: string; recipient: string; payload: Record<string, unknown> }[] = [];
    for (const row of inserted) {
      const preference = preferences.get(row.userId)!;
      const recipient = recipients.find((candidate) => candidate.id === row.userId)!;
      const link = notification.taskId ? `${this.config.publicUrl}/tasks/${notification.taskId}` : null;
      if (preference.inApp) {
        events.add({
          type: 'notification.created',
          audience: [userKey(row.userId)],
          data: { notificationId: row.id, kind: notification.kind, title: notification.title, taskId: notification.taskId ?? null, intentionId: notification.intentionId ?? null },
        });
      }
      if (preference.email && recipient.email) {
        deliveries.push({
          key: `notification:${row.id}:email`,
          channel: 'email',
          notificationId: row.id,
          userId: row.userId,
          recipient: recipient.email,
          payload: { subject: notification.title, text: link ? `${notification.body}\n\n${link}` : notification.body },
        });
      }
      if (preference.webhook && preference.webhookUrl) {
        deliveries.push({
          key: `notification:${row.id}:webhook`,
          channel: 'webhook',
          notificationId: row.id,
          userId: row.userId,
          recipient: preference.webhookUrl,
          payload: {
            type: 'notification.created',
            data: {
              id: row.id,
              userId: row.userId,
              kind: notification.kind,
              title: notification.title,
              body: notification.body,
              taskId: notification.taskId ?? null,
              intentionId: notification.intentionId ?? null,
              link,
              createdAt: row.createdAt,
            },
          },
        });
      }
    }
    if (deliveries.length > 0) {
      await manager.query(
        `INSERT INTO outbox_message (idempotency_key, channel, notification_id, user_id, recipient, payload)
         SELECT d.value ->> 'key', d.value ->> 'channel', (d.value ->> 'notificationId')::bigint, d.value ->> 'userId', d.value ->> 'recipient', d.value -> 'payload'
         FROM jsonb_array_elements($1::jsonb) AS d(value)
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [JSON.stringify(deliveries)],
      );
      await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
    }
  }

  async list(principal: Principal, filter: { state: NotificationListState; after?: string; limit: number }): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
    const conditions = ['user_id = $1', 'in_app'];
    if (filter.state === 'inbox') conditions.push('archived_at IS NULL');
    if (filter.state === 'unread') conditions.push('read_at IS NULL AND archived_at IS NULL');
    if (filter.state === 'read') conditions.push('read_at IS NOT NULL AND archived_at IS NULL');
    if (filter.state === 'archived') conditions.push('archived_at IS NOT NULL');
    const values: unknown[] = [principal.userId];
    if (filter.after) {
      values.push(filter.after);
      conditions.push(`id < $${values.length}`);
    }
    const rows: NotificationView[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM user_notification WHERE ${conditions.join(' AND ')} ORDER BY user_notification.id DESC LIMIT ${filter.limit + 1}`,
      values,
    );
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }

  async unreadCount(principal: Principal): Promise<{ unread: number }> {
    const [{ unread }] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM user_notification WHERE user_id = $1 AND in_app AND read_at IS NULL AND archived_at IS NULL`,
      [principal.userId],
    );
    return { unread };
  }

  /** Marks the given notifications (all unread ones without ids) read; others' ids are ignored. */
  async markRead(principal: Principal, ids: readonly string[] | undefined): Promise<{ updated: number; unread: number }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<{ id: string }>(
        manager,
        `UPDATE user_notification SET read_at = now()
         WHERE user_id = $1 AND in_app AND read_at IS NULL ${ids ? 'AND id = ANY($2::bigint[])' : ''}
         RETURNING id::text`,
        ids ? [principal.userId, ids] : [principal.userId],
      );
      const events = new EventBatch();
      if (rows.length > 0) events.add({ type: 'notification.updated', audience: [userKey(principal.userId)], data: { notificationIds: rows.map((row) => row.id), read: true } });
      await events.flush(manager);
      const [{ unread }] = await manager.query(
        `SELECT count(*)::int AS unread FROM user_notification WHERE user_id = $1 AND in_app AND read_at IS NULL AND archived_at IS NULL`,
        [principal.userId],
      );
      return { updated: rows.length, unread };
    });
  }

  /** Sets one notification read or unread, archived or not; another user's answers 404. */
  async update(principal: Principal, id: string, change: { read?: boolean; archived?: boolean }): Promise<NotificationView> {
    return this.dataSource.transaction(async (manager) => {
      const sets: string[] = [];
      if (change.read !== undefined) sets.push(change.read ? 'read_at = coalesce(read_at, now())' : 'read_at = NULL');
      if (change.archived !== undefined) sets.push(change.archived ? 'archived_at = coalesce(archived_at, now())' : 'archived_at = NULL');
      const [row] = await queryRows<NotificationView>(
        manager,
        `UPDATE user_notification SET ${sets.length > 0 ? sets.join(', ') : 'id = id'} WHERE id = $1 AND user_id = $2 AND in_app RETURNING ${VIEW_COLUMNS}`,
        [id, principal.userId],
      );
      if (!row) throw new DomainError(DomainErrorCode.NotFound, `Notification ${id} does not exist`);
      const events = new EventBatch();
      events.add({ type: 'notification.updated', audience: [userKey(principal.userId)], data: { notificationIds: [id], read: row.read, archived: row.archived } });
      await events.flush(manager);
      return row;
    });
  }

  async preferences(principal: Principal): Promise<Preferences> {
    return (await this.preferencesOf(this.dataSource.manager, [principal.userId])).get(principal.userId)!;
  }

  /**
   * Sets the channels; a webhook needs a URL, and gets a signing secret the first time. A new
   * URL must be one the server may call (`WEBHOOK_ALLOW_*`); delivery checks it again.
   */
  async setPreferences(principal: Principal, change: { inApp: boolean; email: boolean; webhook: boolean; webhookUrl?: string | null }): Promise<Preferences> {
    const current = await this.preferences(principal);
    const webhookUrl = change.webhookUrl === undefined ? current.webhookUrl : change.webhookUrl;
    if (change.webhook && !webhookUrl) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'The preferences are not valid', [
        { field: 'webhookUrl', code: 'WEBHOOK_URL_REQUIRED', message: 'A webhook needs a URL to deliver to' },
      ]);
    }
    const refusal = change.webhookUrl ? await checkWebhookTarget(change.webhookUrl, this.config.webhooks) : null;
    if (refusal) {
      throw new DomainError(DomainErrorCode.RuleViolated, 'The server may not call this webhook URL', [{ field: 'webhookUrl', ...refusal }]);
    }
    await this.dataSource.query(
      `INSERT INTO notification_preference (user_id, in_app, email, webhook, webhook_url, webhook_secret)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE SET in_app = $2, email = $3, webhook = $4, webhook_url = $5,
         webhook_secret = coalesce(notification_preference.webhook_secret, $6), updated_at = now()`,
      [principal.userId, change.inApp, change.email, change.webhook, webhookUrl, webhookUrl ? (current.webhookSecret ?? newWebhookSecret()) : null],
    );
    return this.preferences(principal);
  }

  /** Replaces the webhook signing secret; deliveries from now on are signed with the new one. */
  async rotateWebhookSecret(principal: Principal): Promise<Preferences> {
    const rows = await queryRows(
      this.dataSource,
      `UPDATE notification_preference SET webhook_secret = $2, updated_at = now() WHERE user_id = $1 AND webhook_url IS NOT NULL RETURNING user_id`,
      [principal.userId, newWebhookSecret()],
    );
    if (rows.length === 0) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'The preferences are not valid', [
        { field: 'webhookUrl', code: 'WEBHOOK_URL_REQUIRED', message: 'Set a webhook URL first' },
      ]);
    }
    return this.preferences(principal);
  }

  /** Deliveries by state, newest first: a user's own; an administrator's view is everyone's (dead letters). */
  async deliveries(principal: Principal, filter: { state?: string; after?: string; limit: number }): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (principal.role !== 'administrator') {
      values.push(principal.userId);
      conditions.push(`user_id = $${values.length}`);
    }
    if (filter.state) {
      values.push(filter.state);
      conditions.push(`state = $${values.length}`);
    }
    if (filter.after) {
      values.push(filter.after);
      conditions.push(`id < $${values.length}`);
    }
    const rows: DeliveryView[] = await this.dataSource.query(
      `SELECT id::text, channel, user_id AS "userId", notification_id::text AS "notificationId", recipient, state, attempts,
              next_attempt_at AS "nextAttemptAt", last_error AS "lastError", delivered_at AS "deliveredAt", created_at AS "createdAt"
       FROM outbox_message ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY outbox_message.id DESC LIMIT ${filter.limit + 1}`,
      values,
    );
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }

  /** Sends a dead letter again from its first attempt (administrators, after fixing the cause). */
  async retryDelivery(principal: Principal, id: string): Promise<DeliveryView> {
    if (principal.role !== 'administrator') throw new DomainError(DomainErrorCode.NotFound, `Delivery ${id} does not exist`);
    const rows = await queryRows(
      this.dataSource,
      `UPDATE outbox_message SET state = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL WHERE id = $1 AND state = 'dead' RETURNING id`,
      [id],
    );
    if (rows.length === 0) throw new DomainError(DomainErrorCode.NotFound, `Delivery ${id} is not a dead letter`);
    await this.dataSource.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
    const { items } = await this.deliveries(principal, { after: String(BigInt(id) + 1n), limit: 1 });
    return items[0];
  }

  private async preferencesOf(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, Preferences>> {
    const rows: (Preferences & { userId: string })[] = await manager.query(
      `SELECT user_id AS "userId", in_app AS "inApp", email, webhook, webhook_url AS "webhookUrl", webhook_secret AS "webhookSecret"
       FROM notification_preference WHERE user_id = ANY($1::text[])`,
      [userIds],
    );
    const found = new Map(rows.map(({ userId, ...preferences }) => [userId, preferences]));
    return new Map(userIds.map((id) => [id, found.get(id) ?? DEFAULT_PREFERENCES]));
  }
}
