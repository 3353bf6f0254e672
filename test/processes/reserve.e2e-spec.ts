import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aResolutionNumber, DAY_MS, declareNeed, decideInRegion, reviewInDistrict, startProcesses, today, type ProcessHarness } from './support.js';

type Scores = [number, number, number, number, number];

/**
 * Over budget: three intentions approved by the Assembly ask for more than the plan's
 * ceiling. The plan orders them by the district's score and includes each that still fits;
 * the rest goes to the reserve list (zásobník) and keeps waiting for a later plan. The officer
 * adjusts the draft in the review (excludes an intention, then takes it back) before submitting.
 */
describe('an Action Plan over its budget ceiling', () => {
  let harness: ProcessHarness;
  const planYear = 2028;

  beforeAll(async () => {
    harness = await startProcesses();
  });
  afterAll(() => harness?.close());

  async function approved(serviceType: string, requestedSubsidy: number, scores: Scores): Promise<{ id: string; processInstanceKey: string }> {
    const intention = await harness.submitIntention({ planYear, serviceType, requestedSubsidy });
    // 3 000 000 CZK covers the share of any residential type here (at most 20 % of 12 000 000 CZK).
    await declareNeed(harness, intention.id, 3_000_000);
    await reviewInDistrict(harness, intention.id, [scores, scores]);
    await decideInRegion(harness, intention.id);
    await harness.waitForStatus(harness.cast.provider, intention.id, 'approved_by_assembly');
    return intention;
  }

  it('includes the best-scored intentions that fit under the ceiling and puts the rest in reserve', async () => {
    const { provider, regionalOfficer, councilSecretary } = harness.cast;
    // Scores 5.0, 4.0 and 3.0; 6 + 5 + 3 million CZK asked, 9 million available.
    const best = await approved('49', 6_000_000, [5, 5, 5, 5, 5]);
    const second = await approved('50', 5_000_000, [4, 4, 4, 4, 4]);
    const third = await approved('44', 3_000_000, [3, 3, 3, 3, 3]);

    const closing = new Date(Math.ceil((Date.now() + DAY_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    await harness.http(regionalOfficer).post('/action-plans').send({ planYear, budgetCeiling: 9_000_000, callClosingDate: closing }).expect(201);
    harness.passTime(DAY_MS + 60_000);

    // The officer first tries the draft without the third intention: it goes to the reserve, and the second still does not fit.
    const firstReview = await harness.waitForTask(regionalOfficer, { taskDefinitionId: 'reviewDraft', bpmnProcessId: 'action-plan' });
    await harness.complete(regionalOfficer, firstReview, { draftDecision: 'recompute', budgetCeiling: 9_000_000, excludedIntentionIds: [third.id], reviewComment: 'Zkusit bez § 44.' });
    const secondReview = await harness.eventually(
      async () => (await harness.openTasks(regionalOfficer, { taskDefinitionId: 'reviewDraft', bpmnProcessId: 'action-plan' })).find((task) => task.id !== firstReview.id),
      'the review of the recomputed draft',
    );
    const without = (await harness.http(regionalOfficer).get(`/action-plans/${planYear}`).expect(200)).body;
    expect(without.included.map((item: { intentionId: string }) => item.intentionId)).toEqual([best.id]);
    expect(without.reserve.map((item: { intentionId: string }) => item.intentionId).sort()).toEqual([second.id, third.id].sort());
    // Then back to the plain order under the ceiling.
    await harness.complete(regionalOfficer, secondReview, { draftDecision: 'recompute', budgetCeiling: 9_000_000, excludedIntentionIds: [] });
    const review = await harness.eventually(
      async () => (await harness.openTasks(regionalOfficer, { taskDefinitionId: 'reviewDraft', bpmnProcessId: 'action-plan' })).find((task) => task.id !== secondReview.id),
      'the review of the draft again',
    );

    // The best (6 M) fits; the second (5 M) would exceed the 3 M left; the third (3 M) still fits.
    const draft = (await harness.http(regionalOfficer).get(`/tasks/${review.id}`).expect(200)).body.variables;
    expect(draft.draftItems.map((item: { value: string }) => item.value)).toEqual([best.id, third.id, second.id]);
    expect(draft.draftItems[2].label).toContain('zásobník');
    await harness.complete(regionalOfficer, review, { draftDecision: 'submit', reviewComment: 'Pořadí podle hodnocení okresních týmů.' });
    await harness.completeTask(
      councilSecretary,
      { taskDefinitionId: 'approvePlan', bpmnProcessId: 'action-plan' },
      { planDecision: 'approved', planResolutionNumber: aResolutionNumber('assembly'), planResolutionDate: today() },
    );

    for (const included of [best, third]) {
      await harness.waitForStatus(provider, included.id, 'included_in_action_plan');
      expect(await harness.waitForEnd(included.processInstanceKey)).toEqual({ state: 'completed', endEvent: 'endIncluded' });
    }
    const reserved = await harness.waitForStatus(provider, second.id, 'in_reserve');
    expect(reserved.statusReason).toBe(`Zásobník akčního plánu ${planYear}`);
    // On the reserve list the intention's instance keeps waiting: a later plan may include it.
    expect(await harness.isRunning(second.processInstanceKey)).toBe(true);

    const plan = (await harness.http(regionalOfficer).get(`/action-plans/${planYear}`).expect(200)).body;
    expect(plan).toMatchObject({ status: 'approved', budgetCeiling: 9_000_000, includedTotal: 9_000_000 });
    expect(plan.included.map((item: { intentionId: string }) => item.intentionId)).toEqual([best.id, third.id]);
    expect(plan.reserve.map((item: { intentionId: string }) => item.intentionId)).toEqual([second.id]);
    expect(plan.totals.total).toMatchObject({ intentions: 2, requestedSubsidy: 9_000_000, yearlyCosts: 24_000_000 });
    expect(plan.totals.byServiceType.map((row: { serviceType: string }) => row.serviceType).sort()).toEqual(['44', '49']);
  });
});
