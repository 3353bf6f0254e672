import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { anIntentionRequest } from '../factories/intention.js';
import type { SignedInUser } from '../support/api.js';
import { DAY_MS, startProcesses, type ProcessHarness } from './support.js';

/**
 * Return for completion (Vrátit k doplnění) and resubmission. The API refuses to submit an
 * incomplete draft or a duplicate, so the process's own check can only find what changed
 * between submission and check: here, two colleagues of one provider submit the same
 * intention at the same moment. Each submission passes the API's check (the other is still a
 * draft), and the process's check, which reads the committed state, finds the duplicate.
 */
describe('return for completion and resubmission', () => {
  let harness: ProcessHarness;

  beforeAll(async () => {
    harness = await startProcesses();
  });
  afterAll(() => harness?.close());

  /** Submits both drafts so that each submission has checked before either commits. */
  async function submitConcurrently(user: SignedInUser, ids: string[]): Promise<void> {
    // Holding the intention_event table lets each submission read the other as a draft, then waits for both before they commit.
    const blocker = new pg.Client({ connectionString: harness.api.database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE intention_event IN SHARE MODE');
      const responses = Promise.all(ids.map((id) => harness.http(user).post(`/intentions/${id}/submit`).then((response) => response)));
      await harness.eventually(async () => {
        // Asked on another connection: within the blocker's transaction pg_stat_activity would stay one snapshot.
        const { rows } = await harness.sql.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO "intention_event"%'`,
        );
        return rows[0].n === ids.length;
      }, 'both submissions to wait before committing');
      await blocker.query('COMMIT');
      for (const response of await responses) expect(response.status).toBe(200);
    } finally {
      await blocker.end();
    }
  }

  /** Whichever check runs second sees the other submitted: at least one of the pair is returned. */
  function returnedOf(user: SignedInUser, ids: string[]): Promise<string> {
    return harness.eventually(async () => {
      for (const id of ids) {
        if ((await harness.http(user).get(`/intentions/${id}`).expect(200)).body.status === 'returned_for_completion') return id;
      }
      return undefined;
    }, 'an intention returned for completion');
  }

  it('a duplicate found by the check goes back to the provider, who completes it and resubmits', async () => {
    const { provider, orpOfficial } = harness.cast;
    const colleague = await harness.signIn('provider');
    const draft = async () => (await harness.http(provider).post('/intentions').send(anIntentionRequest({ planYear: 2028 })).expect(201)).body.id as string;
    const ids = [await draft(), await draft()];
    await submitConcurrently(provider, ids);

    const returnedId = await returnedOf(provider, ids);
    const otherId = ids.find((id) => id !== returnedId)!;
    const returned = (await harness.http(provider).get(`/intentions/${returnedId}`).expect(200)).body;
    expect(returned.statusReason).toContain(`Intention ${otherId} of the same provider, service type, ORP and plan year is still open`);

    // The task is the submitting user's, with the reasons and a 14-day deadline; the provider's colleagues see it too.
    const task = await harness.waitForTask(provider, { taskDefinitionId: 'resubmit', intentionId: returnedId });
    expect(task).toMatchObject({ name: 'Vrátit k doplnění', assignee: provider.id, candidateGroups: ['provider:70888337'] });
    expect(Math.round((new Date(task.dueDate!).getTime() - Date.now()) / DAY_MS)).toBe(14);
    const detail = (await harness.http(colleague).get(`/tasks/${task.id}`).expect(200)).body;
    expect(detail.variables.incompletenessReasons).toEqual([expect.objectContaining({ field: 'intention', code: 'DUPLICATE' })]);

    // The provider withdraws the other copy and completes the returned one (editable while returned), then resubmits.
    await harness.http(provider).post(`/intentions/${otherId}/withdraw`).send({ reason: 'Podáno omylem dvakrát.' }).expect(202);
    await harness.waitForStatus(provider, otherId, 'withdrawn');
    await harness
      .http(provider)
      .patch(`/intentions/${returnedId}`)
      .send({ justification: 'Komunitní plán ORP Židlochovice uvádí nedostatek pobytových služeb pro seniory; druhé podání bylo vzato zpět.' })
      .expect(200);
    await harness.complete(provider, task, { resubmissionConfirmed: true, resubmissionComment: 'Duplicitní podání bylo vzato zpět.' });

    // Checked again as the provider left it: complete now, so the ORP is asked.
    await harness.waitForTask(orpOfficial, { taskDefinitionId: 'declare', intentionId: returnedId });
    const resubmitted = (await harness.http(provider).get(`/intentions/${returnedId}`).expect(200)).body;
    expect(resubmitted.status).toBe('submitted');
    expect(resubmitted.history.filter((event: { action: string }) => event.action === 'status-changed').map((event: { toStatus: string }) => event.toStatus)).toEqual([
      'returned_for_completion',
      'submitted',
    ]);
    expect(resubmitted.history.map((event: { action: string }) => event.action)).toContain('updated');
  });

  it('a return not completed within 14 days withdraws the intention', async () => {
    const { provider } = harness.cast;
    const draft = async () => (await harness.http(provider).post('/intentions').send(anIntentionRequest({ planYear: 2029 })).expect(201)).body.id as string;
    const ids = [await draft(), await draft()];
    await submitConcurrently(provider, ids);
    const returnedId = await returnedOf(provider, ids);
    const task = await harness.waitForTask(provider, { taskDefinitionId: 'resubmit', intentionId: returnedId });
    const processInstanceKey = task.processInstanceKey;

    // Nothing happens for 14 days: the interrupting timer withdraws it and ends the instance.
    harness.passTime(14 * DAY_MS + 60_000);
    const withdrawn = await harness.waitForStatus(provider, returnedId, 'withdrawn');
    expect(withdrawn.statusReason).toBe('Lhůta pro doplnění marně uplynula');
    expect(await harness.waitForEnd(processInstanceKey)).toEqual({ state: 'completed', endEvent: 'endExpired' });
    await harness.eventually(async () => (await harness.http(provider).get(`/tasks/${task.id}`).expect(200)).body.taskState === 'CANCELED', 'the resubmission task to be cancelled');
  });
});
