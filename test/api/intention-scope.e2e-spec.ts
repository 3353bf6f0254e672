import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ACTION_PLAN_OPENERS, ROLES, type Role } from '@app/auth';
import type { IntentionContent, IntentionStatus } from '@app/domain';
import { ACTION_PLAN_PROCESS, INTENTION_SUBMISSION_PROCESS } from '@app/planning';
import { anIntentionRequest } from '../factories/intention.js';
import { aStoredIntention } from '../factories/planning.js';
import { TERRITORIES, type Place } from '../factories/user.js';
import { aJobWaiter, deploy } from '../planning/support.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

interface Case {
  role: Role;
  place: Place;
}

/** The year of the plan every official reads. */
const PLAN_YEAR = 2049;

/**
 * Intentions and Action Plans by role × inside/outside the territory of a submitted intention
 * of the provider 70888337 in ORP Židlochovice (district Brno-venkov): outside its scope an
 * intention answers 404 as if it did not exist, officials do not see drafts, only the provider
 * writes its intentions (others who see them: 403), and a refused request writes nothing.
 */
describe('intentions and Action Plans by role and territory', () => {
  let api: TestApi;
  let sql: pg.Client;
  const users = new Map<string, SignedInUser>();
  const results: string[] = [];
  // The region is one territory: its roles, the administrator and the auditor are only inside.
  const cases: Case[] = ROLES.flatMap((role) =>
    (['inside', 'outside'] as const).filter((place) => place === 'inside' || (TERRITORIES[role].outside !== null && TERRITORIES[role].outside!.kind !== 'region')).map((place) => ({ role, place })),
  );
  const userOf = ({ role, place }: Case) => users.get(`${role}/${place}`)!;
  const http = () => request(api.app.getHttpServer());
  const stored = (status: IntentionStatus, overrides: Partial<IntentionContent> = {}) => aStoredIntention(api.app.get(DataSource), status, overrides);
  const ids = (response: request.Response) => response.body.items.map((item: { id: string }) => item.id);

  /** Everything an act on intentions or plans writes: the intentions' rows, their history, the audit log, the plans. */
  async function written(): Promise<string> {
    const { rows } = await sql.query(
      `SELECT (SELECT md5(coalesce(string_agg(i::text, '|' ORDER BY i.id), '')) FROM intention i) AS intentions,
              (SELECT count(*) FROM intention_event) AS history, (SELECT count(*) FROM audit_entry) AS audit, (SELECT count(*) FROM action_plan) AS plans`,
    );
    return JSON.stringify(rows[0]);
  }

  /** Sends the request and records its status against the expected one; a refused request must have written nothing. */
  async function check(endpoint: string, c: Case, expected: number, send: () => Promise<request.Response>): Promise<request.Response> {
    const before = await written();
    const response = await send();
    const wrote = response.status >= 400 && (await written()) !== before;
    results.push(`${endpoint} ${c.role}/${c.place}: ${response.status}${response.status === expected ? '' : ` (expected ${expected})`}${wrote ? ' (refused, but wrote)' : ''}`);
    return response;
  }

  beforeAll(async () => {
    api = await startTestApi();
    sql = new pg.Client({ connectionString: api.database.url });
    await sql.connect();
    await deploy(api.engine, INTENTION_SUBMISSION_PROCESS, aJobWaiter(INTENTION_SUBMISSION_PROCESS, 'test.submission-started'));
    await deploy(api.engine, ACTION_PLAN_PROCESS, aJobWaiter(ACTION_PLAN_PROCESS, 'test.plan-started'));
    for (const c of cases) users.set(`${c.role}/${c.place}`, await api.signIn(c.role, { territory: TERRITORIES[c.role][c.place]! }));
    await http().post('/action-plans').set(userOf({ role: 'regional_officer', place: 'inside' }).auth).send({ planYear: PLAN_YEAR, budgetCeiling: 1_000_000 }).expect(201);
  });
  afterAll(async () => {
    await sql?.end();
    await api?.close();
  });

  it('answers each role inside and outside the territory as its scope says, writing nothing it refuses', async () => {
    for (const [index, c] of cases.entries()) {
      const user = userOf(c);
      const sees = c.place === 'inside';
      const seesDrafts = sees && (c.role === 'provider' || c.role === 'administrator' || c.role === 'auditor');
      const owns = sees && c.role === 'provider';
      // Who sees it and writes it succeeds; who sees it but does not write it is refused; to anyone else it does not exist.
      const act = (visible: boolean, success: number) => (!visible ? 404 : owns ? success : 403);
      const draft = await stored('draft', { planYear: 2030 });
      const submitted = await stored('submitted', { planYear: 2031 });
      const returned = await stored('returned_for_completion', { planYear: 2032 });

      await check('GET /intentions/:id (submitted)', c, sees ? 200 : 404, () => http().get(`/intentions/${submitted.id}`).set(user.auth));
      await check('GET /intentions/:id (draft)', c, seesDrafts ? 200 : 404, () => http().get(`/intentions/${draft.id}`).set(user.auth));
      const list = await check('GET /intentions', c, 200, () => http().get('/intentions?limit=100').set(user.auth));
      for (const [what, id, expected] of [['submitted', submitted.id, sees], ['draft', draft.id, seesDrafts]] as const) {
        const listed = ids(list).includes(id);
        results.push(`GET /intentions (the ${what}) ${c.role}/${c.place}: ${listed ? 'listed' : 'hidden'}${listed === expected ? '' : ' (not expected)'}`);
      }

      await check('PATCH /intentions/:id (draft)', c, act(seesDrafts, 200), () => http().patch(`/intentions/${draft.id}`).set(user.auth).send({ capacity: 20 }));
      await check('PATCH /intentions/:id (returned for completion)', c, act(sees, 200), () => http().patch(`/intentions/${returned.id}`).set(user.auth).send({ capacity: 20 }));
      await check('POST /intentions/:id/submit (submitted)', c, act(sees, 409), () => http().post(`/intentions/${submitted.id}/submit`).set(user.auth));
      await check('POST /intentions/:id/submit (draft)', c, act(seesDrafts, 200), () => http().post(`/intentions/${draft.id}/submit`).set(user.auth));
      await check('POST /intentions/:id/withdraw', c, act(sees, 202), () => http().post(`/intentions/${submitted.id}/withdraw`).set(user.auth).send({ reason: 'Zkouška oprávnění' }));
      // For 70888337: its provider creates, another provider may not write for it (422), other roles do not create intentions at all.
      await check('POST /intentions', c, c.role !== 'provider' ? 403 : owns ? 201 : 422, () => http().post('/intentions').set(user.auth).send(anIntentionRequest({ planYear: 2033 })));

      await check('GET /action-plans/:year', c, c.role === 'provider' ? 404 : 200, () => http().get(`/action-plans/${PLAN_YEAR}`).set(user.auth));
      await check('GET /action-plans/:year/export.csv', c, c.role === 'provider' ? 404 : 200, () => http().get(`/action-plans/${PLAN_YEAR}/export.csv`).set(user.auth));
      await check('POST /action-plans', c, ACTION_PLAN_OPENERS.includes(c.role) ? 201 : 403, () =>
        http().post('/action-plans').set(user.auth).send({ planYear: 2050 + index, budgetCeiling: 1_000_000 }),
      );
    }
    expect(results.filter((line) => /expected|wrote/.test(line))).toEqual([]);
    expect(results).toHaveLength(cases.length * 14);
  });

  it('answers a missing intention and one outside the scope alike', async () => {
    const hidden = await stored('submitted', { planYear: 2034, orpId: 'kurim' });
    const official = userOf({ role: 'orp_official', place: 'inside' });
    const outside = await http().get(`/intentions/${hidden.id}`).set(official.auth).expect(404);
    const missing = await http().get('/intentions/987654321').set(official.auth).expect(404);
    expect(outside.body.error).toEqual({ code: 'NOT_FOUND', message: `Intention ${hidden.id} does not exist`, requestId: expect.any(String) });
    expect(missing.body.error).toEqual({ code: 'NOT_FOUND', message: 'Intention 987654321 does not exist', requestId: expect.any(String) });
  });

  it('refuses a provider creating or changing an intention for another IČO with 422 on providerIco, writing nothing', async () => {
    const provider = userOf({ role: 'provider', place: 'inside' });
    const before = await written();
    const created = await http().post('/intentions').set(provider.auth).send(anIntentionRequest({ providerIco: '44992785', planYear: 2035 })).expect(422);
    expect(created.body.error).toMatchObject({ code: 'RULE_VIOLATED', fields: [expect.objectContaining({ field: 'providerIco', code: 'NOT_OWN_ICO', message: expect.stringContaining('70888337') })] });
    const draft = await stored('draft', { planYear: 2035 });
    const afterDraft = await written();
    expect(afterDraft).not.toBe(before);
    const patched = await http().patch(`/intentions/${draft.id}`).set(provider.auth).send({ providerIco: '44992785' }).expect(422);
    expect(patched.body.error.fields).toEqual([expect.objectContaining({ field: 'providerIco', code: 'NOT_OWN_ICO' })]);
    expect(await written()).toBe(afterDraft);
  });

  describe('GET /intentions', () => {
    /** One year of intentions: who sees which, ids in creation order. */
    const year = 2041;
    const listed = async (user: SignedInUser, query = '') => ids(await http().get(`/intentions?planYear=${year}&limit=100${query}`).set(user.auth).expect(200));
    let own: string, ownDraft: string, ownKurim: string, otherZnojmo: string, otherZidlochovice: string, ownZnojmo: string;

    beforeAll(async () => {
      own = (await stored('submitted', { planYear: year })).id;
      ownDraft = (await stored('draft', { planYear: year })).id;
      ownKurim = (await stored('in_district_review', { planYear: year, orpId: 'kurim' })).id;
      otherZnojmo = (await stored('submitted', { planYear: year, orpId: 'znojmo', providerIco: '44992785' })).id;
      otherZidlochovice = (await stored('submitted', { planYear: year, providerIco: '44992785' })).id;
      ownZnojmo = (await stored('need_declared', { planYear: year, orpId: 'znojmo' })).id;
    });

    it('lists only the caller’s scope, drafts only to their provider and the administrator, newest first', async () => {
      const user = (role: Role, place: Place = 'inside') => userOf({ role, place });
      expect(await listed(user('provider'))).toEqual([ownZnojmo, ownKurim, ownDraft, own]);
      expect(await listed(user('provider', 'outside'))).toEqual([otherZidlochovice, otherZnojmo]);
      for (const role of ['orp_official', 'orp_head'] as const) {
        expect([role, await listed(user(role))]).toEqual([role, [otherZidlochovice, own]]);
        expect([role, await listed(user(role, 'outside'))]).toEqual([role, [ownZnojmo, otherZnojmo]]);
      }
      for (const role of ['district_member', 'district_chair'] as const) {
        expect([role, await listed(user(role))]).toEqual([role, [otherZidlochovice, ownKurim, own]]);
        expect([role, await listed(user(role, 'outside'))]).toEqual([role, [ownZnojmo, otherZnojmo]]);
      }
      for (const role of ['regional_officer', 'council_secretary'] as const) {
        expect([role, await listed(user(role))]).toEqual([role, [ownZnojmo, otherZidlochovice, otherZnojmo, ownKurim, own]]);
      }
      expect(await listed(user('administrator'))).toEqual([ownZnojmo, otherZidlochovice, otherZnojmo, ownKurim, ownDraft, own]);
    });

    it('intersects the filters with the scope: a filter outside it finds nothing', async () => {
      const provider = userOf({ role: 'provider', place: 'inside' });
      const orpOfficial = userOf({ role: 'orp_official', place: 'inside' });
      const districtMember = userOf({ role: 'district_member', place: 'inside' });
      expect(await listed(provider, '&orpId=znojmo')).toEqual([ownZnojmo]);
      expect(await listed(provider, '&districtId=brno-venkov')).toEqual([ownKurim, ownDraft, own]);
      expect(await listed(provider, '&status=draft')).toEqual([ownDraft]);
      expect(await listed(orpOfficial, '&status=draft')).toEqual([]);
      expect(await listed(orpOfficial, '&orpId=znojmo')).toEqual([]);
      expect(await listed(orpOfficial, '&districtId=znojmo')).toEqual([]);
      expect(await listed(districtMember, '&orpId=kurim')).toEqual([ownKurim]);
      expect(await listed(districtMember, '&orpId=znojmo')).toEqual([]);
      expect(await listed(districtMember, '&status=submitted')).toEqual([otherZidlochovice, own]);
    });

    it('pages through the scope with the keyset cursor: full pages, each visible intention once', async () => {
      // Between the district's intentions lie a draft and Znojmo's: pages are cut in the query, not filtered afterwards.
      const districtMember = userOf({ role: 'district_member', place: 'inside' });
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await http()
          .get(`/intentions?planYear=${year}&limit=1${cursor ? `&after=${cursor}` : ''}`)
          .set(districtMember.auth)
          .expect(200);
        pages.push(ids(page));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(pages).toEqual([[otherZidlochovice], [ownKurim], [own]]);
    });
  });

  it('records the signed-in provider as the actor of its acts, in the history and in the audit log with role and territory', async () => {
    const provider = userOf({ role: 'provider', place: 'inside' });
    const admin = userOf({ role: 'administrator', place: 'inside' });
    const { id } = (await http().post('/intentions').set(provider.auth).send(anIntentionRequest({ planYear: 2036 })).expect(201)).body;
    await http().patch(`/intentions/${id}`).set(provider.auth).send({ capacity: 30 }).expect(200);
    await http().post(`/intentions/${id}/submit`).set(provider.auth).expect(200);
    const withdrawn = await http().post(`/intentions/${id}/withdraw`).set(provider.auth).send({ reason: 'Služba bude zajištěna jinak' }).expect(202);
    expect(withdrawn.body.history.map((event: { action: string; actor: string }) => [event.action, event.actor])).toEqual([
      ['created', provider.id],
      ['updated', provider.id],
      ['submitted', provider.id],
      ['withdrawal-requested', provider.id],
    ]);

    const audit = await http().get('/audit').query({ intentionId: id }).set(admin.auth).expect(200);
    const entries = [...audit.body.items].reverse();
    expect(entries.map((entry) => [entry.action, entry.entityType, entry.entityId, entry.actorId, entry.actorRole, entry.actorTerritory])).toEqual(
      ['created', 'updated', 'submitted', 'withdrawal-requested'].map((action) => [`intention.${action}`, 'intention', id, provider.id, 'provider', 'provider:70888337']),
    );
    expect(entries[0].data).toMatchObject({ fromStatus: null, toStatus: 'draft', providerIco: '70888337', capacity: 24 });
    expect(entries[1].data).toMatchObject({ fromStatus: 'draft', toStatus: 'draft', capacity: 30 });
    expect(entries[2].data).toMatchObject({ fromStatus: 'draft', toStatus: 'submitted', processInstanceKey: expect.stringMatching(/^\d+$/) });
    expect(entries[3]).toMatchObject({ reason: 'Služba bude zajištěna jinak', data: { fromStatus: 'submitted', toStatus: 'submitted' } });
    expect(entries.map((entry) => entry.data.intentionEventId)).toEqual(withdrawn.body.history.map((event: { id: string }) => event.id));
    expect((await http().get('/audit/verify').set(admin.auth).expect(200)).body).toMatchObject({ valid: true });
  });
});
