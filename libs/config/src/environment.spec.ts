import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@app/config';

describe('loadConfig', () => {
  it('defaults to the embedded database and engine', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: null,
      zeebeGrpcAddress: null,
      port: 3000,
      enginePort: 26500,
      engineHost: '127.0.0.1',
      logLevel: 'info',
      dataDir: '.data',
      modelsDir: 'bpmn',
      webDir: 'dist/web',
      regionId: 'jmk',
      auth: { jwtSecret: null, accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 1_209_600, oidc: null },
      demo: false,
      publicUrl: 'http://localhost:3000',
      smtpUrl: null,
      smtpFrom: 'Plánování sociálních služeb <noreply@localhost>',
      taskJobTimeoutMs: 3_600_000,
      workerStallMs: 120_000,
      outbox: { maxAttempts: 8, retryBaseMs: 5_000, leaseMs: 60_000 },
      webhooks: { allowHttp: false, allowPrivateNetworks: false },
    });
  });

  it('lets webhooks go to http: and private receivers only when configured', () => {
    expect(loadConfig({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: '1' }).webhooks).toEqual({ allowHttp: true, allowPrivateNetworks: true });
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' }).webhooks).toEqual({ allowHttp: false, allowPrivateNetworks: false });
  });

  it('reads sign-in, OIDC, demo, e-mail, task and outbox settings', () => {
    const config = loadConfig({
      AUTH_JWT_SECRET: 'x'.repeat(32),
      AUTH_ACCESS_TOKEN_TTL: '300',
      OIDC_ISSUER: 'https://login.example.cz/realms/jmk/',
      OIDC_AUDIENCE: 'planovani',
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      DEMO: 'true',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      TASK_JOB_TIMEOUT_MS: '60000',
      WORKER_STALL_MS: '30000',
      OUTBOX_MAX_ATTEMPTS: '3',
    });
    expect(config).toMatchObject({
      auth: {
        jwtSecret: 'x'.repeat(32),
        accessTokenTtlSeconds: 300,
        oidc: { issuer: 'https://login.example.cz/realms/jmk', audience: 'planovani', roleClaim: 'realm_access.roles', userClaim: 'sub', territoryClaim: 'territory' },
      },
      demo: true,
      smtpUrl: 'smtp://127.0.0.1:2525',
      taskJobTimeoutMs: 60_000,
      workerStallMs: 30_000,
      outbox: { maxAttempts: 3 },
    });
  });

  it('reads the OIDC client of the web sign-in, named after the issuer unless told', () => {
    const issuer = { OIDC_ISSUER: 'https://login.example.cz/realms/jmk' };
    expect(loadConfig(issuer).auth.oidc!.client).toBeNull();
    expect(loadConfig({ ...issuer, OIDC_CLIENT_ID: 'planovani-web' }).auth.oidc!.client).toEqual({ clientId: 'planovani-web', clientSecret: null, providerName: 'login.example.cz' });
    expect(loadConfig({ ...issuer, OIDC_CLIENT_ID: 'planovani-web', OIDC_CLIENT_SECRET: 's3cr3t', OIDC_PROVIDER_NAME: 'Identita JMK' }).auth.oidc!.client).toEqual({
      clientId: 'planovani-web',
      clientSecret: 's3cr3t',
      providerName: 'Identita JMK',
    });
  });

  it.each([
    [{ OIDC_CLIENT_ID: 'planovani-web' }, 'OIDC_CLIENT_ID must be set only together with OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'https://login.example.cz', OIDC_CLIENT_ID: 'planovani web' }, 'OIDC_CLIENT_ID must be a client id of printable characters without spaces'],
    [{ OIDC_ISSUER: 'https://login.example.cz', OIDC_CLIENT_SECRET: 's3cr3t' }, 'OIDC_CLIENT_SECRET must be set only together with OIDC_CLIENT_ID (got "<hidden>")'],
    [{ OIDC_ISSUER: 'https://login.example.cz', OIDC_CLIENT_ID: 'web', OIDC_CLIENT_SECRET: 'with space' }, 'OIDC_CLIENT_SECRET must be a client secret of printable characters without spaces (got "<hidden>")'],
    [{ OIDC_ISSUER: 'https://login.example.cz', OIDC_PROVIDER_NAME: 'Identita JMK' }, 'OIDC_PROVIDER_NAME must be set only together with OIDC_CLIENT_ID'],
    [{ OIDC_ISSUER: 'https://login.example.cz', OIDC_CLIENT_ID: 'web', OIDC_PROVIDER_NAME: 'x'.repeat(61) }, 'OIDC_PROVIDER_NAME must be a label of at most 60 characters'],
  ])('refuses a browser sign-in setting that does not fit: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      ZEEBE_GRPC_ADDRESS: 'grpc://zeebe:26500',
      PORT: '8080',
      ENGINE_PORT: '26600',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/var/lib/planovani',
      REGION: 'jmk',
    });
    expect(config).toMatchObject({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', zeebeGrpcAddress: 'grpc://zeebe:26500', port: 8080, enginePort: 26600, logLevel: 'debug', dataDir: '/var/lib/planovani' });
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a TCP port number from 1 to 65535 (got "abc")'],
    ['PORT', '70000', 'PORT must be a TCP port number from 1 to 65535 (got "70000")'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a PostgreSQL URL'],
    ['ZEEBE_GRPC_ADDRESS', 'zeebe', 'ZEEBE_GRPC_ADDRESS must be a gateway address'],
    ['ENGINE_HOST', 'not a host!', 'ENGINE_HOST must be a host name or IP address'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    ['AUTH_JWT_SECRET', 'short', 'AUTH_JWT_SECRET must be a secret of at least 32 bytes (got "<hidden>")'],
    ['AUTH_ACCESS_TOKEN_TTL', '10', 'AUTH_ACCESS_TOKEN_TTL must be a whole number from 30 to 86400'],
    ['OIDC_ISSUER', 'login.example.cz', 'OIDC_ISSUER must be a URL'],
    ['OIDC_ROLE_CLAIM', 'roles[0]', 'OIDC_ROLE_CLAIM must be a claim name or dotted path'],
    ['DEMO', 'yes', 'DEMO must be true or false'],
    ['SMTP_URL', 'http://mail', 'SMTP_URL must be a URL such as smtp://'],
    ['OUTBOX_MAX_ATTEMPTS', '0', 'OUTBOX_MAX_ATTEMPTS must be a whole number from 1 to 100'],
    ['WORKER_STALL_MS', '10', 'WORKER_STALL_MS must be a whole number from 1000 to 3600000'],
    ['WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'intranet', 'WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false'],
  ])('refuses a malformed %s with one line naming it', (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });
});
