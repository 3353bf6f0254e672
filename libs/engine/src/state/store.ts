import pg from 'pg';
import { migrate } from './migrations.js';
import type { EngineState } from './state.js';

/** Rows written per statement; keeps parameter arrays reasonable under load. */
const CHUNK = 2000;

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
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
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

  private snapshot(): Statement[] {
    const statements: Statement[] = [];
    for (const [tableName, keys] of this.state.changes.take()) {
      const table = this.state.tables().find((candidate) => candidate.name === tableName)!;
      const upsertKeys: string[] = [];
      const upsertData: string[] = [];
      const deleted: string[] = [];
      for (const key of keys) {
        const row = table.get(key);
        if (row) {
          upsertKeys.push(key);
          upsertData.push(JSON.stringify(row));
        } else deleted.push(key);
      }
      for (let i = 0; i < upsertKeys.length; i += CHUNK) {
        statements.push({
          text: `INSERT INTO engine.${tableName} (key, data) SELECT * FROM unnest($1::bigint[], $2::jsonb[]) ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data`,
          values: [upsertKeys.slice(i, i + CHUNK), upsertData.slice(i, i + CHUNK)],
        });
      }
      for (let i = 0; i < deleted.length; i += CHUNK) {
        statements.push({ text: `DELETE FROM engine.${tableName} WHERE key = ANY($1::bigint[])`, values: [deleted.slice(i, i + CHUNK)] });
      }
    }
    const records = this.state.pendingRecords;
    this.state.pendingRecords = [];
    for (let i = 0; i < records.length; i += CHUNK) {
      const chunk = records.slice(i, i + CHUNK);
      statements.push({
        text: `INSERT INTO engine.records (position, key, record_type, value_type, intent, timestamp, value)
               SELECT p, k, rt, vt, i, to_timestamp(t / 1000.0), v FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::jsonb[]) AS r(p, k, rt, vt, i, t, v)`,
        values: [
          chunk.map((record) => record.position),
          chunk.map((record) => record.key),
          chunk.map((record) => record.recordType),
          chunk.map((record) => record.valueType),
          chunk.map((record) => record.intent),
          chunk.map((record) => record.timestamp),
          chunk.map((record) => JSON.stringify(record.value)),
        ],
      });
    }
    statements.push({
      text: `INSERT INTO engine.counters (name, value) VALUES ('key', $1), ('position', $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
      values: [this.state.nextKey.toString(), this.state.nextPosition.toString()],
    });
    return statements;
  }

  private async write(statements: Statement[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const statement of statements) await client.query(statement.text, statement.values);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Waits for pending writes, then closes the connections. */
  async close(): Promise<void> {
    if (this.next && !this.flushing) this.flush();
    while (this.flushing) await this.flushing.catch(() => undefined);
    await this.pool.end();
  }
}

interface Statement {
  text: string;
  values: unknown[];
}
