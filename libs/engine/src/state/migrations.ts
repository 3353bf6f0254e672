import type pg from 'pg';

/**
 * The engine's schema, one entry per migration, applied in order and never edited once
 * released: add a new entry instead. State tables keep each row as JSON next to its key;
 * the columns readers filter on are generated from it.
 */
const STATE_TABLES = ['deployments', 'process_definitions', 'forms', 'element_instances', 'variables', 'jobs', 'message_subscriptions', 'messages', 'timers', 'incidents'];
const BY_INSTANCE = ['element_instances', 'variables', 'jobs', 'message_subscriptions', 'timers', 'incidents'];

export const MIGRATIONS: readonly { name: string; sql: string }[] = [
  {
    name: '001_state_and_record_log',
    sql: [
      ...STATE_TABLES.map((table) => `CREATE TABLE engine.${table} (key bigint PRIMARY KEY, data jsonb NOT NULL)`),
      ...BY_INSTANCE.map(
        (table) => `ALTER TABLE engine.${table} ADD COLUMN process_instance_key bigint GENERATED ALWAYS AS ((data->>'processInstanceKey')::bigint) STORED;
         CREATE INDEX ${table}_process_instance_key ON engine.${table} (process_instance_key)`,
      ),
      `CREATE TABLE engine.counters (name text PRIMARY KEY, value bigint NOT NULL)`,
      `CREATE TABLE engine.records (
         position bigint PRIMARY KEY,
         key bigint NOT NULL,
         record_type text NOT NULL,
         value_type text NOT NULL,
         intent text NOT NULL,
         timestamp timestamptz NOT NULL,
         value jsonb NOT NULL
       )`,
      `CREATE INDEX records_key ON engine.records (key)`,
      `CREATE INDEX records_process_instance_key ON engine.records (((value->>'processInstanceKey')::bigint))`,
    ].join(';\n'),
  },
  {
    // Writing it cost a fifth of every commit; readers filter the log by key and position.
    name: '002_drop_records_process_instance_index',
    sql: 'DROP INDEX IF EXISTS engine.records_process_instance_key',
  },
  {
    // PostgreSQL writes bound the engine's throughput. Working-state rows are only read back
    // whole at start, so they are kept as plain json without secondary indexes; incidents
    // keep theirs for readers, and the record log stays the place to query history.
    name: '003_lean_working_state',
    sql: [
      ...['element_instances', 'variables', 'jobs', 'message_subscriptions', 'timers'].map(
        (table) => `ALTER TABLE engine.${table} DROP COLUMN process_instance_key; ALTER TABLE engine.${table} ALTER COLUMN data TYPE json`,
      ),
      ...['deployments', 'process_definitions', 'forms', 'messages'].map((table) => `ALTER TABLE engine.${table} ALTER COLUMN data TYPE json`),
      'ALTER TABLE engine.records ALTER COLUMN value TYPE json',
    ].join(';\n'),
  },
  {
    name: '004_decisions',
    sql: `CREATE TABLE engine.decision_requirements (key bigint PRIMARY KEY, data json NOT NULL);
          CREATE TABLE engine.decisions (key bigint PRIMARY KEY, data json NOT NULL)`,
  },
  {
    name: '005_signal_subscriptions',
    sql: 'CREATE TABLE engine.signal_subscriptions (key bigint PRIMARY KEY, data json NOT NULL)',
  },
];

/** Applies the migrations not yet applied; safe to run from several starts at once. */
export async function migrate(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    // Serialises concurrent starts against the same database.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('engine.migrations'))`);
    await client.query('CREATE SCHEMA IF NOT EXISTS engine');
    await client.query('CREATE TABLE IF NOT EXISTS engine.migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ name: string }>('SELECT name FROM engine.migrations');
    const applied = new Set(rows.map((row) => row.name));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.name)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO engine.migrations (name) VALUES ($1)', [migration.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

