import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TaskLeases } from '@app/inbox';
import type { SignedInUser } from '../support/api.js';
import { aUserTaskProcess, startInbox, type InboxTestContext } from './support.js';

const OPINION = { scoreNeed: 5, scoreAvailability: 4, scoreCost: 3, scoreQuality: 4, scoreInterconnection: 2, opinionComment: 'Služba v území chybí, podporujeme.' };

/**
 * Issue 17, defect 1: the engine had completed the job when the local write failed, and the task
 * stayed "being completed" for good. Now the completion is written before the engine is asked and
 * a failed local part is finished from it.
 */
describe('a task completion whose local part fails after the engine accepted it', () => {
  let inbox: InboxTestContext;
  let member: SignedInUser;

  beforeAll(async () => {
    inbox = await startInbox();
    await inbox.deployShipped();
    await inbox.deployModel(aUserTaskProcess());
    member = await inbox.signIn('district_member');
    // Closing a task fails while the switch table exists: the write after the engine's acceptance fails.
    await inbox.sql.query(`
      CREATE TABLE fail_task_close (on_ boolean);
      CREATE FUNCTION fail_task_close() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.state = 'COMPLETED' AND EXISTS (SELECT 1 FROM fail_task_close) THEN RAISE EXCEPTION 'local write fails'; END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER fail_task_close BEFORE UPDATE OF state ON task FOR EACH ROW EXECUTE FUNCTION fail_task_close();`);
  });
  afterAll(() => inbox?.close());

  const claimedTask = async (intentionId: string) => {
    const finished = inbox.api.engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'inbox-test',
      variables: { groups: ['district:brno-venkov'], intentionId },
      requestTimeout: 30_000,
    });
    const id = await inbox.eventually(async () => (await inbox.sql.query(`SELECT id::text FROM task WHERE intention_id = $1`, [intentionId])).rows[0]?.id as string, 'the task');
    await inbox.http().post(`/tasks/${id}/claim`).set(member.auth).expect(200);
    return { id, finished };
  };

  it('answers the completion, and the worker finishes the task from its pending completion', async () => {
    const { id, finished } = await claimedTask('1701');
    await inbox.sql.query(`INSERT INTO fail_task_close VALUES (true)`);
    const response = await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).send({ variables: OPINION }).expect(200);
    expect(response.body).toMatchObject({ taskState: 'COMPLETED', completedBy: member.id });
    // The engine has it: the instance ended with the form's data.
    expect((await finished).variables).toMatchObject(OPINION);
    const { rows: pending } = await inbox.sql.query(`SELECT state, pending_completion FROM task WHERE id = $1`, [id]);
    expect(pending).toEqual([{ state: 'CREATED', pending_completion: expect.objectContaining({ values: OPINION, userId: member.id }) }]);
    // Meanwhile nobody completes it a second time.
    expect((await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).send({ variables: OPINION }).expect(409)).body.error.code).toBe('TASK_NOT_ACTIVE');

    const leases = inbox.worker.get(TaskLeases);
    // While the write still fails, the round leaves the completion pending for its next try.
    expect(await leases.finishPending(0)).toBe(0);
    await inbox.sql.query(`DELETE FROM fail_task_close`);
    expect(await leases.finishPending(0)).toBe(1);

    const { rows } = await inbox.sql.query(`SELECT state, completed_by, pending_completion, completing_since, variables FROM task WHERE id = $1`, [id]);
    expect(rows).toEqual([{ state: 'COMPLETED', completed_by: member.id, pending_completion: null, completing_since: null, variables: expect.objectContaining(OPINION) }]);
    const audit = await inbox.sql.query(`SELECT actor_id, data FROM audit_entry WHERE action = 'task.completed' AND entity_id = $1`, [id]);
    expect(audit.rows).toEqual([{ actor_id: member.id, data: expect.objectContaining({ variables: OPINION }) }]);
    const open = await inbox.http().post('/tasks/search').set(member.auth).send({ state: 'CREATED' }).expect(200);
    expect(open.body.items.map((task: { id: string }) => task.id)).not.toContain(id);
  });

  it('finishes a completion whose job is gone when the lease round finds it (the api died after the engine accepted)', async () => {
    const { id, finished } = await claimedTask('1702');
    await inbox.sql.query(`INSERT INTO fail_task_close VALUES (true)`);
    await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).send({ variables: OPINION }).expect(200);
    await finished;
    await inbox.sql.query(`DELETE FROM fail_task_close`);
    await inbox.worker.get(TaskLeases).jobGone(id);
    const { rows } = await inbox.sql.query(`SELECT state, completed_by, pending_completion FROM task WHERE id = $1`, [id]);
    expect(rows).toEqual([{ state: 'COMPLETED', completed_by: member.id, pending_completion: null }]);
  });

  it('refuses data PostgreSQL cannot store before the engine is asked: 400, the task stays open and completable', async () => {
    const { id } = await claimedTask('1703');
    for (const comment of ['Bez\u0000znaku', 'Půlka \ud800 znaku']) {
      const response = await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).set('Content-Type', 'application/json').send(JSON.stringify({ variables: { ...OPINION, opinionComment: comment } })).expect(400);
      expect(response.body.error.fields).toEqual([expect.objectContaining({ field: 'variables.opinionComment', code: 'INVALID_CHARACTER' })]);
    }
    const huge = await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).set('Content-Type', 'application/json').send(`{"variables": {"scoreNeed": 1e308}}`).expect(400);
    expect(huge.body.error.fields).toEqual([expect.objectContaining({ field: 'variables.scoreNeed', code: 'UNSAFE_NUMBER' })]);
    const { rows } = await inbox.sql.query(`SELECT state, completing_since, pending_completion FROM task WHERE id = $1`, [id]);
    expect(rows).toEqual([{ state: 'CREATED', completing_since: null, pending_completion: null }]);
    await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).send({ variables: OPINION }).expect(200);
  });
});
