import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Why a start failed, in one line for a person: what, and where. No stack trace (the cause is
 * in the message; a bug still shows as its message).
 */
export function startFailureLine(app: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const port = (error as { port?: unknown } | null)?.port;
  if (code === 'EADDRINUSE' && typeof port === 'number') return `${app}: cannot start: port ${port} is taken by ${describeHolder(port)}`;
  if (code === 'EACCES' && typeof port === 'number') return `${app}: cannot start: not allowed to listen on port ${port}`;
  if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    const path = (error as { path?: unknown }).path;
    return `${app}: cannot start: ${typeof path === 'string' ? `${path} is not writable` : 'permission denied'} (${String(code)})`;
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    return `${app}: cannot start: the database or the engine does not answer (${String(code)}: ${messageOf(error)})`;
  }
  return `${app}: cannot start: ${messageOf(error)}`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  if (error === undefined || error === null) return 'it failed without saying why (see the lines above)';
  return String(error).split('\n')[0];
}

/** Stops the process with the one line, exit code 1. */
export function exitOnStartFailure(app: string, error: unknown): never {
  process.stderr.write(`${startFailureLine(app, error)}\n`);
  process.exit(1);
}

/** Who listens on a TCP port, as far as this user may see: the process's command line and pid, or "another process". */
export function describeHolder(port: number): string {
  const holder = listeningProcess(port);
  return holder ? `${holder.command} (pid ${holder.pid})` : 'another process';
}

/** The process listening on a local TCP port, from Linux's /proc; null where that cannot be seen. */
export function listeningProcess(port: number): { pid: number; command: string } | null {
  try {
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      if (!existsSync(table)) continue;
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const columns = line.trim().split(/\s+/);
        // local_address is ADDRESS:PORT in hex; state 0A is LISTEN.
        if (columns.length > 9 && columns[3] === '0A' && parseInt(columns[1].split(':')[1], 16) === port) inodes.add(columns[9]);
      }
    }
    if (inodes.size === 0) return null;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let descriptors: string[];
      try {
        descriptors = readdirSync(join('/proc', entry, 'fd'));
      } catch {
        continue;
      }
      for (const descriptor of descriptors) {
        let target: string;
        try {
          target = readlinkSync(join('/proc', entry, 'fd', descriptor));
        } catch {
          continue;
        }
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) {
          const whole = readFileSync(join('/proc', entry, 'cmdline'), 'utf8').split('\0').filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
          const command = whole.length > 120 ? `${whole.slice(0, 119)}…` : whole;
          return { pid: Number(entry), command: command || `process ${entry}` };
        }
      }
    }
  } catch {
    // Not Linux, or /proc not readable: the caller says "another process".
  }
  return null;
}

/** Null when the port can be listened on; otherwise the EADDRINUSE (or other) error that listening gives. */
export function portProblem(port: number, host: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(Object.assign(error, { port })));
    server.listen(port, host, () => server.close(() => resolve(null)));
  });
}

/** The pid of the PostgreSQL server that runs on a data directory (its postmaster.pid, the process alive), or null. */
export function postgresHolding(directory: string): number | null {
  try {
    const pid = Number(readFileSync(join(directory, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: it runs, as another user (postgres, when started as root).
    return (error as { code?: unknown }).code === 'EPERM' ? Number(readFileSync(join(directory, 'postmaster.pid'), 'utf8').split('\n')[0]) : null;
  }
}
