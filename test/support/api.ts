import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@app/config';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApi {
  app: NestExpressApplication;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real api on a fresh database of its own, migrated as at start-up. */
export async function startTestApi(): Promise<TestApi> {
  const database = await createTestDatabase('api');
  const app = await createApi({ ...loadConfig({ LOG_LEVEL: 'silent' }), databaseUrl: database.url });
  await app.init();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
