import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { portProblem, postgresHolding, startFailureLine } from './start-failure.js';

describe('start failures in one line', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names a taken port and the process that holds it', async () => {
    const problem = await portProblem(port, '127.0.0.1');
    expect(problem?.code).toBe('EADDRINUSE');
    const line = startFailureLine('api', problem);
    expect(line).toMatch(new RegExp(`^api: cannot start: port ${port} is taken by .*\\(pid ${process.pid}\\)$`));
    expect(line).not.toContain('\n');
  });

  it('finds a free port free', async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const freed = (free.address() as { port: number }).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    await expect(portProblem(freed, '127.0.0.1')).resolves.toBeNull();
  });

  it('says something for failures without a message, and only the first line of a message', () => {
    expect(startFailureLine('launcher', undefined)).toBe('launcher: cannot start: it failed without saying why (see the lines above)');
    expect(startFailureLine('worker', new Error('first\n    at stack'))).toBe('worker: cannot start: first');
    expect(startFailureLine('api', Object.assign(new Error('x'), { code: 'EACCES', path: '/data' }))).toBe('api: cannot start: /data is not writable (EACCES)');
  });

  it('sees a data directory held by a running PostgreSQL', () => {
    const directory = mkdtempSync(join(tmpdir(), 'pg-'));
    expect(postgresHolding(directory)).toBeNull();
    writeFileSync(join(directory, 'postmaster.pid'), `${process.pid}\n/data\n`);
    expect(postgresHolding(directory)).toBe(process.pid);
  });
});
