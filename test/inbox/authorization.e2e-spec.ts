import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@app/auth';
import { TERRITORIES, type Place } from '../factories/user.js';
import type { SignedInUser } from '../support/api.js';
import { aUserTaskProcess, startInbox, type InboxTestContext } from './support.js';

/** The candidate group of each role's own work in the tasks' territory; an administrator's is anyone's, an auditor has none (a task of its region). */
const OWN_GROUP: Record<Role, string> = {
  provider: 'provider:70888337',
  orp_official: 'orp:zidlochovice',
  orp_head: 'orp-head:zidlochovice',
  district_member: 'district:brno-venkov',
  district_chair: 'district-chair:brno-venkov',
  regional_officer: 'region:jmk:social-dept',
  council_secretary: 'region:jmk:council-secretary',
  administrator: 'orp:zidlochovice',
  auditor: 'region:jmk:social-dept',
};
/** For the region's roles, "outside" means a task of the other department. */
const OTHER_DEPARTMENT: Partial<Record<Role, string>> = {
  regional_officer: 'region:jmk:council-secretary',
  council_secretary: 'region:jmk:social-dept',
};

const ROLES = Object.keys(TERRITORIES) as Role[];
const MANAGERS: readonly Role[] = ['orp_head', 'district_chair', 'administrator'];
/** Roles that take no part in the processes: every task is outside their reach. */
const WITHOUT_TASKS: readonly Role[] = ['auditor'];

interface Case {
  role: Role;
  place: Place;
}

