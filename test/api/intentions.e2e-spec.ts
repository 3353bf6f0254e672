import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { anIntentionRequest } from '../factories/intention.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

describe('intentions API', () => {
  let api: TestApi;
  let sql: pg.Client;
  let provider: SignedInUser;
  const http = () => request.agent(api.app.getHttpServer()).set(provider.auth);
  const count = async (table: string) => Number((await sql.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    api = await startTestApi();
    provider = await api.signIn('provider');
    sql = new pg.Client({ connectionString: api.database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await api.close();
  });

  /** Puts an intention where a submission leaves it, without running the process. */
  const markSubmitted = (id: string) =>
    sql.query(`UPDATE intention SET status = 'submitted', submitted_at = now(), process_instance_key = $2 WHERE id = $1`, [id, `${2251799813685248n + BigInt(id)}`]);

  /** Asserts that a refused request wrote nothing. */
  async function expectNothingWritten(send: () => Promise<unknown>): Promise<void> {
    const before = [await count('intention'), await count('intention_event')];
    await send();
    expect([await count('intention'), await count('intention_event')]).toEqual(before);
  }

  describe('POST /intentions', () => {
    it('creates a draft and records who created it', async () => {
      const response = await http().post('/intentions').send(anIntentionRequest()).expect(201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(/^\d+$/),
        status: 'draft',
        kind: 'new_service',
        providerIco: '70888337',
        capacity: 24,
        yearlyCosts: 12_000_000,
        existingServiceRegistryId: null,
      });
      expect(response.body.history).toEqual([
        expect.objectContaining({ action: 'created', actor: provider.id, fromStatus: null, toStatus: 'draft' }),
      ]);
    });

    it('accepts a partial draft: only identification is required until submission', async () => {
      const { form, capacity, capacityUnit, yearlyCosts, requestedSubsidy, justification, targetGroups, ...identification } = anIntentionRequest();
      const response = await http().post('/intentions').send(identification).expect(201);
      expect(response.body).toMatchObject({ form: null, capacity: null, targetGroups: [], justification: null });
    });

    it('answers 400 with a code per field for wrong types and missing fields, writing nothing', async () => {
      await expectNothingWritten(async () => {
        const response = await http()
          .post('/intentions')
          .send({ ...anIntentionRequest({ kind: 'hotel', planYear: 'next', capacity: '24' }), providerName: undefined })
          .expect(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
        expect(response.body.error.fields).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ field: 'kind', code: 'IS_IN' }),
            expect.objectContaining({ field: 'providerName', code: 'IS_STRING' }),
            expect.objectContaining({ field: 'capacity', code: 'IS_NUMBER' }),
            expect.objectContaining({ field: 'planYear', code: 'IS_INT' }),
          ]),
        );
      });
    });

    it('forbids unknown properties', async () => {
      await expectNothingWritten(async () => {
        const response = await http().post('/intentions').send(anIntentionRequest({ status: 'approved_by_assembly' })).expect(400);
        expect(response.body.error.fields).toEqual([expect.objectContaining({ field: 'status', code: 'UNKNOWN_PROPERTY' })]);
      });
    });

    it('answers 400 MALFORMED_BODY for broken JSON', async () => {
      await expectNothingWritten(async () => {
        const response = await http().post('/intentions').set('content-type', 'application/json').send('{"kind":').expect(400);
        expect(response.body.error.code).toBe('MALFORMED_BODY');
      });
    });

    it.each([
      [{ providerIco: '70888338' }, 'providerIco', 'ICO_INVALID'],
      [{ form: 'terenni', capacityUnit: 'fte' }, 'form', 'FORM_NOT_ALLOWED_FOR_SERVICE_TYPE'],
      [{ capacityUnit: 'fte' }, 'capacityUnit', 'UNIT_DOES_NOT_FIT_FORM'],
      [{ requestedSubsidy: 13_000_000 }, 'requestedSubsidy', 'SUBSIDY_EXCEEDS_COSTS'],
      [{ yearlyCosts: -5 }, 'yearlyCosts', 'AMOUNT_NOT_WHOLE_CZK'],
      [{ planYear: 2026 }, 'planYear', 'PLAN_YEAR_TOO_EARLY'],
      [{ orpId: 'jihlava' }, 'orpId', 'ORP_UNKNOWN'],
      [{ serviceType: '53' }, 'serviceType', 'SERVICE_TYPE_UNKNOWN'],
      [{ targetGroups: ['studenti'] }, 'targetGroups.0', 'TARGET_GROUP_UNKNOWN'],
      [{ existingServiceRegistryId: '1234567' }, 'existingServiceRegistryId', 'EXISTING_SERVICE_NOT_APPLICABLE'],
    ])('answers 422 for a broken rule %j, writing nothing', async (override, field, code) => {
      await expectNothingWritten(async () => {
        const response = await http().post('/intentions').send(anIntentionRequest(override)).expect(422);
        expect(response.body.error).toMatchObject({ code: 'RULE_VIOLATED', fields: [expect.objectContaining({ field, code })] });
      });
    });
  });

  describe('PATCH /intentions/:id', () => {
    it('changes a draft, clears optional fields with null, and records what changed', async () => {
      const created = await http().post('/intentions').send(anIntentionRequest()).expect(201);
      const response = await http()
        .patch(`/intentions/${created.body.id}`)
        .send({ capacity: 30, justification: null, kind: 'capacity_increase', existingServiceRegistryId: '7654321' })
        .expect(200);
      expect(response.body).toMatchObject({ capacity: 30, justification: null, kind: 'capacity_increase', existingServiceRegistryId: '7654321' });
      expect(response.body.history[1]).toMatchObject({
        action: 'updated',
        data: { capacity: 30, justification: null, kind: 'capacity_increase', existingServiceRegistryId: '7654321' },
      });
    });

    it('refuses null for a required field and a broken rule, leaving the draft as it was', async () => {
      const created = await http().post('/intentions').send(anIntentionRequest()).expect(201);
      await expectNothingWritten(async () => {
        const nullName = await http().patch(`/intentions/${created.body.id}`).send({ providerName: null }).expect(400);
        expect(nullName.body.error.fields[0]).toMatchObject({ field: 'providerName' });
        const subsidy = await http().patch(`/intentions/${created.body.id}`).send({ yearlyCosts: 1_000 }).expect(422);
        expect(subsidy.body.error.fields[0]).toMatchObject({ field: 'requestedSubsidy', code: 'SUBSIDY_EXCEEDS_COSTS' });
      });
      const unchanged = await http().get(`/intentions/${created.body.id}`).expect(200);
      expect(unchanged.body).toMatchObject({ providerName: 'Domov Zahrada, z. ú.', yearlyCosts: 12_000_000 });
    });

    it('changes only drafts and intentions returned for completion: a submitted intention answers 409', async () => {
      const created = await http().post('/intentions').send(anIntentionRequest()).expect(201);
      await markSubmitted(created.body.id);
      await expectNothingWritten(async () => {
        const response = await http().patch(`/intentions/${created.body.id}`).send({ capacity: 10 }).expect(409);
        expect(response.body.error.code).toBe('INTENTION_NOT_EDITABLE');
      });
      await sql.query(`UPDATE intention SET status = 'returned_for_completion' WHERE id = $1`, [created.body.id]);
      const completed = await http().patch(`/intentions/${created.body.id}`).send({ capacity: 10 }).expect(200);
      expect(completed.body).toMatchObject({ status: 'returned_for_completion', capacity: 10 });
      expect(completed.body.history.at(-1)).toMatchObject({ action: 'updated', fromStatus: 'returned_for_completion', toStatus: 'returned_for_completion' });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expect((await http().patch('/intentions/999999').send({ capacity: 1 }).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await http().get('/intentions/abc').expect(400)).body.error.fields[0]).toMatchObject({ field: 'id', code: 'INVALID_ID' });
    });
  });

  describe('GET /intentions', () => {
    it('filters by status, ORP, district, year and service type', async () => {
      await sql.query(`DELETE FROM intention_event; DELETE FROM intention`);
      const ids: Record<string, string> = {};
      for (const [key, override] of Object.entries({
        zidlochovice2028: {},
        kurim2029: { orpId: 'kurim', planYear: 2029 },
        znojmoField: { orpId: 'znojmo', serviceType: '69', form: 'terenni', capacityUnit: 'fte', capacity: 2.5 },
      })) {
        ids[key] = (await http().post('/intentions').send(anIntentionRequest(override)).expect(201)).body.id;
      }
      await markSubmitted(ids.kurim2029);
      const found = async (query: string) => (await http().get(`/intentions?${query}`).expect(200)).body.items.map((item: { id: string }) => item.id);

      expect(await found('')).toEqual([ids.znojmoField, ids.kurim2029, ids.zidlochovice2028]);
      expect(await found('status=submitted')).toEqual([ids.kurim2029]);
      expect(await found('orpId=znojmo')).toEqual([ids.znojmoField]);
      expect(await found('districtId=brno-venkov')).toEqual([ids.kurim2029, ids.zidlochovice2028]);
      expect(await found('planYear=2029')).toEqual([ids.kurim2029]);
      expect(await found('serviceType=69')).toEqual([ids.znojmoField]);
      expect(await found('districtId=brno-venkov&planYear=2028')).toEqual([ids.zidlochovice2028]);
    });

    it('pages with a keyset cursor through every intention exactly once', async () => {
      for (let i = 0; i < 7; i++) await http().post('/intentions').send(anIntentionRequest()).expect(201);
      const total = await count('intention');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await http()
          .get(`/intentions?limit=3${cursor ? `&after=${cursor}` : ''}`)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
    });

    it('validates the query', async () => {
      const response = await http().get('/intentions?status=happy&limit=1000&colour=red').expect(400);
      expect(response.body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['colour', 'limit', 'status']);
    });
  });

  it('answers an unexpected failure with a 500 and an error id, not the details', async () => {
    await sql.query(`ALTER TABLE target_group RENAME TO target_group_gone`);
    try {
      const response = await http().get('/catalog/target-groups').expect(500);
      expect(response.body.error).toEqual({
        code: 'INTERNAL_ERROR',
        message: expect.stringContaining(response.body.error.errorId),
        errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        requestId: expect.any(String),
      });
    } finally {
      await sql.query(`ALTER TABLE target_group_gone RENAME TO target_group`);
    }
  });
});
