import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { LOCAL_ISSUER, signHs256 } from '@app/auth';
import { TEST_JWT_SECRET, type SignedInUser } from '../support/api.js';
import { openEventStream, type ServerSentEvent, type SseConnection } from '../support/sse.js';
import { aUserTaskProcess, startInbox, type InboxTestContext } from './support.js';

describe('GET /me/events (server-sent events)', () => {
  let inbox: InboxTestContext;
  let base: string;
  let member: SignedInUser;
  let colleague: SignedInUser;
  let stranger: SignedInUser;
  let admin: SignedInUser;
  const open: SseConnection[] = [];

  async function connect(user: SignedInUser, headers: Record<string, string> = {}): Promise<SseConnection> {
    const connection = await openEventStream(`${base}/me/events`, { ...user.auth, ...headers });
    open.push(connection);
    return connection;
  }

  const aTask = async (group: string) => inbox.taskOf(await inbox.start('events-test', { groups: [group] }));
  const summary = (events: ServerSentEvent[]) => events.map((event) => `${event.event}:${String(event.data.taskId ?? '')}`);

  beforeAll(async () => {
    inbox = await startInbox();
    await inbox.api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(inbox.api.app.getHttpServer().address() as AddressInfo).port}`;
    await inbox.deployShipped();
    await inbox.deployModel(aUserTaskProcess({ processId: 'events-test' }));
    member = await inbox.signIn('district_member');
    colleague = await inbox.signIn('district_member');
    stranger = await inbox.signIn('district_member', { territory: { kind: 'district', id: 'znojmo' } });
    admin = await inbox.signIn('administrator');
  });
  afterEach(() => {
    for (const connection of open.splice(0)) connection.close();
  });
  afterAll(() => inbox?.close());

  it('streams the tasks of my groups as they are created, assigned and completed, and my notifications', async () => {
    const mine = await connect(member);
    const theirs = await connect(stranger);
    const everything = await connect(admin);
    expect(mine.status).toBe(200);
    const id = await aTask('district:brno-venkov');
    await mine.waitFor(2);
    expect(summary(mine.events).sort()).toEqual([`notification.created:${id}`, `task.created:${id}`]);
    await inbox.http().post(`/tasks/${id}/claim`).set(member.auth).expect(200);
    await inbox
      .http()
      .post(`/tasks/${id}/complete`)
      .set(member.auth)
      .send({ variables: { scoreNeed: 4, scoreAvailability: 4, scoreCost: 4, scoreQuality: 4, scoreInterconnection: 4, opinionComment: 'Souhlasíme se záměrem.' } })
      .expect(200);
    await mine.waitFor(4);
    expect(summary(mine.events.slice(2))).toEqual([`task.assigned:${id}`, `task.completed:${id}`]);
    expect(mine.events[2].data).toMatchObject({ taskId: id, assignee: member.id, state: 'CREATED' });
    const ids = mine.events.map((event) => BigInt(event.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    // Someone of another district hears nothing of it; an administrator hears of every task.
    await everything.waitFor(3);
    expect(summary(everything.events)).toEqual([`task.created:${id}`, `task.assigned:${id}`, `task.completed:${id}`]);
    expect(theirs.events).toEqual([]);
  });

  it('resumes after Last-Event-ID with exactly what was missed, then goes on live', async () => {
    const first = await connect(member);
    const seen = await aTask('district:brno-venkov');
    await first.waitFor(2);
    const lastEventId = first.events[first.events.length - 1].id;
    first.close();

    // While the member is away: a task of theirs is created and claimed by a colleague; another district gets one.
    const missed = await aTask('district:brno-venkov');
    await aTask('district:znojmo');
    await inbox.http().post(`/tasks/${missed}/claim`).set(colleague.auth).expect(200);

    const again = await connect(member, { 'Last-Event-ID': lastEventId });
    await again.waitFor(3);
    expect(summary(again.events).sort()).toEqual([`notification.created:${missed}`, `task.assigned:${missed}`, `task.created:${missed}`].sort());
    expect(again.events.every((event) => BigInt(event.id) > BigInt(lastEventId))).toBe(true);
    expect(summary(again.events)).not.toContain(`task.created:${seen}`);

    const live = await aTask('district:brno-venkov');
    await again.waitFor(5);
    expect(summary(again.events.slice(3)).sort()).toEqual([`notification.created:${live}`, `task.created:${live}`]);
    expect(new Set(again.events.map((event) => event.id)).size).toBe(again.events.length);
  });

  it('sends every event in id order past id 9 and 99 (ids are compared as numbers)', async () => {
    const stream = await connect(member);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await aTask('district:brno-venkov'));
    await stream.waitFor(12);
    const received = stream.events.map((event) => BigInt(event.id));
    expect(received).toEqual([...received].sort((a, b) => (a < b ? -1 : 1)));
    expect(stream.events.filter((event) => event.event === 'task.created').map((event) => event.data.taskId)).toEqual(ids);
    const again = await connect(member, { 'Last-Event-ID': '0' });
    await again.waitFor(12);
    const replayed = again.events.map((event) => BigInt(event.id));
    expect(replayed).toEqual([...replayed].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('ends the stream when the token expires; a fresh token resumes after the last event', async () => {
    const now = Math.floor(Date.now() / 1000);
    const shortLived = signHs256(
      { iss: LOCAL_ISSUER, sub: member.id, name: 'Člen týmu', role: 'district_member', territory: 'district:brno-venkov', iat: now, exp: now + 2 },
      TEST_JWT_SECRET,
    );
    const started = Date.now();
    const response = await fetch(`${base}/me/events`, { headers: { authorization: `Bearer ${shortLived}` } });
    expect(response.status).toBe(200);
    await response.text();
    expect(Date.now() - started).toBeGreaterThan(900);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('takes the token from the query for EventSource, and refuses a missing token or a bad Last-Event-ID', async () => {
    const viaQuery = await openEventStream(`${base}/me/events?access_token=${member.accessToken}`);
    open.push(viaQuery);
    expect(viaQuery.status).toBe(200);
    expect((await openEventStream(`${base}/me/events`)).status).toBe(401);
    expect((await openEventStream(`${base}/me/events?access_token=garbage`)).status).toBe(401);
    const bad = await fetch(`${base}/me/events`, { headers: { ...member.auth, 'Last-Event-ID': 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { code: string }[] } }).error.fields[0].code).toBe('INVALID_EVENT_ID');
    // The query token is for the event stream only.
    expect((await fetch(`${base}/tasks/counts?access_token=${member.accessToken}`)).status).toBe(401);
  });
});
