import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MIGRATIONS, openDataSource, runMigrations } from '@app/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('migrations');
  });
  afterAll(() => database.drop());

  it('build the schema and seed the catalogue once, even when two processes start together', async () => {
    const [first, second] = await Promise.all([openDataSource(database.url), openDataSource(database.url)]);
    try {
      const applied = await first.query(`SELECT name FROM schema_migration ORDER BY id`);
      expect(applied.map((row: { name: string }) => row.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
      expect(await runMigrations(second)).toEqual([]);

      const [counts] = await first.query(`
        SELECT (SELECT count(*) FROM region)::int AS regions, (SELECT count(*) FROM district)::int AS districts,
               (SELECT count(*) FROM orp)::int AS orps, (SELECT count(*) FROM service_type)::int AS service_types,
               (SELECT count(*) FROM target_group)::int AS target_groups`);
      expect(counts).toEqual({ regions: 1, districts: 7, orps: 21, service_types: 33, target_groups: 4 });
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });
});
