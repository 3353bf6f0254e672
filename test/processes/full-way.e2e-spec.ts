import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aResolutionNumber, DAY_MS, declareNeed, decideInRegion, reviewInDistrict, startProcesses, today, type ProcessHarness } from './support.js';

/**
 * The whole way of one development intention, through the real models of bpmn/, the real
 * workers, the inbox and the API: from the provider's draft to "zařazen do akčního plánu".
 */
describe('from a draft to the Action Plan', () => {
  let harness: ProcessHarness;
  const planYear = 2028;

  beforeAll(async () => {
    harness = await startProcesses();
  });
  afterAll(() => harness?.close());

  it('goes through the ORP, the district team, the Council and the Assembly into the published plan', async () => {
    const { provider, orpOfficial, districtChair, regionalOfficer, councilSecretary } = harness.cast;
    const { id, processInstanceKey } = await harness.submitIntention({ planYear });

    // The check passed; the ORP officials of Židlochovice are asked, with the share the decision table requires.
    const declaration = await harness.waitForTask(orpOfficial, { taskDefinitionId: 'declare', intentionId: id });
    expect(declaration).toMatchObject({ processInstanceKey: expect.any(String), candidateGroups: ['orp:zidlochovice'], assignee: null });
    const detail = (await harness.http(orpOfficial).get(`/tasks/${declaration.id}`).expect(200)).body;
    // § 49 residential: 20 % of 12 000 000 CZK.
    expect(detail.variables).toMatchObject({ requiredCofinancingRate: 0.2, yearlyCosts: 12_000_000 });
    await declareNeed(harness, id, 2_400_000);
    await harness.waitForStatus(provider, id, 'in_district_review');

    // Two members score in parallel (the tasks are theirs already); the chair recommends.
    await reviewInDistrict(harness, id, [
      [5, 4, 4, 5, 4],
      [4, 4, 3, 5, 3],
    ]);
    const recommended = await harness.waitForStatus(provider, id, 'recommended_by_district');
    expect(Number(recommended.districtScore)).toBeCloseTo(4.1, 2);
    expect(await harness.openTasks(districtChair, { intentionId: id })).toEqual([]);

    const { councilNumber, assemblyNumber } = await decideInRegion(harness, id);
    const approved = await harness.waitForStatus(provider, id, 'approved_by_assembly');
    expect(approved.needDeclarations).toEqual([
      expect.objectContaining({ decision: 'declared', communityPlanTitle: 'Komunitní plán sociálních služeb ORP Židlochovice', requiredCofinancing: 2_400_000, pledgedCofinancing: 2_400_000 }),
    ]);
    expect(approved.districtReviews).toHaveLength(1);
    expect(approved.resolutions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ body: 'council', number: councilNumber, decision: 'recommends' }),
        expect.objectContaining({ body: 'assembly', number: assemblyNumber, decision: 'approved' }),
      ]),
    );
    // Approved, the intention's instance waits for the plan's message.
    expect(await harness.isRunning(processInstanceKey)).toBe(true);

    // The regional officer opens the plan of the year; the call closes tomorrow.
    const closing = new Date(Math.ceil((Date.now() + DAY_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const opened = await harness.http(regionalOfficer).post('/action-plans').send({ planYear, budgetCeiling: 10_000_000, callClosingDate: closing }).expect(201);
    expect(opened.body).toMatchObject({ planYear, status: 'call_open', budgetCeiling: 10_000_000 });
    const planInstance = (await harness.sql.query(`SELECT process_instance_key AS key FROM action_plan WHERE plan_year = $1`, [planYear])).rows[0].key as string;
    // Until the closing date the plan only waits.
    expect(await harness.openTasks(regionalOfficer, { bpmnProcessId: 'action-plan' })).toEqual([]);
    harness.passTime(DAY_MS + 60_000);

    // At the closing date the draft is assembled: the approved intention fits under the ceiling.
    const review = await harness.waitForTask(regionalOfficer, { taskDefinitionId: 'reviewDraft', bpmnProcessId: 'action-plan' });
    const reviewDetail = (await harness.http(regionalOfficer).get(`/tasks/${review.id}`).expect(200)).body;
    expect(reviewDetail.variables).toMatchObject({ draftItems: [expect.objectContaining({ value: id })] });
    expect((await harness.http(regionalOfficer).get(`/action-plans/${planYear}`).expect(200)).body).toMatchObject({ status: 'draft', includedTotal: 4_000_000 });
    await harness.complete(regionalOfficer, review, { draftDecision: 'submit', reviewComment: 'Návrh odpovídá rozpočtu.' });

    const planNumber = aResolutionNumber('assembly');
    await harness.completeTask(
      councilSecretary,
      { taskDefinitionId: 'approvePlan', bpmnProcessId: 'action-plan' },
      { planDecision: 'approved', planResolutionNumber: planNumber, planResolutionDate: today() },
    );

    // Published, the plan tells the intention, whose instance ends as included.
    const included = await harness.waitForStatus(provider, id, 'included_in_action_plan');
    expect(included.history.at(-1)).toMatchObject({ action: 'status-changed', fromStatus: 'approved_by_assembly', toStatus: 'included_in_action_plan' });
    expect(await harness.waitForEnd(processInstanceKey)).toEqual({ state: 'completed', endEvent: 'endIncluded' });
    expect(await harness.waitForEnd(planInstance)).toEqual({ state: 'completed', endEvent: 'endApproved' });

    const plan = (await harness.http(regionalOfficer).get(`/action-plans/${planYear}`).expect(200)).body;
    expect(plan).toMatchObject({ planYear, status: 'approved', budgetCeiling: 10_000_000, includedTotal: 4_000_000, reserve: [] });
    expect(plan.resolution).toMatchObject({ number: planNumber });
    expect(plan.included.map((item: { intentionId: string }) => item.intentionId)).toEqual([id]);
    expect(plan.totals.total).toEqual({ intentions: 1, yearlyCosts: 12_000_000, requestedSubsidy: 4_000_000, municipalCofinancing: 2_400_000, capacity: { beds: 24, fte: 0 } });
    expect(plan.totals.byDistrict).toEqual([expect.objectContaining({ districtId: 'brno-venkov', requestedSubsidy: 4_000_000 })]);
    expect(plan.totals.byOrp).toEqual([expect.objectContaining({ orpId: 'zidlochovice', intentions: 1 })]);

    const csv = await harness
      .http(regionalOfficer)
      .get(`/action-plans/${planYear}/export.csv`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const lines = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
    expect(lines).toHaveLength(2);
    expect(lines[1].split(';')[1]).toBe(id);
  });
});
