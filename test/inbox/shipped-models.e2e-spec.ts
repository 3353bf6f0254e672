import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { aStoredIntention } from '../factories/planning.js';
import type { SignedInUser } from '../support/api.js';
import { startInbox, type InboxTestContext } from './support.js';

/**
 * The product's own `orp-need-declaration` model, deployed as the worker deploys it, with all
 * the workers: the ORP's declaration is a task of the officials' inbox, its form is the
 * deployed version's, and what happens around it (a refused pledge, the deadline) shows there.
 */
describe('the ORP declaration of need in the inbox', () => {
  let inbox: InboxTestContext;
  let official: SignedInUser;
  let head: SignedInUser;
  let provider: SignedInUser;

  const declarationOf = (intentionId: string) => ({
    intentionId,
    orpId: 'zidlochovice',
    intentionKind: 'new_service',
    serviceType: '49',
    provisionForm: 'pobytova',
    yearlyCosts: 12_000_000,
    districtQuestion: null,
  });
  const openTask = (user: SignedInUser, intentionId: string) =>
    inbox.eventually(async () => {
      const { body } = await inbox.http().post('/tasks/search').set(user.auth).send({ intentionId, state: 'CREATED' }).expect(200);
      return body.items[0] as { id: string; name: string; taskDefinitionId: string } | undefined;
    }, `an open task of intention ${intentionId}`);
  const complete = (user: SignedInUser, id: string, variables: Record<string, unknown>) => inbox.http().post(`/tasks/${id}/complete`).set(user.auth).send({ variables });

  beforeAll(async () => {
    inbox = await startInbox({ taskJobTimeoutMs: 2_000 });
    await inbox.deployShipped();
    official = await inbox.signIn('orp_official');
    head = await inbox.signIn('orp_head');
    provider = await inbox.signIn('provider');
  });
  afterAll(() => inbox?.close());

  it('is declared through the inbox: a pledge below the share comes back as a new task, a sufficient one declares the need', async () => {
    const intention = await aStoredIntention(inbox.worker.get(DataSource), 'submitted');
    await inbox.start('orp-need-declaration', declarationOf(intention.id));
    const task = await openTask(official, intention.id);
    const detail = (await inbox.http().get(`/tasks/${task.id}`).set(official.auth).expect(200)).body;
    expect(detail).toMatchObject({
      name: 'Deklarace potřebnosti ORP',
      processName: 'Deklarace potřebnosti ORP',
      candidateGroups: ['orp:zidlochovice'],
      orpId: 'zidlochovice',
      districtId: 'brno-venkov',
      formId: 'orp-need-declaration',
      form: { id: 'orp-need-declaration' },
      variables: { requiredCofinancingRate: 0.2, yearlyCosts: 12_000_000, intentionKind: 'new_service', districtQuestion: null },
    });
    const { rows } = await inbox.sql.query(`SELECT form_key FROM task WHERE id = $1`, [task.id]);
    expect(rows[0].form_key).toMatch(/^\d+$/);
    await inbox.http().post(`/tasks/${task.id}/claim`).set(official.auth).expect(200);
    const declared = { needDecision: 'declared', communityPlanTitle: 'Komunitní plán ORP Židlochovice', communityPlanPeriod: '2025–2027', communityPlanMeasure: 'Opatření 2.1' };
    await complete(official, task.id, declared).expect(422);
    await complete(official, task.id, { ...declared, pledgedCofinancing: 1_000_000 }).expect(200);

    // declaration.record refuses the pledge (BPMN error): the model sends the officials back to a new task showing why.
    const again = await inbox.eventually(async () => {
      const next = await openTask(official, intention.id);
      return next.id !== task.id && next;
    }, 'the declaration task again');
    const shown = (await inbox.http().get(`/tasks/${again.id}`).set(official.auth).expect(200)).body.variables;
    expect(shown).toMatchObject({ requiredCofinancingAmount: 2_400_000, pledgeRejection: expect.stringContaining('2') });
    await inbox.http().post(`/tasks/${again.id}/claim`).set(official.auth).expect(200);
    await complete(official, again.id, { ...declared, pledgedCofinancing: 2_400_000 }).expect(200);

    await inbox.eventually(async () => (await inbox.sql.query(`SELECT status FROM intention WHERE id = $1`, [intention.id])).rows[0].status === 'need_declared', 'the need to be declared');
    // The provider is told of the decision on its intention.
    await inbox.eventually(async () => {
      const { body } = await inbox.http().get('/me/notifications').set(provider.auth).expect(200);
      return body.items.some((item: { kind: string; intentionId: string }) => item.kind === 'intention-status-changed' && item.intentionId === intention.id);
    }, 'the provider to be told');
    const audit = await inbox.sql.query(`SELECT actor_id, action, entity_id FROM audit_entry WHERE entity_type = 'task' AND entity_id = ANY($1) ORDER BY id`, [[task.id, again.id]]);
    expect(audit.rows).toEqual([
      { actor_id: official.id, action: 'task.claimed', entity_id: task.id },
      { actor_id: official.id, action: 'task.completed', entity_id: task.id },
      { actor_id: official.id, action: 'task.claimed', entity_id: again.id },
      { actor_id: official.id, action: 'task.completed', entity_id: again.id },
    ]);
  });

  it('escalates to the ORP head when the 30 days pass: the officials’ task disappears, the head gets one, both are told', async () => {
    const intention = await aStoredIntention(inbox.worker.get(DataSource), 'submitted');
    await inbox.start('orp-need-declaration', declarationOf(intention.id));
    const task = await openTask(official, intention.id);
    inbox.api.engine.engine.clock.increaseTime(30 * 86_400_000 + 60_000);

    // The boundary timer terminated the user task: renewing its job finds it gone.
    await inbox.eventually(async () => (await inbox.sql.query(`SELECT state FROM task WHERE id = $1`, [task.id])).rows[0].state === 'CANCELED', 'the task to be cancelled', 15_000);
    const escalated = await openTask(head, intention.id);
    expect(escalated).toMatchObject({ name: 'Deklarace potřebnosti – eskalace vedoucímu ORP', taskDefinitionId: 'declareByHead' });
    const { body } = await inbox.http().post('/tasks/search').set(official.auth).send({ intentionId: intention.id, state: 'CREATED' }).expect(200);
    expect(body.items).toEqual([]);
    for (const user of [head, official]) {
      await inbox.eventually(async () => {
        const notifications = (await inbox.http().get('/me/notifications').set(user.auth).expect(200)).body.items as { kind: string; intentionId: string }[];
        const kinds = notifications.filter((item) => item.intentionId === intention.id).map((item) => item.kind);
        // The reminder fired on the way (day 23) to the officials' group, which the head belongs to as well.
        return kinds.includes('declaration-escalated') && kinds.includes('declaration-reminder');
      }, 'the escalation to be told', 15_000);
    }
  });
});
