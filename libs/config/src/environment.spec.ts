import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@app/config';

describe('loadConfig', () => {
  it('defaults to the embedded database and engine', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: null,
      zeebeGrpcAddress: null,
      port: 3000,
      enginePort: 26500,
      logLevel: 'info',
      dataDir: '.data',
      regionId: 'jmk',
    });
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
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
  ])('refuses a malformed %s with one line naming it', (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });
});
