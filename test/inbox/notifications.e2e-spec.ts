import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { TaskReminders } from '@app/inbox';
import { GroupNotificationFanout } from '@app/notifications';
import { NotificationService } from '@app/planning';
import { aKey, aStoredIntention } from '../factories/planning.js';
import type { SignedInUser } from '../support/api.js';
import { aUserTaskProcess, startInbox, type InboxTestContext } from './support.js';

interface Listed {
  id: string;
  kind: string;
  title: string;
  body: string;
  taskId: string | null;
  intentionId: string | null;
  read: boolean;
  archived: boolean;
}

describe('notifications', () => {
  let inbox: InboxTestContext;
  let official: SignedInUser;
  let colleague: SignedInUser;
  let head: SignedInUser;
  let elsewhere: SignedInUser;
  let provider: SignedInUser;

  const list = async (user: SignedInUser, query = '') => (await inbox.http().get(`/me/notifications${query}`).set(user.auth).expect(200)).body.items as Listed[];
  const unread = async (user: SignedInUser) => (await inbox.http().get('/me/notifications/unread-count').set(user.auth).expect(200)).body.unread as number;

  beforeAll(async () => {
    inbox = await startInbox();
    await inbox.deployShipped();
    await inbox.deployModel(aUserTaskProcess({ processId: 'notify-test', formId: null, dueDate: '=dueDate' }));
    official = await inbox.signIn('orp_official');
    colleague = await inbox.signIn('orp_official');
    head = await inbox.signIn('orp_head');
    elsewhere = await inbox.signIn('orp_official', { territory: { kind: 'orp', id: 'kurim' } });
    provider = await inbox.signIn('provider');
  });
  afterAll(() => inbox?.close());

  it('tells every member of the group of a new task, and nobody else', async () => {
    const id = await inbox.taskOf(await inbox.start('notify-test', { groups: ['orp:zidlochovice'], dueDate: null, intentionId: '77' }));
    for (const user of [official, colleague, head]) {
      const [latest] = await inbox.eventually(async () => {
        const items = await list(user);
        return items.length > 0 && items;
      }, 'a notification');
      expect(latest).toMatchObject({ kind: 'task-created', taskId: id, intentionId: '77', title: 'Nový úkol: Posudek člena okresního týmu', body: 'Testovací proces, záměr č. 77.', read: false });
    }
    expect(await list(elsewhere)).toEqual([]);
    expect(await list(provider)).toEqual([]);
  });

  it('keeps read, unread and archived states, marks read in bulk and counts the unread', async () => {
    for (let i = 0; i < 3; i++) await inbox.taskOf(await inbox.start('notify-test', { groups: ['orp:kurim'], dueDate: null }));
    await inbox.eventually(async () => (await list(elsewhere)).length === 3, 'three notifications');
    const [third, second, first] = await list(elsewhere);
    expect(await unread(elsewhere)).toBe(3);

    const marked = await inbox.http().post('/me/notifications/mark-read').set(elsewhere.auth).send({ ids: [first.id, second.id] }).expect(200);
    expect(marked.body).toEqual({ updated: 2, unread: 1 });
    expect((await list(elsewhere, '?state=unread')).map((item) => item.id)).toEqual([third.id]);
    expect((await list(elsewhere, '?state=read')).map((item) => item.id)).toEqual([second.id, first.id]);

    await inbox.http().patch(`/me/notifications/${first.id}`).set(elsewhere.auth).send({ read: false }).expect(200);
    const archived = await inbox.http().patch(`/me/notifications/${second.id}`).set(elsewhere.auth).send({ archived: true }).expect(200);
    expect(archived.body).toMatchObject({ id: second.id, read: true, archived: true });
    expect((await list(elsewhere)).map((item) => item.id)).toEqual([third.id, first.id]);
    expect((await list(elsewhere, '?state=archived')).map((item) => item.id)).toEqual([second.id]);
    expect((await list(elsewhere, '?state=all')).map((item) => item.id)).toEqual([third.id, second.id, first.id]);
    expect(await unread(elsewhere)).toBe(2);

    // Everything at once; another user's notification is not there to be touched.
    expect((await inbox.http().post('/me/notifications/mark-read').set(elsewhere.auth).send({}).expect(200)).body).toEqual({ updated: 2, unread: 0 });
    await inbox.http().patch(`/me/notifications/${first.id}`).set(official.auth).send({ read: true }).expect(404);
    expect((await inbox.http().post('/me/notifications/mark-read').set(official.auth).send({ ids: [third.id] }).expect(200)).body.updated).toBe(0);
  });

  it('lists newest first by number, past the tenth notification', async () => {
    for (let i = 0; i < 9; i++) await inbox.taskOf(await inbox.start('notify-test', { groups: ['orp:kurim'], dueDate: null }));
    await inbox.eventually(async () => (await list(elsewhere, '?state=all&limit=100')).length >= 12, 'twelve notifications');
    const ids = (await list(elsewhere, '?state=all&limit=100')).map((item) => BigInt(item.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    const firstPage = await inbox.http().get('/me/notifications?state=all&limit=5').set(elsewhere.auth).expect(200);
    expect(firstPage.body.items.map((item: Listed) => BigInt(item.id))).toEqual(ids.slice(0, 5));
  });

  it('pages the list and refuses malformed requests with 400, changing nothing', async () => {
    const page = await inbox.http().get('/me/notifications?state=all&limit=2').set(elsewhere.auth).expect(200);
    expect(page.body.items).toHaveLength(2);
    const next = await inbox.http().get(`/me/notifications?state=all&limit=2&after=${page.body.nextCursor}`).set(elsewhere.auth).expect(200);
    expect(next.body.items.map((item: Listed) => BigInt(item.id)).every((id: bigint) => id < BigInt(page.body.nextCursor))).toBe(true);
    const before = await unread(elsewhere);
    await inbox.http().get('/me/notifications?state=new').set(elsewhere.auth).expect(400);
    const bulk = await inbox.http().post('/me/notifications/mark-read').set(elsewhere.auth).send({ ids: ['x'] }).expect(400);
    expect(bulk.body.error.code).toBe('VALIDATION_FAILED');
    await inbox.http().patch(`/me/notifications/${page.body.items[0].id}`).set(elsewhere.auth).send({ read: 'yes' }).expect(400);
    expect(await unread(elsewhere)).toBe(before);
  });

  it('keeps channel preferences per user; in-app off keeps notifications out of the list', async () => {
    expect((await inbox.http().get('/me/notification-preferences').set(colleague.auth).expect(200)).body).toEqual({
      inApp: true,
      email: true,
      webhook: false,
      webhookUrl: null,
      webhookSecret: null,
    });
    const refused = await inbox.http().put('/me/notification-preferences').set(colleague.auth).send({ inApp: true, email: false, webhook: true }).expect(400);
    expect(refused.body.error.fields).toEqual([expect.objectContaining({ field: 'webhookUrl', code: 'WEBHOOK_URL_REQUIRED' })]);
    await inbox.http().put('/me/notification-preferences').set(colleague.auth).send({ inApp: true, email: false, webhook: true, webhookUrl: 'ftp://x' }).expect(400);
    const saved = await inbox
      .http()
      .put('/me/notification-preferences')
      .set(colleague.auth)
      .send({ inApp: false, email: false, webhook: true, webhookUrl: 'https://hooks.example.cz/inbox' })
      .expect(200);
    expect(saved.body).toMatchObject({ inApp: false, email: false, webhook: true, webhookUrl: 'https://hooks.example.cz/inbox', webhookSecret: expect.stringMatching(/^whsec_/) });
    const rotated = await inbox.http().post('/me/notification-preferences/webhook-secret').set(colleague.auth).expect(200);
    expect(rotated.body.webhookSecret).not.toBe(saved.body.webhookSecret);

    const before = (await list(colleague, '?state=all')).length;
    const id = await inbox.taskOf(await inbox.start('notify-test', { groups: ['orp:zidlochovice'], dueDate: null }));
    await inbox.eventually(async () => (await list(official)).some((item) => item.taskId === id), 'the official to be told');
    expect((await list(colleague, '?state=all')).length).toBe(before);
    // Still written, for its webhook delivery.
    const { rows } = await inbox.sql.query(`SELECT channel FROM outbox_message m JOIN user_notification n ON n.id = m.notification_id WHERE n.user_id = $1 AND n.task_id = $2`, [colleague.id, id]);
    expect(rows).toEqual([{ channel: 'webhook' }]);
  });

  it('refuses a webhook URL the server may not call with 422 on webhookUrl, writing nothing', async () => {
    const user = await inbox.signIn('orp_official');
    const preferences = () => inbox.http().get('/me/notification-preferences').set(user.auth).expect(200);
    await inbox.http().put('/me/notification-preferences').set(user.auth).send({ inApp: true, email: true, webhook: false, webhookUrl: 'https://hooks.example.cz/planovani' }).expect(200);
    const before = (await preferences()).body;
    for (const [webhookUrl, code] of [
      ['http://hooks.example.cz/planovani', 'WEBHOOK_URL_SCHEME_NOT_ALLOWED'],
      ['https://planovani:heslo@hooks.example.cz/planovani', 'WEBHOOK_URL_HAS_CREDENTIALS'],
      ['https://127.0.0.1:8443/hooks', 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED'],
      ['https://10.1.2.3/hooks', 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED'],
      ['https://169.254.169.254/latest/meta-data/', 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED'],
      ['https://[::ffff:192.168.0.1]/hooks', 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED'],
      ['https://localhost:8443/hooks', 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED'],
    ]) {
      const refused = await inbox.http().put('/me/notification-preferences').set(user.auth).send({ inApp: false, email: false, webhook: true, webhookUrl }).expect(422);
      expect(refused.body.error).toMatchObject({ code: 'RULE_VIOLATED', fields: [{ field: 'webhookUrl', code, message: expect.any(String) }] });
    }
    expect((await preferences()).body).toEqual(before);
  });

  it('fans the processes’ group notifications out to each member once, however often it runs', async () => {
    const intention = await aStoredIntention(inbox.worker.get(DataSource), 'in_district_review');
    await inbox.worker.get(NotificationService).send({
      idempotencyKey: aKey(),
      template: 'returned-to-orp',
      recipientGroups: ['orp:zidlochovice', 'provider:70888337'],
      intentionId: intention.id,
      data: { question: 'Jak bude služba financována po roce 2028?' },
    });
    await inbox.worker.get(NotificationService).send({
      idempotencyKey: aKey(),
      template: 'intention-status-changed',
      recipientGroups: ['provider:70888337'],
      intentionId: intention.id,
      data: { fromStatus: 'in_district_review', status: 'recommended_by_district', reason: null },
    });
    const fanout = inbox.worker.get(GroupNotificationFanout);
    await fanout.fanOut();
    await fanout.fanOut();
    const ofIntention = async (user: SignedInUser) => (await list(user, '?state=all')).filter((item) => item.intentionId === intention.id);
    await inbox.eventually(async () => (await ofIntention(provider)).length === 2, 'the provider to be told twice');
    expect((await ofIntention(provider)).map((item) => [item.kind, item.title])).toEqual([
      ['intention-status-changed', 'Rozhodnutí o vašem záměru: doporučen okresním týmem'],
      ['returned-to-orp', `Okresní tým vrátil záměr č. ${intention.id} s dotazem`],
    ]);
    for (const user of [official, head]) {
      expect((await ofIntention(user)).map((item) => [item.kind, item.body])).toEqual([['returned-to-orp', 'Dotaz okresního týmu: Jak bude služba financována po roce 2028?']]);
    }
    expect(await ofIntention(elsewhere)).toEqual([]);
  });

  it('reminds before the due date and tells of overdue tasks, their overseers too, once each', async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const dueSoon = await inbox.taskOf(await inbox.start('notify-test', { groups: ['orp:kurim'], dueDate: soon }));
    const overdue = await inbox.taskOf(await inbox.start('notify-test', { groups: ['orp:zidlochovice'], dueDate: past }));
    const reminders = inbox.worker.get(TaskReminders);
    await reminders.sweep();
    await reminders.sweep();
    const about = async (user: SignedInUser, taskId: string) => (await list(user, '?state=all')).filter((item) => item.taskId === taskId).map((item) => item.kind);
    expect(await about(elsewhere, dueSoon)).toEqual(['task-due-soon', 'task-created']);
    expect(await about(official, overdue)).toEqual(['task-overdue', 'task-created']);
    // The ORP head oversees the officials' work: told of the overdue task, once.
    expect(await about(head, overdue)).toEqual(['task-overdue', 'task-created']);
    expect((await list(official, '?state=all')).find((item) => item.taskId === overdue && item.kind === 'task-overdue')?.title).toBe('Úkol je po termínu: Posudek člena okresního týmu');
    const counts = await inbox.http().get('/tasks/counts').set(official.auth).expect(200);
    expect(counts.body.overdue).toBeGreaterThanOrEqual(1);
  });
});
