import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TaskIngestion } from '@app/inbox';
import type { SignedInUser } from '../support/api.js';
import { aUserTaskProcess, startInbox, type InboxTestContext } from './support.js';

const OPINION = { scoreNeed: 5, scoreAvailability: 4, scoreCost: 3, scoreQuality: 4, scoreInterconnection: 2, opinionComment: 'Služba v území chybí, podporujeme.' };

describe('tasks from user-task jobs', () => {
  let inbox: InboxTestContext;
  let member: SignedInUser;
  let otherMember: SignedInUser;
  let outsider: SignedInUser;

  beforeAll(async () => {
    inbox = await startInbox({ taskJobTimeoutMs: 2_000 });
    await inbox.deployShipped();
    await inbox.deployModel(
      aUserTaskProcess({
        dueDate: '=string(now() + duration("P21D"))',
        followUpDate: '=string(now() + duration("P14D"))',
        candidateUsers: '=["observer"]',
        headers: { priority: '70' },
      }),
    );
    member = await inbox.signIn('district_member');
    otherMember = await inbox.signIn('district_member');
    outsider = await inbox.signIn('district_member', { territory: { kind: 'district', id: 'znojmo' } });
  });
  afterAll(() => inbox?.close());

  it('turns a job into a task with its name, process, groups, dates, form and the variables the form reads', async () => {
    const instance = await inbox.start('inbox-test', { groups: ['district:brno-venkov'], intentionId: '42', orpId: 'zidlochovice', scoreNeed: 3, districtTeam: ['a', 'b'] });
    const id = await inbox.taskOf(instance);
    const response = await inbox.http().get(`/tasks/${id}`).set(member.auth).expect(200);
    expect(response.body).toMatchObject({
      id,
      name: 'Posudek člena okresního týmu',
      taskDefinitionId: 'task',
      processName: 'Testovací proces',
      bpmnProcessId: 'inbox-test',
      processInstanceKey: instance,
      intentionId: '42',
      orpId: 'zidlochovice',
      districtId: 'brno-venkov',
      taskState: 'CREATED',
      assignee: null,
      candidateGroups: ['district:brno-venkov'],
      candidateUsers: ['observer'],
      priority: 70,
      formId: 'district-opinion',
      variables: { scoreNeed: 3 },
      form: { id: 'district-opinion' },
    });
    const due = new Date(response.body.dueDate).getTime() - new Date(response.body.creationDate).getTime();
    expect(Math.round(due / 86_400_000)).toBe(21);
    expect(Math.round((new Date(response.body.followUpDate).getTime() - new Date(response.body.creationDate).getTime()) / 86_400_000)).toBe(14);
  });

  it('is claimed, completed by its assignee with the form data, and the job with it', async () => {
    const finished = inbox.api.engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'inbox-test',
      variables: { groups: ['district:brno-venkov'], intentionId: '4301' },
      requestTimeout: 30_000,
    });
    const id = await inbox.eventually(async () => (await inbox.sql.query(`SELECT id::text FROM task WHERE intention_id = 4301`)).rows[0]?.id as string, 'the task');
    await inbox.http().post(`/tasks/${id}/claim`).set(member.auth).expect(200);
    const second = await inbox.http().post(`/tasks/${id}/claim`).set(otherMember.auth).expect(409);
    expect(second.body.error.code).toBe('TASK_ALREADY_ASSIGNED');
    const notMine = await inbox.http().post(`/tasks/${id}/complete`).set(otherMember.auth).send({ variables: OPINION }).expect(409);
    expect(notMine.body.error.code).toBe('TASK_NOT_ASSIGNED_TO_CALLER');
    await inbox.http().get(`/tasks/${id}`).set(outsider.auth).expect(404);
    const completed = await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).send({ variables: OPINION }).expect(200);
    expect(completed.body).toMatchObject({ taskState: 'COMPLETED', completedBy: member.id });
    // The job was completed with the form's data: the instance ends with it.
    expect((await finished).variables).toMatchObject(OPINION);
  });
});

