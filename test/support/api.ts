import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AccountsService, type Role } from '@app/auth';
import { loadConfig, type AppConfig } from '@app/config';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { aUser, type UserSpec } from '../factories/user.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { startTestEngine, type TestEngine } from './engine.js';

/** The key the test apis sign their access tokens with. */
export const TEST_JWT_SECRET = 'a-test-secret-of-at-least-32-bytes-long';

/** A signed-in user of a test api. */
export interface SignedInUser {
  id: string;
  role: Role;
  spec: UserSpec;
  accessToken: string;
  refreshToken: string;
  /** The Authorization header of its requests: `http().get(path).set(user.auth)`. */
  auth: { Authorization: string };
}

export interface TestApi {
  app: NestExpressApplication;
  database: TestDatabase;
  engine: TestEngine;
  /** Creates a local user (the role's default territory unless given) and signs it in through the API. */
  signIn(role: Role, overrides?: Partial<UserSpec>): Promise<SignedInUser>;
  /** Stops the app and starts a new one on the same database and engine, as a restart of the product does; `app` is then the new one. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real api on a fresh database of its own, migrated as at start-up, with the embedded engine.
 * `config` overrides the configuration (e.g. `auth.oidc`).
 */
export async function startTestApi(config: Partial<AppConfig> = {}): Promise<TestApi> {
  const database = await createTestDatabase('api');
  const engine = await startTestEngine(database);
  const start = async () => {
    const started = await createApi({
      ...loadConfig({ LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_JWT_SECRET }),
      ...config,
      databaseUrl: database.url,
      zeebeGrpcAddress: engine.address,
    });
    await started.init();
    return started;
  };
  const api: TestApi = {
    app: await start(),
    database,
    engine,
    signIn: async (role, overrides = {}) => {
      const spec = aUser(role, overrides);
      await api.app.get(AccountsService).createLocalUser(spec);
      const response = await request(api.app.getHttpServer()).post('/auth/sign-in').send({ login: spec.login, password: spec.password });
      if (response.status !== 200) throw new Error(`sign-in of ${spec.login} answered ${response.status}: ${response.text}`);
      const { accessToken, refreshToken } = response.body as { accessToken: string; refreshToken: string };
      return { id: spec.login, role, spec, accessToken, refreshToken, auth: { Authorization: `Bearer ${accessToken}` } };
    },
    restart: async () => {
      await api.app.close();
      api.app = await start();
    },
    close: async () => {
      await api.app.close();
      await engine.close();
      await database.drop();
    },
  };
  return api;
}
