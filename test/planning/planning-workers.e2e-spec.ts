import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DistrictReviewEntity, NeedDeclarationEntity, NotificationEntity, ResolutionSubjectEntity } from '@app/persistence';
import { aDistrictTeam, anOpinion, aStoredIntention } from '../factories/planning.js';
import { aTaskProcess, deploy, startWorkers, type PlanningTestContext } from './support.js';

/**
 * Each job type run by the real worker app through the embedded engine, in a process of one
 * service task with the input mappings the models use (docs/PROCESSES.md).
 */
describe('job workers of the planning cycle', () => {
  let context: PlanningTestContext;

  async function run(processId: string, variables: object) {
    const result = await context.engine.zeebe.createProcessInstanceWithResult({ bpmnProcessId: processId, variables: variables as never, requestTimeout: 20_000 });
    return result.variables as Record<string, unknown>;
  }

  beforeAll(async () => {
    context = await startWorkers();
    const models: [string, string, Parameters<typeof aTaskProcess>[2]][] = [
      ['declaration', 'declaration.record', { errorCode: 'PLEDGE_BELOW_REQUIRED', errorVariables: ['requiredCofinancingAmount', 'pledgeRejection'] }],
      [
        'council-resolution',
        'resolution.record',
        {
          errorCode: 'RESOLUTION_REJECTED',
          errorVariables: ['resolutionRejection'],
          inputs: {
            resolutionBody: '="council"',
            resolutionSubject: '="intention"',
            subjectId: '=intentionId',
            resolutionDecision: '=councilDecision',
            resolutionNumber: '=councilResolutionNumber',
            resolutionDate: '=councilResolutionDate',
          },
        },
      ],
      ['load-team', 'district-review.load-team', {}],
      ['summarize-opinions', 'district-review.summarize-opinions', {}],
      [
        'returned-to-orp',
        'notification.send',
        {
          inputs: {
            notificationTemplate: '="returned-to-orp"',
            recipientGroups: '=["orp:" + orpId, "provider:" + providerId]',
            intentionId: '=intentionId',
            question: '=districtQuestion',
          },
        },
      ],
      ['open-call', 'action-plan.open-call', { errorCode: 'ACTION_PLAN_EXISTS' }],
      ['forbidden-status', 'intention.set-status', { retries: 1, inputs: { status: '="approved_by_assembly"' } }],
    ];
    for (const [processId, jobType, options] of models) await deploy(context.engine, processId, aTaskProcess(processId, jobType, options));
  });
  afterAll(() => context?.close());

  describe('declaration.record', () => {
    const declaration = (intentionId: string, pledgedCofinancing: number) => ({
      intentionId,
      intentionKind: 'new_service',
      yearlyCosts: 12_000_000,
      requiredCofinancingRate: 0.2,
      needDecision: 'declared',
      communityPlanTitle: 'Komunitní plán ORP Židlochovice',
      communityPlanPeriod: '2025-2027',
      communityPlanMeasure: 'Opatření 2.1',
      pledgedCofinancing,
      refusalReason: 'left from an earlier round',
    });

    it('stores a sufficient pledge and returns the required amount', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted');
      expect(await run('declaration', declaration(intention.id, 2_400_000))).toMatchObject({ requiredCofinancingAmount: 2_400_000, pledgeRejection: null });
      expect(await context.dataSource.manager.findBy(NeedDeclarationEntity, { intentionId: intention.id })).toEqual([
        expect.objectContaining({ decision: 'declared', pledgedCofinancing: 2_400_000, refusalReason: null }),
      ]);
    });

    it('raises PLEDGE_BELOW_REQUIRED with the required amount and the reason', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted');
      expect(await run('declaration', declaration(intention.id, 1_000))).toMatchObject({
        caughtError: 'PLEDGE_BELOW_REQUIRED',
        requiredCofinancingAmount: 2_400_000,
        pledgeRejection: expect.stringMatching(/^Závazek spolufinancování 1\s000 Kč je nižší/),
      });
      expect(await context.dataSource.manager.countBy(NeedDeclarationEntity, { intentionId: intention.id })).toBe(0);
    });
  });

  describe('resolution.record', () => {
    it('records the Council’s resolution and clears an earlier rejection', async () => {
      const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
      const variables = { intentionId: intention.id, councilDecision: 'recommends', councilResolutionNumber: '12/26/R3', councilResolutionDate: '2026-06-10', resolutionRejection: 'old' };
      expect(await run('council-resolution', variables)).toMatchObject({ resolutionRejection: null });
      expect(await context.dataSource.manager.findBy(ResolutionSubjectEntity, { subjectId: intention.id })).toEqual([expect.objectContaining({ decision: 'recommends' })]);
    });

    it('raises RESOLUTION_REJECTED with a Czech reason for a malformed number', async () => {
      const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
      const variables = { intentionId: intention.id, councilDecision: 'recommends', councilResolutionNumber: '12/26/Z3', councilResolutionDate: '2026-06-10' };
      expect(await run('council-resolution', variables)).toMatchObject({
        caughtError: 'RESOLUTION_REJECTED',
        resolutionRejection: 'Číslo usnesení Rady kraje má tvar např. 1234/26/R45',
      });
    });
  });

  describe('district review', () => {
    it('district-review.load-team returns the team of the district', async () => {
      await aDistrictTeam(context.dataSource, 'hodonin', { 'user:mala': 'chair', 'user:benes': 'member' });
      expect(await run('load-team', { districtId: 'hodonin' })).toMatchObject({ districtTeam: ['user:benes', 'user:mala'] });
    });

    it('district-review.summarize-opinions stores the opinions and returns the scores', async () => {
      const intention = await aStoredIntention(context.dataSource, 'in_district_review');
      const districtOpinions = [anOpinion('user:benes', [5, 4, 3, 4, 5]), anOpinion('user:mala', [4, 4, 3, 4, 4])];
      expect(await run('summarize-opinions', { intentionId: intention.id, districtOpinions })).toMatchObject({
        districtScore: 4,
        districtCriteriaScores: { need: 4.5, availability: 4, cost: 3, quality: 4, interconnection: 4.5 },
      });
      expect(await context.dataSource.manager.findBy(DistrictReviewEntity, { intentionId: intention.id })).toEqual([expect.objectContaining({ score: 4 })]);
    });
  });

  it('notification.send notifies the ORP and the provider with the district’s question', async () => {
    const intention = await aStoredIntention(context.dataSource, 'in_district_review');
    await run('returned-to-orp', { intentionId: intention.id, orpId: 'zidlochovice', providerId: '70888337', districtQuestion: 'Kdo zajistí dopravu klientů?' });
    const notifications = await context.dataSource.manager.find(NotificationEntity, { where: { intentionId: intention.id }, order: { recipientGroup: 'ASC' } });
    expect(notifications.map((notification) => [notification.recipientGroup, notification.template, notification.data])).toEqual([
      ['orp:zidlochovice', 'returned-to-orp', { question: 'Kdo zajistí dopravu klientů?' }],
      ['provider:70888337', 'returned-to-orp', { question: 'Kdo zajistí dopravu klientů?' }],
    ]);
  });

  it('action-plan.open-call opens the plan once and raises ACTION_PLAN_EXISTS for a second instance of the year', async () => {
    const request = { planYear: 2050, budgetCeiling: 80_000_000, callClosingDate: '2050-03-31T23:59:59+02:00' };
    expect(await run('open-call', request)).toEqual({ ...request, budgetCeiling: 80_000_000 });
    expect(await run('open-call', request)).toMatchObject({ caughtError: 'ACTION_PLAN_EXISTS' });
  });

  it('intention.set-status fails the job into an incident when the domain forbids the transition', async () => {
    const intention = await aStoredIntention(context.dataSource, 'need_refused');
    const { processInstanceKey } = await context.engine.zeebe.createProcessInstance({ bpmnProcessId: 'forbidden-status', variables: { intentionId: intention.id } });
    const sql = new pg.Client({ connectionString: context.database.url });
    await sql.connect();
    try {
      let incidents: { data: { errorMessage: string } }[] = [];
      for (let attempt = 0; attempt < 100 && incidents.length === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        incidents = (await sql.query(`SELECT data FROM engine.incidents WHERE process_instance_key = $1`, [processInstanceKey])).rows;
      }
      expect(incidents.map((incident) => incident.data.errorMessage)).toEqual(["An intention in status 'need_refused' cannot move to 'approved_by_assembly'"]);
    } finally {
      await sql.end();
    }
  });
});