describe('claiming, assigning and completing', () => {
  let inbox: InboxTestContext;
  let chair: SignedInUser;
  let members: SignedInUser[];
  let outsider: SignedInUser;
  let otherChair: SignedInUser;

  /** A new open task for the Brno-venkov district team. */
  async function aTask(variables: Record<string, unknown> = {}): Promise<string> {
    return inbox.taskOf(await inbox.start('inbox-test', { groups: ['district:brno-venkov'], ...variables }));
  }

  beforeAll(async () => {
    inbox = await startInbox({ taskJobTimeoutMs: 2_000 });
    await inbox.deployShipped();
    await inbox.deployModel(aUserTaskProcess());
    chair = await inbox.signIn('district_chair');
    members = await Promise.all(Array.from({ length: 8 }, () => inbox.signIn('district_member')));
    outsider = await inbox.signIn('district_member', { territory: { kind: 'district', id: 'znojmo' } });
    otherChair = await inbox.signIn('district_chair', { territory: { kind: 'district', id: 'znojmo' } });
  });
  afterAll(() => inbox?.close());

  it('lets exactly one of many concurrent claims win', async () => {
    const id = await aTask();
    const responses = await Promise.all(members.map((member) => inbox.http().post(`/tasks/${id}/claim`).set(member.auth)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, ...Array(members.length - 1).fill(409)]);
    const winner = members[responses.findIndex((response) => response.status === 200)];
    const { rows } = await inbox.sql.query(`SELECT assignee FROM task WHERE id = $1`, [id]);
    expect(rows).toEqual([{ assignee: winner.id }]);
    const losers = responses.filter((response) => response.status === 409);
    expect(new Set(losers.map((response) => response.body.error.code))).toEqual(new Set(['TASK_ALREADY_ASSIGNED']));
  });

  it('unclaims: the assignee or the chair, nobody else', async () => {
    const id = await aTask();
    const [assignee, other] = members;
    await inbox.http().post(`/tasks/${id}/claim`).set(assignee.auth).expect(200);
    const refused = await inbox.http().post(`/tasks/${id}/unclaim`).set(other.auth).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const unclaimed = await inbox.http().post(`/tasks/${id}/unclaim`).set(assignee.auth).expect(200);
    expect(unclaimed.body.assignee).toBeNull();
    await inbox.http().post(`/tasks/${id}/claim`).set(other.auth).expect(200);
    await inbox.http().post(`/tasks/${id}/unclaim`).set(chair.auth).expect(200);
  });

  it('lets the chair assign within the team, and notifies the new assignee', async () => {
    const id = await aTask();
    const [member] = members;
    const assigned = await inbox.http().post(`/tasks/${id}/assign`).set(chair.auth).send({ assignee: member.id }).expect(200);
    expect(assigned.body.assignee).toBe(member.id);
    const notifications = await inbox.http().get('/me/notifications').set(member.auth).expect(200);
    expect(notifications.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'task-assigned', taskId: id, title: 'Úkol vám byl přidělen: Posudek člena okresního týmu' })]));
    // Reassigning moves it: the former assignee no longer has it among their own tasks.
    await inbox.http().post(`/tasks/${id}/assign`).set(chair.auth).send({ assignee: members[1].id }).expect(200);
    const mine = await inbox.http().post('/tasks/search').set(member.auth).send({ assignedToMe: true }).expect(200);
    expect(mine.body.items.map((task: { id: string }) => task.id)).not.toContain(id);
  });

  it('refuses to assign for a member, to someone outside the team, and across districts (404)', async () => {
    const id = await aTask();
    const member = await inbox.http().post(`/tasks/${id}/assign`).set(members[0].auth).send({ assignee: members[1].id }).expect(403);
    expect(member.body.error.code).toBe('FORBIDDEN');
    const stranger = await inbox.http().post(`/tasks/${id}/assign`).set(chair.auth).send({ assignee: outsider.id }).expect(422);
    expect(stranger.body.error.fields).toEqual([expect.objectContaining({ field: 'assignee', code: 'NOT_A_CANDIDATE' })]);
    await inbox.http().post(`/tasks/${id}/assign`).set(chair.auth).send({ assignee: 'nobody-at-all' }).expect(422);
    await inbox.http().post(`/tasks/${id}/assign`).set(otherChair.auth).send({ assignee: outsider.id }).expect(404);
    const malformed = await inbox.http().post(`/tasks/${id}/assign`).set(chair.auth).send({ assignee: 7, extra: true }).expect(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    const { rows } = await inbox.sql.query(`SELECT assignee FROM task WHERE id = $1`, [id]);
    expect(rows).toEqual([{ assignee: null }]);
  });

  it('answers 422 with the field errors for data the form refuses, and completes nothing', async () => {
    const id = await aTask();
    const [member] = members;
    await inbox.http().post(`/tasks/${id}/claim`).set(member.auth).expect(200);
    const response = await inbox
      .http()
      .post(`/tasks/${id}/complete`)
      .set(member.auth)
      .send({ variables: { ...OPINION, scoreNeed: 7, scoreCost: 2.5, opinionComment: 'krátce', unknownField: 'x' } })
      .expect(422);
    expect(response.body.error.code).toBe('FORM_INVALID');
    expect(response.body.error.fields.map((field: { field: string; code: string }) => `${field.field}:${field.code}`)).toEqual([
      'variables.unknownField:UNKNOWN_FIELD',
      'variables.scoreNeed:TOO_LARGE',
      'variables.scoreCost:INVALID_TYPE',
      'variables.opinionComment:TOO_SHORT',
    ]);
    const { rows } = await inbox.sql.query(`SELECT state, completing_since FROM task WHERE id = $1`, [id]);
    expect(rows).toEqual([{ state: 'CREATED', completing_since: null }]);
    // The job is still there: the right data completes it.
    await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).send({ variables: OPINION }).expect(200);
    const again = await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).send({ variables: OPINION }).expect(409);
    expect(again.body.error.code).toBe('TASK_NOT_ACTIVE');
  });

  it('cancels a task whose job is gone when it is completed (409), and when its lease is renewed', async () => {
    const [member] = members;
    const first = await inbox.start('inbox-test', { groups: ['district:brno-venkov'] });
    const firstTask = await inbox.taskOf(first);
    await inbox.http().post(`/tasks/${firstTask}/claim`).set(member.auth).expect(200);
    await inbox.api.engine.zeebe.cancelProcessInstance(first);
    const response = await inbox.http().post(`/tasks/${firstTask}/complete`).set(member.auth).send({ variables: OPINION }).expect(409);
    expect(response.body.error.code).toBe('TASK_NOT_ACTIVE');
    expect((await inbox.sql.query(`SELECT state FROM task WHERE id = $1`, [firstTask])).rows).toEqual([{ state: 'CANCELED' }]);

    // Nobody touches the second: the renewal of its job's timeout finds the job gone.
    const second = await inbox.start('inbox-test', { groups: ['district:brno-venkov'] });
    const secondTask = await inbox.taskOf(second);
    await inbox.api.engine.zeebe.cancelProcessInstance(second);
    await inbox.eventually(async () => (await inbox.sql.query(`SELECT 1 FROM task WHERE id = $1 AND state = 'CANCELED'`, [secondTask])).rowCount === 1, 'the task to be cancelled');
    const gone = await inbox.http().post('/tasks/search').set(member.auth).send({ state: 'CREATED' }).expect(200);
    expect(gone.body.items.map((task: { id: string }) => task.id)).not.toContain(secondTask);
  });

  it('keeps comments (Komentář) on a task for those who see it', async () => {
    const id = await aTask();
    const [member] = members;
    const created = await inbox.http().post(`/tasks/${id}/comments`).set(member.auth).send({ body: 'Čekáme na stanovisko obce.' }).expect(201);
    expect(created.body).toMatchObject({ taskId: id, authorId: member.id, body: 'Čekáme na stanovisko obce.' });
    await inbox.http().post(`/tasks/${id}/comments`).set(chair.auth).send({ body: 'Děkuji.' }).expect(201);
    const list = await inbox.http().get(`/tasks/${id}/comments`).set(member.auth).expect(200);
    expect(list.body.map((comment: { authorId: string; body: string }) => [comment.authorId, comment.body])).toEqual([
      [member.id, 'Čekáme na stanovisko obce.'],
      [chair.id, 'Děkuji.'],
    ]);
    await inbox.http().get(`/tasks/${id}/comments`).set(outsider.auth).expect(404);
    await inbox.http().post(`/tasks/${id}/comments`).set(outsider.auth).send({ body: 'Ahoj' }).expect(404);
    const blank = await inbox.http().post(`/tasks/${id}/comments`).set(member.auth).send({ body: '   ' }).expect(400);
    expect(blank.body.error.fields).toEqual([expect.objectContaining({ field: 'body' })]);
    expect((await inbox.sql.query(`SELECT count(*)::int AS n FROM task_comment WHERE task_id = $1`, [id])).rows[0].n).toBe(2);
  });
});

