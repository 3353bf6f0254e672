import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { DEMO_PASSWORD, DEMO_USERS, DemoUsers, ROLES, territoryText } from '@app/auth';
import { startTestApi, type TestApi } from '../support/api.js';

describe('demo accounts', () => {
  let demo: TestApi;
  let plain: TestApi;

  beforeAll(async () => {
    [demo, plain] = await Promise.all([startTestApi({ demo: true }), startTestApi()]);
  });
  afterAll(async () => {
    await demo?.close();
    await plain?.close();
  });

  it('exist in demo mode for every role, sign in with the demo password, and put the district users in their teams', async () => {
    expect(new Set(DEMO_USERS.map((user) => user.role)).size).toBe(ROLES.length);
    for (const user of DEMO_USERS) {
      const signedIn = await request(demo.app.getHttpServer()).post('/auth/sign-in').send({ login: user.login, password: DEMO_PASSWORD }).expect(200);
      expect(signedIn.body.user).toEqual({ id: user.login, displayName: user.displayName, role: user.role, territory: territoryText(user.territory) });
    }
    const sql = new pg.Client({ connectionString: demo.database.url });
    await sql.connect();
    try {
      const { rows } = await sql.query(`SELECT district_id, user_id, role FROM district_team_member ORDER BY district_id, user_id`);
      expect(rows).toEqual([
        { district_id: 'brno-venkov', user_id: 'okres.brno-venkov.clen1', role: 'member' },
        { district_id: 'brno-venkov', user_id: 'okres.brno-venkov.clen2', role: 'member' },
        { district_id: 'brno-venkov', user_id: 'okres.brno-venkov.predseda', role: 'chair' },
        { district_id: 'znojmo', user_id: 'okres.znojmo.clen', role: 'member' },
        { district_id: 'znojmo', user_id: 'okres.znojmo.predseda', role: 'chair' },
      ]);
      // A second start leaves them as they are (a changed password stays changed).
      await demo.app.get(DemoUsers).onApplicationBootstrap();
      expect((await sql.query(`SELECT count(*)::int AS n FROM user_account`)).rows[0].n).toBe(DEMO_USERS.length);
    } finally {
      await sql.end();
    }
  });

  it('do not exist outside demo mode', async () => {
    await request(plain.app.getHttpServer()).post('/auth/sign-in').send({ login: 'admin', password: DEMO_PASSWORD }).expect(401);
  });
});
