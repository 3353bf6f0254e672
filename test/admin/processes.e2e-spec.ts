import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ROLES } from '@app/auth';
import { aForm, aProcessModel } from '../factories/models.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

describe('process administration API', () => {
  let api: TestApi;
  let admin: SignedInUser;
  const http = () => request(api.app.getHttpServer());

  /** Uploads files as an administrator would from the admin page. */
  const deploy = (files: Record<string, string>, user: SignedInUser = admin) => {
    let call = http().post('/admin/deployments').set(user.auth);
    for (const [name, content] of Object.entries(files)) call = call.attach('files', Buffer.from(content), name);
    return call;
  };
  const versions = async () => (await http().get('/admin/processes').set(admin.auth).expect(200)).body;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.signIn('administrator');
  });
  afterAll(() => api.close());

  it('deploys a model with its form atomically and lists who deployed which version', async () => {
    const response = await deploy({ 'sample.bpmn': aProcessModel(), 'forms/admin-sample-form.form': aForm() }).expect(201);
    expect(response.body.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'process', resourceId: 'admin-sample', version: 1 }),
        expect.objectContaining({ kind: 'form', resourceId: 'admin-sample-form', version: 1 }),
      ]),
    );
    expect(await versions()).toEqual([
      { bpmnProcessId: 'admin-sample', versions: [expect.objectContaining({ version: 1, deployedBy: admin.id, resourceName: 'sample.bpmn', deployedAt: expect.any(String) })] },
    ]);
    const audit = await http().get('/audit?action=deployment.create').set(admin.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({ actorId: admin.id, entityType: 'deployment', entityId: response.body.deploymentKey });
  });

  it.each([
    ['unreadable XML', { 'broken.bpmn': '<bpmn:definitions' }, 'LINT_ERROR', undefined],
    ['a job type no worker serves', { 'sample.bpmn': aProcessModel({ jobType: 'registry.lookup' }) }, 'JOB_TYPE_WITHOUT_WORKER', 'notify'],
    ['a form that resolves nowhere', { 'sample.bpmn': aProcessModel({ formId: 'missing-form' }) }, 'FORM_NOT_FOUND', 'confirm'],
    ['a form that is not form-js JSON', { 'sample.bpmn': aProcessModel(), 'bad.form': '{"components": ' }, 'FORM_INVALID', undefined],
    ['a file of another kind', { 'notes.txt': 'hello' }, 'UNSUPPORTED_FILE', undefined],
  ])('refuses %s with 422, the file, element and reason, and deploys nothing', async (_case, files, code, elementId) => {
    const before = await versions();
    const response = await deploy(files).expect(422);
    expect(response.body.error.code).toBe('DEPLOYMENT_REJECTED');
    expect(response.body.error.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ code, field: expect.any(String), message: expect.any(String), ...(elementId ? { elementId } : {}) })]),
    );
    expect(await versions()).toEqual(before);
    const latest = await api.engine.zeebe.createProcessInstance({ bpmnProcessId: 'admin-sample', variables: {} });
    expect(latest.version).toBe(1);
  });

  it('answers 400 when nothing is uploaded', async () => {
    expect((await http().post('/admin/deployments').set(admin.auth).expect(400)).body.error.fields[0]).toMatchObject({ field: 'files', code: 'REQUIRED' });
  });

  it('leaves running instances on their version, serves each version and compares them', async () => {
    const running = await http().post('/admin/processes/admin-sample/versions/1/instances').set(admin.auth).send({ variables: { intentionId: '7' }, reason: 'ruční spuštění' }).expect(201);
    expect(running.body).toMatchObject({ bpmnProcessId: 'admin-sample', version: 1 });

    await deploy({ 'sample.bpmn': aProcessModel({ taskName: 'Potvrdit přijetí záměru' }) }).expect(201);
    expect((await versions())[0].versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);

    // The instance started on version 1 still runs version 1: its job says so.
    const jobs = await api.engine.zeebe.activateJobs({ type: 'notification.send', worker: 'test', maxJobsToActivate: 50, timeout: 60_000, requestTimeout: 5_000 });
    expect(jobs.find((job) => job.processInstanceKey === running.body.processInstanceKey)).toMatchObject({ processDefinitionVersion: 1 });

    const xml = await http().get('/admin/processes/admin-sample/versions/2').set(admin.auth).expect(200);
    expect(xml.headers['content-type']).toContain('application/xml');
    expect(xml.text).toContain('Potvrdit přijetí záměru');
    const diff = await http().get('/admin/processes/admin-sample/diff?from=1&to=2').set(admin.auth).expect(200);
    expect(diff.body).toMatchObject({ from: 1, to: 2, added: [], removed: [], changed: [{ elementId: 'confirm', changes: [{ property: 'name', before: 'Potvrdit přijetí', after: 'Potvrdit přijetí záměru' }] }] });
    await http().get('/admin/processes/admin-sample/versions/9').set(admin.auth).expect(404);
    await http().get('/admin/processes/admin-sample/diff?from=1').set(admin.auth).expect(400);
  });

  it('cancels an instance with a reason, audited; refuses without one', async () => {
    const started = await http().post('/admin/processes/admin-sample/versions/2/instances').set(admin.auth).send({}).expect(201);
    const key = started.body.processInstanceKey;
    expect((await http().post(`/admin/instances/${key}/cancel`).set(admin.auth).send({}).expect(400)).body.error.fields[0].field).toBe('reason');
    await http().post(`/admin/instances/${key}/cancel`).set(admin.auth).send({ reason: 'Založeno omylem' }).expect(204);
    await http().post(`/admin/instances/${key}/cancel`).set(admin.auth).send({ reason: 'podruhé' }).expect(404);
    const audit = await http().get('/audit?action=process-instance.cancel').set(admin.auth).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ entityId: key, reason: 'Založeno omylem', actorId: admin.id })]);
  });

  it('answers 404 on every admin route to every other role', async () => {
    for (const role of ROLES.filter((candidate) => candidate !== 'administrator')) {
      const user = await api.signIn(role);
      await deploy({ 'sample.bpmn': aProcessModel() }, user).expect(404);
      await http().get('/admin/processes').set(user.auth).expect(404);
      await http().get('/admin/processes/admin-sample/versions/1').set(user.auth).expect(404);
      await http().get('/admin/processes/admin-sample/diff?from=1&to=2').set(user.auth).expect(404);
      await http().post('/admin/processes/admin-sample/versions/1/instances').set(user.auth).send({}).expect(404);
      await http().post('/admin/instances/1/cancel').set(user.auth).send({ reason: 'x' }).expect(404);
    }
  });
});
