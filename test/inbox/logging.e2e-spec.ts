import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { freePort } from '@app/persistence';
import { LOCAL_ISSUER, signHs256 } from '@app/auth';
import { hashPassword } from '../../libs/auth/src/password.js';
import { TEST_JWT_SECRET } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The api as `npm start` runs it (the build output), logging at info: what it writes must hold no token. */
describe('request logs', () => {
  let database: TestDatabase;
  let api: ChildProcess;
  let output = '';
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase('logging');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info', ZEEBE_GRPC_ADDRESS: 'grpc://127.0.0.1:9' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout!.on('data', (chunk) => (output += String(chunk)));
    api.stderr!.on('data', (chunk) => (output += String(chunk)));
    const deadline = Date.now() + 30_000;
    while (!output.includes('api listening')) {
      if (Date.now() > deadline || api.exitCode !== null) throw new Error(`the api did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    if (api && api.exitCode === null) {
      await new Promise<void>((resolve) => {
        api.once('exit', () => resolve());
        api.kill('SIGTERM');
      });
    }
    await database?.drop();
  });

  /** A local ORP official of Židlochovice, written straight into the api's database. */
  async function anAccount(id: string, displayName: string, passwordHash: string): Promise<void> {
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      await sql.query(
        `INSERT INTO user_account (id, login, password_hash, display_name, role, territory_kind, territory_id, source)
         VALUES ($1, $1, $2, $3, 'orp_official', 'orp', 'zidlochovice', 'local')`,
        [id, passwordHash, displayName],
      );
    } finally {
      await sql.end();
    }
  }

  it('redacts bearer tokens and the event stream’s access_token', async () => {
    // The token's account (the api has migrated the database by now).
    await anAccount('log.test', 'Log Test', 'no-password');
    const now = Math.floor(Date.now() / 1000);
    const token = signHs256({ iss: LOCAL_ISSUER, sub: 'log.test', name: 'Log Test', role: 'orp_official', territory: 'orp:zidlochovice', iat: now, exp: now + 60 }, TEST_JWT_SECRET);
    expect((await fetch(`${base}/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const stream = new AbortController();
    const events = await fetch(`${base}/me/events?access_token=${token}&lastEventId=0`, { signal: stream.signal });
    expect(events.status).toBe(200);
    stream.abort();
    const logged = () => output.split('\n').filter((line) => line.includes('"req"'));
    const deadline = Date.now() + 5_000;
    while (logged().filter((line) => line.includes('/me/events')).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logged().length).toBeGreaterThanOrEqual(2);
    expect(output).not.toContain(token);
    expect(output).toContain('access_token=[redacted]');
    expect(output).toContain('"authorization":"[redacted]"');
  });

  it('redacts the web session’s refresh cookie and the code and state an OIDC provider sends back', async () => {
    await anAccount('log.session', 'Log Session', await hashPassword('log-heslo'));
    const signedIn = await fetch(`${base}/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'log.session', password: 'log-heslo' }) });
    expect(signedIn.status).toBe(200);
    const refreshToken = /pss_refresh=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1];
    const callback = await fetch(`${base}/auth/session/oidc/callback?code=a-secret-code-0123456789&state=a-secret-state-0123456789`, { redirect: 'manual' });
    expect(callback.status).toBe(302);
    const deadline = Date.now() + 5_000;
    // The request's own log line (with its query), not the route's mapping at start-up, which names the path too.
    while (!output.includes('/auth/session/oidc/callback?') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(output).toContain('code=[redacted]&state=[redacted]');
    expect(output).not.toContain('a-secret-code');
    expect(output).not.toContain('a-secret-state');
    expect(output).not.toContain(decodeURIComponent(refreshToken));
    expect(output).not.toContain(refreshToken);
    expect(output).toContain('"set-cookie":"[redacted]"');
  });
});
