import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import { isRole, parseTerritory, territoryProblem, territoryText, type Principal } from './access.js';
import { AccountsService } from './accounts.service.js';
import { checkClaims, claimAt, decodeJwt, InvalidTokenError, signHs256, verifyHs256, type JwtClaims } from './jwt.js';
import { OidcVerifier } from './oidc.js';
import { verifyAgainstNothing, verifyPassword } from './password.js';

/** The `iss` of the access tokens this product signs itself. */
export const LOCAL_ISSUER = 'planovani-socialnich-sluzeb';

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token is valid. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: PrincipalView;
}

export interface PrincipalView {
  id: string;
  displayName: string;
  role: Principal['role'];
  territory: string;
}

interface AccountRow {
  id: string;
  displayName: string;
  role: string;
  territoryKind: string;
  territoryId: string;
  disabled: boolean;
  authorizationVersion: number;
  passwordHash: string | null;
}

/** How long a verified OIDC user is not written again (their account follows their claims). */
const OIDC_PROVISION_TTL_MS = 60_000;

/**
 * Sign-in with local accounts (argon2id, HS256 access tokens, rotating refresh tokens) and
 * verification of every bearer token: ours, or an OIDC provider's when `OIDC_ISSUER` is set.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');
  private readonly secret: string;
  private readonly oidc: OidcVerifier | null;
  private readonly provisioned = new Map<string, { fingerprint: string; at: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
  ) {
    if (config.auth.jwtSecret) {
      this.secret = config.auth.jwtSecret;
    } else {
      this.secret = randomBytes(32).toString('base64url');
      this.logger.warn('AUTH_JWT_SECRET is not set: access tokens are signed with a random key and end with this process');
    }
    this.oidc = config.auth.oidc ? new OidcVerifier(config.auth.oidc) : null;
  }

  async signIn(login: string, password: string): Promise<TokenPair> {
    const account = await this.account('login', login);
    const valid = account?.passwordHash ? await verifyPassword(account.passwordHash, password) : await verifyAgainstNothing(password);
    if (!account || !valid || account.disabled) throw new DomainError(DomainErrorCode.InvalidCredentials, 'The login or the password is wrong');
    return this.issue(account, randomUUID());
  }

  /** The verifier of the OIDC provider's tokens (its discovery and keys); null without `OIDC_ISSUER`. */
  get oidcVerifier(): OidcVerifier | null {
    return this.oidc;
  }

  /**
   * Signs in the web application's user the provider's ID token names (see `OidcSignIn`): the
   * token is verified for our client id and the sign-in's nonce, the account follows its claims
   * as for a bearer token, and a local token pair starts the session.
   */
  async signInWithIdToken(idToken: string, nonce: string): Promise<TokenPair> {
    const client = this.config.auth.oidc?.client;
    if (!this.oidc || !client) throw new DomainError(DomainErrorCode.Unauthenticated, 'Sign-in through the OIDC provider is not configured');
    try {
      const claims = await this.oidc.verify(idToken, nowSeconds(), { audience: client.clientId, nonce });
      const principal = await this.oidcPrincipal(claims);
      const account = await this.account('id', principal.userId);
      if (!account || account.disabled) throw new InvalidTokenError('the account is disabled');
      return await this.issue(account, randomUUID());
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new DomainError(DomainErrorCode.InvalidCredentials, `The ID token is not accepted: ${error.message}`);
      throw error;
    }
  }

  /** Rotates a refresh token. A token used twice was stolen (or replayed): its whole family is revoked. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw invalidRefresh();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `SELECT id, user_id AS "userId", family, token_hash AS "tokenHash", expires_at < now() AS expired, rotated_at IS NOT NULL AS rotated,
                revoked_at IS NOT NULL AS revoked
         FROM refresh_token WHERE id = $1 FOR UPDATE`,
        [parsed.id],
      );
      // A revoked token (sign-out, a change of the account) is merely invalid; a rotated one presented again was stolen.
      if (!row || row.revoked || !sameHash(row.tokenHash, parsed.secret)) return null;
      if (row.rotated) {
        await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE family = $1 AND revoked_at IS NULL`, [row.family]);
        return 'reused' as const;
      }
      if (row.expired) return null;
      await manager.query(`UPDATE refresh_token SET rotated_at = now() WHERE id = $1`, [row.id]);
      return { userId: row.userId as string, family: row.family as string };
    });
    if (outcome === 'reused') {
      this.logger.warn('A rotated refresh token was used again; its sign-in is revoked');
      throw invalidRefresh();
    }
    if (!outcome) throw invalidRefresh();
    const account = await this.account('id', outcome.userId);
    if (!account || account.disabled) throw invalidRefresh();
    return this.issue(account, outcome.family);
  }

  /** Ends the sign-in the refresh token belongs to. */
  async signOut(refreshToken: string): Promise<void> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) return;
    const [row] = await this.dataSource.query(`SELECT family, token_hash AS "tokenHash" FROM refresh_token WHERE id = $1`, [parsed.id]);
    if (row && sameHash(row.tokenHash, parsed.secret)) {
      await this.dataSource.query(`UPDATE refresh_token SET revoked_at = now() WHERE family = $1 AND revoked_at IS NULL`, [row.family]);
    }
  }

  /** The caller a bearer token names; 401 for anything that is not a valid, unexpired token of a trusted issuer. */
  async authenticate(token: string): Promise<Principal> {
    try {
      const decoded = decodeJwt(token);
      if (decoded.claims.iss === LOCAL_ISSUER) {
        verifyHs256(decoded, this.secret);
        checkClaims(decoded.claims, { issuer: LOCAL_ISSUER, now: nowSeconds() });
        const principal = principalOfLocal(decoded.claims);
        await this.assertAccountAsIssued(principal.userId, authorizationVersionOf(decoded.claims));
        return principal;
      }
      if (this.oidc && decoded.claims.iss === this.oidc.issuer) {
        const principal = await this.authenticateOidc(token);
        // Role and territory come from the provider's claims; only the account's disabling is ours.
        await this.assertAccountAsIssued(principal.userId, null);
        return principal;
      }
      throw new InvalidTokenError('unknown issuer');
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new DomainError(DomainErrorCode.Unauthenticated, `The access token is not valid: ${error.message}`);
      throw error;
    }
  }

  /**
   * One look-up by primary key per request: a disabled account, and a token issued before the
   * account's role or territory changed, are refused at once rather than when the token expires.
   */
  private async assertAccountAsIssued(userId: string, authorizationVersion: number | null): Promise<void> {
    const [account] = await this.dataSource.query(`SELECT disabled, authorization_version AS "authorizationVersion" FROM user_account WHERE id = $1`, [userId]);
    if (!account) throw new InvalidTokenError('the account does not exist');
    if (account.disabled) throw new InvalidTokenError('the account is disabled');
    if (authorizationVersion !== null && account.authorizationVersion !== authorizationVersion) {
      throw new InvalidTokenError("the account's role, territory or state changed since it was issued; sign in again");
    }
  }

  private async authenticateOidc(token: string): Promise<Principal> {
    return this.oidcPrincipal(await this.oidc!.verify(token));
  }

  /** The user verified claims of the provider name, their account created or brought up to date with the claims. */
  private async oidcPrincipal(claims: JwtClaims): Promise<Principal> {
    const oidc = this.config.auth.oidc!;
    const userId = claimAt(claims, oidc.userClaim);
    if (typeof userId !== 'string' || !/^\S{1,200}$/.test(userId)) throw new InvalidTokenError(`claim ${oidc.userClaim} does not name a user`);
    const roleClaim = claimAt(claims, oidc.roleClaim);
    const roles = [...new Set((Array.isArray(roleClaim) ? roleClaim : [roleClaim]).filter(isRole))];
    if (roles.length !== 1) throw new InvalidTokenError(`claim ${oidc.roleClaim} must hold exactly one of the product's roles`);
    const territoryClaim = claimAt(claims, oidc.territoryClaim);
    const territory = typeof territoryClaim === 'string' ? parseTerritory(territoryClaim) : null;
    if (!territory || territoryProblem(roles[0], territory)) throw new InvalidTokenError(`claim ${oidc.territoryClaim} is not a territory of the role ${roles[0]}`);
    const name = claimAt(claims, oidc.nameClaim);
    const email = claimAt(claims, oidc.emailClaim);
    const principal: Principal = { userId, displayName: typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : userId, role: roles[0], territory };
    const emailAddress = typeof email === 'string' && /^[^@\s]+@[^@\s]+$/.test(email) ? email : null;
    const fingerprint = JSON.stringify([principal, emailAddress]);
    const known = this.provisioned.get(userId);
    if (!known || known.fingerprint !== fingerprint || Date.now() - known.at > OIDC_PROVISION_TTL_MS) {
      await this.accounts.provisionOidcUser(principal, emailAddress);
      this.provisioned.set(userId, { fingerprint, at: Date.now() });
    }
    return principal;
  }

  private async issue(account: AccountRow, family: string): Promise<TokenPair> {
    const now = nowSeconds();
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.config.auth;
    const territory = `${account.territoryKind}:${account.territoryId}`;
    const accessToken = signHs256(
      { iss: LOCAL_ISSUER, sub: account.id, name: account.displayName, role: account.role, territory, ver: account.authorizationVersion, iat: now, exp: now + accessTokenTtlSeconds },
      this.secret,
    );
    const secret = randomBytes(32);
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO refresh_token (user_id, family, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING id`,
      [account.id, family, sha256(secret), refreshTokenTtlSeconds],
    );
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: accessTokenTtlSeconds,
      refreshToken: `${id}.${secret.toString('base64url')}`,
      refreshExpiresIn: refreshTokenTtlSeconds,
      user: { id: account.id, displayName: account.displayName, role: account.role as Principal['role'], territory },
    };
  }

  private async account(by: 'login' | 'id', value: string): Promise<AccountRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT id, display_name AS "displayName", role, territory_kind AS "territoryKind", territory_id AS "territoryId", disabled,
              authorization_version AS "authorizationVersion", password_hash AS "passwordHash"
       FROM user_account WHERE ${by === 'login' ? 'login' : 'id'} = $1`,
      [value],
    );
    return row;
  }
}

