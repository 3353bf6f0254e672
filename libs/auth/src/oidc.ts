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

/** What the provider's discovery document (`/.well-known/openid-configuration`) says that this product uses. */
export interface OidcDiscovery {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
  code_challenge_methods_supported?: string[];
}

/** What an ID token must say besides the issuer and expiry: for whom (the client id) and for which sign-in (the nonce). */
export interface IdTokenExpectations {
  audience: string;
  nonce: string;
}

/**
 * Verifies bearer tokens of an OpenID Connect provider: discovery document, then its JWKS,
 * cached and refetched when a token names a key the cache does not hold.
 */
export class OidcVerifier {
  private keys = new Map<string, CachedKey>();
  private fetchedAt = 0;
  private fetching: Promise<void> | undefined;
  private discovered: { at: number; document: Promise<OidcDiscovery> } | undefined;

  constructor(
    private readonly config: OidcConfig,
    private readonly refetchAfterMs = REFETCH_AFTER_MS,
  ) {}

  get issuer(): string {
    return this.config.issuer;
  }

  /**
   * A bearer token (`OIDC_AUDIENCE` as its audience) or, with `idToken`, an ID token of this
   * product's sign-in: for its client id, with the nonce the sign-in sent.
   */
  async verify(token: string, nowSeconds = Math.floor(Date.now() / 1000), idToken?: IdTokenExpectations): Promise<JwtClaims> {
    const decoded = decodeJwt(token);
    const key = await this.keyFor(decoded.header.kid);
    verifyAsymmetric(decoded, key.key, key.kty);
    checkClaims(decoded.claims, { issuer: this.config.issuer, audience: idToken ? idToken.audience : this.config.audience, now: nowSeconds });
    if (idToken) {
      const { aud, azp, nonce } = decoded.claims;
      // With other audiences besides ours, the token must say it was issued to us (OIDC Core 3.1.3.7).
      if (Array.isArray(aud) && aud.length > 1 && azp !== idToken.audience) throw new InvalidTokenError('the ID token was issued to another party');
      if (typeof nonce !== 'string' || nonce !== idToken.nonce) throw new InvalidTokenError('the ID token belongs to another sign-in (nonce)');
    }
    return decoded.claims;
  }

  /** The provider's discovery document, cached as long as its keys. */
  discovery(): Promise<OidcDiscovery> {
    if (!this.discovered || Date.now() - this.discovered.at > KEYS_TTL_MS) {
      const document = this.fetchDiscovery();
      const entry = { at: Date.now(), document };
      this.discovered = entry;
      // A failed fetch is not cached: the next sign-in asks again.
      document.catch(() => {
        if (this.discovered === entry) this.discovered = undefined;
      });
    }
    return this.discovered.document;
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

  private async fetchDiscovery(): Promise<OidcDiscovery> {
    const discovery = await fetchJson(`${this.config.issuer}/.well-known/openid-configuration`);
    // The discovery document must speak for the configured issuer, or anyone could serve keys for it.
    if (discovery.issuer !== this.config.issuer) throw new Error(`OIDC discovery names issuer ${String(discovery.issuer)}, not ${this.config.issuer}`);
    if (typeof discovery.jwks_uri !== 'string') throw new Error('OIDC discovery has no jwks_uri');
    return discovery as unknown as OidcDiscovery;
  }

  private async load(): Promise<void> {
    // Keys are refetched because the provider rotated them: its discovery document is read afresh too.
    const discovery = await this.fetchDiscovery();
    this.discovered = { at: Date.now(), document: Promise.resolve(discovery) };
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
