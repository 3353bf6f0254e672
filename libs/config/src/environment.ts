/** The product's configuration, read once from the environment and validated. */
export interface AppConfig {
  /** PostgreSQL URL; absent means the product starts an embedded PostgreSQL. */
  databaseUrl: string | null;
  /** Zeebe gateway address; absent means the product starts its embedded engine. */
  zeebeGrpcAddress: string | null;
  port: number;
  enginePort: number;
  /** Where the embedded engine listens: loopback unless the gateway must be reachable from elsewhere. */
  engineHost: string;
  logLevel: LogLevel;
  dataDir: string;
  /** The models the product ships and deploys at start when they changed (`bpmn/`). */
  modelsDir: string;
  /** The built web application (`npm run build` writes it to `dist/web`) that the api serves at `/`. */
  webDir: string;
  /** The region whose planning this installation serves. */
  regionId: string;
  auth: AuthConfig;
  /** Demo mode: demo users for every role are created at start. */
  demo: boolean;
  /** Base URL of the web pages, for links in e-mails and webhooks. */
  publicUrl: string;
  /** SMTP server for e-mail notifications; absent means e-mails are only kept in the outbox table. */
  smtpUrl: string | null;
  smtpFrom: string;
  /** How long a user task's job stays activated before it is renewed (UpdateJobTimeout). */
  taskJobTimeoutMs: number;
  /** A job worker that has not asked the engine for jobs for this long is stuck: `/health` answers 503. */
  workerStallMs: number;
  outbox: OutboxConfig;
  webhooks: WebhookConfig;
}

export interface AuthConfig {
  /** HS256 key of the access tokens; absent means a random key per process (tokens die with it). */
  jwtSecret: string | null;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** An external OpenID Connect provider whose bearer tokens are accepted besides local accounts. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  /** Required `aud` of the tokens; absent means any audience. */
  audience: string | null;
  /** Claim paths (dotted, e.g. `realm_access.roles`) of the user id, display name, e-mail, role and territory. */
  userClaim: string;
  nameClaim: string;
  emailClaim: string;
  roleClaim: string;
  territoryClaim: string;
  /**
   * The product as a client of the provider, for the web application's sign-in (authorization
   * code flow with PKCE); absent means only bearer tokens are accepted.
   */
  client: OidcClientConfig | null;
}

export interface OidcClientConfig {
  clientId: string;
  /** Sent to the token endpoint when set (a confidential client); absent means a public client (PKCE only). */
  clientSecret: string | null;
  /** The label of the sign-in button ("Přihlásit přes …"); the issuer's host unless configured. */
  providerName: string;
}

export interface OutboxConfig {
  /** Deliveries tried before a message is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; it doubles with every attempt. */
  retryBaseMs: number;
  /** How long a dispatcher owns a message it is delivering; after that (a crash) another takes it over. */
  leaseMs: number;
}

/** Where users' webhooks may go; by default only `https:` to the public internet, so that a user cannot make the server call inside the network. */
export interface WebhookConfig {
  /** `http:` URLs besides `https:`. */
  allowHttp: boolean;
  /** Loopback, private (RFC 1918, fc00::/7) and carrier-grade NAT receivers: tests and intranet installations. */
  allowPrivateNetworks: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Raised at boot; its message is the one line the operator sees. */
export class ConfigError extends Error {
  constructor(variable: string, expected: string, actual: string) {
    super(`Invalid configuration: ${variable} must be ${expected} (got ${JSON.stringify(actual)})`);
    this.name = 'ConfigError';
  }
}

type Environment = Record<string, string | undefined>;

function optional(env: Environment, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function databaseUrl(env: Environment): string | null {
  const value = optional(env, 'DATABASE_URL');
  if (value === null) return null;
  if (!/^postgres(ql)?:\/\/[^/]+/.test(value) || !URL.canParse(value)) {
    throw new ConfigError('DATABASE_URL', 'a PostgreSQL URL such as postgres://user@127.0.0.1:5432/db', value);
  }
  return value;
}

function zeebeAddress(env: Environment): string | null {
  const value = optional(env, 'ZEEBE_GRPC_ADDRESS');
  if (value === null) return null;
  if (!/^(grpcs?:\/\/)?[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(value)) {
    throw new ConfigError('ZEEBE_GRPC_ADDRESS', 'a gateway address such as grpc://127.0.0.1:26500', value);
  }
  return value;
}

function port(env: Environment, name: string, fallback: number): number {
  const value = optional(env, name);
  if (value === null) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 65535) {
    throw new ConfigError(name, 'a TCP port number from 1 to 65535', value);
  }
  return parsed;
}

function host(env: Environment, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback;
  if (!/^[A-Za-z0-9.\-:]+$/.test(value)) throw new ConfigError(name, 'a host name or IP address such as 127.0.0.1', value);
  return value;
}

function logLevel(env: Environment): LogLevel {
  const value = optional(env, 'LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError('LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, value);
  }
  return value as LogLevel;
}

function regionId(env: Environment): string {
  const value = optional(env, 'REGION') ?? 'jmk';
  if (!/^[a-z][a-z0-9-]*$/.test(value)) throw new ConfigError('REGION', 'a region id such as jmk', value);
  return value;
}

function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const value = optional(env, name);
  if (value === null) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, value);
  }
  return parsed;
}

function flag(env: Environment, name: string): boolean {
  const value = optional(env, name)?.toLowerCase() ?? 'false';
  if (!['true', 'false', '1', '0'].includes(value)) throw new ConfigError(name, 'true or false', value);
  return value === 'true' || value === '1';
}

function url(env: Environment, name: string, protocols: readonly string[], example: string): string | null {
  const value = optional(env, name);
  if (value === null) return null;
  if (!URL.canParse(value) || !protocols.includes(new URL(value).protocol)) {
    throw new ConfigError(name, `a URL such as ${example}`, value);
  }
  return value;
}

