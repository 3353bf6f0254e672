import 'reflect-metadata';
import { loadConfigOrExit, stopOnSignals } from '@app/config';
import { ensureDatabase } from '@app/persistence';
import { createApi } from './bootstrap.js';

const config = loadConfigOrExit();
const database = await ensureDatabase(config);
const app = await createApi({ ...config, databaseUrl: database.url });
await app.listen(config.port, '0.0.0.0');
process.stdout.write(`api listening on http://localhost:${config.port} (OpenAPI at /docs)\n`);

stopOnSignals(async () => {
  await app.close();
  await database.stop();
});
