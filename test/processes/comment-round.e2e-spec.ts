import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TaskReminders } from '@app/inbox';
import type { SignedInUser } from '../support/api.js';
import { aCommentRoundModel, COMMENT_ROUND_PROCESS_ID, commentRoundForms } from '../factories/comment-round.js';
import { DAY_MS, startProcesses, today, yy, type InboxTask, type ProcessHarness } from './support.js';

interface Entry {
  action: string;
  actorId: string;
  actorRole: string | null;
  entityType: string;
  data: Record<string, any>;
}

/**
 * A process nobody coded for: the comment round of the medium-term plan, deployed by an
 * administrator through the API with its forms and run by the officials in their inboxes —
 * the demo accounts' logins, roles and territories (kraj.referent, the three ORP officials,
 * kraj.tajemnik).
 */
describe('a process modelled by an administrator: the comment round of the medium-term plan', () => {
  let harness: ProcessHarness;
  let admin: SignedInUser;
  let officer: SignedInUser;
  let secretary: SignedInUser;
  let orpOfficials: Record<'zidlochovice' | 'kurim' | 'znojmo', SignedInUser>;
  const search = async (user: SignedInUser, body: Record<string, unknown>) => (await harness.http(user).post('/tasks/search').send({ pageSize: 100, ...body }).expect(200)).body.items as InboxTask[];
  const start = async (variables: Record<string, unknown>) =>
    (await harness.http(admin).post(`/admin/processes/${COMMENT_ROUND_PROCESS_ID}/versions/1/instances`).send({ variables, reason: 'Připomínkové řízení SPRSS' }).expect(201)).body
      .processInstanceKey as string;
  const draft = { draftTitle: 'Střednědobý plán rozvoje sociálních služeb JMK 2026–2028', draftLink: 'https://www.jmk.cz/spr/navrh-2026-2028.pdf', draftDescription: 'Návrh po jednání pracovních skupin.' };

  beforeAll(async () => {
    harness = await startProcesses();
    admin = await harness.signIn('administrator', { login: 'admin' });
    officer = await harness.signIn('regional_officer', { login: 'kraj.referent' });
    secretary = await harness.signIn('council_secretary', { login: 'kraj.tajemnik' });
    orpOfficials = {
      zidlochovice: await harness.signIn('orp_official', { login: 'orp.zidlochovice', territory: { kind: 'orp', id: 'zidlochovice' } }),
      kurim: await harness.signIn('orp_official', { login: 'orp.kurim', territory: { kind: 'orp', id: 'kurim' } }),
      znojmo: await harness.signIn('orp_official', { login: 'orp.znojmo', territory: { kind: 'orp', id: 'znojmo' } }),
    };
    const files = { 'comment-round.bpmn': aCommentRoundModel(), ...commentRoundForms() };
    // Lint-clean with the product's one rule set: not even a warning.
    const check = await harness.http(admin).post('/admin/deployments/check').send({ files: Object.entries(files).map(([name, content]) => ({ name, content })) }).expect(200);
    expect(check.body.problems).toEqual([]);
    let call = harness.http(admin).post('/admin/deployments');
    for (const [name, content] of Object.entries(files)) call = call.attach('files', Buffer.from(content), name);
    const deployed = await call;
    if (deployed.status !== 201) throw new Error(`deployment answered ${deployed.status}: ${deployed.text}`);
  });
  afterAll(() => harness.close());

  it('runs from the draft through the ORPs’ comments to the Council’s resolution, in the inboxes, reminded, audited', async () => {
    const key = await start({ planPeriod: '2026–2028', onlyOrpIds: ['zidlochovice', 'kurim', 'znojmo'] });

    // The regional officer uploads the draft: a task with no intention, its form, diagram and due date.
    const upload = await harness.waitForTask(officer, { taskDefinitionId: 'uploadDraft', bpmnProcessId: COMMENT_ROUND_PROCESS_ID });
    expect(upload).toMatchObject({ intentionId: null, candidateGroups: ['region:jmk:social-dept'], processInstanceKey: key });
    expect(new Date(upload.dueDate!).getTime() - Date.now()).toBeGreaterThan(6 * DAY_MS);
    const detail = await harness.http(officer).get(`/tasks/${upload.id}`).expect(200);
    expect(detail.body).toMatchObject({ name: 'Vložit návrh střednědobého plánu', processName: 'Připomínkové řízení ke střednědobému plánu', formId: 'comment-round-draft', variables: { planPeriod: '2026–2028' } });
    expect(detail.body.form.components.map((component: { key?: string }) => component.key).filter(Boolean)).toEqual(['draftTitle', 'draftLink', 'draftDescription']);
    const diagram = await harness.http(officer).get(`/tasks/${upload.id}/diagram`).expect(200);
    expect(diagram.body).toMatchObject({ elementId: 'uploadDraft', processName: 'Připomínkové řízení ke střednědobému plánu' });
    expect(diagram.body.bpmnXml).toContain('BPMNShape id="uploadDraft_di"');
    // The form is checked on the server as for the shipped processes.
    await harness.http(officer).post(`/tasks/${upload.id}/claim`).expect(200);
    const refused = await harness.http(officer).post(`/tasks/${upload.id}/complete`).send({ variables: { ...draft, draftLink: 'navrh.pdf' } }).expect(422);
    expect(refused.body.error.fields).toEqual([expect.objectContaining({ field: 'variables.draftLink', code: 'PATTERN_MISMATCH' })]);
    await harness.complete(officer, { ...upload, assignee: officer.id }, draft);

    // Every chosen ORP comments in parallel, each in its own inbox and nobody else's.
    const comments: Record<string, InboxTask> = {};
    for (const [orpId, official] of Object.entries(orpOfficials)) {
      comments[orpId] = await harness.waitForTask(official, { taskDefinitionId: 'commentDraft', bpmnProcessId: COMMENT_ROUND_PROCESS_ID });
      expect(comments[orpId]).toMatchObject({ candidateGroups: [`orp:${orpId}`], orpId, intentionId: null, processInstanceKey: key });
      expect(new Date(comments[orpId].dueDate!).getTime() - Date.now()).toBeGreaterThan(13 * DAY_MS);
      expect((await search(official, { state: 'CREATED', bpmnProcessId: COMMENT_ROUND_PROCESS_ID })).map((task) => task.id)).toEqual([comments[orpId].id]);
    }
    expect(comments.kurim).toMatchObject({ districtId: 'brno-venkov' });
    await harness.http(orpOfficials.kurim).get(`/tasks/${comments.znojmo.id}`).expect(404);
    await harness.http(orpOfficials.kurim).post(`/tasks/${comments.znojmo.id}/claim`).expect(404);
    const orpDetail = await harness.http(orpOfficials.znojmo).get(`/tasks/${comments.znojmo.id}`).expect(200);
    expect(orpDetail.body.variables).toMatchObject({ draftTitle: draft.draftTitle, draftLink: draft.draftLink });
    await harness.http(orpOfficials.znojmo).get(`/tasks/${comments.znojmo.id}/diagram`).expect(200);

    // The deadline is 14 days away: 13 days on, the inbox reminds each ORP of its open comment task.
    harness.passTime(13 * DAY_MS);
    await harness.worker.get(TaskReminders).sweep(new Date(Date.now() + 13 * DAY_MS));
    for (const [orpId, official] of Object.entries(orpOfficials)) {
      const notifications = (await harness.http(official).get('/me/notifications?state=all').expect(200)).body.items as { kind: string; taskId: string | null; title: string }[];
      expect(notifications.filter((item) => item.taskId === comments[orpId].id).map((item) => item.kind)).toEqual(['task-due-soon', 'task-created']);
    }

    await harness.complete(orpOfficials.zidlochovice, comments.zidlochovice, { commentDecision: 'comments', commentText: 'Doplnit kapacity odlehčovacích služeb v ORP Židlochovice.' });
    await harness.complete(orpOfficials.kurim, comments.kurim, { commentDecision: 'no-comments' });
    await harness.complete(orpOfficials.znojmo, comments.znojmo, { commentDecision: 'comments', commentText: 'Chybí terénní služby pro pohraniční obce.' });

    // The officer settles the comments, which the form shows collected in the order of the ORPs.
    const settle = await harness.waitForTask(officer, { taskDefinitionId: 'settleComments', bpmnProcessId: COMMENT_ROUND_PROCESS_ID });
    const settleDetail = await harness.http(officer).get(`/tasks/${settle.id}`).expect(200);
    expect(settleDetail.body.variables.orpComments).toEqual([
      { orpId: 'kurim', decision: 'no-comments', text: null },
      { orpId: 'zidlochovice', decision: 'comments', text: 'Doplnit kapacity odlehčovacích služeb v ORP Židlochovice.' },
      { orpId: 'znojmo', decision: 'comments', text: 'Chybí terénní služby pro pohraniční obce.' },
    ]);
    await harness.complete(officer, settle, { settlementSummary: 'Připomínky Židlochovic a Znojma zapracovány do opatření 2.1 a 3.4.' });

    // The Council secretary records the resolution; the instance ends approved.
    const resolutionNumber = `321/${yy()}/R45`;
    await harness.completeTask(secretary, { taskDefinitionId: 'recordResolution', bpmnProcessId: COMMENT_ROUND_PROCESS_ID }, { resolutionDecision: 'approved', resolutionNumber, resolutionDate: today() });
    expect(await harness.waitForEnd(key)).toEqual({ state: 'completed', endEvent: 'planApproved' });
    const instance = await harness.http(admin).get(`/admin/instances/${key}`).expect(200);
    expect(instance.body).toMatchObject({ bpmnProcessId: COMMENT_ROUND_PROCESS_ID, state: 'COMPLETED' });

    // History: the done tasks stay in each inbox.
    expect((await search(officer, { state: 'COMPLETED', bpmnProcessId: COMMENT_ROUND_PROCESS_ID })).map((task) => task.taskDefinitionId).sort()).toEqual(['settleComments', 'uploadDraft']);
    expect((await search(orpOfficials.kurim, { state: 'COMPLETED', bpmnProcessId: COMMENT_ROUND_PROCESS_ID })).map((task) => task.id)).toEqual([comments.kurim.id]);

    // The audit log has the instance's start and every decision: who, in which task of which process, what.
    const trail: Entry[] = [...(await harness.http(admin).get('/audit').query({ processInstanceKey: key, limit: 200 }).expect(200)).body.items].reverse();
    expect(trail[0]).toMatchObject({ action: 'process-instance.start', actorId: 'admin', entityType: 'process-instance' });
    const completions = trail.filter((entry) => entry.action === 'task.completed');
    expect(completions.map((entry) => [entry.actorId, entry.actorRole, entry.data.taskDefinitionId, entry.data.orpId])).toEqual([
      ['kraj.referent', 'regional_officer', 'uploadDraft', null],
      ['orp.zidlochovice', 'orp_official', 'commentDraft', 'zidlochovice'],
      ['orp.kurim', 'orp_official', 'commentDraft', 'kurim'],
      ['orp.znojmo', 'orp_official', 'commentDraft', 'znojmo'],
      ['kraj.referent', 'regional_officer', 'settleComments', null],
      ['kraj.tajemnik', 'council_secretary', 'recordResolution', null],
    ]);
    expect(completions[5].data).toMatchObject({
      name: 'Zaznamenat usnesení Rady kraje',
      processName: 'Připomínkové řízení ke střednědobému plánu',
      bpmnProcessId: COMMENT_ROUND_PROCESS_ID,
      processInstanceKey: key,
      intentionId: null,
      formId: 'comment-round-resolution',
      variables: { resolutionDecision: 'approved', resolutionNumber, resolutionDate: today() },
    });
    expect(completions[3].data.variables).toEqual({ commentDecision: 'comments', commentText: 'Chybí terénní služby pro pohraniční obce.' });
  });

  it('sends the draft to every ORP of the region when the start names none', async () => {
    const key = await start({ planPeriod: '2027–2029' });
    await harness.completeTask(officer, { taskDefinitionId: 'uploadDraft', bpmnProcessId: COMMENT_ROUND_PROCESS_ID }, draft);
    const commentTasks = await harness.eventually(async () => {
      const tasks = (await search(admin, { state: 'CREATED', processInstanceKey: key })).filter((task) => task.taskDefinitionId === 'commentDraft');
      return tasks.length === 21 ? tasks : undefined;
    }, '21 comment tasks, one per ORP of the region');
    expect(new Set(commentTasks.map((task) => task.candidateGroups[0])).size).toBe(21);
    await harness.http(admin).post(`/admin/instances/${key}/cancel`).send({ reason: 'Zkouška rozeslání všem ORP' }).expect(204);
  });
});
