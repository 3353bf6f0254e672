import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { AuditLog } from '@app/audit';
import { ROLES } from '@app/auth';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

describe('audit API', () => {
  let api: TestApi;
  let admin: SignedInUser;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.signIn('administrator');
    const audit = api.app.get(AuditLog);
    for (const [entityId, action, actorId] of [
      ['11', 'intention.declare', 'orp-zidlochovice'],
      ['11', 'intention.recommend', 'chair-brno-venkov'],
      ['12', 'intention.declare', 'orp-kurim'],
    ]) {
      await audit.record({ actorId, actorRole: 'orp_official', actorTerritory: null, action, entityType: 'intention', entityId, data: { at: entityId }, reason: 'Soulad s komunitním plánem' });
    }
    // A decision taken in a task names its intention in the data.
    await audit.record({ actorId: 'orp-zidlochovice', actorRole: null, actorTerritory: null, action: 'task.completed', entityType: 'task', entityId: '5', data: { intentionId: '11', variables: { needDecision: 'declared' } } });
  });
  afterAll(() => api.close());

  it('lets administrators read the log by intention, user and action, newest first', async () => {
    const byIntention = await http().get('/audit?intentionId=11').set(admin.auth).expect(200);
    expect(byIntention.body.items.map((entry: { action: string }) => entry.action)).toEqual(['task.completed', 'intention.recommend', 'intention.declare']);
    const byUser = await http().get('/audit?userId=orp-kurim&action=intention.declare').set(admin.auth).expect(200);
    expect((await http().get('/audit?intentionId=12').set(admin.auth).expect(200)).body.items).toHaveLength(1);
    expect(byUser.body.items).toEqual([expect.objectContaining({ entityId: '12', reason: 'Soulad s komunitním plánem' })]);
    const page = await http().get('/audit?limit=3').set(admin.auth).expect(200);
    expect(page.body.items).toHaveLength(3);
    const rest = await http().get(`/audit?limit=3&after=${page.body.nextCursor}`).set(admin.auth).expect(200);
    expect(rest.body).toMatchObject({ nextCursor: null });
  });

  it('validates the query', async () => {
    const response = await http().get('/audit?from=yesterday&limit=0&colour=red').set(admin.auth).expect(400);
    expect(response.body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['colour', 'from', 'limit']);
  });

  it('lets auditors read the log and verify the chain', async () => {
    const auditor = await api.signIn('auditor');
    const byIntention = await http().get('/audit?intentionId=12').set(auditor.auth).expect(200);
    expect(byIntention.body.items).toEqual([expect.objectContaining({ actorId: 'orp-kurim', action: 'intention.declare' })]);
    expect((await http().get('/audit/verify').set(auditor.auth).expect(200)).body).toMatchObject({ valid: true });
  });

  it('answers 404 to every other role and 401 without a token', async () => {
    for (const role of ROLES.filter((candidate) => candidate !== 'administrator' && candidate !== 'auditor')) {
      const user = await api.signIn(role);
      await http().get('/audit').set(user.auth).expect(404);
      await http().get('/audit/verify').set(user.auth).expect(404);
    }
    await http().get('/audit').expect(401);
  });

  it('verifies the chain, and detects a row tampered with in SQL', async () => {
    expect((await http().get('/audit/verify').set(admin.auth).expect(200)).body).toEqual({ valid: true, checked: 4 });
    const sql = new pg.Client({ connectionString: api.database.url });
    await sql.connect();
    try {
      await sql.query('BEGIN');
      await sql.query('SET LOCAL session_replication_role = replica');
      const { rows } = await sql.query(`UPDATE audit_entry SET reason = 'přepsáno' WHERE entity_id = '11' AND action = 'intention.recommend' RETURNING id`);
      await sql.query('COMMIT');
      const verdict = await http().get('/audit/verify').set(admin.auth).expect(200);
      expect(verdict.body).toEqual({ valid: false, checked: 1, firstBrokenId: String(rows[0].id), reason: 'hash-mismatch' });
    } finally {
      await sql.end();
    }
  });
});
