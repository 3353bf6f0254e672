import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

/** The built launcher, as `npm start` runs it (`npm test` builds before the e2e tests). */
const LAUNCHER = join(process.cwd(), 'dist', 'apps', 'launcher', 'src', 'main.js');

/**
 * Issue 17, defect 6: a second `npm start` while one runs died with `triggerUncaughtException …
 * undefined` and a stack trace. Now it says in one line which port is taken by what, exits 1,
 * and starts nothing.
 */
describe('a start that cannot succeed', () => {
  let holder: Server;
  let port: number;

  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    port = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('names the taken port and what holds it, in one line, exit code 1, nothing started', async () => {
    expect(existsSync(LAUNCHER)).toBe(true);
    const dataDir = await mkdtemp(join(tmpdir(), 'launcher-'));
    const run = spawnSync(process.execPath, [LAUNCHER], {
      env: { ...process.env, PORT: String(port), ENGINE_PORT: String(port + 1), DATA_DIR: dataDir, DATABASE_URL: '', ZEEBE_GRPC_ADDRESS: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^\\[launcher\\] cannot start: port ${port} for the API \\(PORT\\) is taken by .+ \\(pid ${process.pid}\\)\\n$`));
    expect(run.stdout).toBe('');
    // Nothing was started: no embedded PostgreSQL was initialised in the data directory.
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
  });
});
