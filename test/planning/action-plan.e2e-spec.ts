import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditLog } from '@app/audit';
import { DomainErrorCode, nextPlanYear, type IntentionStatus } from '@app/domain';
import { ActionPlanEntity, ActionPlanItemEntity, IntentionEntity, NeedDeclarationEntity } from '@app/persistence';
import {
  ACTION_PLAN_PROCESS,
  ActionPlanReportService,
  ActionPlanService,
  INTENTION_INCLUDED_MESSAGE,
  ResolutionService,
} from '@app/planning';
import { aJob, aKey, aStoredIntention } from '../factories/planning.js';
import { aJobWaiter, aMessageWaiter, deploy, startPlanning, type PlanningTestContext } from './support.js';

describe('ActionPlanService', () => {
  let context: PlanningTestContext;
  let plans: ActionPlanService;
  let reports: ActionPlanReportService;
  let resolutions: ResolutionService;
  let assemblyNumber = 100;
  const planOf = (planYear: number) => context.dataSource.manager.findOneByOrFail(ActionPlanEntity, { planYear });
  const statusOf = async (id: string) => (await context.dataSource.manager.findOneByOrFail(IntentionEntity, { id })).status;
  /** The audit entries of a plan's acts, oldest first. */
  const auditOfPlan = async (planYear: number, action: string) =>
    (await context.get(AuditLog).search({ entityType: 'action-plan', entityId: String(planYear), action, limit: 100 })).items.reverse();
  const officer = { actorId: 'user:referentka', actorRole: 'regional_officer', actorTerritory: 'region:jmk' };

  /** An intention the Assembly approved by a recorded resolution, as `council-approval` leaves it. */
  async function anApprovedIntention(planYear: number, requestedSubsidy: number, districtScore: number | null, approvedOn = '2026-06-20', status: IntentionStatus = 'approved_by_assembly') {
    const intention = await aStoredIntention(context.dataSource, status, { planYear, requestedSubsidy, districtScore });
    const recorded = await resolutions.record({
      job: aJob('council-approval'),
      body: 'assembly',
      subject: 'intention',
      subjectId: intention.id,
      decision: 'approved',
      number: `${assemblyNumber++}/${approvedOn.slice(2, 4)}/Z7`,
      date: approvedOn,
    });
    expect(recorded).toEqual({ recorded: true });
    return intention;
  }


  beforeAll(async () => {
    context = await startPlanning();
    plans = context.get(ActionPlanService);
    reports = context.get(ActionPlanReportService);
    resolutions = context.get(ResolutionService);
  });
  afterAll(() => context?.close());

  describe('openCall', () => {
    it('opens the plan for its instance and answers a redelivered job with the same call', async () => {
      const job = aJob(ACTION_PLAN_PROCESS);
      const request = { planYear: 2040, budgetCeiling: 50_000_000, callClosingDate: new Date('2040-03-31T21:59:59Z') };
      const opened = { opened: true, call: { planYear: 2040, budgetCeiling: 50_000_000, callClosingDate: '2040-03-31T23:59:59+02:00' } };
      expect(await plans.openCall(request, job)).toEqual(opened);
      expect(await plans.openCall(request, job)).toEqual(opened);
      expect(await planOf(2040)).toMatchObject({ status: 'call_open', processInstanceKey: job.processInstanceKey, budgetCeiling: 50_000_000 });
      const entries = await auditOfPlan(2040, 'action-plan.opened');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorId: 'process:action-plan', actorRole: null, entityType: 'action-plan', entityId: '2040' });
      expect(entries[0].data).toEqual({ ...opened.call, processInstanceKey: job.processInstanceKey, jobKey: job.key });
    });

    it('tells another instance for the same year that the plan already runs', async () => {
      expect(await plans.openCall({ planYear: 2040, budgetCeiling: 1, callClosingDate: null }, aJob(ACTION_PLAN_PROCESS))).toEqual({ opened: false, planYear: 2040 });
      expect((await planOf(2040)).budgetCeiling).toBe(50_000_000);
      expect(await auditOfPlan(2040, 'action-plan.opened')).toHaveLength(1);
    });

    it('plans next year by default, with the previous plan’s ceiling and a closing date in Prague time', async () => {
      const year = nextPlanYear(new Date());
      await plans.openCall({ planYear: year - 1, budgetCeiling: 42_000_000, callClosingDate: null }, aJob(ACTION_PLAN_PROCESS));
      const outcome = await plans.openCall({ planYear: null, budgetCeiling: null, callClosingDate: null }, aJob(ACTION_PLAN_PROCESS));
      expect(outcome).toEqual({
        opened: true,
        call: { planYear: year, budgetCeiling: 42_000_000, callClosingDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/) },
      });
    });
  });

  describe('start', () => {
    it('writes nothing when the process cannot be started', async () => {
      await expect(plans.start({ planYear: 2041, budgetCeiling: 1_000_000, callClosingDate: null }, officer)).rejects.toMatchObject({ code: 5 });
      expect(await context.dataSource.manager.existsBy(ActionPlanEntity, { planYear: 2041 })).toBe(false);
      expect(await auditOfPlan(2041, 'action-plan.opened')).toEqual([]);
    });

    it('creates the plan and starts its instance with the resolved call, audited as opened by the officer', async () => {
      await deploy(context.engine, ACTION_PLAN_PROCESS, aJobWaiter(ACTION_PLAN_PROCESS, 'test.plan-started'));
      const view = await plans.start({ planYear: 2041, budgetCeiling: 1_000_000, callClosingDate: new Date('2041-01-15T11:00:00Z') }, officer);
      expect(view).toMatchObject({ planYear: 2041, status: 'call_open', budgetCeiling: 1_000_000, callClosingDate: '2041-01-15T12:00:00+01:00', included: [], reserve: [] });
      const [job] = await context.engine.zeebe.activateJobs({ type: 'test.plan-started', worker: 'test', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
      expect(job.variables).toEqual({ planYear: 2041, budgetCeiling: 1_000_000, callClosingDate: '2041-01-15T12:00:00+01:00' });
      expect((await planOf(2041)).processInstanceKey).toBe(job.processInstanceKey);
      // The instance's own open-call takes the plan the API created for it: opened once, by the officer.
      expect(
        await plans.openCall({ planYear: 2041, budgetCeiling: 1_000_000, callClosingDate: new Date('2041-01-15T11:00:00Z') }, { ...aJob(ACTION_PLAN_PROCESS), processInstanceKey: job.processInstanceKey }),
      ).toMatchObject({ opened: true });
      const entries = await auditOfPlan(2041, 'action-plan.opened');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorId: 'user:referentka', actorRole: 'regional_officer', actorTerritory: 'region:jmk' });
      expect(entries[0].data).toEqual({ planYear: 2041, budgetCeiling: 1_000_000, callClosingDate: '2041-01-15T12:00:00+01:00', processInstanceKey: job.processInstanceKey });
    });

    it('refuses a year that already has a plan', async () => {
      await expect(plans.start({ planYear: 2041, budgetCeiling: 5, callClosingDate: null }, officer)).rejects.toMatchObject({ code: DomainErrorCode.ActionPlanExists });
      expect((await planOf(2041)).budgetCeiling).toBe(1_000_000);
    });

    it('refuses a past year, a fractional ceiling and a past closing, writing nothing', async () => {
      await expect(plans.start({ planYear: 2020, budgetCeiling: 10.5, callClosingDate: new Date('2020-01-01T00:00:00Z') }, officer)).rejects.toMatchObject({
        code: DomainErrorCode.RuleViolated,
        violations: [
          expect.objectContaining({ field: 'planYear', code: 'PLAN_YEAR_TOO_EARLY' }),
          expect.objectContaining({ field: 'budgetCeiling', code: 'AMOUNT_NOT_WHOLE_CZK' }),
          expect.objectContaining({ field: 'callClosingDate', code: 'CALL_CLOSING_IN_PAST' }),
        ],
      });
      expect(await context.dataSource.manager.existsBy(ActionPlanEntity, { planYear: 2020 })).toBe(false);
    });
  });

  describe('the draft, its publication and the announcements', () => {
    const year = 2045;
    const planResolutionNumber = '900/26/Z9';
    let best: IntentionEntity;
    let second: IntentionEntity;
    let tooExpensive: IntentionEntity;
    let cheapUnscored: IntentionEntity;
    let fromReserve: IntentionEntity;
    let laterYear: IntentionEntity;

    beforeAll(async () => {
      await plans.openCall({ planYear: year, budgetCeiling: 1_000_000, callClosingDate: new Date('2045-03-31T21:59:59Z') }, aJob(ACTION_PLAN_PROCESS));
      best = await anApprovedIntention(year, 500_000, 4.8);
      second = await anApprovedIntention(year - 1, 300_000, 4.1);
      tooExpensive = await anApprovedIntention(year, 600_000, 3.2);
      cheapUnscored = await anApprovedIntention(year, 100_000, null);
      fromReserve = await anApprovedIntention(year - 2, 50_000, 2.0, '2026-06-20', 'in_reserve');
      laterYear = await anApprovedIntention(year + 1, 10_000, 5);
      await aStoredIntention(context.dataSource, 'recommended_by_council', { planYear: year });
      await context.dataSource.manager.insert(NeedDeclarationEntity, {
        intentionId: best.id,
        jobKey: aKey(),
        decision: 'declared',
        communityPlanTitle: 'KPSS Židlochovice',
        communityPlanPeriod: '2025–2027',
        communityPlanMeasure: 'Opatření 2.1',
        cofinancingRate: 0.2,
        requiredCofinancing: 2_400_000,
        pledgedCofinancing: 2_500_000,
      });
    });

    it('orders the approved and the reserve by score and fits them under the ceiling, once per job', async () => {
      const job = aJob(ACTION_PLAN_PROCESS);
      const draft = await plans.assembleDraft(job, year, 1_000_000, []);
      expect(draft).toEqual({
        includedIntentionIds: [best.id, second.id, fromReserve.id, cheapUnscored.id],
        reserveIntentionIds: [tooExpensive.id],
        draftItems: expect.arrayContaining([{ label: expect.stringMatching(/^1\. Domov Zahrada, z\. ú\. – § 49, ORP Židlochovice – 500\s000 Kč, hodnocení 4,80 – v návrhu$/), value: best.id }]),
        draftTotal: 950_000,
      });
      expect(draft.draftItems.map((item) => item.value)).toEqual([best.id, second.id, fromReserve.id, cheapUnscored.id, tooExpensive.id]);
      expect(draft.includedIntentionIds).not.toContain(laterYear.id);
      expect(await plans.assembleDraft(job, year, 1_000_000, [])).toEqual(draft);
      expect(await planOf(year)).toMatchObject({ status: 'draft', draftJobKey: job.key, includedCount: 4, includedTotal: 950_000, reserveCount: 1 });
      const entries = await auditOfPlan(year, 'action-plan.drafted');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorId: 'process:action-plan', entityId: String(year) });
      expect(entries[0].data).toEqual({
        planYear: year,
        budgetCeiling: 1_000_000,
        excludedIntentionIds: [],
        includedIntentionIds: draft.includedIntentionIds,
        reserveIntentionIds: draft.reserveIntentionIds,
        includedTotal: 950_000,
        processInstanceKey: job.processInstanceKey,
        jobKey: job.key,
      });
    });

    it('recomputes with the officer’s new ceiling and exclusions', async () => {
      const draft = await plans.assembleDraft(aJob(ACTION_PLAN_PROCESS), year, 700_000, [second.id]);
      expect(draft.includedIntentionIds).toEqual([best.id, fromReserve.id, cheapUnscored.id]);
      expect(draft.reserveIntentionIds).toEqual([second.id, tooExpensive.id]);
      expect(draft.draftTotal).toBe(650_000);
      expect((await planOf(year)).budgetCeiling).toBe(700_000);
      expect(await context.dataSource.manager.countBy(ActionPlanItemEntity, { planYear: year })).toBe(5);
      expect((await auditOfPlan(year, 'action-plan.drafted')).map((entry) => [entry.data.budgetCeiling, entry.data.excludedIntentionIds])).toEqual([
        [1_000_000, []],
        [700_000, [second.id]],
      ]);
    });

    it('refuses to publish lists that differ from the stored draft, or without the Assembly’s recorded approval', async () => {
      const publication = { job: aJob(ACTION_PLAN_PROCESS), planYear: year, resolutionNumber: planResolutionNumber, resolutionDate: '2026-06-25' };
      const lists = { includedIntentionIds: [best.id, fromReserve.id, cheapUnscored.id], reserveIntentionIds: [second.id, tooExpensive.id] };
      await expect(plans.publish({ ...publication, ...lists })).rejects.toThrow(`No recorded Assembly resolution ${planResolutionNumber}`);
      await resolutions.record({ job: aJob(ACTION_PLAN_PROCESS), body: 'assembly', subject: 'action-plan', subjectId: String(year), decision: 'approved', number: planResolutionNumber, date: '2026-06-25' });
      await expect(plans.publish({ ...publication, ...lists, reserveIntentionIds: [tooExpensive.id] })).rejects.toThrow('differ from the stored draft');
      expect((await planOf(year)).status).toBe('draft');
      expect(await auditOfPlan(year, 'action-plan.published')).toEqual([]);
    });

    it('publishes the plan with its resolution and moves the reserve list to in_reserve, once', async () => {
      const publication = {
        job: aJob(ACTION_PLAN_PROCESS),
        planYear: year,
        includedIntentionIds: [best.id, fromReserve.id, cheapUnscored.id],
        reserveIntentionIds: [second.id, tooExpensive.id],
        resolutionNumber: planResolutionNumber,
        resolutionDate: '2026-06-25',
      };
      await plans.publish(publication);
      await plans.publish(publication);
      expect(await planOf(year)).toMatchObject({ status: 'approved', resolutionId: expect.any(String) });
      expect([await statusOf(second.id), await statusOf(tooExpensive.id), await statusOf(best.id), await statusOf(fromReserve.id)]).toEqual([
        'in_reserve',
        'in_reserve',
        'approved_by_assembly',
        'in_reserve',
      ]);
      const entries = await auditOfPlan(year, 'action-plan.published');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorId: 'process:action-plan', entityId: String(year) });
      expect(entries[0].data).toEqual({
        planYear: year,
        resolutionNumber: planResolutionNumber,
        resolutionDate: '2026-06-25',
        includedIntentionIds: publication.includedIntentionIds,
        reserveIntentionIds: publication.reserveIntentionIds,
        includedTotal: 650_000,
        processInstanceKey: publication.job.processInstanceKey,
        jobKey: publication.job.key,
      });
      await expect(plans.assembleDraft(aJob(ACTION_PLAN_PROCESS), year, 2_000_000, [])).rejects.toThrow('is approved');
    });

    it('announces the inclusion to the intention’s instance, once however often asked', async () => {
      await deploy(context.engine, 'inclusion-probe', aMessageWaiter('inclusion-probe', INTENTION_INCLUDED_MESSAGE));
      const waiting = context.engine.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'inclusion-probe', variables: { intentionId: best.id }, requestTimeout: 20_000 });
      await plans.announceInclusion(best.id, year, '123/26/Z9');
      await plans.announceInclusion(best.id, year, '123/26/Z9');
      expect((await waiting).variables).toEqual({ intentionId: best.id, actionPlanYear: year, actionPlanResolutionNumber: '123/26/Z9' });
    });

    it('refuses to announce an intention the approved plan does not include', async () => {
      await expect(plans.announceInclusion(second.id, year, '123/26/Z9')).rejects.toThrow(`Intention ${second.id} is not included`);
    });

    it('reports the included intentions with their totals by district, ORP, target group and service type', async () => {
      const view = await reports.view(year);
      expect(view).toMatchObject({ planYear: year, status: 'approved', budgetCeiling: 700_000, includedTotal: 650_000, resolution: { number: planResolutionNumber, date: '2026-06-25' } });
      expect(view.included.map((item) => item.intentionId)).toEqual([best.id, fromReserve.id, cheapUnscored.id]);
      expect(view.reserve.map((item) => item.intentionId)).toEqual([second.id, tooExpensive.id]);
      expect(view.included[0]).toMatchObject({
        rank: 1,
        providerName: 'Domov Zahrada, z. ú.',
        serviceTypeName: expect.stringMatching(/domovy pro seniory/i),
        districtName: 'Brno-venkov',
        orpName: 'Židlochovice',
        targetGroups: [{ code: 'seniori', name: 'Senioři' }],
        municipalCofinancing: 2_500_000,
        districtScore: 4.8,
      });
      expect(view.totals.total).toEqual({ intentions: 3, yearlyCosts: 36_000_000, requestedSubsidy: 650_000, municipalCofinancing: 2_500_000, capacity: { beds: 72, fte: 0 } });
      expect(view.totals.byDistrict).toEqual([expect.objectContaining({ districtId: 'brno-venkov', intentions: 3 })]);
      expect(view.totals.byServiceType).toEqual([expect.objectContaining({ serviceType: '49', requestedSubsidy: 650_000 })]);
    });

    it('exports the included intentions as a Czech CSV', async () => {
      const lines = (await reports.exportCsv(year)).split('\r\n');
      expect(lines[0].startsWith('\uFEFFPořadí;ID záměru;Poskytovatel')).toBe(true);
      expect(lines.slice(1, 4).map((line) => line.split(';')[1])).toEqual([best.id, fromReserve.id, cheapUnscored.id]);
      expect(lines[1]).toContain(';500000;2500000;4,8');
    });

    it('answers 404 for a year without a plan', async () => {
      await expect(reports.view(2099)).rejects.toMatchObject({ code: DomainErrorCode.NotFound });
    });
  });
});
