import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { ActionPlanService, ACTION_PLAN_PROCESS, INTENTION_SUBMISSION_PROCESS, INTENTION_WITHDRAWN_MESSAGE, NeedDeclarationService, ResolutionService } from '@app/planning';
import { anIntentionRequest } from '../factories/intention.js';
import { aJob, aStoredIntention } from '../factories/planning.js';
import { aJobWaiter, aProcess, deploy } from '../planning/support.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

/**
 * The planning endpoints on the real api, engine and PostgreSQL. The engine cannot run the
 * real `intention-submission` and `action-plan` models yet (event sub-processes, timer start
 * events, multi-instance), so this test deploys small processes with the same ids: the first
 * waits for the withdrawal message the way the real one's event sub-process does.
 */
const SUBMISSION = aProcess(
  INTENTION_SUBMISSION_PROCESS,
  `<bpmn:startEvent id="start" />
   <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="withdrawn" />
   <bpmn:intermediateCatchEvent id="withdrawn"><bpmn:messageEventDefinition messageRef="withdrawal" /></bpmn:intermediateCatchEvent>
   <bpmn:sequenceFlow id="toTask" sourceRef="withdrawn" targetRef="afterWithdrawal" />
   <bpmn:serviceTask id="afterWithdrawal"><bpmn:extensionElements><zeebe:taskDefinition type="test.after-withdrawal" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:sequenceFlow id="toEnd" sourceRef="afterWithdrawal" targetRef="end" />
   <bpmn:endEvent id="end" />`,
  `<bpmn:message id="withdrawal" name="${INTENTION_WITHDRAWN_MESSAGE}"><bpmn:extensionElements><zeebe:subscription correlationKey="=intentionId" /></bpmn:extensionElements></bpmn:message>`,
);

