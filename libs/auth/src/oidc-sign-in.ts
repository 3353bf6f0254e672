import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type OidcClientConfig } from '@app/config';
import { AuthService, type TokenPair } from './auth.service.js';
import type { OidcDiscovery, OidcVerifier } from './oidc.js';

/** Where the provider sends the browser back: `${PUBLIC_URL}${OIDC_CALLBACK_PATH}`. */
export const OIDC_CALLBACK_PATH = '/auth/session/oidc/callback';

/** What one sign-in through the provider must remember between the redirect and the callback. */
export interface OidcFlow {
  /** Binds the callback to the browser that started the sign-in (CSRF). */
  state: string;
  /** Binds the ID token to this sign-in (replay). */
  nonce: string;
  /** PKCE: only who started the sign-in can trade its code. */
  verifier: string;
  /** The application's path the user returns to. */
  returnPath: string;
}

/** Refused sign-ins through the provider; the message is for the log, never for the user. */
export class OidcSignInError extends Error {
  override name = 'OidcSignInError';
}

/**
 * Only a path of this site is followed after sign-in, never another site (open redirect):
 * one leading slash, no backslash (browsers read `/\host` as `//host`), no control characters.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return null;
  if (!/^\/(?![/\\])/.test(value) || /[\\\p{C}\s]/u.test(value)) return null;
  const base = 'http://return.invalid';
  const url = URL.canParse(value, base) ? new URL(value, base) : null;
  return url && url.origin === base ? value : null;
}

/**
 * The web application's sign-in through the OpenID Connect provider (authorization code flow
 * with PKCE, S256), done by the server so that no token of the provider reaches a script: the
 * provider's ID token is verified with the bearer tokens' verifier and the user gets a normal
 * web session of local tokens.
 */
@Injectable()
export class OidcSignIn {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  /** Whether the sign-in page offers the provider, and under which name. */
  get provider(): { name: string } | null {
    const client = this.config.auth.oidc?.client;
    return client ? { name: client.providerName } : null;
  }

  get redirectUri(): string {
    return `${this.config.publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  /** A new sign-in: what to remember, and the provider's authorization URL to send the browser to. */
  async start(returnPath: string): Promise<{ flow: OidcFlow; authorizationUrl: string }> {
    const { client, discovery } = await this.configured();
    if (typeof discovery.authorization_endpoint !== 'string' || !URL.canParse(discovery.authorization_endpoint)) {
      throw new OidcSignInError('the discovery document has no authorization_endpoint');
    }
    if (Array.isArray(discovery.code_challenge_methods_supported) && !discovery.code_challenge_methods_supported.includes('S256')) {
      throw new OidcSignInError('the provider does not support PKCE with S256');
    }
    const flow: OidcFlow = { state: random(), nonce: random(), verifier: random(), returnPath };
    const url = new URL(discovery.authorization_endpoint);
    const parameters = {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: this.redirectUri,
      scope: 'openid profile email',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: challengeOf(flow.verifier),
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    return { flow, authorizationUrl: url.toString() };
  }

  /**
   * The provider's answer at the callback: the state must be the flow's, the code is traded
   * with the PKCE verifier (and the client secret when there is one), the ID token verified.
   */
  async finish(answer: { code?: unknown; state?: unknown; error?: unknown }, flow: OidcFlow): Promise<TokenPair> {
    if (typeof answer.error === 'string') throw new OidcSignInError(`the provider answered ${answer.error.slice(0, 100)}`);
    if (typeof answer.state !== 'string' || !sameText(answer.state, flow.state)) throw new OidcSignInError('the state is not the one of this browser');
    if (typeof answer.code !== 'string' || answer.code.length === 0 || answer.code.length > 4000) throw new OidcSignInError('no authorization code');
    const { client, discovery } = await this.configured();
    if (typeof discovery.token_endpoint !== 'string' || !URL.canParse(discovery.token_endpoint)) throw new OidcSignInError('the discovery document has no token_endpoint');
    const idToken = await this.exchange(discovery, client, answer.code, flow.verifier);
    return this.auth.signInWithIdToken(idToken, flow.nonce);
  }

  private async configured(): Promise<{ client: OidcClientConfig; verifier: OidcVerifier; discovery: OidcDiscovery }> {
    const client = this.config.auth.oidc?.client;
    const verifier = this.auth.oidcVerifier;
    if (!client || !verifier) throw new OidcSignInError('sign-in through the provider is not configured');
    return { client, verifier, discovery: await verifier.discovery() };
  }

  private async exchange(discovery: OidcDiscovery, client: OidcClientConfig, code: string, verifier: string): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.redirectUri, code_verifier: verifier, client_id: client.clientId });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (client.clientSecret !== null) {
      // client_secret_basic is the default of the specification; a provider that only takes client_secret_post says so.
      const methods = discovery.token_endpoint_auth_methods_supported;
      if (Array.isArray(methods) && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
        body.set('client_secret', client.clientSecret);
      } else {
        headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`;
      }
    }
    const response = await fetch(discovery.token_endpoint!, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(10_000) });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new OidcSignInError(`the token endpoint answered ${response.status} ${typeof answer.error === 'string' ? answer.error.slice(0, 100) : ''}`.trim());
    if (typeof answer.id_token !== 'string') throw new OidcSignInError('the token endpoint sent no id_token');
    return answer.id_token;
  }
}

function random(): string {
  return randomBytes(32).toString('base64url');
}

/** PKCE S256: BASE64URL(SHA256(verifier)) (RFC 7636). */
export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const [left, right] = [createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest()];
  return left.equals(right);
}
