import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

/** A real OpenID Connect provider's discovery document and JWKS over HTTP on loopback, and a signer for its tokens. */
export interface TestOidcProvider {
  issuer: string;
  /** How often the JWKS was fetched. */
  jwksFetches: number;
  /** Signs claims with the current key of the algorithm (iss, iat and exp filled in unless given). */
  token(claims: Record<string, unknown>, options?: { alg?: 'RS256' | 'ES256'; kid?: string }): string;
  /** Replaces the keys, as a provider's key rotation does. */
  rotateKeys(): void;
  close(): Promise<void>;
}

function newKey(alg: 'RS256' | 'ES256'): SigningKey {
  const { privateKey, publicKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  return { kid, alg, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

export async function startTestOidcProvider(): Promise<TestOidcProvider> {
  let keys = [newKey('RS256'), newKey('ES256')];
  let server: Server;
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    // No keep-alive: the api's fetch must not hold a socket to a provider the test has stopped.
    response.setHeader('connection', 'close');
    if (request.url === '/.well-known/openid-configuration') {
      response.end(JSON.stringify({ issuer: provider.issuer, jwks_uri: `${provider.issuer}/jwks`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] }));
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
