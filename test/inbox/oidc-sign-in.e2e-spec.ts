import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request, { type Response } from 'supertest';
import { startTestApi, TEST_JWT_SECRET, type TestApi } from '../support/api.js';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';

const PUBLIC_URL = 'https://planovani.example.cz';
const CLIENT = { clientId: 'planovani-web', clientSecret: 'a-client-secret' };
const FAILURE = '/prihlaseni?chyba=oidc';

/** The web application's sign-in through the OIDC provider (authorization code flow with PKCE), as a browser walks it. */
describe('web sign-in through the OIDC provider', () => {
  let api: TestApi;
  let oidc: TestOidcProvider;
  let sql: pg.Client;
  const http = () => request(api.app.getHttpServer());

  const janaClaims = (overrides: Record<string, unknown> = {}) => ({
    sub: 'f3c1d2',
    preferred_username: 'jana.novakova',
    name: 'Jana Nováková',
    email: 'jana.novakova@kurim.cz',
    realm_access: { roles: ['orp_official'] },
    territory: 'orp:kurim',
    ...overrides,
  });

  const setCookies = (response: Response): string[] => ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = (response: Response, name: string): string | undefined => setCookies(response).find((line) => line.startsWith(`${name}=`));
  /** The `name=value` of a cookie the response sets, as the browser sends it back. */
  const cookiePair = (response: Response, name: string): string => cookie(response, name)!.split(';')[0];

  /** Clicks "Přihlásit přes …": the api's redirect to the provider and the flow cookie it sets. */
  async function start(zpet?: string): Promise<{ response: Response; authorize: URL; flowCookie: string }> {
    const response = await http().get(`/auth/session/oidc${zpet === undefined ? '' : `?zpet=${encodeURIComponent(zpet)}`}`).expect(302);
    return { response, authorize: new URL(response.headers.location), flowCookie: cookiePair(response, 'pss_oidc') };
  }

  /** The provider signs the configured user in and sends the browser back to the callback. */
  async function atProvider(authorize: URL): Promise<URL> {
    const answer = await fetch(authorize, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC_URL}/auth/session/oidc/callback`);
    return back;
  }

  async function callback(back: URL, flowCookie?: string): Promise<Response> {
    const call = http().get(`${back.pathname}${back.search}`);
    return (flowCookie ? call.set('Cookie', flowCookie) : call).expect(302);
  }

  /** A refused sign-in: to the sign-in page's message, no session, and the flow is over. */
  function expectRefused(response: Response): void {
    expect(response.headers.location).toBe(FAILURE);
    expect(cookie(response, 'pss_refresh')).toBeUndefined();
    expect(cookie(response, 'pss_oidc')).toMatch(/^pss_oidc=;.*Expires=Thu, 01 Jan 1970/);
  }

  beforeAll(async () => {
    oidc = await startTestOidcProvider();
    api = await startTestApi({
      publicUrl: PUBLIC_URL,
      auth: {
        jwtSecret: TEST_JWT_SECRET,
        accessTokenTtlSeconds: 900,
        refreshTokenTtlSeconds: 3600,
        oidc: {
          issuer: oidc.issuer,
          audience: 'planovani',
          userClaim: 'preferred_username',
          nameClaim: 'name',
          emailClaim: 'email',
          roleClaim: 'realm_access.roles',
          territoryClaim: 'territory',
          client: { ...CLIENT, providerName: 'Identita JMK' },
        },
      },
    });
    sql = new pg.Client({ connectionString: api.database.url });
    await sql.connect();
  });
  /** The provider knows the client and signs Jana in, unless a test says otherwise. */
  const resetProvider = () => {
    oidc.client = { ...CLIENT, redirectUri: `${PUBLIC_URL}/auth/session/oidc/callback` };
    oidc.user = janaClaims();
    oidc.idTokenOverrides = {};
  };
  beforeAll(resetProvider);
  afterEach(resetProvider);
  afterAll(async () => {
    await sql?.end();
    await api?.close();
    await oidc?.close();
  });

  it('tells the sign-in page the provider’s name', async () => {
    expect((await http().get('/auth/session/options').expect(200)).body).toEqual({ oidc: { name: 'Identita JMK' } });
  });

  it('redirects to the provider with the code flow, state, nonce and a PKCE S256 challenge, remembered in a Lax cookie of the callback only', async () => {
    const { response, authorize } = await start('/ukoly');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${oidc.issuer}/authorize`);
    const query = Object.fromEntries(authorize.searchParams);
    expect(query).toEqual({
      response_type: 'code',
      client_id: 'planovani-web',
      redirect_uri: `${PUBLIC_URL}/auth/session/oidc/callback`,
      scope: 'openid profile email',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
    expect(query.state).not.toBe(query.nonce);
    // Secure because PUBLIC_URL is https; nothing of it is readable by scripts.
    const flow = cookie(response, 'pss_oidc')!;
    expect(flow).toMatch(/; Max-Age=600;/);
    expect(flow).toMatch(/; Path=\/auth\/session\/oidc\/callback;/);
    expect(flow).toMatch(/; HttpOnly/);
    expect(flow).toMatch(/; Secure/);
    expect(flow).toMatch(/; SameSite=Lax/);
    expect(response.headers['cache-control']).toBe('no-store');
    // A second sign-in is a new flow.
    expect((await start()).authorize.searchParams.get('state')).not.toBe(query.state);
  });

  it('signs in: the refresh cookie of the web session, back to the return path, and the refresh call knows the provider’s user', async () => {
    const { authorize, flowCookie } = await start('/zamery?stav=submitted');
    const response = await callback(await atProvider(authorize), flowCookie);
    expect(response.headers.location).toBe('/zamery?stav=submitted');
    const refresh = cookie(response, 'pss_refresh')!;
    expect(refresh).toMatch(/; Path=\/auth\/session;/);
    expect(refresh).toMatch(/; HttpOnly/);
    expect(refresh).toMatch(/; SameSite=Strict/);
    expect(cookie(response, 'pss_oidc')).toMatch(/^pss_oidc=;/);
    // The page restores the session with its normal refresh call.
    const session = await http().post('/auth/session/refresh').set('Cookie', cookiePair(response, 'pss_refresh')).expect(200);
    expect(session.body.user).toEqual({ id: 'jana.novakova', displayName: 'Jana Nováková', role: 'orp_official', territory: 'orp:kurim' });
    expect(session.body).not.toHaveProperty('refreshToken');
    const me = await http().get('/me').set({ Authorization: `Bearer ${session.body.accessToken}` }).expect(200);
    expect(me.body).toEqual({ id: 'jana.novakova', displayName: 'Jana Nováková', role: 'orp_official', territory: 'orp:kurim' });
    const { rows } = await sql.query(`SELECT role, territory_id, email, source FROM user_account WHERE id = 'jana.novakova'`);
    expect(rows).toEqual([{ role: 'orp_official', territory_id: 'kurim', email: 'jana.novakova@kurim.cz', source: 'oidc' }]);
  });

  it('returns to / without a return path and follows the provider’s claims at each sign-in', async () => {
    oidc.user = janaClaims({ preferred_username: 'petr.dvorak', name: 'Petr Dvořák', territory: 'orp:znojmo' });
    const first = await start();
    const response = await callback(await atProvider(first.authorize), first.flowCookie);
    expect(response.headers.location).toBe('/');
    const firstSession = await http().post('/auth/session/refresh').set('Cookie', cookiePair(response, 'pss_refresh')).expect(200);
    await http().get('/me').set({ Authorization: `Bearer ${firstSession.body.accessToken}` }).expect(200);
    oidc.user = janaClaims({ preferred_username: 'petr.dvorak', name: 'Petr Dvořák', realm_access: { roles: ['orp_head'] }, territory: 'orp:znojmo' });
    const second = await start();
    const again = await callback(await atProvider(second.authorize), second.flowCookie);
    const session = await http().post('/auth/session/refresh').set('Cookie', cookiePair(again, 'pss_refresh')).expect(200);
    expect(session.body.user).toMatchObject({ id: 'petr.dvorak', role: 'orp_head', territory: 'orp:znojmo' });
    // The access token issued for the role the provider no longer gives ends at once.
    await http().get('/me').set({ Authorization: `Bearer ${firstSession.body.accessToken}` }).expect(401);
  });

  it('refuses a callback whose state is not the browser’s, or a browser that started no sign-in', async () => {
    const { authorize, flowCookie } = await start();
    const back = await atProvider(authorize);
    const forged = new URL(back);
    forged.searchParams.set('state', randomBytes(32).toString('base64url'));
    expectRefused(await callback(forged, flowCookie));
    expectRefused(await callback(back));
    // Another browser's flow cookie does not fit either.
    const other = await start();
    expectRefused(await callback(back, other.flowCookie));
  });

  it('refuses when the provider refuses the code: a wrong PKCE verifier, a code used twice', async () => {
    const { authorize, flowCookie } = await start();
    const back = await atProvider(authorize);
    const [name, value] = flowCookie.split('=');
    const flow = JSON.parse(Buffer.from(value, 'base64url').toString()) as string[];
    flow[2] = randomBytes(32).toString('base64url');
    const refusals = oidc.tokenRefusals.length;
    expectRefused(await callback(back, `${name}=${Buffer.from(JSON.stringify(flow)).toString('base64url')}`));
    expect(oidc.tokenRefusals.slice(refusals)).toEqual(['invalid_grant']);

    const next = await start();
    const nextBack = await atProvider(next.authorize);
    expect((await callback(nextBack, next.flowCookie)).headers.location).toBe('/');
    expectRefused(await callback(nextBack, next.flowCookie));
    expect(oidc.tokenRefusals.slice(refusals)).toEqual(['invalid_grant', 'invalid_grant']);
  });

  it('refuses without the client secret the provider demands', async () => {
    oidc.client = { ...oidc.client!, clientSecret: 'another-secret' };
    const { authorize, flowCookie } = await start();
    expectRefused(await callback(await atProvider(authorize), flowCookie));
    expect(oidc.tokenRefusals.at(-1)).toBe('invalid_client');
  });

  it.each([
    ['a foreign nonce', { nonce: randomBytes(32).toString('base64url') }],
    ['no nonce', { nonce: undefined }],
    ['another audience', { aud: 'another-client' }],
    ['an expired ID token', { exp: Math.floor(Date.now() / 1000) - 120 }],
    ['another issuer', { iss: 'https://login.elsewhere.cz' }],
  ])('refuses an ID token with %s', async (_case, overrides) => {
    oidc.idTokenOverrides = overrides;
    const { authorize, flowCookie } = await start();
    expectRefused(await callback(await atProvider(authorize), flowCookie));
  });

  it('refuses when the provider answers with an error (the user cancelled)', async () => {
    oidc.user = null;
    const { authorize, flowCookie } = await start();
    const back = await atProvider(authorize);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expectRefused(await callback(back, flowCookie));
  });

  it('refuses claims without one of the product’s roles, a disabled account and a local account’s id', async () => {
    oidc.user = janaClaims({ preferred_username: 'oidc.norole', realm_access: { roles: ['offline_access'] } });
    let flow = await start();
    expectRefused(await callback(await atProvider(flow.authorize), flow.flowCookie));

    oidc.user = janaClaims({ preferred_username: 'oidc.disabled.web' });
    flow = await start();
    expect((await callback(await atProvider(flow.authorize), flow.flowCookie)).headers.location).toBe('/');
    await sql.query(`UPDATE user_account SET disabled = true WHERE id = 'oidc.disabled.web'`);
    flow = await start();
    expectRefused(await callback(await atProvider(flow.authorize), flow.flowCookie));

    const local = await api.signIn('orp_official');
    oidc.user = janaClaims({ preferred_username: local.id, realm_access: { roles: ['administrator'] }, territory: 'region:jmk' });
    flow = await start();
    expectRefused(await callback(await atProvider(flow.authorize), flow.flowCookie));
    expect((await sql.query(`SELECT role FROM user_account WHERE id = $1`, [local.id])).rows).toEqual([{ role: 'orp_official' }]);
  });

  it.each(['//evil.example.com/', 'https://evil.example.com/', '/\\evil.example.com', 'zamery', '/ukoly\n/x', ''])('refuses the return path %j (no open redirect)', async (zpet) => {
    const response = await http().get(`/auth/session/oidc?zpet=${encodeURIComponent(zpet)}`).expect(400);
    expect(response.body.error.fields).toEqual([expect.objectContaining({ field: 'zpet' })]);
    expect(cookie(response, 'pss_oidc')).toBeUndefined();
  });
});

