/** The product's configuration, read once from the environment and validated. */
export interface AppConfig {
  /** PostgreSQL URL; absent means the product starts an embedded PostgreSQL. */
  databaseUrl: string | null;
  /** Zeebe gateway address; absent means the product starts its embedded engine. */
  zeebeGrpcAddress: string | null;
  port: number;
  enginePort: number;
  logLevel: LogLevel;
  dataDir: string;
  /** The region whose planning this installation serves. */
  regionId: string;
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

export function loadConfig(env: Environment = process.env): AppConfig {
  return {
    databaseUrl: databaseUrl(env),
    zeebeGrpcAddress: zeebeAddress(env),
    port: port(env, 'PORT', 3000),
    enginePort: port(env, 'ENGINE_PORT', 26500),
    logLevel: logLevel(env),
    dataDir: optional(env, 'DATA_DIR') ?? '.data',
    regionId: regionId(env),
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
