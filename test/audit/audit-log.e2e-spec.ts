import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AuditLog, AuditModule } from '@app/audit';
import { databaseModule } from '@app/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('audit log on PostgreSQL', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let audit: AuditLog;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('audit');
    const moduleRef = await Test.createTestingModule({ imports: [databaseModule(database.url), AuditModule] }).compile();
    app = await moduleRef.init();
    audit = app.get(AuditLog);
    dataSource = app.get(getDataSourceToken());
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const decide = (entityId: string, action: string, reason: string | null = null) =>
    audit.record({ actorId: 'novak', actorRole: 'district_chair', actorTerritory: 'district:brno-venkov', action, entityType: 'intention', entityId, data: { score: 4.2 }, reason });

  it('chains entries appended concurrently into one line that verifies', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => decide(String(i + 1), 'intention.recommend')));
    expect(await audit.verify()).toEqual({ valid: true, checked: 20 });
  });

  it('commits with the act it records, or not at all', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.record({ actorId: 'novak', actorRole: null, actorTerritory: null, action: 'intention.approve', entityType: 'intention', entityId: '99' }, manager);
        throw new Error('the act failed');
      }),
    ).rejects.toThrow('the act failed');
    expect((await audit.search({ entityType: 'intention', entityId: '99', limit: 10 })).items).toEqual([]);
  });

  it('filters by entity, actor, action and time, newest first', async () => {
    await decide('500', 'intention.declare', 'Soulad s komunitním plánem');
    const found = await audit.search({ entityType: 'intention', entityId: '500', actorId: 'novak', action: 'intention.declare', from: new Date(Date.now() - 60_000), limit: 10 });
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ reason: 'Soulad s komunitním plánem', actorTerritory: 'district:brno-venkov', data: { score: 4.2 } });
    expect((await audit.search({ action: 'intention.declare', to: new Date(Date.now() - 60_000), limit: 10 })).items).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(dataSource.query(`UPDATE audit_entry SET reason = 'x'`)).rejects.toThrow('append-only');
    await expect(dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow('append-only');
    await expect(dataSource.query(`TRUNCATE audit_entry`)).rejects.toThrow('append-only');
  });

  it('detects a row tampered with directly in SQL and names the first broken link', async () => {
    const [{ id }] = await dataSource.query(`SELECT id FROM audit_entry ORDER BY id LIMIT 1 OFFSET 4`);
    // A superuser can switch the triggers off; the chain still tells.
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_entry SET actor_id = 'someone-else' WHERE id = $1`, [id]);
    });
    expect(await audit.verify()).toEqual({ valid: false, checked: 4, firstBrokenId: String(id), reason: 'hash-mismatch' });
  });
});