describe('a user-task job handed out again', () => {
  let inbox: InboxTestContext;
  let member: SignedInUser;

  beforeAll(async () => {
    inbox = await startInbox({ taskJobTimeoutMs: 2_000 });
    await inbox.deployShipped();
    await inbox.deployModel(aUserTaskProcess());
    member = await inbox.signIn('district_member');
  });
  afterAll(() => inbox?.close());

  it('stays one task, notified and announced once (idempotent on the job key)', async () => {
    // Counts what the worker is handed, on the real ingestion.
    const ingestion = inbox.worker.get(TaskIngestion);
    const delivered: string[] = [];
    const ingest = ingestion.ingest.bind(ingestion);
    ingestion.ingest = (job) => {
      delivered.push(job.key);
      return ingest(job);
    };
    const instance = await inbox.start('inbox-test', { groups: ['district:brno-venkov'] });
    const id = await inbox.taskOf(instance);
    const [{ jobKey }] = (await inbox.sql.query(`SELECT job_key AS "jobKey" FROM task WHERE id = $1`, [id])).rows;
    // An hour passes for the engine: the job's activation runs out and the worker is handed the same job again.
    inbox.api.engine.engine.clock.increaseTime(3_600_000);
    await inbox.eventually(async () => delivered.filter((key) => key === jobKey).length >= 2, 'the job to be handed out again');
    const counts = (
      await inbox.sql.query(
        `SELECT (SELECT count(*) FROM task WHERE job_key = $1)::int AS tasks,
                (SELECT count(*) FROM user_notification WHERE task_id = $2)::int AS notifications,
                (SELECT count(*) FROM inbox_event WHERE type = 'task.created' AND data ->> 'taskId' = $2::text)::int AS events`,
        [jobKey, id],
      )
    ).rows[0];
    expect(counts).toEqual({ tasks: 1, notifications: 1, events: 1 });
    // And the job, activated again, still completes from the inbox.
    await inbox.http().post(`/tasks/${id}/claim`).set(member.auth).expect(200);
    await inbox.http().post(`/tasks/${id}/complete`).set(member.auth).send({ variables: OPINION }).expect(200);
  });
});
