import pg from 'pg';
import { migrate } from './migrations.js';
import type { EngineRecord, EngineState } from './state.js';

/**
 * Durable side of the engine state. Commands change the in-memory state synchronously;
 * `commit()` resolves once those changes are in PostgreSQL. Changes of commands that
 * arrive while a transaction runs are written together in the next one (group commit),
 * so a command is never acknowledged before its effects are durable.
 */
export class Store {
  private flushing: Promise<void> | undefined;
  private next: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;
  private failure: unknown;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly state: EngineState,
  ) {}

  static async open(databaseUrl: string, state: EngineState): Promise<Store> {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, options: '-c standard_conforming_strings=on' });
    // An idle connection the server closed is dropped by the pool; without a listener its
    // error would crash the process. A command that needs the database still fails loudly.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    const store = new Store(pool, state);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    for (const table of this.state.tables()) {
      const { rows } = await this.pool.query<{ data: { key: string } }>(`SELECT data FROM engine.${table.name} ORDER BY key`);
      for (const row of rows) table.restore(row.data);
    }
    const { rows } = await this.pool.query<{ name: string; value: string }>('SELECT name, value FROM engine.counters');
    for (const row of rows) {
      if (row.name === 'key') this.state.nextKey = BigInt(row.value);
      if (row.name === 'position') this.state.nextPosition = BigInt(row.value);
    }
    this.state.reindex();
  }

  /** Resolves when every change made so far is committed. */
  commit(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.next) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.next = { promise, resolve, reject };
      if (!this.flushing) setImmediate(() => this.flush());
    }
    return this.next.promise;
  }

  private flush(): void {
    const batch = this.next;
    if (!batch || this.flushing) return;
    this.next = undefined;
    const work = this.snapshot();
    this.flushing = this.write(work).then(
      () => batch.resolve(),
      (error: unknown) => {
        // The in-memory state is ahead of the database now; refuse everything from here on.
        this.failure = error;
        batch.reject(error);
        this.next?.reject(error);
      },
    );
    void this.flushing.finally(() => {
      this.flushing = undefined;
      if (this.next && !this.failure) this.flush();
    });
  }

  /**
   * The whole batch as one SQL text with literal values: one round trip to the server per
   * commit instead of one per statement, which is what bounds the engine's throughput.
   */
  private snapshot(): string {
    const statements: string[] = ['BEGIN'];
    for (const [tableName, keys] of this.state.changes.take()) {
      const table = this.state.tables().find((candidate) => candidate.name === tableName)!;
      const upserts: string[] = [];
      const deleted: string[] = [];
      for (const key of keys) {
        const row = table.get(key);
        if (row) {
          upserts.push(`(${int64(key)},${literal(JSON.stringify(row))})`);
          table.stored.add(key);
        } else if (table.stored.delete(key)) {
          deleted.push(int64(key));
        }
      }
      if (upserts.length > 0) {
        statements.push(`INSERT INTO engine.${tableName} (key, data) VALUES ${upserts.join(',')} ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data`);
      }
      if (deleted.length > 0) statements.push(`DELETE FROM engine.${tableName} WHERE key IN (${deleted.join(',')})`);
    }
    const records = this.state.pendingRecords;
    this.state.pendingRecords = [];
    if (records.length > 0) {
      const rows = records.map(
        (record) =>
          `(${int64(record.position)},${int64(record.key)},${literal(record.recordType)},${literal(record.valueType)},${literal(record.intent)},to_timestamp(${Number(record.timestamp)}/1000.0),${literal(JSON.stringify(record.value))})`,
      );
      statements.push(`INSERT INTO engine.records (position, key, record_type, value_type, intent, timestamp, value) VALUES ${rows.join(',')}`);
    }
    statements.push(
      `INSERT INTO engine.counters (name, value) VALUES ('key', ${int64(this.state.nextKey.toString())}), ('position', ${int64(this.state.nextPosition.toString())}) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
    );
    statements.push('COMMIT');
    return statements.join(';\n');
  }

  private async write(batch: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query(batch);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The committed records of a process instance (see `readProcessInstanceRecords`). */
  processInstanceRecords(processInstanceKey: string): Promise<EngineRecord[]> {
    return readProcessInstanceRecords(async (sql, values) => (await this.pool.query(sql, values)).rows, processInstanceKey);
  }

  /** Waits for pending writes, then closes the connections. */
  async close(): Promise<void> {
    if (this.next && !this.flushing) this.flush();
    while (this.flushing) await this.flushing.catch(() => undefined);
    await this.pool.end();
  }
}

/** A key or counter, checked to be an integer so it can be written as a literal. */
function int64(value: string): string {
  if (!/^-?\d+$/.test(value)) throw new Error(`Not an int64: ${value}`);
  return value;
}

/** A string literal; the pool turns standard_conforming_strings on, so only quotes need doubling. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

interface RecordRow {
  position: string;
  key: string;
  value_type: string;
  intent: string;
  timestamp: string;
  value: Record<string, unknown>;
}

/**
 * The committed records of a process instance (its elements, variables and incidents) and
 * the creation of the instances its call activities started, in log order, through any
 * connection to the engine's database (the engine's pool, or monitoring's in another process).
 * The log is indexed by key only, so the read starts at the instance's first record and runs
 * along the positions from there.
 */
export async function readProcessInstanceRecords(query: (sql: string, values: unknown[]) => Promise<RecordRow[]>, processInstanceKey: string): Promise<EngineRecord[]> {
  const rows = await query(
    `SELECT position::text, key::text, value_type, intent, (extract(epoch FROM timestamp) * 1000)::bigint::text AS timestamp, value
       FROM engine.records
      WHERE position >= (SELECT min(position) FROM engine.records WHERE key = $1)
        AND (
          (value_type IN ('PROCESS_INSTANCE', 'VARIABLE', 'INCIDENT') AND value->>'processInstanceKey' = $2)
          OR (value_type = 'PROCESS_INSTANCE' AND intent = 'ELEMENT_ACTIVATING' AND value->>'parentProcessInstanceKey' = $2)
        )
      ORDER BY records.position`,
    [processInstanceKey, processInstanceKey],
  );
  return rows.map((row) => ({
    position: row.position,
    key: row.key,
    recordType: 'EVENT',
    valueType: row.value_type,
    intent: row.intent,
    timestamp: Number(row.timestamp),
    value: row.value,
  })) as EngineRecord[];
}
