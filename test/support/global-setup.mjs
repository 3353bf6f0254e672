// Jest loads global hooks with Node's own loader (no path aliases, no TypeScript), so this
// uses the build output; `npm test` builds first.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../dist/libs/persistence/src/embedded-postgres.js';

/** Without DATABASE_URL the e2e suite runs against an embedded PostgreSQL of its own. */
export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const directory = await mkdtemp(join(tmpdir(), 'e2e-postgres-'));
  const database = await startEmbeddedPostgres({ directory });
  process.env.DATABASE_URL = database.url;
  globalThis.__embeddedDatabase = database;
}