describe('authorization matrix: every endpoint × role × inside/outside the territory', () => {
  let inbox: InboxTestContext;
  const users = new Map<string, SignedInUser>();
  const results: string[] = [];
  const cases: Case[] = ROLES.flatMap((role) => (['inside', 'outside'] as const).filter((place) => TERRITORIES[role][place] !== null).map((place) => ({ role, place })));
  const userOf = ({ role, place }: Case) => users.get(`${role}/${place}`)!;

  /** A fresh open task of the role's own group (inside), or of the group the outside user would need. */
  async function aTaskFor({ role }: Case): Promise<string> {
    return inbox.taskOf(await inbox.start('matrix-test', { groups: [OWN_GROUP[role]] }));
  }

  function record(endpoint: string, c: Case, actual: number, expected: number): void {
    results.push(`${endpoint} ${c.role}/${c.place}: ${actual}${actual === expected ? '' : ` (expected ${expected})`}`);
  }

  beforeAll(async () => {
    inbox = await startInbox();
    await inbox.deployModel(aUserTaskProcess({ processId: 'matrix-test', formId: null }));
    for (const c of cases) {
      const territory = TERRITORIES[c.role][c.place]!;
      users.set(`${c.role}/${c.place}`, await inbox.signIn(c.role, { territory }));
    }
  });
  afterAll(() => inbox?.close());

  it('guards every endpoint of the OpenAPI document: 401 without a token, except sign-in (local and through the OIDC provider), refresh, sign-out and health', async () => {
    const document = (await inbox.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const open = new Set([
      'post /auth/sign-in',
      'post /auth/refresh',
      'post /auth/sign-out',
      'post /auth/session',
      'post /auth/session/sign-out',
      // The web sign-in through an OIDC provider: its options, the redirect to the provider (404 unless configured) and the callback.
      'get /auth/session/options',
      'get /auth/session/oidc',
      'get /auth/session/oidc/callback',
      'get /health',
    ]);
    // The web session's refresh is public too, but without its cookie it answers 401 like the rest.
    const checked: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) {
        const url = path.replace(/\{[^}]+\}/g, (name) => (/year/i.test(name) ? '2028' : '1'));
        const response = await (inbox.http() as unknown as Record<string, (url: string) => { send(body: object): Promise<{ status: number }> }>)[method](url).send({});
        checked.push(`${method} ${path}`);
        if (open.has(`${method} ${path}`)) expect(response.status).not.toBe(401);
        else expect([`${method} ${path}`, response.status]).toEqual([`${method} ${path}`, 401]);
      }
    }
    // The inbox's own and the rest of the product's endpoints are all there.
    expect(checked).toEqual(expect.arrayContaining(['post /tasks/search', 'post /tasks/{id}/complete', 'get /me/events', 'get /me/notifications', 'get /intentions', 'post /intentions']));
    expect(checked.length).toBeGreaterThan(30);
  });

  it('lets each role see and act on its territory’s tasks and answers 404 outside it', async () => {
    for (const c of cases) {
      const user = userOf(c);
      const inside = c.place === 'inside' && !WITHOUT_TASKS.includes(c.role);
      // Outside: a task of the same role's group in the tasks' territory (or the other department's work).
      const id = inside ? await aTaskFor(c) : await inbox.taskOf(await inbox.start('matrix-test', { groups: [OTHER_DEPARTMENT[c.role] ?? OWN_GROUP[c.role]] }));
      const expectHidden = (status: number) => (inside ? status : 404);
      const http = inbox.http;

      const get = await http().get(`/tasks/${id}`).set(user.auth);
      record('GET /tasks/:id', c, get.status, expectHidden(200));

      const search = await http().post('/tasks/search').set(user.auth).send({ state: 'CREATED', pageSize: 100 });
      const found = search.body.items.some((task: { id: string }) => task.id === id);
      record('POST /tasks/search (lists it)', c, found ? 200 : 404, expectHidden(200));

      const counted = await http().get('/tasks/counts').set(user.auth);
      record('GET /tasks/counts', c, counted.status, 200);

      const comments = await http().get(`/tasks/${id}/comments`).set(user.auth);
      record('GET /tasks/:id/comments', c, comments.status, expectHidden(200));
      const comment = await http().post(`/tasks/${id}/comments`).set(user.auth).send({ body: 'Komentář' });
      record('POST /tasks/:id/comments', c, comment.status, expectHidden(201));

      // Administrators see everything but are nobody's candidate: they assign, they do not claim.
      const claim = await http().post(`/tasks/${id}/claim`).set(user.auth);
      record('POST /tasks/:id/claim', c, claim.status, expectHidden(c.role === 'administrator' ? 403 : 200));

      const unclaim = await http().post(`/tasks/${id}/unclaim`).set(user.auth);
      record('POST /tasks/:id/unclaim', c, unclaim.status, expectHidden(200));

      // Only chairs, heads and administrators assign; themselves, when they are candidates, or a candidate they name.
      const candidate = c.role === 'administrator' ? userOf({ role: 'orp_official', place: 'inside' }).id : user.id;
      const assign = await http().post(`/tasks/${id}/assign`).set(user.auth).send({ assignee: candidate });
      record('POST /tasks/:id/assign', c, assign.status, expectHidden(MANAGERS.includes(c.role) ? 200 : 403));

      if (c.role !== 'administrator' && !MANAGERS.includes(c.role)) await http().post(`/tasks/${id}/claim`).set(user.auth);
      const complete = await http().post(`/tasks/${id}/complete`).set(user.auth).send({});
      record('POST /tasks/:id/complete', c, complete.status, expectHidden(c.role === 'administrator' ? 409 : 200));
    }
    const unexpected = results.filter((line) => line.includes('expected'));
    expect(unexpected).toEqual([]);
    expect(results).toHaveLength(cases.length * 9);
  });

  it('keeps every user’s notifications, preferences and deliveries their own', async () => {
    const owner = userOf({ role: 'orp_official', place: 'inside' });
    const { body } = await inbox.http().get('/me/notifications?state=all').set(owner.auth).expect(200);
    const notification = body.items[0].id as string;
    for (const c of cases.filter((candidate) => userOf(candidate) !== owner)) {
      const user = userOf(c);
      const patched = await inbox.http().patch(`/me/notifications/${notification}`).set(user.auth).send({ read: true });
      record('PATCH /me/notifications/:id (another’s)', c, patched.status, 404);
      const marked = await inbox.http().post('/me/notifications/mark-read').set(user.auth).send({ ids: [notification] });
      record('POST /me/notifications/mark-read (another’s)', c, marked.body.updated === 0 ? 404 : 200, 404);
      const deliveries = await inbox.http().get('/notifications/deliveries').set(user.auth);
      const others = deliveries.body.items.filter((delivery: { userId: string }) => delivery.userId !== user.id);
      record('GET /notifications/deliveries (others’)', c, others.length > 0 ? 200 : 404, c.role === 'administrator' ? 200 : 404);
      const retry = await inbox.http().post('/notifications/deliveries/1/retry').set(user.auth);
      record('POST /notifications/deliveries/:id/retry', c, retry.status, 404);
      for (const path of ['/me', '/me/notifications', '/me/notifications/unread-count', '/me/notification-preferences']) {
        const own = await inbox.http().get(path).set(user.auth);
        record(`GET ${path}`, c, own.status, 200);
      }
    }
    const { rows } = await inbox.sql.query(`SELECT read_at FROM user_notification WHERE id = $1`, [notification]);
    expect(rows).toEqual([{ read_at: null }]);
    expect(results.filter((line) => line.includes('expected'))).toEqual([]);
  });
});
