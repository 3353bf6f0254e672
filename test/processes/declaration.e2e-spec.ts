import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SignedInUser } from '../support/api.js';
import { aDeclaration, DAY_MS, startProcesses, type ProcessHarness } from './support.js';

/**
 * The ORP's declaration of need (orp-need-declaration) inside the intention's process: a
 * refusal, a pledge below the decision table's share, and the deadline's reminder and
 * escalation with the engine's clock moved forward. The clock test comes last: moving time
 * would fire the deadlines of the other tests' declarations too.
 */
describe('the ORP declaration of need', () => {
  let harness: ProcessHarness;

  async function notificationsOf(user: SignedInUser, kind: string): Promise<{ kind: string; title: string; intentionId: string | null }[]> {
    const response = await harness.http(user).get('/me/notifications').query({ limit: 100 }).expect(200);
    return (response.body.items as { kind: string; title: string; intentionId: string | null }[]).filter((item) => item.kind === kind);
  }

  beforeAll(async () => {
    harness = await startProcesses();
  });
  afterAll(() => harness?.close());

  it('a refusal by the ORP ends the intention as "potřebnost nedeklarována" with the reason', async () => {
    const { provider, orpOfficial } = harness.cast;
    const { id, processInstanceKey } = await harness.submitIntention({ planYear: 2028 });
    await harness.completeTask(orpOfficial, { taskDefinitionId: 'declare', intentionId: id }, {
      needDecision: 'refused',
      refusalReason: 'Záměr není v souladu s komunitním plánem ORP Židlochovice.',
    });
    const refused = await harness.waitForStatus(provider, id, 'need_refused');
    expect(refused.statusReason).toBe('Záměr není v souladu s komunitním plánem ORP Židlochovice.');
    expect(refused.needDeclarations).toEqual([expect.objectContaining({ decision: 'refused' })]);
    expect(await harness.waitForEnd(processInstanceKey)).toEqual({ state: 'completed', endEvent: 'endNeedRefused' });
    // The provider is told of the decision.
    await harness.eventually(async () => (await notificationsOf(provider, 'intention-status-changed')).find((item) => item.intentionId === id), 'the provider’s notification');
  });

  it('a pledge below the required share sends the officials back to the declaration with the required amount', async () => {
    const { provider, orpOfficial } = harness.cast;
    const { id } = await harness.submitIntention({ planYear: 2029 });
    const first = await harness.waitForTask(orpOfficial, { taskDefinitionId: 'declare', intentionId: id });
    // § 49 residential needs 20 % of 12 000 000 CZK = 2 400 000 CZK; the ORP pledges half.
    await harness.complete(orpOfficial, first, aDeclaration(1_200_000));
    const again = await harness.eventually(
      async () => (await harness.openTasks(orpOfficial, { taskDefinitionId: 'declare', intentionId: id })).find((task) => task.id !== first.id),
      'the declaration task again',
    );
    const detail = (await harness.http(orpOfficial).get(`/tasks/${again.id}`).expect(200)).body;
    expect(detail.variables).toMatchObject({ requiredCofinancingAmount: 2_400_000, pledgeRejection: expect.stringMatching(/^Závazek spolufinancování 1\s200\s000 Kč je nižší než požadovaný podíl 20 % ročních nákladů, tj\. 2\s400\s000 Kč\.$/) });
    expect((await harness.http(provider).get(`/intentions/${id}`).expect(200)).body.status).toBe('submitted');
    // The deadline starts again: 30 days from the second task's creation.
    expect(Math.round((new Date(again.dueDate!).getTime() - Date.now()) / DAY_MS)).toBe(30);

    await harness.complete(orpOfficial, again, aDeclaration(2_400_000));
    const declared = await harness.waitForStatus(provider, id, 'in_district_review');
    expect(declared.needDeclarations).toEqual([expect.objectContaining({ decision: 'declared', requiredCofinancing: 2_400_000, pledgedCofinancing: 2_400_000 })]);
  });

  it('reminds the officials 7 days before the deadline and escalates to the ORP head when it passes', async () => {
    const { provider, orpOfficial, orpHead } = harness.cast;
    const { id } = await harness.submitIntention({ planYear: 2030 });
    const declaration = await harness.waitForTask(orpOfficial, { taskDefinitionId: 'declare', intentionId: id });
    expect(await notificationsOf(orpOfficial, 'declaration-reminder')).toEqual([]);

    harness.passTime(23 * DAY_MS + 60_000);
    // The reminder goes to the ORP's group: the officials and the head (who oversees them) are told.
    for (const user of [orpOfficial, orpHead]) {
      const [reminder] = await harness.eventually(async () => {
        const found = (await notificationsOf(user, 'declaration-reminder')).filter((item) => item.intentionId === id);
        return found.length > 0 && found;
      }, `the reminder for ${user.id}`);
      expect(reminder.title).toBe('Připomínka: za 7 dní končí lhůta pro deklaraci potřebnosti');
    }
    // The reminder does not interrupt: the officials still have the task.
    expect((await harness.openTasks(orpOfficial, { taskDefinitionId: 'declare', intentionId: id })).map((task) => task.id)).toEqual([declaration.id]);

    harness.passTime(7 * DAY_MS);
    for (const user of [orpOfficial, orpHead]) {
      await harness.eventually(async () => (await notificationsOf(user, 'declaration-escalated')).find((item) => item.intentionId === id), `the escalation notice for ${user.id}`);
    }
    // The officials' task is gone; the head has the escalated one, which the officials do not see.
    const escalated = await harness.waitForTask(orpHead, { taskDefinitionId: 'declareByHead', intentionId: id });
    expect(escalated.candidateGroups).toEqual(['orp-head:zidlochovice']);
    await harness.eventually(async () => (await harness.openTasks(orpOfficial, { intentionId: id })).length === 0, 'the officials’ task to be cancelled');
    const old = (await harness.http(orpHead).get(`/tasks/${declaration.id}`).expect(200)).body;
    expect(old.taskState).toBe('CANCELED');
    expect(Math.round((new Date(escalated.dueDate!).getTime() - harness.api.engine.engine.clock.now()) / DAY_MS)).toBe(7);

    // What the process asked for: the reminder to the officials' group, the escalation to the head's group and the officials'.
    const { rows } = await harness.sql.query(
      `SELECT template, array_agg(recipient_group ORDER BY recipient_group) AS groups FROM notification
       WHERE intention_id = $1 AND template LIKE 'declaration-%' GROUP BY template ORDER BY template`,
      [id],
    );
    expect(rows).toEqual([
      { template: 'declaration-escalated', groups: ['orp-head:zidlochovice', 'orp:zidlochovice'] },
      { template: 'declaration-reminder', groups: ['orp:zidlochovice'] },
    ]);

    await harness.complete(orpHead, escalated, aDeclaration(2_400_000));
    await harness.waitForStatus(provider, id, 'in_district_review');
  });
});
