import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aDeclaration, startProcesses, type ProcessHarness } from './support.js';

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
    const acts = [...audit.body.items].reverse().filter((entry: { entityType: string }) => entry.entityType === 'task').map((entry: { action: string; actorId: string; actorRole: string; actorTerritory: string }) => [entry.action, entry.actorId, entry.actorRole, entry.actorTerritory]);
    expect(acts).toEqual([
      ['task.claimed', orpOfficial.id, 'orp_official', 'orp:zidlochovice'],
      ['task.unclaimed', orpOfficial.id, 'orp_official', 'orp:zidlochovice'],
      ['task.assigned', orpHead.id, 'orp_head', 'orp:zidlochovice'],
      ['task.completed', orpOfficial.id, 'orp_official', 'orp:zidlochovice'],
    ]);
    expect(audit.body.items.find((entry: { action: string }) => entry.action === 'task.completed').data).toMatchObject({
      intentionId: id,
      variables: expect.objectContaining({ needDecision: 'declared', pledgedCofinancing: 2_400_000 }),
    });
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
});
