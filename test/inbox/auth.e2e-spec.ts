import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { LOCAL_ISSUER, OidcVerifier } from '@app/auth';
import type { OidcConfig } from '@app/config';
import { aUser } from '../factories/user.js';
import { startTestApi, TEST_JWT_SECRET, type TestApi } from '../support/api.js';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';

/** An HS256 token with our issuer, signed with the given key. */
function localToken(claims: Record<string, unknown>, secret = TEST_JWT_SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const now = Math.floor(Date.now() / 1000);
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(
    JSON.stringify({ iss: LOCAL_ISSUER, sub: 'someone', name: 'Someone', role: 'orp_official', territory: 'orp:zidlochovice', iat: now, exp: now + 60, ...claims }),
  ).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function oidcConfig(issuer: string): OidcConfig {
  return { issuer, audience: 'planovani', userClaim: 'preferred_username', nameClaim: 'name', emailClaim: 'email', roleClaim: 'realm_access.roles', territoryClaim: 'territory', client: null };
}

describe('sign-in and the guard', () => {
  let api: TestApi;
  let oidc: TestOidcProvider;
  let sql: pg.Client;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    oidc = await startTestOidcProvider();
    api = await startTestApi({ auth: { jwtSecret: TEST_JWT_SECRET, accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 3600, oidc: oidcConfig(oidc.issuer) } });
    sql = new pg.Client({ connectionString: api.database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await api.close();
    await oidc.close();
  });

  describe('local accounts', () => {
    it('signs in with login and password and answers /me with role and territory', async () => {
      const user = await api.signIn('district_chair', { displayName: 'Hana Veselá' });
      const me = await http().get('/me').set(user.auth).expect(200);
      expect(me.body).toEqual({ id: user.id, displayName: 'Hana Veselá', role: 'district_chair', territory: 'district:brno-venkov' });
      const [{ hash }] = (await sql.query(`SELECT password_hash AS hash FROM user_account WHERE id = $1`, [user.id])).rows;
      expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    });

    it('refuses a wrong password and an unknown login alike, with 401', async () => {
      const spec = aUser('orp_official');
      await api.signIn('orp_official', spec);
      const wrong = await http().post('/auth/sign-in').send({ login: spec.login, password: 'not-the-password' }).expect(401);
      const unknown = await http().post('/auth/sign-in').send({ login: 'nobody-here', password: 'whatever1' }).expect(401);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body.error).toEqual({ ...wrong.body.error, requestId: unknown.body.error.requestId });
      expect(wrong.headers['www-authenticate']).toBe('Bearer');
    });

    it('answers 400 for a malformed sign-in, writing nothing', async () => {
      const before = (await sql.query(`SELECT count(*)::int AS n FROM refresh_token`)).rows[0].n;
      const response = await http().post('/auth/sign-in').send({ login: 42, password: 'x', extra: true }).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['extra', 'login']);
      expect((await sql.query(`SELECT count(*)::int AS n FROM refresh_token`)).rows[0].n).toBe(before);
    });

    it('refuses a disabled account', async () => {
      const spec = aUser('orp_official');
      await api.signIn('orp_official', spec);
      await sql.query(`UPDATE user_account SET disabled = true WHERE id = $1`, [spec.login]);
      await http().post('/auth/sign-in').send({ login: spec.login, password: spec.password }).expect(401);
    });

    it('rotates refresh tokens; a used one, presented again, revokes the whole sign-in', async () => {
      const user = await api.signIn('regional_officer');
      const first = await http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      expect(first.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: user.id, role: 'regional_officer', territory: 'region:jmk' } });
      await http().get('/me').set({ Authorization: `Bearer ${first.body.accessToken}` }).expect(200);
      // The first refresh token is spent; replaying it is treated as theft.
      await http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      await http().post('/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    });

    it('signs out: the refresh token stops working', async () => {
      const user = await api.signIn('council_secretary');
      await http().post('/auth/sign-out').send({ refreshToken: user.refreshToken }).expect(204);
      const response = await http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      expect(response.body.error.code).toBe('INVALID_CREDENTIALS');
    });

    it('refuses made-up and malformed refresh tokens', async () => {
      await http().post('/auth/refresh').send({ refreshToken: '1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }).expect(401);
      await http().post('/auth/refresh').send({ refreshToken: 'garbage' }).expect(401);
    });
  });

  describe('the guard', () => {
    it('answers 401 without a token, and lets /health, /docs and sign-in through', async () => {
      const response = await http().get('/catalog/territory').expect(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
      await http().get('/me').expect(401);
      await http().post('/intentions').send({}).expect(401);
      await http().get('/health').expect(200);
      await http().get('/docs/openapi.json').expect(200);
    });

    it.each([
      ['garbage', 'not-a-token'],
      ['a token signed with another key', localToken({}, 'another-secret-of-at-least-32-bytes!!')],
      ['an expired token', localToken({ exp: Math.floor(Date.now() / 1000) - 120 })],
      ['an unsigned token (alg none)', `${localToken({}, TEST_JWT_SECRET, { alg: 'none' }).split('.').slice(0, 2).join('.')}.`],
      ['a token with another issuer', localToken({ iss: 'someone-else' })],
      ['a token without a role of the product', localToken({ role: 'superuser' })],
    ])('answers 401 for %s', async (_name, token) => {
      const response = await http().get('/me').set({ Authorization: `Bearer ${token}` }).expect(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('accepts a token it signed itself for an account that exists', async () => {
      const user = await api.signIn('orp_official');
      await http().get('/me').set({ Authorization: `Bearer ${localToken({ sub: user.id })}` }).expect(200);
      // 'someone' has no account: a signed token does not make one.
      await http().get('/me').set({ Authorization: `Bearer ${localToken({})}` }).expect(401);
    });

    it('answers 401 at the next request once the account is disabled, and refuses its refresh token', async () => {
      const user = await api.signIn('orp_official');
      await http().get('/me').set(user.auth).expect(200);
      await sql.query(`UPDATE user_account SET disabled = true WHERE id = $1`, [user.id]);
      const response = await http().get('/me').set(user.auth).expect(401);
      expect(response.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('disabled') });
      await http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it('answers 401 to a token issued before the account’s authorization version changed; a new sign-in carries the new one', async () => {
      const user = await api.signIn('orp_official');
      await sql.query(`UPDATE user_account SET authorization_version = authorization_version + 1 WHERE id = $1`, [user.id]);
      const response = await http().get('/me').set(user.auth).expect(401);
      expect(response.body.error.message).toContain('sign in again');
      await http().get('/me').set({ Authorization: `Bearer ${localToken({ sub: user.id, ver: 1 })}` }).expect(200);
      const again = await http().post('/auth/sign-in').send({ login: user.spec.login, password: user.spec.password }).expect(200);
      await http().get('/me').set({ Authorization: `Bearer ${again.body.accessToken}` }).expect(200);
    });

    it('answers 401 for a tampered payload', async () => {
      const user = await api.signIn('orp_official');
      const [header, , signature] = user.accessToken.split('.');
      const payload = Buffer.from(JSON.stringify({ iss: LOCAL_ISSUER, sub: user.id, name: 'x', role: 'administrator', territory: 'region:jmk', exp: 9_999_999_999 })).toString('base64url');
      await http().get('/me').set({ Authorization: `Bearer ${header}.${payload}.${signature}` }).expect(401);
    });
  });

  describe('OpenID Connect bearer tokens', () => {
    const claims = (overrides: Record<string, unknown> = {}) => ({
      sub: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
      preferred_username: 'jana.novakova',
      name: 'Jana Nováková',
      email: 'jana.novakova@kurim.cz',
      aud: ['account', 'planovani'],
      realm_access: { roles: ['offline_access', 'orp_official'] },
      territory: 'orp:kurim',
      ...overrides,
    });

    it('accepts RS256 and ES256 tokens of the provider, with role and territory from the configured claims', async () => {
      for (const alg of ['RS256', 'ES256'] as const) {
        const me = await http().get('/me').set({ Authorization: `Bearer ${oidc.token(claims(), { alg })}` }).expect(200);
        expect(me.body).toEqual({ id: 'jana.novakova', displayName: 'Jana Nováková', role: 'orp_official', territory: 'orp:kurim' });
      }
      // Provisioned, so that notifications to the group orp:kurim reach her.
      const { rows } = await sql.query(`SELECT role, territory_kind, territory_id, email, source FROM user_account WHERE id = 'jana.novakova'`);
      expect(rows).toEqual([{ role: 'orp_official', territory_kind: 'orp', territory_id: 'kurim', email: 'jana.novakova@kurim.cz', source: 'oidc' }]);
    });

    it('accepts an auditor of the region from the role claim', async () => {
      const token = oidc.token(claims({ preferred_username: 'oidc.auditor', realm_access: { roles: ['auditor'] }, territory: 'region:jmk' }));
      expect((await http().get('/me').set({ Authorization: `Bearer ${token}` }).expect(200)).body).toMatchObject({ role: 'auditor', territory: 'region:jmk' });
      await http().get('/audit/verify').set({ Authorization: `Bearer ${token}` }).expect(200);
    });

    it.each([
      ['another audience', { aud: 'someone-else' }],
      ['an expired token', { exp: Math.floor(Date.now() / 1000) - 300 }],
      ['no role of the product', { realm_access: { roles: ['offline_access'] } }],
      ['two roles of the product', { realm_access: { roles: ['orp_official', 'administrator'] } }],
      ['a territory that does not fit the role', { territory: 'district:znojmo' }],
      ['an unknown territory', { territory: 'orp:atlantida' }],
    ])('answers 401 for %s', async (_name, overrides) => {
      await http().get('/me').set({ Authorization: `Bearer ${oidc.token(claims(overrides))}` }).expect(401);
    });

    it('answers 401 for a key the provider does not publish and for an HS256 token claiming the provider as issuer', async () => {
      await http().get('/me').set({ Authorization: `Bearer ${oidc.token(claims(), { kid: 'unknown-key' })}` }).expect(401);
      await http().get('/me').set({ Authorization: `Bearer ${localToken({ iss: oidc.issuer })}` }).expect(401);
    });

    it('answers 401 to a disabled OIDC account whatever its provider says', async () => {
      const token = oidc.token(claims({ preferred_username: 'oidc.disabled' }));
      await http().get('/me').set({ Authorization: `Bearer ${token}` }).expect(200);
      await sql.query(`UPDATE user_account SET disabled = true WHERE id = 'oidc.disabled'`);
      await http().get('/me').set({ Authorization: `Bearer ${token}` }).expect(401);
      await http().get('/me').set({ Authorization: `Bearer ${oidc.token(claims({ preferred_username: 'oidc.disabled', territory: 'orp:znojmo' }))}` }).expect(401);
    });

    it('never takes over a local account with the same id', async () => {
      const local = await api.signIn('orp_official');
      await http().get('/me').set({ Authorization: `Bearer ${oidc.token(claims({ preferred_username: local.id, realm_access: { roles: ['administrator'] }, territory: 'region:jmk' }))}` }).expect(401);
      const { rows } = await sql.query(`SELECT role FROM user_account WHERE id = $1`, [local.id]);
      expect(rows).toEqual([{ role: 'orp_official' }]);
    });

    it('fetches the keys again when the provider rotates them', async () => {
      const verifier = new OidcVerifier(oidcConfig(oidc.issuer), 0);
      await verifier.verify(oidc.token(claims()));
      const fetches = oidc.jwksFetches;
      oidc.rotateKeys();
      await expect(verifier.verify(oidc.token(claims()))).resolves.toMatchObject({ preferred_username: 'jana.novakova' });
      expect(oidc.jwksFetches).toBe(fetches + 1);
    });
  });
});