export function principalView(principal: Principal): PrincipalView {
  return { id: principal.userId, displayName: principal.displayName, role: principal.role, territory: territoryText(principal.territory) };
}

function principalOfLocal(claims: JwtClaims): Principal {
  const territory = typeof claims.territory === 'string' ? parseTerritory(claims.territory) : null;
  if (typeof claims.sub !== 'string' || !isRole(claims.role) || !territory || typeof claims.name !== 'string') {
    throw new InvalidTokenError('claims do not describe a user');
  }
  return { userId: claims.sub, displayName: claims.name, role: claims.role, territory };
}

/** The account's authorization version the token was issued at; tokens from before versions existed were issued at the first. */
function authorizationVersionOf(claims: JwtClaims): number {
  if (claims.ver === undefined) return 0;
  if (typeof claims.ver !== 'number' || !Number.isInteger(claims.ver)) throw new InvalidTokenError('the version claim is not an integer');
  return claims.ver;
}

function parseRefreshToken(token: string): { id: string; secret: Buffer } | null {
  const match = /^([1-9]\d{0,17})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { id: match[1], secret: Buffer.from(match[2], 'base64url') } : null;
}

function sha256(value: Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

function sameHash(stored: Buffer, secret: Buffer): boolean {
  const presented = sha256(secret);
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}

function invalidRefresh(): DomainError {
  return new DomainError(DomainErrorCode.InvalidCredentials, 'The refresh token is not valid');
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
