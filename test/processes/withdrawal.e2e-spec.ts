import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SignedInUser } from '../support/api.js';
import { declareNeed, reviewInDistrict, startProcesses, type InboxTask, type ProcessHarness } from './support.js';

/**
 * Issue 17, defect 3: withdrawing an intention left its open tasks in the officials' inboxes,
 * searches and counts until a lease renewal found their jobs gone. Now the withdrawal ends them
 * in its own transaction: they are gone when the 202 answers. The job leases here are an hour
 * long, so no renewal can be what cancels them.
 */
describe('a withdrawal ends the open tasks of the intention at once', () => {
  let harness: ProcessHarness;

  beforeAll(async () => {
    harness = await startProcesses({ taskJobTimeoutMs: 3_600_000 });
  });
  afterAll(() => harness?.close());

  const counts = async (user: SignedInUser) => (await harness.http(user).get('/tasks/counts').expect(200)).body as { open: number; assignedToMe: number };

  /** How many open tasks of the intention the user's search finds (the colleagues' included). */
  const openOfIntention = (intentionId: string) => async (user: SignedInUser) =>
    ((await harness.http(user).post('/tasks/search').send({ state: 'CREATED', intentionId }).expect(200)).body.items as unknown[]).length;

  async function withdrawWith(open: InboxTask, holders: SignedInUser[], id: string, processInstanceKey: string): Promise<void> {
    const { provider } = harness.cast;
    const assignee = holders[0];
    if (open.assignee === null) await harness.http(assignee).post(`/tasks/${open.id}/claim`).expect(200);
    const before = await Promise.all(holders.map(counts));
    const shown = await Promise.all(holders.map(openOfIntention(id)));
    expect(before[0].assignedToMe).toBe(1);

    await harness.http(provider).post(`/intentions/${id}/withdraw`).send({ reason: 'Poskytovatel záměr odkládá o rok.' }).expect(202);

    // No waiting: the tasks are gone from every inbox, search and count when the withdrawal answers.
    const { rows } = await harness.sql.query(`SELECT count(*)::int AS n FROM task WHERE intention_id = $1 AND state = 'CREATED'`, [id]);
    expect(rows).toEqual([{ n: 0 }]);
    for (const [index, user] of holders.entries()) {
      expect(await harness.openTasks(user, { intentionId: id })).toEqual([]);
      const after = await counts(user);
      expect(shown[index]).toBeGreaterThan(0);
      expect(after.open).toBe(before[index].open - shown[index]);
      expect(await openOfIntention(id)(user)).toBe(0);
      expect(after.assignedToMe).toBe(0);
    }
    expect((await harness.http(assignee).get(`/tasks/${open.id}`).expect(200)).body.taskState).toBe('CANCELED');
    // The assignee is told why.
    const notifications = (await harness.http(assignee).get('/me/notifications').expect(200)).body.items as { kind: string; taskId: string; body: string }[];
    expect(notifications).toContainEqual(expect.objectContaining({ kind: 'task-canceled', taskId: open.id, body: expect.stringContaining('Důvod: Poskytovatel záměr odkládá o rok.') }));

    // The process takes the withdrawal: the intention ends withdrawn, the instance without an incident.
    await harness.waitForStatus(provider, id, 'withdrawn');
    expect((await harness.waitForEnd(processInstanceKey)).state).toBe('completed');
    const incidents = await harness.sql.query(
      `SELECT count(*)::int AS n FROM engine.records WHERE value_type = 'INCIDENT' AND intent = 'CREATED' AND value->>'processInstanceKey' = $1`,
      [processInstanceKey],
    );
    expect(incidents.rows).toEqual([{ n: 0 }]);
  }

  it('during the ORP’s declaration of need', async () => {
    const { orpOfficial, orpHead } = harness.cast;
    const { id, processInstanceKey } = await harness.submitIntention({ planYear: 2030 });
    const open = await harness.waitForTask(orpOfficial, { taskDefinitionId: 'declare', intentionId: id });
    await withdrawWith(open, [orpOfficial, orpHead], id, processInstanceKey);
  });

  it('during the district team’s opinions', async () => {
    const { districtMembers } = harness.cast;
    const { id, processInstanceKey } = await harness.submitIntention({ planYear: 2031 });
    await declareNeed(harness, id);
    const open = await harness.waitForTask(districtMembers[0], { taskDefinitionId: 'giveOpinion', intentionId: id });
    await harness.waitForTask(districtMembers[1], { taskDefinitionId: 'giveOpinion', intentionId: id });
    await withdrawWith(open, districtMembers, id, processInstanceKey);
  });

  it('during the Council’s resolution', async () => {
    const { councilSecretary, districtMembers } = harness.cast;
    const { id, processInstanceKey } = await harness.submitIntention({ planYear: 2032 });
    await declareNeed(harness, id);
    await reviewInDistrict(harness, id, [
      [4, 4, 4, 4, 4],
      [5, 5, 5, 5, 5],
    ]);
    expect(districtMembers).toHaveLength(2);
    const open = await harness.waitForTask(councilSecretary, { taskDefinitionId: 'councilResolution', intentionId: id });
    await withdrawWith(open, [councilSecretary], id, processInstanceKey);
  });
});
