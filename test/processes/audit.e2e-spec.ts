import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aDeclaration, aResolutionNumber, DAY_MS, declareNeed, decideInRegion, reviewInDistrict, startProcesses, today, type ProcessHarness } from './support.js';

interface Entry {
  action: string;
  actorId: string;
  actorRole: string | null;
  actorTerritory: string | null;
  entityType: string;
  data: Record<string, any>;
  reason: string | null;
}

/** Who took, handed over and decided each task of an intention is in the audit log, chained. */
describe('auditing the acts on an intention’s tasks', () => {
  let harness: ProcessHarness;

  beforeAll(async () => {
    harness = await startProcesses();
  });
  afterAll(() => harness?.close());

  it('records claim, unclaim, assignment and completion with who, role, territory and the decision', async () => {
    const { orpOfficial, orpHead } = harness.cast;
    const admin = await harness.signIn('administrator');
    const { id } = await harness.submitIntention({ planYear: 2028 });
    const task = await harness.waitForTask(orpOfficial, { taskDefinitionId: 'declare', intentionId: id });
    await harness.http(orpOfficial).post(`/tasks/${task.id}/claim`).expect(200);
    await harness.http(orpOfficial).post(`/tasks/${task.id}/unclaim`).expect(200);
    await harness.http(orpHead).post(`/tasks/${task.id}/assign`).send({ assignee: orpOfficial.id }).expect(200);
    await harness.http(orpOfficial).post(`/tasks/${task.id}/complete`).send({ variables: aDeclaration(2_400_000) }).expect(200);

    const audit = await harness.http(admin).get('/audit').query({ intentionId: id }).expect(200);
    // The process's own decisions (the declaration it records next) follow in the same trail; here only the task's acts.
    const taskActs: Entry[] = [...audit.body.items].reverse().filter((entry: Entry) => entry.entityType === 'task');
    const acts = taskActs.map((entry) => [entry.action, entry.actorId, entry.actorRole, entry.actorTerritory]);
    expect(acts).toEqual([
      ['task.claimed', orpOfficial.id, 'orp_official', 'orp:zidlochovice'],
      ['task.unclaimed', orpOfficial.id, 'orp_official', 'orp:zidlochovice'],
      ['task.assigned', orpHead.id, 'orp_head', 'orp:zidlochovice'],
      ['task.completed', orpOfficial.id, 'orp_official', 'orp:zidlochovice'],
    ]);
    expect(taskActs[3].data).toMatchObject({ intentionId: id, variables: expect.objectContaining({ needDecision: 'declared', pledgedCofinancing: 2_400_000 }) });
    expect((await harness.http(admin).get('/audit/verify').expect(200)).body).toMatchObject({ valid: true });
  });

  it('mirrors the intention’s history: the provider’s acts with role and territory, the processes’ status changes without', async () => {
    const { provider } = harness.cast;
    const admin = await harness.signIn('administrator');
    const { id } = await harness.submitIntention({ planYear: 2029 });
    await harness.completeTask(harness.cast.orpOfficial, { taskDefinitionId: 'declare', intentionId: id }, aDeclaration(2_400_000));
    const dossier = await harness.waitForStatus(provider, id, 'in_district_review');

    const audit = await harness.http(admin).get('/audit').query({ intentionId: id, limit: 100 }).expect(200);
    const entries = [...audit.body.items].reverse().filter((entry: { entityType: string }) => entry.entityType === 'intention');
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.actorRole, entry.actorTerritory, entry.data.fromStatus, entry.data.toStatus])).toEqual([
      ['intention.created', provider.id, 'provider', 'provider:70888337', null, 'draft'],
      ['intention.submitted', provider.id, 'provider', 'provider:70888337', 'draft', 'submitted'],
      ['intention.status-changed', 'process:orp-need-declaration', null, null, 'submitted', 'need_declared'],
      ['intention.status-changed', 'process:district-review', null, null, 'need_declared', 'in_district_review'],
    ]);
    // One entry per history entry, both written by the same act.
    expect(entries.map((entry) => entry.data.intentionEventId)).toEqual(dossier.history.map((event: { id: string }) => event.id));
    expect((await harness.http(admin).get('/audit/verify').expect(200)).body).toMatchObject({ valid: true });
  });

  it('lists the officials’ acts and the decisions the processes recorded along an intention’s whole way, and the plan’s acts', async () => {
    const { provider, orpOfficial, districtMembers, districtChair, regionalOfficer, councilSecretary } = harness.cast;
    const admin = await harness.signIn('administrator');
    const planYear = 2030;
    const { id } = await harness.submitIntention({ planYear });
    await declareNeed(harness, id, 2_400_000);
    await reviewInDistrict(harness, id, [
      [5, 4, 4, 5, 4],
      [4, 4, 3, 5, 3],
    ]);
    const { councilNumber, assemblyNumber } = await decideInRegion(harness, id);
    await harness.waitForStatus(provider, id, 'approved_by_assembly');

    const closing = new Date(Math.ceil((Date.now() + DAY_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    await harness.http(regionalOfficer).post('/action-plans').send({ planYear, budgetCeiling: 10_000_000, callClosingDate: closing }).expect(201);
    harness.passTime(DAY_MS + 60_000);
    await harness.completeTask(regionalOfficer, { taskDefinitionId: 'reviewDraft', bpmnProcessId: 'action-plan' }, { draftDecision: 'submit', reviewComment: 'Návrh odpovídá rozpočtu.' });
    const planNumber = aResolutionNumber('assembly');
    await harness.completeTask(
      councilSecretary,
      { taskDefinitionId: 'approvePlan', bpmnProcessId: 'action-plan' },
      { planDecision: 'approved', planResolutionNumber: planNumber, planResolutionDate: today() },
    );
    await harness.waitForStatus(provider, id, 'included_in_action_plan');

    const trail: Entry[] = [...(await harness.http(admin).get('/audit').query({ intentionId: id, limit: 200 }).expect(200)).body.items].reverse();
    const completions = trail.filter((entry) => entry.action === 'task.completed');
    expect(completions.map((entry) => [entry.actorId, entry.actorRole, entry.data.bpmnProcessId])).toEqual([
      [orpOfficial.id, 'orp_official', 'orp-need-declaration'],
      [districtMembers[0].id, 'district_member', 'district-review'],
      [districtMembers[1].id, 'district_member', 'district-review'],
      [districtChair.id, 'district_chair', 'district-review'],
      [councilSecretary.id, 'council_secretary', 'council-approval'],
      [councilSecretary.id, 'council_secretary', 'council-approval'],
    ]);
    expect(completions[0].data.variables).toMatchObject({ needDecision: 'declared', pledgedCofinancing: 2_400_000 });
    expect(completions[3].data.variables).toMatchObject({ chairDecision: 'recommend', chairReason: 'Tým záměr jednomyslně doporučuje.' });

    // What the processes recorded from those acts, each once, by the process, in the instance it ran in.
    const decisions = trail.filter((entry) => /^(need-declaration|district-review|resolution)\./.test(entry.action));
    expect(decisions.map((entry) => [entry.action, entry.actorId, entry.actorRole, entry.actorTerritory])).toEqual([
      ['need-declaration.declared', 'process:orp-need-declaration', null, null],
      ['district-review.scored', 'process:district-review', null, null],
      ['resolution.recorded', 'process:council-approval', null, null],
      ['resolution.recorded', 'process:council-approval', null, null],
    ]);
    expect(decisions[0].data).toMatchObject({ intentionId: id, decision: 'declared', requiredCofinancing: 2_400_000, pledgedCofinancing: 2_400_000, jobKey: expect.any(String) });
    expect(decisions[1].data).toMatchObject({ intentionId: id, score: 4.1 });
    expect(decisions[1].data.opinions.map((opinion: { member: string }) => opinion.member).sort()).toEqual(districtMembers.map((member) => member.id).sort());
    expect(decisions[2].data).toMatchObject({ body: 'council', number: councilNumber, date: today(), decision: 'recommends' });
    expect(decisions[3].data).toMatchObject({ body: 'assembly', number: assemblyNumber, date: today(), decision: 'approved' });
    for (const decision of decisions) expect(decision.data.processInstanceKey).toMatch(/^\d+$/);

    // The plan's acts name the plan; its publication lists the intention among the included.
    const planActs = async (action: string): Promise<Entry[]> => (await harness.http(admin).get('/audit').query({ action }).expect(200)).body.items;
    expect(await planActs('action-plan.opened')).toEqual([expect.objectContaining({ actorId: regionalOfficer.id, actorRole: 'regional_officer', data: expect.objectContaining({ planYear }) })]);
    expect(await planActs('action-plan.drafted')).toEqual([expect.objectContaining({ actorId: 'process:action-plan', data: expect.objectContaining({ includedIntentionIds: [id] }) })]);
    expect(await planActs('action-plan.published')).toEqual([
      expect.objectContaining({ actorId: 'process:action-plan', data: expect.objectContaining({ planYear, resolutionNumber: planNumber, includedIntentionIds: [id], reserveIntentionIds: [] }) }),
    ]);
    expect((await harness.http(admin).get('/audit/verify').expect(200)).body).toMatchObject({ valid: true });
  });
});
