import { join } from 'node:path';
import { startEngine } from '@app/engine';
import { startEmbeddedPostgres } from '@app/persistence';

/**
 * Runs the embedded Zeebe-compatible engine alone: `ENGINE_PORT` (default 26500),
 * `DATABASE_URL` (default: an embedded PostgreSQL under `DATA_DIR` or `.data`).
 */
async function main(): Promise<void> {
  const port = Number(process.env.ENGINE_PORT ?? 26500);
  const database = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ directory: join(process.env.DATA_DIR ?? '.data', 'postgres') });
  const databaseUrl = process.env.DATABASE_URL ?? database!.url;
  const engine = await startEngine({ databaseUrl, port, host: process.env.ENGINE_HOST ?? '127.0.0.1' });
  console.log(`Zeebe-compatible engine listening on ${engine.address}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the engine`);
    await engine.stop();
    await database?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
