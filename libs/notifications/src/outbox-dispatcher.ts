import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { queryRows } from '@app/persistence';
import { DELIVERY_TIMEOUT_MS, EmailSender, WebhookSender, type DeliveryOutcome, type OutboxMessage } from './delivery.js';
import { OUTBOX_CHANNEL } from './notifications.service.js';

const BATCH = 20;
/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 3_600_000;

/** The delay before attempt `attempts + 1`: the base, doubled with every failed attempt. */
export function backoffMs(baseMs: number, attempts: number): number {
  return Math.min(baseMs * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
}

/**
 * Sends the outbox: takes due messages under a lease (so that a crashed dispatcher's work is
 * taken over when the lease ends), delivers them, and records the outcome: delivered, retried
 * with backoff, or dead-lettered after the last attempt. Each message carries its idempotency
 * key, so a message delivered just before a crash and sent again is recognised as the same.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly email: EmailSender;
  private readonly webhooks: WebhookSender;
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.email = new EmailSender(config);
    this.webhooks = new WebhookSender(config.webhooks);
    if (config.outbox.leaseMs <= DELIVERY_TIMEOUT_MS) {
      this.logger.warn(`OUTBOX_LEASE_MS (${config.outbox.leaseMs}) is shorter than a delivery may take (${DELIVERY_TIMEOUT_MS} ms): a slow delivery may be sent twice`);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), Math.min(this.config.outbox.retryBaseMs, 1_000));
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
    this.email.close();
  }

  /** Delivers whatever is due now; concurrent wakes coalesce into one more round. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => this.logger.error({ err: error }, 'outbox round failed'))
      .finally(() => {
        this.draining = undefined;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const batch = await queryRows<OutboxMessage>(
        this.dataSource,
        `UPDATE outbox_message SET locked_until = now() + make_interval(secs => $1::double precision / 1000), attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM outbox_message
           WHERE state = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
           ORDER BY next_attempt_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING id::text, idempotency_key AS "idempotencyKey", channel, user_id AS "userId", recipient, payload, attempts`,
        [this.config.outbox.leaseMs],
      );
      if (batch.length === 0) return;
      await Promise.all(batch.map((message) => this.deliver(message)));
    }
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const outcome = await this.send(message);
    // The attempt number guards against a dispatcher whose lease ran out recording over its successor.
    if (outcome.state !== 'failed' && outcome.state !== 'refused') {
      await this.dataSource.query(
        `UPDATE outbox_message SET state = $3, delivered_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1 AND attempts = $2`,
        [message.id, message.attempts, outcome.state],
      );
      return;
    }
    // A refused target stays refused however often it is tried.
    const dead = outcome.state === 'refused' || message.attempts >= this.config.outbox.maxAttempts;
    this.logger.warn({ deliveryId: message.id, channel: message.channel, attempts: message.attempts, dead }, `delivery failed: ${outcome.error}`);
    await this.dataSource.query(
      `UPDATE outbox_message SET state = $3, last_error = $4, locked_until = NULL,
         next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
       WHERE id = $1 AND attempts = $2`,
      [message.id, message.attempts, dead ? 'dead' : 'pending', outcome.error.slice(0, 2000), backoffMs(this.config.outbox.retryBaseMs, message.attempts)],
    );
  }

  private async send(message: OutboxMessage): Promise<DeliveryOutcome> {
    if (message.channel === 'email') return this.email.send(message);
    const [preference] = await this.dataSource.query(`SELECT webhook_secret AS secret FROM notification_preference WHERE user_id = $1`, [message.userId]);
    return this.webhooks.send(message, preference?.secret ?? null);
  }

  private async listen(): Promise<void> {
    if (this.stopped || !this.config.databaseUrl) return;
    const client = new pg.Client({ connectionString: this.config.databaseUrl, application_name: 'planovani-outbox' });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'the outbox listener lost its connection; reconnecting');
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), 1_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }
}