function claimPath(env: Environment, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback;
  if (!/^[\w:/-]+(\.[\w:/-]+)*$/.test(value)) throw new ConfigError(name, 'a claim name or dotted path such as realm_access.roles', value);
  return value;
}

/** An OAuth client id or secret: printable ASCII without spaces. */
function credential(env: Environment, name: string, expected: string, hidden = false): string | null {
  const value = optional(env, name);
  if (value !== null && !/^[\x21-\x7e]{1,500}$/.test(value)) throw new ConfigError(name, expected, hidden ? '<hidden>' : value);
  return value;
}

function oidcClient(env: Environment, issuer: string | null): OidcClientConfig | null {
  const clientId = credential(env, 'OIDC_CLIENT_ID', 'a client id of printable characters without spaces');
  const clientSecret = credential(env, 'OIDC_CLIENT_SECRET', 'a client secret of printable characters without spaces', true);
  const providerName = optional(env, 'OIDC_PROVIDER_NAME');
  // Each of them only means something with the one before it: set alone it is a mistake, not a choice.
  if (clientId !== null && issuer === null) throw new ConfigError('OIDC_CLIENT_ID', 'set only together with OIDC_ISSUER', clientId);
  if (clientSecret !== null && clientId === null) throw new ConfigError('OIDC_CLIENT_SECRET', 'set only together with OIDC_CLIENT_ID', '<hidden>');
  if (providerName !== null && (providerName.length > 60 || /[\p{C}]/u.test(providerName))) {
    throw new ConfigError('OIDC_PROVIDER_NAME', 'a label of at most 60 characters', providerName);
  }
  if (providerName !== null && clientId === null) throw new ConfigError('OIDC_PROVIDER_NAME', 'set only together with OIDC_CLIENT_ID', providerName);
  if (clientId === null || issuer === null) return null;
  return { clientId, clientSecret, providerName: providerName ?? new URL(issuer).host };
}

function authConfig(env: Environment): AuthConfig {
  const jwtSecret = optional(env, 'AUTH_JWT_SECRET');
  // HS256 is only as strong as its key: 32 bytes at least.
  if (jwtSecret !== null && Buffer.byteLength(jwtSecret) < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'a secret of at least 32 bytes', '<hidden>');
  }
  const issuer = url(env, 'OIDC_ISSUER', ['https:', 'http:'], 'https://login.example.cz/realms/jmk');
  const client = oidcClient(env, issuer);
  // The claim settings are checked even without an issuer, so that a typo shows before OIDC is switched on.
  const claims = {
    userClaim: claimPath(env, 'OIDC_USER_CLAIM', 'sub'),
    nameClaim: claimPath(env, 'OIDC_NAME_CLAIM', 'name'),
    emailClaim: claimPath(env, 'OIDC_EMAIL_CLAIM', 'email'),
    roleClaim: claimPath(env, 'OIDC_ROLE_CLAIM', 'roles'),
    territoryClaim: claimPath(env, 'OIDC_TERRITORY_CLAIM', 'territory'),
  };
  return {
    jwtSecret,
    accessTokenTtlSeconds: integer(env, 'AUTH_ACCESS_TOKEN_TTL', 900, 30, 86_400),
    refreshTokenTtlSeconds: integer(env, 'AUTH_REFRESH_TOKEN_TTL', 1_209_600, 60, 31_536_000),
    oidc: issuer === null ? null : { issuer: issuer.replace(/\/$/, ''), audience: optional(env, 'OIDC_AUDIENCE'), ...claims, client },
  };
}

export function loadConfig(env: Environment = process.env): AppConfig {
  return {
    databaseUrl: databaseUrl(env),
    zeebeGrpcAddress: zeebeAddress(env),
    port: port(env, 'PORT', 3000),
    enginePort: port(env, 'ENGINE_PORT', 26500),
    engineHost: host(env, 'ENGINE_HOST', '127.0.0.1'),
    logLevel: logLevel(env),
    dataDir: optional(env, 'DATA_DIR') ?? '.data',
    modelsDir: optional(env, 'MODELS_DIR') ?? 'bpmn',
    webDir: optional(env, 'WEB_DIR') ?? 'dist/web',
    regionId: regionId(env),
    auth: authConfig(env),
    demo: flag(env, 'DEMO'),
    publicUrl: (url(env, 'PUBLIC_URL', ['https:', 'http:'], 'https://planovani.jmk.cz') ?? `http://localhost:${port(env, 'PORT', 3000)}`).replace(/\/$/, ''),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.cz:587'),
    smtpFrom: optional(env, 'SMTP_FROM') ?? 'Plánování sociálních služeb <noreply@localhost>',
    taskJobTimeoutMs: integer(env, 'TASK_JOB_TIMEOUT_MS', 3_600_000, 1_000, 86_400_000),
    // Above the job workers' long poll (50 s): an idle worker asks at least that often.
    workerStallMs: integer(env, 'WORKER_STALL_MS', 120_000, 1_000, 3_600_000),
    outbox: {
      maxAttempts: integer(env, 'OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
      retryBaseMs: integer(env, 'OUTBOX_RETRY_BASE_MS', 5_000, 1, 3_600_000),
      leaseMs: integer(env, 'OUTBOX_LEASE_MS', 60_000, 100, 3_600_000),
    },
    webhooks: {
      allowHttp: flag(env, 'WEBHOOK_ALLOW_HTTP'),
      allowPrivateNetworks: flag(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'),
    },
  };
}

/**
 * Loads the configuration or stops the process with one line that names the variable
 * and what it expects.
 */
export function loadConfigOrExit(env: Environment = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}
