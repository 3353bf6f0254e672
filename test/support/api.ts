import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@app/config';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { startTestEngine, type TestEngine } from './engine.js';

export interface TestApi {
  app: NestExpressApplication;
  database: TestDatabase;
  engine: TestEngine;
  close(): Promise<void>;
}

/** The real api on a fresh database of its own, migrated as at start-up, with the embedded engine. */
export async function startTestApi(): Promise<TestApi> {
  const database = await createTestDatabase('api');
  const engine = await startTestEngine(database);
  const app = await createApi({ ...loadConfig({ LOG_LEVEL: 'silent' }), databaseUrl: database.url, zeebeGrpcAddress: engine.address });
  await app.init();
  return {
    app,
    database,
    engine,
    close: async () => {
      await app.close();
      await engine.close();
      await database.drop();
    },
  };
}