describe('planning API', () => {
  let api: TestApi;
  let sql: pg.Client;
  let provider: SignedInUser;
  let officer: SignedInUser;
  const http = (user: SignedInUser = provider) => request.agent(api.app.getHttpServer()).set(user.auth);
  const count = async (table: string) => Number((await sql.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const dataSource = () => api.app.get(DataSource);

  async function expectNothingWritten(tables: string[], send: () => Promise<unknown>): Promise<void> {
    const before = await Promise.all(tables.map(count));
    await send();
    expect(await Promise.all(tables.map(count))).toEqual(before);
  }

  async function takeJob(type: string) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const [job] = await api.engine.zeebe.activateJobs({ type, worker: 'test', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 1_000 });
      if (job) {
        await api.engine.zeebe.completeJob({ jobKey: job.key, variables: {} });
        return job;
      }
    }
    throw new Error(`no job of type ${type}`);
  }

  beforeAll(async () => {
    api = await startTestApi();
    provider = await api.signIn('provider');
    officer = await api.signIn('regional_officer');
    sql = new pg.Client({ connectionString: api.database.url });
    await sql.connect();
    await deploy(api.engine, INTENTION_SUBMISSION_PROCESS, SUBMISSION);
    await deploy(api.engine, ACTION_PLAN_PROCESS, aJobWaiter(ACTION_PLAN_PROCESS, 'test.plan-started'));
  });
  afterAll(async () => {
    await sql?.end();
    await api?.close();
  });

  describe('POST /intentions/:id/submit', () => {
    it('submits a complete draft, starts its process and records who submitted it', async () => {
      const draft = (await http().post('/intentions').send(anIntentionRequest({ planYear: 2030 })).expect(201)).body;
      const response = await http().post(`/intentions/${draft.id}/submit`).expect(200);
      expect(response.body).toMatchObject({ id: draft.id, status: 'submitted', processInstanceKey: expect.stringMatching(/^\d+$/), submittedAt: expect.any(String) });
      expect(response.body.history.at(-1)).toMatchObject({ action: 'submitted', actor: provider.id, fromStatus: 'draft', toStatus: 'submitted' });
      await http().post(`/intentions/${draft.id}/withdraw`).send({ reason: 'Test zahájení procesu' }).expect(202);
      const job = await takeJob('test.after-withdrawal');
      expect(job.processInstanceKey).toBe(response.body.processInstanceKey);
      expect(job.variables).toEqual({ intentionId: draft.id, providerId: '70888337', submittedBy: provider.id, withdrawalReason: 'Test zahájení procesu' });
    });

    it('answers 422 with the missing fields of an incomplete draft, writing nothing', async () => {
      const { form, ...incomplete } = anIntentionRequest({ planYear: 2031 });
      const draft = (await http().post('/intentions').send(incomplete).expect(201)).body;
      await expectNothingWritten(['intention_event'], async () => {
        const response = await http().post(`/intentions/${draft.id}/submit`).expect(422);
        expect(response.body.error.code).toBe('RULE_VIOLATED');
        expect(response.body.error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'form', code: 'REQUIRED' })]));
      });
      expect((await http().get(`/intentions/${draft.id}`).expect(200)).body).toMatchObject({ status: 'draft', processInstanceKey: null });
    });

    it('answers 422 DUPLICATE while another intention of the same provider, type, ORP and year is open', async () => {
      const first = (await http().post('/intentions').send(anIntentionRequest({ planYear: 2032 })).expect(201)).body;
      await http().post(`/intentions/${first.id}/submit`).expect(200);
      const second = (await http().post('/intentions').send(anIntentionRequest({ planYear: 2032 })).expect(201)).body;
      const response = await http().post(`/intentions/${second.id}/submit`).expect(422);
      expect(response.body.error.fields).toEqual([expect.objectContaining({ field: 'intention', code: 'DUPLICATE' })]);
    });

    it('answers 409 for what is no longer a draft, 404 for an unknown intention and 400 for a malformed id', async () => {
      const draft = (await http().post('/intentions').send(anIntentionRequest({ planYear: 2033 })).expect(201)).body;
      await http().post(`/intentions/${draft.id}/submit`).expect(200);
      expect((await http().post(`/intentions/${draft.id}/submit`).expect(409)).body.error.code).toBe('INTENTION_NOT_DRAFT');
      await http().post('/intentions/987654321/submit').expect(404);
      expect((await http().post('/intentions/abc/submit').expect(400)).body.error.fields).toEqual([expect.objectContaining({ code: 'INVALID_ID' })]);
    });

    it('answers 401 without a token', async () => {
      await request(api.app.getHttpServer()).post('/intentions/1/submit').expect(401);
    });
  });

  describe('POST /intentions/:id/withdraw', () => {
    it('answers 400 for a missing reason or an unknown property, writing nothing', async () => {
      const intention = await aStoredIntention(dataSource(), 'submitted', { planYear: 2034 });
      await expectNothingWritten(['intention_event'], async () => {
        expect((await http().post(`/intentions/${intention.id}/withdraw`).send({}).expect(400)).body.error.fields).toEqual([
          expect.objectContaining({ field: 'reason', code: 'IS_STRING' }),
        ]);
        expect((await http().post(`/intentions/${intention.id}/withdraw`).send({ reason: 'Důvod', status: 'withdrawn' }).expect(400)).body.error.fields).toEqual([
          expect.objectContaining({ field: 'status', code: 'UNKNOWN_PROPERTY' }),
        ]);
      });
    });

    it('answers 409 once the Assembly has decided, or for a draft', async () => {
      const decided = await aStoredIntention(dataSource(), 'rejected_by_assembly', { planYear: 2035 });
      const draft = await aStoredIntention(dataSource(), 'draft', { planYear: 2035 });
      await expectNothingWritten(['intention_event'], async () => {
        expect((await http().post(`/intentions/${decided.id}/withdraw`).send({ reason: 'Pozdě' }).expect(409)).body.error.code).toBe('TRANSITION_NOT_ALLOWED');
        await http().post(`/intentions/${draft.id}/withdraw`).send({ reason: 'Koncept' }).expect(409);
      });
    });
  });

  describe('GET /intentions/:id', () => {
    it('shows the declarations, the district’s opinions and the resolutions next to the history', async () => {
      const intention = await aStoredIntention(dataSource(), 'recommended_by_district', { planYear: 2036 });
      await api.app.get(NeedDeclarationService).record({
        job: aJob('orp-need-declaration'),
        intentionId: intention.id,
        intentionKind: 'new_service',
        yearlyCosts: 12_000_000,
        requiredCofinancingRate: 0.2,
        decision: 'declared',
        communityPlan: { title: 'KPSS Židlochovice', period: '2025–2027', measure: 'Opatření 2.1' },
        pledgedCofinancing: 2_400_000,
      });
      await api.app.get(ResolutionService).record({
        job: aJob('council-approval'),
        body: 'council',
        subject: 'intention',
        subjectId: intention.id,
        decision: 'recommends',
        number: '1234/26/R45',
        date: '2026-06-10',
      });
      const response = await http().get(`/intentions/${intention.id}`).expect(200);
      expect(response.body).toMatchObject({
        status: 'recommended_by_district',
        history: [],
        needDeclarations: [{ decision: 'declared', communityPlanTitle: 'KPSS Židlochovice', requiredCofinancing: 2_400_000, pledgedCofinancing: 2_400_000 }],
        districtReviews: [],
        resolutions: [{ body: 'council', number: '1234/26/R45', date: '2026-06-10', decision: 'recommends' }],
      });
    });
  });

  describe('POST /action-plans', () => {
    it('opens the plan of a year and starts its process', async () => {
      const response = await http(officer).post('/action-plans').send({ planYear: 2040, budgetCeiling: 1_000_000, callClosingDate: '2040-03-31T23:59:59+02:00' }).expect(201);
      expect(response.body).toMatchObject({ planYear: 2040, status: 'call_open', budgetCeiling: 1_000_000, callClosingDate: '2040-03-31T23:59:59+02:00', included: [] });
      const job = await takeJob('test.plan-started');
      expect(job.variables).toEqual({ planYear: 2040, budgetCeiling: 1_000_000, callClosingDate: '2040-03-31T23:59:59+02:00' });
      const { items } = await api.app.get(AuditLog).search({ action: 'action-plan.opened', entityId: '2040', limit: 10 });
      expect(items).toEqual([
        expect.objectContaining({ actorId: officer.id, actorRole: 'regional_officer', actorTerritory: 'region:jmk', entityType: 'action-plan', data: expect.objectContaining({ planYear: 2040, processInstanceKey: job.processInstanceKey }) }),
      ]);
    });

    it('answers 409 when the year already has a plan, writing nothing', async () => {
      await expectNothingWritten(['action_plan', 'audit_entry'], async () => {
        expect((await http(officer).post('/action-plans').send({ planYear: 2040, budgetCeiling: 5 }).expect(409)).body.error.code).toBe('ACTION_PLAN_EXISTS');
      });
    });

    it('answers 400 for wrong types and unknown properties, writing nothing', async () => {
      await expectNothingWritten(['action_plan', 'audit_entry'], async () => {
        const response = await http(officer).post('/action-plans').send({ planYear: '2041', budgetCeiling: 'a lot', callClosingDate: '2041-02-30T10:00:00Z', extra: 1 }).expect(400);
        expect(response.body.error.fields).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ field: 'planYear', code: 'IS_INT' }),
            expect.objectContaining({ field: 'budgetCeiling', code: 'IS_NUMBER' }),
            expect.objectContaining({ field: 'callClosingDate', code: 'IS_ISO8601' }),
            expect.objectContaining({ field: 'extra', code: 'UNKNOWN_PROPERTY' }),
          ]),
        );
      });
    });

    it('answers 422 for a past year, a ceiling that is not whole CZK and a closing in the past, writing nothing', async () => {
      await expectNothingWritten(['action_plan', 'audit_entry'], async () => {
        const response = await http(officer).post('/action-plans').send({ planYear: 2026, budgetCeiling: 10.5, callClosingDate: '2026-01-01T00:00:00Z' }).expect(422);
        expect(response.body.error.fields.map((field: { code: string }) => field.code)).toEqual(['PLAN_YEAR_TOO_EARLY', 'AMOUNT_NOT_WHOLE_CZK', 'CALL_CLOSING_IN_PAST']);
      });
    });
  });

  describe('GET /action-plans/:year and its CSV export', () => {
    const year = 2045;
    let included: string[];

    beforeAll(async () => {
      await http(officer).post('/action-plans').send({ planYear: year, budgetCeiling: 700_000 }).expect(201);
      const approve = async (orpId: string, requestedSubsidy: number, districtScore: number) => {
        const intention = await aStoredIntention(dataSource(), 'approved_by_assembly', { planYear: year, orpId, requestedSubsidy, districtScore });
        await api.app.get(ResolutionService).record({
          job: aJob('council-approval'),
          body: 'assembly',
          subject: 'intention',
          subjectId: intention.id,
          decision: 'approved',
          number: `${intention.id}/26/Z7`,
          date: '2026-06-20',
        });
        return intention.id;
      };
      const ids = [await approve('zidlochovice', 400_000, 4.5), await approve('znojmo', 300_000, 4.0), await approve('kurim', 200_000, 3.0)];
      const draft = await api.app.get(ActionPlanService).assembleDraft(aJob(ACTION_PLAN_PROCESS), year, 700_000, []);
      included = draft.includedIntentionIds;
      expect(included).toEqual(ids.slice(0, 2));
    });

    it('shows the included intentions with totals by district, ORP, target group and service type', async () => {
      const response = await http(officer).get(`/action-plans/${year}`).expect(200);
      expect(response.body).toMatchObject({ planYear: year, status: 'draft', budgetCeiling: 700_000, includedTotal: 700_000, resolution: null });
      expect(response.body.included.map((item: { intentionId: string }) => item.intentionId)).toEqual(included);
      expect(response.body.reserve).toHaveLength(1);
      expect(response.body.totals.total).toEqual({ intentions: 2, yearlyCosts: 24_000_000, requestedSubsidy: 700_000, municipalCofinancing: 0, capacity: { beds: 48, fte: 0 } });
      expect(response.body.totals.byDistrict.map((row: { districtId: string; requestedSubsidy: number }) => [row.districtId, row.requestedSubsidy])).toEqual([
        ['brno-venkov', 400_000],
        ['znojmo', 300_000],
      ]);
      expect(response.body.totals.byOrp.map((row: { orpId: string }) => row.orpId)).toEqual(['zidlochovice', 'znojmo']);
      expect(response.body.totals.byTargetGroup).toEqual([expect.objectContaining({ targetGroup: 'seniori', intentions: 2 })]);
      expect(response.body.totals.byServiceType).toEqual([expect.objectContaining({ serviceType: '49', yearlyCosts: 24_000_000 })]);
    });

    it('exports them as a CSV a Czech Excel opens: BOM, semicolons, Czech headers', async () => {
      const response = await http(officer).get(`/action-plans/${year}/export.csv`).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="akcni-plan-${year}.csv"`);
      const bytes = response.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n');
      expect(lines[0].split(';').slice(0, 4)).toEqual(['Pořadí', 'ID záměru', 'Poskytovatel', 'IČO']);
      expect(lines.slice(1, -1).map((line) => line.split(';')[1])).toEqual(included);
    });

    it('answers 404 for a year without a plan and 400 for what is not a year', async () => {
      expect((await http(officer).get('/action-plans/2099').expect(404)).body.error.code).toBe('NOT_FOUND');
      await http(officer).get('/action-plans/2099/export.csv').expect(404);
      expect((await http(officer).get('/action-plans/next').expect(400)).body.error.fields).toEqual([expect.objectContaining({ code: 'INVALID_YEAR' })]);
    });
  });
});