describe('web sign-in through the OIDC provider, not configured', () => {
  let api: TestApi;
  let oidc: TestOidcProvider;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    oidc = await startTestOidcProvider();
    // Bearer tokens of the provider are accepted, but without OIDC_CLIENT_ID there is no web sign-in through it.
    api = await startTestApi({
      auth: {
        jwtSecret: TEST_JWT_SECRET,
        accessTokenTtlSeconds: 900,
        refreshTokenTtlSeconds: 3600,
        oidc: { issuer: oidc.issuer, audience: null, userClaim: 'sub', nameClaim: 'name', emailClaim: 'email', roleClaim: 'roles', territoryClaim: 'territory', client: null },
      },
    });
  });
  afterAll(async () => {
    await api?.close();
    await oidc?.close();
  });

  it('offers no provider, answers 404 to the redirect and refuses a callback', async () => {
    expect((await http().get('/auth/session/options').expect(200)).body).toEqual({ oidc: null });
    await http().get('/auth/session/oidc').expect(404);
    expect((await http().get('/auth/session/oidc/callback?code=x&state=y').expect(302)).headers.location).toBe(FAILURE);
    const token = oidc.token({ sub: 'oidc.bearer', roles: ['orp_official'], territory: 'orp:kurim' });
    await http().get('/me').set({ Authorization: `Bearer ${token}` }).expect(200);
  });
});
