import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

/**
 * A real OpenID Connect provider on loopback: its discovery document and JWKS, a signer for its
 * tokens, and the authorization code flow with PKCE (an authorization endpoint that signs in
 * `user` without a page, and a token endpoint).
 */
export interface TestOidcProvider {
  issuer: string;
  /** How often the JWKS was fetched. */
  jwksFetches: number;
  /** Signs claims with the current key of the algorithm (iss, iat and exp filled in unless given). */
  token(claims: Record<string, unknown>, options?: { alg?: 'RS256' | 'ES256'; kid?: string }): string;
  /** Replaces the keys, as a provider's key rotation does. */
  rotateKeys(): void;
  /**
   * The registered client of the authorization code flow (PKCE S256 required); a secret makes it
   * confidential (client_secret_basic or client_secret_post).
   */
  client: { clientId: string; clientSecret?: string; redirectUri?: string } | null;
  /**
   * Whom the authorization endpoint signs in, without any page: the claims of the ID token it
   * will issue (besides iss, aud, nonce, iat, exp); null answers access_denied.
   */
  user: Record<string, unknown> | null;
  /** Claims put into the next ID tokens over everything else (a foreign nonce, another audience). */
  idTokenOverrides: Record<string, unknown>;
  /** The token endpoint's refusals, as `error` codes (invalid_grant, invalid_client, …). */
  tokenRefusals: string[];
  close(): Promise<void>;
}

interface Authorization {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | undefined;
  claims: Record<string, unknown>;
  expiresAt: number;
}

function newKey(alg: 'RS256' | 'ES256'): SigningKey {
  const { privateKey, publicKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  return { kid, alg, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

export async function startTestOidcProvider(): Promise<TestOidcProvider> {
  let keys = [newKey('RS256'), newKey('ES256')];
  let server: Server;
  const codes = new Map<string, Authorization>();
  const provider: TestOidcProvider = {
    issuer: '',
    jwksFetches: 0,
    token: (claims, options = {}) => {
      const alg = options.alg ?? 'RS256';
      const key = keys.find((candidate) => candidate.alg === alg)!;
      const now = Math.floor(Date.now() / 1000);
      const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT', kid: options.kid ?? key.kid })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ iss: provider.issuer, iat: now, exp: now + 300, ...claims })).toString('base64url');
      const signature = sign('sha256', Buffer.from(`${header}.${payload}`), alg === 'ES256' ? { key: key.privateKey, dsaEncoding: 'ieee-p1363' } : key.privateKey);
      return `${header}.${payload}.${signature.toString('base64url')}`;
    },
    rotateKeys: () => {
      keys = [newKey('RS256'), newKey('ES256')];
    },
    client: null,
    user: null,
    idTokenOverrides: {},
    tokenRefusals: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  /** GET /authorize: checks the request as a provider does, then sends the browser back with a code (or an error). */
  const authorize = (query: URLSearchParams, response: ServerResponse) => {
    const client = provider.client;
    const redirectUri = query.get('redirect_uri');
    // A client or redirect URI the provider does not know gets an error page, never a redirect.
    if (!client || query.get('client_id') !== client.clientId || !redirectUri || (client.redirectUri !== undefined && redirectUri !== client.redirectUri)) {
      response.statusCode = 400;
      response.end(JSON.stringify({ error: 'invalid_request', error_description: 'unknown client or redirect_uri' }));
      return;
    }
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const challenge = query.get('code_challenge');
    if (query.get('response_type') !== 'code' || !query.get('scope')?.split(' ').includes('openid') || !challenge || query.get('code_challenge_method') !== 'S256') {
      back.searchParams.set('error', 'invalid_request');
    } else if (!provider.user) {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(24).toString('base64url');
      codes.set(code, { clientId: client.clientId, redirectUri, challenge, nonce: query.get('nonce') ?? undefined, claims: { ...provider.user }, expiresAt: Date.now() + 60_000 });
      back.searchParams.set('code', code);
    }
    response.statusCode = 302;
    response.setHeader('location', back.toString());
    response.end();
  };

  /** POST /token: the authorization code grant with PKCE, as RFC 6749 and RFC 7636 say. */
  const token = (request: IncomingMessage, body: string, response: ServerResponse) => {
    const form = new URLSearchParams(body);
    const refuse = (error: string, status = 400) => {
      provider.tokenRefusals.push(error);
      response.statusCode = status;
      response.end(JSON.stringify({ error }));
    };
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
    const [basicId, basicSecret] = basic ? Buffer.from(basic[1], 'base64').toString().split(':').map(decodeURIComponent) : [];
    const clientId = basicId ?? form.get('client_id');
    const secret = basicSecret ?? form.get('client_secret') ?? undefined;
    const client = provider.client;
    if (!client || clientId !== client.clientId || (client.clientSecret !== undefined && secret !== client.clientSecret)) return refuse('invalid_client', 401);
    if (form.get('grant_type') !== 'authorization_code') return refuse('unsupported_grant_type');
    const code = form.get('code') ?? '';
    const authorization = codes.get(code);
    codes.delete(code); // a code works once
    if (!authorization || authorization.expiresAt < Date.now() || authorization.clientId !== clientId) return refuse('invalid_grant');
    if (form.get('redirect_uri') !== authorization.redirectUri) return refuse('invalid_grant');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== authorization.challenge) return refuse('invalid_grant');
    const idToken = provider.token({ aud: clientId, ...(authorization.nonce === undefined ? {} : { nonce: authorization.nonce }), ...authorization.claims, ...provider.idTokenOverrides });
    const accessToken = provider.token({ aud: clientId, scope: 'openid profile email', ...authorization.claims });
    response.setHeader('cache-control', 'no-store');
    response.end(JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken }));
  };

  server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    // No keep-alive: the api's fetch must not hold a socket to a provider the test has stopped.
    response.setHeader('connection', 'close');
    const url = new URL(request.url ?? '/', provider.issuer);
    if (request.url === '/.well-known/openid-configuration') {
      response.end(
        JSON.stringify({
          issuer: provider.issuer,
          jwks_uri: `${provider.issuer}/jwks`,
          authorization_endpoint: `${provider.issuer}/authorize`,
          token_endpoint: `${provider.issuer}/token`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
          id_token_signing_alg_values_supported: ['RS256', 'ES256'],
        }),
      );
    } else if (request.method === 'GET' && url.pathname === '/authorize') {
      authorize(url.searchParams, response);
    } else if (request.method === 'POST' && url.pathname === '/token') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => token(request, body, response));
    } else if (request.url === '/jwks') {
      provider.jwksFetches++;
      response.end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
}
