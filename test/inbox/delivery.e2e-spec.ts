import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { verifyWebhook } from '@app/notifications';
import { startTestApi, TEST_JWT_SECRET, type SignedInUser, type TestApi } from '../support/api.js';
import { startTestSmtpServer, startTestWebhookReceiver, type TestSmtpServer, type TestWebhookReceiver } from '../support/receivers.js';
import { aUserTaskProcess } from './support.js';

/**
 * E-mail and webhook deliveries through the outbox, sent by the real worker process (the
 * build output, as `npm start` runs it), which the tests kill and start again.
 */
describe('delivery of notifications', () => {
  let api: TestApi;
  let smtp: TestSmtpServer;
  let hooks: TestWebhookReceiver;
  let worker: ChildProcess | undefined;
  let mailUser: SignedInUser;
  let hookUser: SignedInUser;
  let admin: SignedInUser;
  let group = 0;

  /** `env` overrides the worker's environment; by default its webhooks may go to the receivers on loopback over http:. */
  function startWorker(env: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env: {
        ...process.env,
        DATABASE_URL: api.database.url,
        ZEEBE_GRPC_ADDRESS: api.engine.address,
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Plánování <noreply@jmk.test>',
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'silent',
        OUTBOX_RETRY_BASE_MS: '100',
        OUTBOX_MAX_ATTEMPTS: '3',
        OUTBOX_LEASE_MS: '1000',
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        ...env,
      },
      stdio: 'ignore',
    });
    worker = child;
    return child;
  }

  async function kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** A new task for the user's ORP (each test's user has an ORP of its own, so only they are told). */
  async function aTaskFor(user: SignedInUser): Promise<void> {
    await api.engine.zeebe.createProcessInstance({ bpmnProcessId: 'delivery-test', variables: { groups: [`orp:${user.spec.territory.id}`] } });
  }

  const query = (text: string, values: unknown[] = []): Promise<unknown[]> => api.app.get(DataSource).query(text, values);

  const deliveries = async (channel: string, userId: string) =>
    (await query(
      `SELECT id::text, state, attempts, idempotency_key AS key, last_error AS "lastError" FROM outbox_message WHERE channel = $1 AND user_id = $2 ORDER BY id`,
      [channel, userId],
    )) as { id: string; state: string; attempts: number; key: string; lastError: string | null }[];

  const http = () => request(api.app.getHttpServer());

  const ORPS = ['blansko', 'boskovice', 'ivancice', 'rosice', 'tisnov', 'breclav', 'mikulov'];

  beforeAll(async () => {
    // The receivers listen on loopback: this installation lets webhooks go there (as an intranet one would).
    api = await startTestApi({ webhooks: { allowHttp: true, allowPrivateNetworks: true } });
    smtp = await startTestSmtpServer();
    hooks = await startTestWebhookReceiver();
    await api.engine.zeebe.deployResource({ process: Buffer.from(aUserTaskProcess({ processId: 'delivery-test', formId: null })), name: 'delivery-test.bpmn' });
    mailUser = await api.signIn('orp_official', { territory: { kind: 'orp', id: ORPS[group++] }, email: 'jana.dvorakova@zidlochovice.test' });
    hookUser = await api.signIn('orp_official', { territory: { kind: 'orp', id: ORPS[group++] } });
    admin = await api.signIn('administrator');
    await http().put('/me/notification-preferences').set(hookUser.auth).send({ inApp: true, email: false, webhook: true, webhookUrl: hooks.url }).expect(200);
  });
  afterEach(async () => {
    smtp.release();
    if (worker) await kill(worker);
    worker = undefined;
  });
  afterAll(async () => {
    await hooks?.close();
    await smtp?.close();
    await api?.close();
  });

  it('sends an e-mail over SMTP with the idempotency key as its Message-ID', async () => {
    startWorker();
    await aTaskFor(mailUser);
    const [delivery] = await until(async () => {
      const rows = await deliveries('email', mailUser.id);
      return rows.length === 1 && rows[0].state === 'delivered' && rows;
    }, 'the e-mail to be delivered');
    const mail = smtp.accepted.find((candidate) => candidate.to === 'jana.dvorakova@zidlochovice.test')!;
    expect(mail.raw).toMatch(/^From: .*noreply@jmk\.test/m);
    expect(mail.raw).toContain(`${delivery.key.replace(/:/g, '.')}@planovani-socialnich-sluzeb`);
    expect(mail.raw).toMatch(/X-Idempotency-Key: notification:\d+:email/);
    expect(delivery.attempts).toBe(1);
  });

  it('signs webhooks with HMAC-SHA256, retries with backoff and delivers with the same id', async () => {
    hooks.respond = (_webhook, attempt) => (attempt < 3 ? 503 : 204);
    startWorker();
    await aTaskFor(hookUser);
    const [delivery] = await until(async () => {
      const rows = await deliveries('webhook', hookUser.id);
      return rows.length === 1 && rows[0].state === 'delivered' && rows;
    }, 'the webhook to be delivered');
    expect(delivery.attempts).toBe(3);
    const attempts = hooks.received.filter((webhook) => webhook.id === delivery.key);
    expect(attempts).toHaveLength(3);
    const { webhookSecret } = (await http().get('/me/notification-preferences').set(hookUser.auth).expect(200)).body;
    for (const webhook of attempts) {
      expect(verifyWebhook(webhookSecret, webhook.id, webhook.timestamp, webhook.body, webhook.signature)).toBe(true);
      expect(verifyWebhook(webhookSecret, webhook.id, webhook.timestamp, webhook.body.replace('task-created', 'task-assigned'), webhook.signature)).toBe(false);
    }
    expect(JSON.parse(attempts[0].body)).toMatchObject({ type: 'notification.created', data: { userId: hookUser.id, kind: 'task-created', title: expect.stringMatching(/^Nový úkol: /) } });
  });

  it('dead-letters a delivery after the last attempt, visible to its user and administrators, and sends it again on request', async () => {
    hooks.respond = () => 500;
    startWorker();
    await aTaskFor(hookUser);
    const dead = await until(async () => (await deliveries('webhook', hookUser.id)).find((row) => row.state === 'dead'), 'a dead letter');
    expect(dead).toMatchObject({ attempts: 3, lastError: 'HTTP 500' });
    const mine = await http().get('/notifications/deliveries?state=dead').set(hookUser.auth).expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([dead.id]);
    const everyone = await http().get('/notifications/deliveries?state=dead').set(admin.auth).expect(200);
    expect(everyone.body.items.map((item: { id: string }) => item.id)).toContain(dead.id);
    expect((await http().get('/notifications/deliveries?state=dead').set(mailUser.auth).expect(200)).body.items).toEqual([]);
    // A user may not resend; an administrator may, after fixing the receiver.
    await http().post(`/notifications/deliveries/${dead.id}/retry`).set(hookUser.auth).expect(404);
    hooks.respond = () => 200;
    await http().post(`/notifications/deliveries/${dead.id}/retry`).set(admin.auth).expect(200);
    await until(async () => (await deliveries('webhook', hookUser.id)).find((row) => row.id === dead.id && row.state === 'delivered'), 'the resent delivery');
  });

  it('delivers each e-mail once per event even when the worker is killed in the middle of sending it', async () => {
    const user = await api.signIn('orp_official', { territory: { kind: 'orp', id: ORPS[group++] }, email: 'restart@zidlochovice.test' });
    const held = smtp.holdNext();
    const first = startWorker();
    await aTaskFor(user);
    // The SMTP server has the whole message but has not said 250 yet: the worker dies here.
    const mail = await held;
    await kill(first);
    await smtp.heldClientGone();
    smtp.release();
    expect(smtp.accepted.filter((candidate) => candidate.messageId === mail.messageId)).toHaveLength(0);

    startWorker();
    const [delivery] = await until(async () => {
      const rows = await deliveries('email', user.id);
      return rows.length === 1 && rows[0].state === 'delivered' && rows;
    }, 'the e-mail to be delivered after the restart');
    expect(delivery.attempts).toBe(2);
    // Sent twice over the wire, with one Message-ID; accepted once.
    expect(smtp.received.filter((candidate) => candidate.messageId === mail.messageId)).toHaveLength(2);
    expect(smtp.accepted.filter((candidate) => candidate.to === 'restart@zidlochovice.test').map((candidate) => candidate.messageId)).toEqual([mail.messageId]);
    // One notification, one delivery: the restarted worker did not notify again.
    expect(await query(`SELECT count(*)::int AS n FROM user_notification WHERE user_id = $1`, [user.id])).toEqual([{ n: 1 }]);
  });

  it('refuses a webhook whose host resolves to a loopback address at delivery, without retrying, when private networks are not allowed', async () => {
    const user = await api.signIn('orp_official', { territory: { kind: 'orp', id: ORPS[group++] } });
    // Saved while the installation allowed it (or before the name was re-pointed): the delivery checks again.
    const target = hooks.url.replace('127.0.0.1', 'localhost');
    await http().put('/me/notification-preferences').set(user.auth).send({ inApp: true, email: false, webhook: true, webhookUrl: target }).expect(200);
    startWorker({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
    await aTaskFor(user);
    const [delivery] = await until(async () => {
      const rows = await deliveries('webhook', user.id);
      return rows.length === 1 && rows[0].state === 'dead' && rows;
    }, 'the refused delivery to be dead-lettered');
    expect(delivery).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/) });
    expect(hooks.received.filter((webhook) => webhook.id === delivery.key)).toEqual([]);
  });

  it('recognises a webhook delivered just before the worker was killed by its id', async () => {
    const user = await api.signIn('orp_official', { territory: { kind: 'orp', id: ORPS[group++] } });
    await http().put('/me/notification-preferences').set(user.auth).send({ inApp: true, email: false, webhook: true, webhookUrl: hooks.url }).expect(200);
    const processed = new Set<string>();
    let killed!: () => void;
    const dead = new Promise<void>((resolve) => (killed = resolve));
    hooks.respond = async (webhook, attempt) => {
      processed.add(webhook.id);
      // The receiver has processed it; its answer comes after the worker is gone.
      if (attempt === 1) await dead;
      return 200;
    };
    const first = startWorker();
    await aTaskFor(user);
    const key = await until(async () => hooks.received.find((webhook) => JSON.parse(webhook.body).data.userId === user.id)?.id, 'the first delivery');
    await kill(first);
    killed();
    startWorker();
    await until(async () => (await deliveries('webhook', user.id)).find((row) => row.state === 'delivered'), 'the webhook to be delivered after the restart');
    const sent = hooks.received.filter((webhook) => webhook.id === key);
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((webhook) => JSON.parse(webhook.body).data.id)).size).toBe(1);
    expect([...processed].filter((id) => id === key)).toHaveLength(1);
  });
});
