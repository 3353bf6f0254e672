import { constants, createHmac, createPublicKey, timingSafeEqual, verify as verifySignature, type JsonWebKey, type KeyObject } from 'node:crypto';

/** A token's payload as registered by RFC 7519, plus whatever claims the issuer adds. */
export type JwtClaims = Record<string, unknown> & { iss?: string; sub?: string; aud?: string | string[]; exp?: number; nbf?: number; iat?: number };

export interface DecodedJwt {
  header: { alg?: string; kid?: string; typ?: string };
  claims: JwtClaims;
  signingInput: string;
  signature: Buffer;
}

/** Why a token was refused; the message never contains the token. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export function signHs256(claims: JwtClaims, secret: string): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** Splits and parses a compact JWS without trusting anything in it yet. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) throw new InvalidTokenError('not a compact JWT');
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
      throw new InvalidTokenError('header and payload must be JSON objects');
    }
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    throw new InvalidTokenError('header or payload is not JSON');
  }
}

export function verifyHs256(decoded: DecodedJwt, secret: string): void {
  // The algorithm is ours to decide, never the token's ("alg": "none", key confusion).
  if (decoded.header.alg !== 'HS256') throw new InvalidTokenError(`algorithm ${String(decoded.header.alg)} is not accepted`);
  const expected = createHmac('sha256', secret).update(decoded.signingInput).digest();
  if (expected.length !== decoded.signature.length || !timingSafeEqual(expected, decoded.signature)) throw new InvalidTokenError('bad signature');
}

/** Asymmetric algorithms of OIDC providers, with how node:crypto verifies each. */
const ASYMMETRIC: Readonly<Record<string, { hash: string; kty: string; options?: { padding?: number; saltLength?: number; dsaEncoding?: 'ieee-p1363' } }>> = {
  RS256: { hash: 'sha256', kty: 'RSA' },
  RS384: { hash: 'sha384', kty: 'RSA' },
  RS512: { hash: 'sha512', kty: 'RSA' },
  PS256: { hash: 'sha256', kty: 'RSA', options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } },
  PS384: { hash: 'sha384', kty: 'RSA', options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 } },
  PS512: { hash: 'sha512', kty: 'RSA', options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 } },
  ES256: { hash: 'sha256', kty: 'EC', options: { dsaEncoding: 'ieee-p1363' } },
  ES384: { hash: 'sha384', kty: 'EC', options: { dsaEncoding: 'ieee-p1363' } },
  ES512: { hash: 'sha512', kty: 'EC', options: { dsaEncoding: 'ieee-p1363' } },
};

export function isAsymmetricAlgorithm(alg: unknown): alg is string {
  return typeof alg === 'string' && alg in ASYMMETRIC;
}

export function publicKeyFromJwk(jwk: JsonWebKey): KeyObject {
  return createPublicKey({ key: jwk, format: 'jwk' });
}

export function verifyAsymmetric(decoded: DecodedJwt, key: KeyObject, keyType: string): void {
  const alg = decoded.header.alg;
  if (!isAsymmetricAlgorithm(alg)) throw new InvalidTokenError(`algorithm ${String(alg)} is not accepted`);
  const { hash, kty, options } = ASYMMETRIC[alg];
  if (kty !== keyType) throw new InvalidTokenError(`key of type ${keyType} cannot verify ${alg}`);
  const valid = verifySignature(hash, Buffer.from(decoded.signingInput), { key, ...options }, decoded.signature);
  if (!valid) throw new InvalidTokenError('bad signature');
}

/** Time and audience checks shared by local and OIDC tokens; `now` in seconds. */
export function checkClaims(claims: JwtClaims, expected: { issuer: string; audience?: string | null; now: number; leewaySeconds?: number }): void {
  const leeway = expected.leewaySeconds ?? 30;
  if (claims.iss !== expected.issuer) throw new InvalidTokenError('unexpected issuer');
  if (typeof claims.exp !== 'number') throw new InvalidTokenError('no expiry');
  if (claims.exp + leeway <= expected.now) throw new InvalidTokenError('expired');
  if (typeof claims.nbf === 'number' && claims.nbf - leeway > expected.now) throw new InvalidTokenError('not yet valid');
  if (expected.audience) {
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(expected.audience)) throw new InvalidTokenError('unexpected audience');
  }
}

/** A claim by name, or by dotted path (`realm_access.roles`) when no claim has that very name. */
export function claimAt(claims: JwtClaims, path: string): unknown {
  if (path in claims) return claims[path];
  return path.split('.').reduce<unknown>((value, segment) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined), claims);
}
