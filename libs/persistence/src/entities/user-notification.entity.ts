import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One user's notification of one event, in the manner of an in-app inbox. */
@Entity({ name: 'user_notification' })
export class UserNotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  /** The event it reports; the same event never notifies a user twice. */
  @Column({ name: 'source_key', type: 'text' })
  sourceKey: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'task_id', type: 'bigint', nullable: true })
  taskId: string | null;

  @Column({ name: 'intention_id', type: 'bigint', nullable: true })
  intentionId: string | null;

  /** False when the user turned the in-app channel off: kept for its deliveries, not listed. */
  @Column({ name: 'in_app', type: 'boolean' })
  inApp: boolean;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A user's channels; without a row: in-app and e-mail on, webhook off. */
@Entity({ name: 'notification_preference' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ name: 'in_app', type: 'boolean' })
  inApp: boolean;

  @Column({ type: 'boolean' })
  email: boolean;

  @Column({ type: 'boolean' })
  webhook: boolean;

  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl: string | null;

  /** The key of the HMAC-SHA256 signature of the user's webhooks (Standard Webhooks, `whsec_…`). */
  @Column({ name: 'webhook_secret', type: 'text', nullable: true })
  webhookSecret: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export type OutboxState = 'pending' | 'delivered' | 'logged' | 'dead';

/** A delivery of a notification over e-mail or a webhook, written with the notification and sent by the worker. */
@Entity({ name: 'outbox_message' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Travels with the delivery (Message-ID, webhook-id) so that a redelivery is recognised. */
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'text' })
  channel: 'email' | 'webhook';

  @Column({ name: 'notification_id', type: 'bigint' })
  notificationId: string;

  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  /** The e-mail address or the webhook URL. */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text' })
  state: OutboxState;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
