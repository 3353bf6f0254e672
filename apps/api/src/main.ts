import 'reflect-metadata';
import { exitOnStartFailure, loadConfigOrExit, stopOnSignals } from '@app/config';
import { ensureDatabase } from '@app/persistence';
import { createApi } from './bootstrap.js';

const config = loadConfigOrExit();
const database = await ensureDatabase(config).catch((error: unknown) => exitOnStartFailure('api', error));
const app = await createApi({ ...config, databaseUrl: database.url }).catch((error: unknown) => exitOnStartFailure('api', error));
await app.listen(config.port, '0.0.0.0').catch(async (error: unknown) => {
  await app.close().catch(() => undefined);
  await database.stop().catch(() => undefined);
  exitOnStartFailure('api', error);
});
process.stdout.write(`api listening on http://localhost:${config.port} (OpenAPI at /docs)\n`);

stopOnSignals(async () => {
  await app.close();
  await database.stop();
});
