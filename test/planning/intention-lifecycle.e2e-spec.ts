import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '@app/domain';
import { IntentionEntity, IntentionEventEntity, NotificationEntity } from '@app/persistence';
import { IntentionLifecycleService, INTENTION_SUBMISSION_PROCESS, INTENTION_WITHDRAWN_MESSAGE } from '@app/planning';
import { aJob, aKey, aStoredIntention } from '../factories/planning.js';
import { aPrincipal } from '../factories/user.js';
import { aJobWaiter, aMessageWaiter, deploy, startPlanning, type PlanningTestContext } from './support.js';

describe('IntentionLifecycleService', () => {
  let context: PlanningTestContext;
  let lifecycle: IntentionLifecycleService;
  const provider = aPrincipal('provider', { userId: 'user:provider-1' });
  const history = (intentionId: string) => context.dataSource.manager.find(IntentionEventEntity, { where: { intentionId }, order: { id: 'ASC' } });
  const notifications = (intentionId: string) => context.dataSource.manager.findBy(NotificationEntity, { intentionId });
  const reload = (id: string) => context.dataSource.manager.findOneByOrFail(IntentionEntity, { id });
  const change = (intentionId: string, status: string, overrides: Record<string, unknown> = {}) => ({
    intentionId,
    status: status as never,
    reason: null,
    job: aJob('orp-need-declaration'),
    ...overrides,
  });

  beforeAll(async () => {
    context = await startPlanning();
    lifecycle = context.get(IntentionLifecycleService);
  });
  afterAll(() => context?.close());

  describe('setStatus', () => {
    it('moves the intention, keeps the reason and appends who did it to the history', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted');
      const moved = await lifecycle.setStatus(change(intention.id, 'need_refused', { reason: 'Služba není v komunitním plánu' }));
      expect(moved).toBe(true);
      expect(await reload(intention.id)).toMatchObject({ status: 'need_refused', statusReason: 'Služba není v komunitním plánu', version: intention.version + 1 });
      expect(await history(intention.id)).toEqual([
        expect.objectContaining({
          action: 'status-changed',
          actor: 'process:orp-need-declaration',
          fromStatus: 'submitted',
          toStatus: 'need_refused',
          comment: 'Služba není v komunitním plánu',
        }),
      ]);
    });

    it('tells the provider of a decision, but not of a step in between', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted');
      await lifecycle.setStatus(change(intention.id, 'need_declared'));
      await lifecycle.setStatus(change(intention.id, 'in_district_review'));
      expect(await notifications(intention.id)).toEqual([
        expect.objectContaining({
          recipientGroup: 'provider:70888337',
          template: 'intention-status-changed',
          data: { fromStatus: 'submitted', status: 'need_declared', reason: null },
        }),
      ]);
    });

    it('has one effect when the same job is delivered twice', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted');
      const once = change(intention.id, 'need_declared');
      expect(await lifecycle.setStatus(once)).toBe(true);
      await lifecycle.setStatus(change(intention.id, 'in_district_review'));
      // Redelivered after the intention moved on: not applied again, not refused either.
      expect(await lifecycle.setStatus(once)).toBe(false);
      expect((await reload(intention.id)).status).toBe('in_district_review');
      expect(await history(intention.id)).toHaveLength(2);
      expect(await notifications(intention.id)).toHaveLength(1);
    });

    it('leaves an intention already in the status as it is', async () => {
      const intention = await aStoredIntention(context.dataSource, 'need_declared');
      expect(await lifecycle.setStatus(change(intention.id, 'need_declared'))).toBe(false);
      expect(await history(intention.id)).toEqual([]);
    });

    it('refuses a transition the domain forbids and writes nothing', async () => {
      const intention = await aStoredIntention(context.dataSource, 'need_refused');
      await expect(lifecycle.setStatus(change(intention.id, 'approved_by_assembly'))).rejects.toMatchObject({ code: DomainErrorCode.TransitionNotAllowed });
      expect(await reload(intention.id)).toMatchObject({ status: 'need_refused', version: intention.version });
      expect(await history(intention.id)).toEqual([]);
    });

    it('refuses an intention that does not exist', async () => {
      await expect(lifecycle.setStatus(change('987654321', 'need_declared'))).rejects.toMatchObject({ code: DomainErrorCode.NotFound });
    });
  });

  describe('checkCompleteness', () => {
    it('returns what the process needs about a complete intention', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted', { planYear: 2030 });
      expect(await lifecycle.checkCompleteness(intention.id, intention.processInstanceKey!)).toEqual({
        complete: true,
        facts: {
          orpId: 'zidlochovice',
          districtId: 'brno-venkov',
          planYear: 2030,
          serviceType: '49',
          provisionForm: 'pobytova',
          intentionKind: 'new_service',
          yearlyCosts: 12_000_000,
        },
      });
    });

    it('lists the missing fields and broken rules as the domain names them', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted', { planYear: 2031, justification: null, capacityUnit: 'fte' });
      const check = await lifecycle.checkCompleteness(intention.id, intention.processInstanceKey!);
      expect(check).toEqual({
        complete: false,
        reasons: [
          expect.objectContaining({ field: 'justification', code: 'REQUIRED' }),
          expect.objectContaining({ field: 'capacityUnit', code: 'UNIT_DOES_NOT_FIT_FORM' }),
        ],
      });
    });

    it('finds an open intention of the same provider, type, ORP and year, and ignores drafts and ended ones', async () => {
      const duplicateOf = { planYear: 2032, orpId: 'kurim' };
      const open = await aStoredIntention(context.dataSource, 'in_district_review', duplicateOf);
      await aStoredIntention(context.dataSource, 'draft', duplicateOf);
      await aStoredIntention(context.dataSource, 'withdrawn', duplicateOf);
      await aStoredIntention(context.dataSource, 'submitted', { ...duplicateOf, serviceType: '46', form: 'terenni', capacityUnit: 'fte', capacity: 2 });
      const intention = await aStoredIntention(context.dataSource, 'submitted', duplicateOf);
      expect(await lifecycle.checkCompleteness(intention.id, intention.processInstanceKey!)).toEqual({
        complete: false,
        reasons: [{ field: 'intention', code: 'DUPLICATE', message: expect.stringContaining(`Intention ${open.id} `) }],
      });
    });

    it('refuses to check for an instance that is not the intention’s own', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted', { planYear: 2033 });
      await expect(lifecycle.checkCompleteness(intention.id, aKey())).rejects.toThrow(`belongs to process instance ${intention.processInstanceKey}`);
    });
  });

  describe('submit', () => {
    it('writes nothing when the process cannot be started', async () => {
      const draft = await aStoredIntention(context.dataSource, 'draft', { planYear: 2034 });
      // No `intention-submission` is deployed yet in this engine.
      await expect(lifecycle.submit(provider, draft.id)).rejects.toMatchObject({ code: 5 });
      expect(await reload(draft.id)).toMatchObject({ status: 'draft', processInstanceKey: null, submittedAt: null, version: draft.version });
      expect(await history(draft.id)).toEqual([]);
    });

    it('moves a complete draft to submitted and starts its process with the contract’s variables', async () => {
      await deploy(context.engine, INTENTION_SUBMISSION_PROCESS, aJobWaiter(INTENTION_SUBMISSION_PROCESS, 'test.submission-started'));
      const draft = await aStoredIntention(context.dataSource, 'draft', { planYear: 2035 });
      const submitted = await lifecycle.submit(provider, draft.id);
      expect(submitted).toMatchObject({ status: 'submitted', processInstanceKey: expect.stringMatching(/^\d+$/), submittedAt: expect.any(Date) });
      expect(submitted.history).toEqual([expect.objectContaining({ action: 'submitted', actor: 'user:provider-1', fromStatus: 'draft', toStatus: 'submitted' })]);
      const jobs = await context.engine.zeebe.activateJobs({ type: 'test.submission-started', worker: 'test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 5_000 });
      expect(jobs.map((job) => ({ processInstanceKey: job.processInstanceKey, variables: job.variables }))).toEqual([
        { processInstanceKey: submitted.processInstanceKey, variables: { intentionId: draft.id, providerId: '70888337', submittedBy: 'user:provider-1' } },
      ]);
    });

    it('refuses an incomplete draft with the reasons, starting nothing', async () => {
      const draft = await aStoredIntention(context.dataSource, 'draft', { planYear: 2036, capacity: null });
      await expect(lifecycle.submit(provider, draft.id)).rejects.toMatchObject({
        code: DomainErrorCode.RuleViolated,
        violations: [expect.objectContaining({ field: 'capacity', code: 'REQUIRED' })],
      });
      expect(await reload(draft.id)).toMatchObject({ status: 'draft', processInstanceKey: null });
      const jobs = await context.engine.zeebe.activateJobs({ type: 'test.submission-started', worker: 'test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 500 });
      expect(jobs).toEqual([]);
    });

    it('refuses what is no longer a draft', async () => {
      const intention = await aStoredIntention(context.dataSource, 'submitted', { planYear: 2037 });
      await expect(lifecycle.submit(provider, intention.id)).rejects.toMatchObject({ code: DomainErrorCode.IntentionNotDraft });
    });
  });

  describe('withdraw', () => {
    const waiter = 'withdrawal-probe';
    beforeAll(() => deploy(context.engine, waiter, aMessageWaiter(waiter, INTENTION_WITHDRAWN_MESSAGE)));

    it('publishes one withdrawal message for the intention, however often asked, and records the request', async () => {
      const intention = await aStoredIntention(context.dataSource, 'in_district_review', { planYear: 2038 });
      const instance = context.engine.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: waiter,
        variables: { intentionId: intention.id },
        requestTimeout: 20_000,
      });
      await lifecycle.withdraw(provider, intention.id, 'Služba bude zajištěna jinak');
      const detail = await lifecycle.withdraw(provider, intention.id, 'Služba bude zajištěna jinak');
      expect((await instance).variables).toEqual({ intentionId: intention.id, withdrawalReason: 'Služba bude zajištěna jinak' });
      // The process sets the status; the request only asks for it.
      expect(detail.status).toBe('in_district_review');
      expect(detail.history.map((event) => [event.action, event.actor, event.comment])).toEqual([['withdrawal-requested', 'user:provider-1', 'Služba bude zajištěna jinak']]);
    });

    it('refuses once the Assembly has decided, writing nothing', async () => {
      const intention = await aStoredIntention(context.dataSource, 'approved_by_assembly', { planYear: 2039 });
      await expect(lifecycle.withdraw(provider, intention.id, 'Pozdě')).rejects.toMatchObject({ code: DomainErrorCode.TransitionNotAllowed });
      expect(await history(intention.id)).toEqual([]);
    });
  });
});
