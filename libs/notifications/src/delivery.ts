import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig, WebhookConfig } from '@app/config';
import { signWebhook } from './webhook-signature.js';
import { checkWebhookUrl, webhookLookup, WebhookTargetRefused } from './webhook-target.js';

export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  channel: 'email' | 'webhook';
  userId: string;
  recipient: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * How a delivery ended: sent, only kept (no SMTP configured), failed with a reason (tried
 * again), or refused because its target may not be called (never tried again).
 */
export type DeliveryOutcome = { state: 'delivered' | 'logged' } | { state: 'failed' | 'refused'; error: string };

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
 * The target is checked again here (`WEBHOOK_ALLOW_*`): the URL, and every address its host
 * resolves to in the connection's own lookup, so a name re-pointed at an internal address after
 * it was saved (DNS rebinding) is refused. Redirects are not followed.
 */
export class WebhookSender {
  constructor(private readonly policy: WebhookConfig) {}

  async send(message: OutboxMessage, secret: string | null): Promise<DeliveryOutcome> {
    const refusal = checkWebhookUrl(message.recipient, this.policy);
    if (refusal) return { state: 'refused', error: refusal.message };
    if (!secret) return { state: 'failed', error: 'the user has no webhook secret' };
    const body = JSON.stringify({ ...message.payload, timestamp: new Date().toISOString() });
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const status = await this.post(new URL(message.recipient), body, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'webhook-id': message.idempotencyKey,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret, message.idempotencyKey, timestamp, body),
        'user-agent': 'planovani-socialnich-sluzeb-webhooks',
      });
      return status >= 200 && status < 300 ? { state: 'delivered' } : { state: 'failed', error: `HTTP ${status}` };
    } catch (error) {
      if (error instanceof WebhookTargetRefused) return { state: 'refused', error: error.message };
      return { state: 'failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  /** The response's status; its body is not read. */
  private post(url: URL, body: string, headers: OutgoingHttpHeaders): Promise<number> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(url, { method: 'POST', headers, lookup: webhookLookup(this.policy), signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) }, (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      });
      request.on('error', reject);
      request.end(body);
    });
  }
}
