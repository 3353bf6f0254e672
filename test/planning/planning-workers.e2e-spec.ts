import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AuditLog } from '@app/audit';
import { DistrictReviewEntity, NeedDeclarationEntity, NotificationEntity, ResolutionSubjectEntity, type AuditEntryEntity } from '@app/persistence';
import type { WorkerJob } from '@app/zeebe';
import { ActionPlanWorker } from '../../apps/worker/src/workers/action-plan.worker.js';
import { DeclarationWorker } from '../../apps/worker/src/workers/declaration.worker.js';
import { DistrictReviewWorker } from '../../apps/worker/src/workers/district-review.worker.js';
import { ResolutionWorker } from '../../apps/worker/src/workers/resolution.worker.js';
import { aDistrictTeam, anOpinion, aStoredIntention } from '../factories/planning.js';
import { aTaskProcess, auditOf, deploy, startWorkers, type PlanningTestContext } from './support.js';

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

  /** The one audited decision of a job, checked to name the process, its instance and the job as the actor and in its data. */
  function theJobsDecision(entries: AuditEntryEntity[], processId: string): AuditEntryEntity {
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: `process:${processId}`,
      actorRole: null,
      actorTerritory: null,
      data: expect.objectContaining({ processInstanceKey: expect.stringMatching(/^\d+$/), jobKey: expect.stringMatching(/^\d+$/) }),
    });
    return entries[0];
  }

  /** The job of an audited decision handed to its worker again, as the engine does when the completion was lost. */
  function redelivery(decision: AuditEntryEntity, type: string, bpmnProcessId: string, variables: Record<string, unknown>): WorkerJob {
    return {
      key: decision.data.jobKey as string,
      type,
      processInstanceKey: decision.data.processInstanceKey as string,
      processDefinitionKey: '0',
      bpmnProcessId,
      elementId: 'task',
      retries: 3,
      variables,
      customHeaders: {},
    };
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

    it('audits the declaration once, by the process, however often its job is delivered', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted');
      const variables = declaration(intention.id, 2_500_000);
      await run('declaration', variables);
      const decision = theJobsDecision(await auditOf(context, intention.id), 'declaration');
      expect(decision).toMatchObject({ action: 'need-declaration.declared', data: { intentionId: intention.id, pledgedCofinancing: 2_500_000, requiredCofinancing: 2_400_000 } });
      const again = await context.get(DeclarationWorker).record(redelivery(decision, 'declaration.record', 'declaration', variables));
      expect(again).toEqual({ requiredCofinancingAmount: 2_400_000, pledgeRejection: null });
      expect(await auditOf(context, intention.id)).toHaveLength(1);
    });

    it('audits a refusal with its reason', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted');
      await run('declaration', { ...declaration(intention.id, 0), needDecision: 'refused', refusalReason: 'Služba není v komunitním plánu ORP.' });
      expect(theJobsDecision(await auditOf(context, intention.id), 'declaration')).toMatchObject({
        action: 'need-declaration.refused',
        reason: 'Služba není v komunitním plánu ORP.',
        data: { decision: 'refused', pledgedCofinancing: null },
      });
    });

    it('raises PLEDGE_BELOW_REQUIRED with the required amount and the reason', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted');
      expect(await run('declaration', declaration(intention.id, 1_000))).toMatchObject({
        caughtError: 'PLEDGE_BELOW_REQUIRED',
        requiredCofinancingAmount: 2_400_000,
        pledgeRejection: expect.stringMatching(/^Závazek spolufinancování 1\s000 Kč je nižší/),
      });
      expect(await context.dataSource.manager.countBy(NeedDeclarationEntity, { intentionId: intention.id })).toBe(0);
      expect(await auditOf(context, intention.id)).toEqual([]);
    });
  });

  describe('resolution.record', () => {
    it('records the Council’s resolution and clears an earlier rejection', async () => {
      const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
      const variables = { intentionId: intention.id, councilDecision: 'recommends', councilResolutionNumber: '12/26/R3', councilResolutionDate: '2026-06-10', resolutionRejection: 'old' };
      expect(await run('council-resolution', variables)).toMatchObject({ resolutionRejection: null });
      expect(await context.dataSource.manager.findBy(ResolutionSubjectEntity, { subjectId: intention.id })).toEqual([expect.objectContaining({ decision: 'recommends' })]);
      const decision = theJobsDecision(await auditOf(context, intention.id), 'council-resolution');
      expect(decision).toMatchObject({
        action: 'resolution.recorded',
        entityType: 'resolution',
        data: { body: 'council', number: '12/26/R3', date: '2026-06-10', subject: 'intention', intentionId: intention.id, decision: 'recommends' },
      });
      const mapped = { resolutionBody: 'council', resolutionSubject: 'intention', subjectId: intention.id, resolutionDecision: 'recommends', resolutionNumber: '12/26/R3', resolutionDate: '2026-06-10' };
      expect(await context.get(ResolutionWorker).record(redelivery(decision, 'resolution.record', 'council-resolution', mapped))).toEqual({ resolutionRejection: null });
      expect(await auditOf(context, intention.id)).toHaveLength(1);
    });

    it('raises RESOLUTION_REJECTED with a Czech reason for a malformed number', async () => {
      const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
      const variables = { intentionId: intention.id, councilDecision: 'recommends', councilResolutionNumber: '12/26/Z3', councilResolutionDate: '2026-06-10' };
      expect(await run('council-resolution', variables)).toMatchObject({
        caughtError: 'RESOLUTION_REJECTED',
        resolutionRejection: 'Číslo usnesení Rady kraje má tvar např. 1234/26/R45',
      });
      expect(await auditOf(context, intention.id)).toEqual([]);
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
      const decision = theJobsDecision(await auditOf(context, intention.id), 'summarize-opinions');
      expect(decision).toMatchObject({
        action: 'district-review.scored',
        data: { intentionId: intention.id, score: 4, scoreByCriterion: { need: 4.5, availability: 4, cost: 3, quality: 4, interconnection: 4.5 }, opinions: districtOpinions },
      });
      await context.get(DistrictReviewWorker).summarizeOpinions(redelivery(decision, 'district-review.summarize-opinions', 'summarize-opinions', { intentionId: intention.id, districtOpinions }));
      expect(await auditOf(context, intention.id)).toHaveLength(1);
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
    const opened = async () => (await context.get(AuditLog).search({ action: 'action-plan.opened', entityId: '2050', limit: 10 })).items;
    const decision = theJobsDecision(await opened(), 'open-call');
    expect(decision.data).toMatchObject(request);
    expect(await context.get(ActionPlanWorker).openCall(redelivery(decision, 'action-plan.open-call', 'open-call', request))).toEqual(request);
    expect(await opened()).toHaveLength(1);
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
