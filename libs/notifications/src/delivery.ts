import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '@app/config';
import { signWebhook } from './webhook-signature.js';

export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  channel: 'email' | 'webhook';
  userId: string;
  recipient: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** How a delivery ended: sent, only kept (no SMTP configured), or failed with a reason. */
export type DeliveryOutcome = { state: 'delivered' | 'logged' } | { state: 'failed'; error: string };

/** A delivery that took longer is abandoned and retried; the dispatcher's lease must outlast it. */
export const DELIVERY_TIMEOUT_MS = 20_000;

/** Sends e-mails over SMTP (`SMTP_URL`); without it, e-mails are only kept in the outbox table. */
export class EmailSender {
  private readonly transport: Transporter | null;

  constructor(private readonly config: Pick<AppConfig, 'smtpUrl' | 'smtpFrom'>) {
    this.transport = config.smtpUrl ? nodemailer.createTransport(smtpOptions(config.smtpUrl)) : null;
  }

  async send(message: OutboxMessage): Promise<DeliveryOutcome> {
    if (!this.transport) return { state: 'logged' };
    const { subject, text } = message.payload as { subject: string; text: string };
    try {
      // The Message-ID is the idempotency key: a redelivery after a crash is the same message.
      await this.transport.sendMail({
        from: this.config.smtpFrom,
        to: message.recipient,
        subject,
        text,
        messageId: `<${message.idempotencyKey.replace(/:/g, '.')}@planovani-socialnich-sluzeb>`,
        headers: { 'X-Idempotency-Key': message.idempotencyKey },
      });
      return { state: 'delivered' };
    } catch (error) {
      return { state: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  }

  close(): void {
    this.transport?.close();
  }
}

/** SMTP settings from `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://` (TLS from the start). */
function smtpOptions(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    connectionTimeout: DELIVERY_TIMEOUT_MS / 2,
    greetingTimeout: DELIVERY_TIMEOUT_MS / 2,
    socketTimeout: DELIVERY_TIMEOUT_MS,
  };
}

/**
 * Posts webhooks signed as the Standard Webhooks specification says (`webhook-id` = the
 * idempotency key, `webhook-timestamp`, `webhook-signature` HMAC-SHA256); any 2xx is delivered.
 */
export class WebhookSender {
  async send(message: OutboxMessage, secret: string | null): Promise<DeliveryOutcome> {
    if (!secret) return { state: 'failed', error: 'the user has no webhook secret' };
    const body = JSON.stringify({ ...message.payload, timestamp: new Date().toISOString() });
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(message.recipient, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': message.idempotencyKey,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, message.idempotencyKey, timestamp, body),
          'user-agent': 'planovani-socialnich-sluzeb-webhooks',
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await response.body?.cancel();
      return response.ok ? { state: 'delivered' } : { state: 'failed', error: `HTTP ${response.status}` };
    } catch (error) {
      return { state: 'failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }
}
