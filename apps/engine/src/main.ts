import { exitOnStartFailure, loadConfigOrExit, stopOnSignals } from '@app/config';
import { startEngine } from '@app/engine';
import { ensureDatabase } from '@app/persistence';

/**
 * Runs the embedded Zeebe-compatible engine alone (`npm run engine`) on `ENGINE_HOST`:
 * `ENGINE_PORT`, its state in `DATABASE_URL` or else an embedded PostgreSQL in `DATA_DIR`.
 */
const config = loadConfigOrExit();
const database = await ensureDatabase(config).catch((error: unknown) => exitOnStartFailure('engine', error));
const engine = await startEngine({ databaseUrl: database.url, port: config.enginePort, host: config.engineHost }).catch(async (error: unknown) => {
  await database.stop().catch(() => undefined);
  exitOnStartFailure('engine', error);
});
process.stdout.write(`Zeebe-compatible engine listening on ${engine.address}\n`);
stopOnSignals(async () => {
  await engine.stop();
  await database.stop();
});
