import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describeHolder, loadConfigOrExit, portProblem, postgresHolding, startFailureLine } from '@app/config';
import { ensureDatabase, openDataSource } from '@app/persistence';
import { httpOk, portAccepts, spawnApp, stopChild, waitFor } from './children.js';

/**
 * `npm start`: the whole product on one machine. PostgreSQL is embedded unless
 * DATABASE_URL is set; the engine is embedded unless ZEEBE_GRPC_ADDRESS is set.
 */
const config = loadConfigOrExit();
const log = (line: string) => process.stdout.write(`[launcher] ${line}\n`);
const children = new Map<string, ChildProcess>();
let stopping = false;

/** A start that cannot succeed is told in one line (what, and where) before anything is started; exit code 1. */
function refuseToStart(line: string): never {
  process.stderr.write(`[launcher] ${line}\n`);
  process.exit(1);
}

// Whatever fails later than these checks still ends in one line, with everything started stopped.
process.on('uncaughtException', (error) => void failed(error));
process.on('unhandledRejection', (error) => void failed(error));

const embeddedData = join(config.dataDir, 'postgres');
const running = config.databaseUrl ? null : postgresHolding(embeddedData);
if (running !== null) refuseToStart(`cannot start: the data directory ${embeddedData} is in use by PostgreSQL (pid ${running}); is the product already running?`);
for (const [port, host, what] of [
  [config.port, '0.0.0.0', 'the API (PORT)'],
  ...(config.zeebeGrpcAddress ? [] : [[config.enginePort, config.engineHost, 'the embedded engine (ENGINE_PORT)'] as const]),
] as const) {
  const problem = await portProblem(port, host);
  if (problem?.code === 'EADDRINUSE') refuseToStart(`cannot start: port ${port} for ${what} is taken by ${describeHolder(port)}`);
  if (problem) refuseToStart(startFailureLine('cannot start', problem).replace(/^cannot start: cannot start: /, 'cannot start: '));
}

let database: Awaited<ReturnType<typeof ensureDatabase>> | null = null;
try {
  database = await ensureDatabase(config);
} catch (error) {
  refuseToStart(`cannot start PostgreSQL: ${config.databaseUrl ? 'DATABASE_URL' : `in ${embeddedData}`}: ${startFailureLine('', error).replace(/^: cannot start: /, '')}`);
}
log(config.databaseUrl ? 'using the configured PostgreSQL' : `embedded PostgreSQL running, data in ${config.dataDir}/postgres`);
// Migrate once here so that the apps start on an up-to-date schema.
await (await openDataSource(database.url)).destroy();

const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url };

async function failed(error: unknown): Promise<void> {
  process.stderr.write(`${startFailureLine('[launcher]', error)}\n`);
  if (stopping) process.exit(1);
  await shutdown(1);
}

async function shutdown(exitCode: number): Promise<never> {
  stopping = true;
  // The apps first (they hold connections to the engine and the database), then the engine, then PostgreSQL.
  await Promise.all(['api', 'worker'].map((name) => children.get(name)).filter((child) => child !== undefined).map((child) => stopChild(child)));
  const engine = children.get('engine');
  if (engine) await stopChild(engine);
  await database?.stop();
  log('stopped');
  process.exit(exitCode);
}

function start(name: 'api' | 'worker' | 'engine'): void {
  const child = spawnApp(name, env);
  children.set(name, child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the product`);
    void shutdown(1);
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0));

try {
  if (!config.zeebeGrpcAddress) {
    start('engine');
    await waitFor('the embedded engine', () => portAccepts(config.enginePort));
    env.ZEEBE_GRPC_ADDRESS = `grpc://127.0.0.1:${config.enginePort}`;
    env.CAMUNDA_AUTH_STRATEGY ??= 'NONE';
    log(`embedded engine listening on 127.0.0.1:${config.enginePort}`);
  }
  start('api');
  start('worker');
  await waitFor('the api', () => httpOk(`http://127.0.0.1:${config.port}/health`));
  log(`product running at http://localhost:${config.port} (API documentation at http://localhost:${config.port}/docs)`);
} catch (error) {
  await failed(error);
}
