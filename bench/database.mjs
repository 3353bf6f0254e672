// A bench run's own database; `npm run build` first (it uses the build output).
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../dist/libs/persistence/src/embedded-postgres.js';

/**
 * A fresh database on the server of DATABASE_URL, or on an embedded PostgreSQL started for
 * the run; `drop()` removes it and stops that embedded server.
 */
export async function benchDatabase(prefix) {
  const server = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop: async () => {} } : await startEmbeddedPostgres({ directory: await mkdtemp(join(tmpdir(), 'bench-pg-')) });
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: Object.assign(new URL(server.url), { pathname: `/${name}` }).toString(),
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await server.stop();
    },
  };
}
