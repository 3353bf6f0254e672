import type { JsonWebKey, KeyObject } from 'node:crypto';
import type { OidcConfig } from '@app/config';
import { checkClaims, decodeJwt, InvalidTokenError, publicKeyFromJwk, verifyAsymmetric, type JwtClaims } from './jwt.js';

interface CachedKey {
  key: KeyObject;
  kty: string;
}

/** How long fetched keys are trusted before they are fetched again. */
const KEYS_TTL_MS = 10 * 60_000;
/** An unknown `kid` refetches the keys (the provider rotated them), at most this often by default. */
const REFETCH_AFTER_MS = 30_000;

/**
 * Verifies bearer tokens of an OpenID Connect provider: discovery document, then its JWKS,
 * cached and refetched when a token names a key the cache does not hold.
 */
export class OidcVerifier {
  private keys = new Map<string, CachedKey>();
  private fetchedAt = 0;
  private fetching: Promise<void> | undefined;

  constructor(
    private readonly config: OidcConfig,
    private readonly refetchAfterMs = REFETCH_AFTER_MS,
  ) {}

  get issuer(): string {
    return this.config.issuer;
  }

  async verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<JwtClaims> {
    const decoded = decodeJwt(token);
    const key = await this.keyFor(decoded.header.kid);
    verifyAsymmetric(decoded, key.key, key.kty);
    checkClaims(decoded.claims, { issuer: this.config.issuer, audience: this.config.audience, now: nowSeconds });
    return decoded.claims;
  }

  private async keyFor(kid: string | undefined): Promise<CachedKey> {
    const stale = Date.now() - this.fetchedAt > KEYS_TTL_MS;
    const unknown = !this.find(kid);
    if (stale || (unknown && Date.now() - this.fetchedAt >= this.refetchAfterMs)) await this.refresh();
    const key = this.find(kid);
    if (!key) throw new InvalidTokenError(kid ? `no key '${kid}' in the provider's JWKS` : 'no key id and more than one key');
    return key;
  }

  private find(kid: string | undefined): CachedKey | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private refresh(): Promise<void> {
    this.fetching ??= this.load().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async load(): Promise<void> {
    const discovery = await fetchJson(`${this.config.issuer}/.well-known/openid-configuration`);
    // The discovery document must speak for the configured issuer, or anyone could serve keys for it.
    if (discovery.issuer !== this.config.issuer) throw new Error(`OIDC discovery names issuer ${String(discovery.issuer)}, not ${this.config.issuer}`);
    if (typeof discovery.jwks_uri !== 'string') throw new Error('OIDC discovery has no jwks_uri');
    const jwks = await fetchJson(discovery.jwks_uri);
    const keys = new Map<string, CachedKey>();
    for (const jwk of Array.isArray(jwks.keys) ? (jwks.keys as (JsonWebKey & { kid?: string; use?: string })[]) : []) {
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') continue;
      keys.set(jwk.kid ?? '', { key: publicKeyFromJwk(jwk), kty: jwk.kty });
    }
    this.keys = keys;
    this.fetchedAt = Date.now();
  }
}

async function fetchJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
