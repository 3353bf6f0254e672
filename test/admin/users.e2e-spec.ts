import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { AccountsService, isRole, ROLES } from '@app/auth';
import { DistrictReviewService } from '@app/planning';
import { aUser, TEST_PASSWORD } from '../factories/user.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

describe('user administration API', () => {
  let api: TestApi;
  let sql: pg.Client;
  let admin: SignedInUser;
  const http = () => request(api.app.getHttpServer());

  /** A new account through the API, as an administrator makes it; the body the factories give, with overrides. */
  const create = (overrides: Record<string, unknown> = {}) => {
    const { login, password, displayName, email, role, territory } = aUser(isRole(overrides.role) ? overrides.role : 'district_member', typeof overrides.login === 'string' ? { login: overrides.login } : {});
    return http()
      .post('/admin/users')
      .set(admin.auth)
      .send({ login, password, displayName, email, role, territory: `${territory.kind}:${territory.id}`, ...overrides });
  };
  const signIn = async (login: string, password = TEST_PASSWORD) => {
    const response = await http().post('/auth/sign-in').send({ login, password }).expect(200);
    return { auth: { Authorization: `Bearer ${response.body.accessToken}` }, refreshToken: response.body.refreshToken as string };
  };
  const team = (districtId: string) => api.app.get(DistrictReviewService).loadTeam(districtId);
  const auditOf = async (userId: string) => (await http().get(`/audit?limit=200`).set(admin.auth).expect(200)).body.items.filter((entry: { entityType: string; entityId: string }) => entry.entityType === 'user' && entry.entityId === userId);
  /** Everything a refused request could have written: accounts (every column), audit entries, teams, revoked sign-ins. */
  const snapshot = async () =>
    (
      await sql.query(`
        SELECT (SELECT md5(coalesce(string_agg(u::text, '|' ORDER BY id), '')) FROM user_account u) AS accounts,
               (SELECT count(*)::int FROM audit_entry) AS audit,
               (SELECT coalesce(string_agg(m::text, '|' ORDER BY district_id, user_id), '') FROM district_team_member m) AS teams,
               (SELECT count(*)::int FROM refresh_token WHERE revoked_at IS NOT NULL) AS revoked`)
    ).rows[0];

  beforeAll(async () => {
    api = await startTestApi();
    sql = new pg.Client({ connectionString: api.database.url });
    await sql.connect();
    admin = await api.signIn('administrator');
  });
  afterAll(async () => {
    await sql?.end();
    await api?.close();
  });

  it('creates a local account that signs in, joins its district team and is audited as user.created without its password', async () => {
    const created = await create({ login: 'okres.novy-clen', displayName: 'Petra Nová', email: 'petra.nova@brno-venkov.cz', reason: 'Nová členka okresního týmu' }).expect(201);
    expect(created.body).toEqual({
      id: 'okres.novy-clen',
      login: 'okres.novy-clen',
      displayName: 'Petra Nová',
      email: 'petra.nova@brno-venkov.cz',
      role: 'district_member',
      territory: 'district:brno-venkov',
      source: 'local',
      disabled: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await http().get('/admin/users/okres.novy-clen').set(admin.auth).expect(200)).body).toEqual(created.body);
    const user = await signIn('okres.novy-clen');
    expect((await http().get('/me').set(user.auth).expect(200)).body).toMatchObject({ role: 'district_member', territory: 'district:brno-venkov' });
    expect(await team('brno-venkov')).toEqual(['okres.novy-clen']);

    const [entry] = await auditOf('okres.novy-clen');
    expect(entry).toMatchObject({
      actorId: admin.id,
      actorRole: 'administrator',
      actorTerritory: 'region:jmk',
      action: 'user.created',
      reason: 'Nová členka okresního týmu',
      data: { login: 'okres.novy-clen', displayName: 'Petra Nová', email: 'petra.nova@brno-venkov.cz', role: 'district_member', territory: 'district:brno-venkov', source: 'local' },
    });
    expect(JSON.stringify(entry)).not.toMatch(new RegExp(`${TEST_PASSWORD}|argon2`));
  });

  it('lists accounts by role, territory and a part of login or name, in keyset pages', async () => {
    for (const [login, displayName] of [
      ['orp.blansko', 'Karel Dvořák (ORP Blansko)'],
      ['orp.boskovice', 'Karla Malá (ORP Boskovice)'],
      ['orp.blansko2', 'Jan Veselý (ORP Blansko)'],
    ]) {
      await create({ login, displayName, role: 'orp_official', territory: login.startsWith('orp.blansko') ? 'orp:blansko' : 'orp:boskovice' }).expect(201);
    }
    const ids = (response: request.Response) => response.body.items.map((user: { id: string }) => user.id);
    expect(ids(await http().get('/admin/users?role=orp_official').set(admin.auth).expect(200))).toEqual(['orp.blansko', 'orp.blansko2', 'orp.boskovice']);
    expect(ids(await http().get('/admin/users?territory=orp:blansko').set(admin.auth).expect(200))).toEqual(['orp.blansko', 'orp.blansko2']);
    expect(ids(await http().get('/admin/users?q=KARL').set(admin.auth).expect(200))).toEqual(['orp.boskovice']);
    expect(ids(await http().get('/admin/users?q=BLANSKO&role=orp_official').set(admin.auth).expect(200))).toEqual(['orp.blansko', 'orp.blansko2']);
    expect(ids(await http().get('/admin/users?q=%25').set(admin.auth).expect(200))).toEqual([]);
    const first = await http().get('/admin/users?role=orp_official&limit=2').set(admin.auth).expect(200);
    expect(first.body.nextCursor).toBe('orp.blansko2');
    const rest = await http().get(`/admin/users?role=orp_official&limit=2&after=${first.body.nextCursor}`).set(admin.auth).expect(200);
    expect(rest.body).toMatchObject({ items: [expect.objectContaining({ id: 'orp.boskovice' })], nextCursor: null });
    expect((await http().get('/admin/users?role=king&limit=0&colour=red').set(admin.auth).expect(400)).body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['colour', 'limit', 'role']);
    await http().get('/admin/users/nobody-here').set(admin.auth).expect(404);
  });

  it('changes a role with a reason: audited with who, before and after; the old token answers 401 at once and its sign-in ends; the team follows', async () => {
    await create({ login: 'okres.prestupujici' }).expect(201);
    const user = await signIn('okres.prestupujici');
    expect(await team('brno-venkov')).toContain('okres.prestupujici');

    const changed = await http().patch('/admin/users/okres.prestupujici').set(admin.auth).send({ role: 'regional_officer', territory: 'region:jmk', reason: 'Přechod na odbor sociálních věcí kraje' }).expect(200);
    expect(changed.body).toMatchObject({ role: 'regional_officer', territory: 'region:jmk' });
    expect((await http().get('/me').set(user.auth).expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    await http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    const again = await signIn('okres.prestupujici');
    expect((await http().get('/me').set(again.auth).expect(200)).body).toMatchObject({ role: 'regional_officer', territory: 'region:jmk' });
    expect(await team('brno-venkov')).not.toContain('okres.prestupujici');

    // Back to a district, as its chair.
    await http().patch('/admin/users/okres.prestupujici').set(admin.auth).send({ role: 'district_chair', territory: 'district:znojmo', reason: 'Předsedkyně týmu Znojmo' }).expect(200);
    expect((await sql.query(`SELECT district_id, role FROM district_team_member WHERE user_id = 'okres.prestupujici'`)).rows).toEqual([{ district_id: 'znojmo', role: 'chair' }]);

    expect((await auditOf('okres.prestupujici')).slice(0, 2)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        actorRole: 'administrator',
        actorTerritory: 'region:jmk',
        action: 'user.role-changed',
        reason: 'Předsedkyně týmu Znojmo',
        data: { before: { role: 'regional_officer', territory: 'region:jmk' }, after: { role: 'district_chair', territory: 'district:znojmo' } },
      }),
      expect.objectContaining({
        action: 'user.role-changed',
        reason: 'Přechod na odbor sociálních věcí kraje',
        data: { before: { role: 'district_member', territory: 'district:brno-venkov' }, after: { role: 'regional_officer', territory: 'region:jmk' } },
      }),
    ]);
  });

  it('takes an administrator’s role away at their next request with the old token', async () => {
    const other = await api.signIn('administrator');
    await http().get('/admin/users').set(other.auth).expect(200);
    await http().patch(`/admin/users/${other.id}`).set(admin.auth).send({ role: 'auditor', reason: 'Jen kontrola' }).expect(200);
    await http().get('/admin/users').set(other.auth).expect(401);
    const auditor = await signIn(other.id);
    await http().get('/admin/users').set(auditor.auth).expect(404);
    await http().get('/audit').set(auditor.auth).expect(200);
  });

  it('disables a user (401 with their token, no sign-in, out of the team) and enables them again, each audited; updates name and e-mail as user.updated', async () => {
    await create({ login: 'okres.nemocny' }).expect(201);
    const user = await signIn('okres.nemocny');
    await http().patch('/admin/users/okres.nemocny').set(admin.auth).send({ disabled: true, reason: 'Dlouhodobá nemoc' }).expect(200);
    await http().get('/tasks/counts').set(user.auth).expect(401);
    await http().post('/auth/sign-in').send({ login: 'okres.nemocny', password: TEST_PASSWORD }).expect(401);
    expect(await team('brno-venkov')).not.toContain('okres.nemocny');

    await http().patch('/admin/users/okres.nemocny').set(admin.auth).send({ disabled: false, displayName: 'Jiří Nemocný', email: null, reason: 'Návrat' }).expect(200);
    await http().get('/tasks/counts').set(user.auth).expect(401);
    await signIn('okres.nemocny');
    expect(await team('brno-venkov')).toContain('okres.nemocny');
    expect((await auditOf('okres.nemocny')).map((entry: { action: string; reason: string }) => [entry.action, entry.reason])).toEqual([
      ['user.updated', 'Návrat'],
      ['user.enabled', 'Návrat'],
      ['user.disabled', 'Dlouhodobá nemoc'],
      ['user.created', null],
    ]);
    const [updated] = await auditOf('okres.nemocny');
    expect(updated.data).toEqual({ before: { displayName: 'Test district_member', email: 'okres.nemocny@test.invalid' }, after: { displayName: 'Jiří Nemocný', email: null } });
  });

  it('disables an OIDC account but leaves its role to the identity provider (409)', async () => {
    await api.app.get(AccountsService).provisionOidcUser({ userId: 'jana.oidc', displayName: 'Jana z IdP', role: 'orp_official', territory: { kind: 'orp', id: 'kurim' } }, null);
    const before = await snapshot();
    const refused = await http().patch('/admin/users/jana.oidc').set(admin.auth).send({ role: 'orp_head', reason: 'povýšení' }).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'ACCOUNT_FROM_IDENTITY_PROVIDER', message: expect.stringContaining('identity provider'), fields: [expect.objectContaining({ field: 'role' }), expect.objectContaining({ field: 'territory' })] });
    expect(await snapshot()).toEqual(before);
    const disabled = await http().patch('/admin/users/jana.oidc').set(admin.auth).send({ disabled: true, reason: 'Odchod z úřadu' }).expect(200);
    expect(disabled.body).toMatchObject({ source: 'oidc', role: 'orp_official', disabled: true });
  });

  it('refuses bad input (400), broken rules (422), a taken login and an OIDC role (409) and writes nothing', async () => {
    await create({ login: 'okres.predseda', role: 'district_chair' }).expect(201);
    await create({ login: 'okres.clen-a' }).expect(201);
    const before = await snapshot();
    const cases: [string, request.Test, number, string, string[]][] = [
      ['malformed account', create({ login: 'Velká Písmena', role: 'king', territory: 'orp', password: 'krátké', displayName: '   ', email: 'bez zavináče', colour: 'red' }), 400, 'VALIDATION_FAILED', ['colour', 'displayName', 'email', 'login', 'password', 'role', 'territory']],
      ['territory of another kind', create({ role: 'orp_official', territory: 'district:znojmo' }), 422, 'RULE_VIOLATED', ['territory']],
      ['unknown territory', create({ role: 'orp_official', territory: 'orp:atlantida' }), 422, 'RULE_VIOLATED', ['territory']],
      ['second chair of a team', create({ role: 'district_chair' }), 422, 'RULE_VIOLATED', ['role']],
      ['taken login', create({ login: 'okres.clen-a' }), 409, 'ACCOUNT_EXISTS', ['login']],
      ['taken by an OIDC user', create({ login: 'jana.oidc', role: 'orp_official', territory: 'orp:kurim' }), 409, 'ACCOUNT_EXISTS', ['login']],
      ['change without reason', http().patch('/admin/users/okres.clen-a').set(admin.auth).send({ disabled: true }), 400, 'VALIDATION_FAILED', ['reason']],
      ['change of nothing', http().patch('/admin/users/okres.clen-a').set(admin.auth).send({ reason: 'nic' }), 400, 'VALIDATION_FAILED', ['body']],
      ['null role', http().patch('/admin/users/okres.clen-a').set(admin.auth).send({ role: null, reason: 'x' }), 400, 'VALIDATION_FAILED', ['role']],
      ['role without its territory', http().patch('/admin/users/okres.clen-a').set(admin.auth).send({ role: 'orp_official', reason: 'x' }), 422, 'RULE_VIOLATED', ['territory']],
      ['second chair by a change', http().patch('/admin/users/okres.clen-a').set(admin.auth).send({ role: 'district_chair', reason: 'x' }), 422, 'RULE_VIOLATED', ['role']],
      ['disabling oneself', http().patch(`/admin/users/${admin.id}`).set(admin.auth).send({ disabled: true, reason: 'x' }), 422, 'RULE_VIOLATED', ['disabled']],
      ['giving up one’s own role', http().patch(`/admin/users/${admin.id}`).set(admin.auth).send({ role: 'auditor', reason: 'x' }), 422, 'RULE_VIOLATED', ['role']],
      ['an OIDC account’s name', http().patch('/admin/users/jana.oidc').set(admin.auth).send({ displayName: 'Jana Jiná', reason: 'x' }), 409, 'ACCOUNT_FROM_IDENTITY_PROVIDER', ['displayName']],
      ['an unknown user', http().patch('/admin/users/nobody-here').set(admin.auth).send({ disabled: true, reason: 'x' }), 404, 'NOT_FOUND', []],
    ];
    for (const [name, call, status, code, fields] of cases) {
      const response = await call;
      const outcome = [name, response.status, response.body.error?.code, (response.body.error?.fields ?? []).map((field: { field: string }) => field.field).sort()];
      expect(outcome).toEqual([name, status, code, fields]);
    }
    const chair = await http().patch('/admin/users/okres.clen-a').set(admin.auth).send({ role: 'district_chair', reason: 'x' });
    expect(chair.body.error.fields[0]).toMatchObject({ code: 'DISTRICT_HAS_CHAIR', message: expect.stringContaining('okres.predseda') });
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 on every /admin/users route to every other role, the auditor included, who reads the audit log and gets 404 on the rest of /admin', async () => {
    for (const role of ROLES.filter((candidate) => candidate !== 'administrator')) {
      const user = await api.signIn(role);
      await http().get('/admin/users').set(user.auth).expect(404);
      await http().get(`/admin/users/${admin.id}`).set(user.auth).expect(404);
      await create({ login: `x.${role.replace(/_/g, '-')}` }).set(user.auth).expect(404);
      await http().patch(`/admin/users/${user.id}`).set(user.auth).send({ role: 'administrator', reason: 'x' }).expect(404);
      if (role === 'auditor') {
        await http().get('/audit?action=user.role-changed').set(user.auth).expect(200);
        await http().get('/audit/verify').set(user.auth).expect(200);
        for (const path of ['/admin/processes', '/admin/instances', '/admin/incidents']) await http().get(path).set(user.auth).expect(404);
      }
    }
    expect((await sql.query(`SELECT count(*)::int AS n FROM user_account WHERE id LIKE 'x.%'`)).rows[0].n).toBe(0);
  });

  it('keeps the audit chain valid', async () => {
    const { count } = (await sql.query(`SELECT count(*)::int AS count FROM audit_entry`)).rows[0];
    expect((await http().get('/audit/verify').set(admin.auth).expect(200)).body).toEqual({ valid: true, checked: count });
  });
});
