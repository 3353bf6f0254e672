import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { aForm, aProcessModel } from '../factories/models.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

describe('monitoring the embedded engine', () => {
  let api: TestApi;
  let admin: SignedInUser;
  let instanceKey: string;
  const http = () => request(api.app.getHttpServer());

  /** Activates the notification job of this instance, if it is activatable. */
  const notificationJob = async () => {
    const jobs = await api.engine.zeebe.activateJobs({ type: 'notification.send', worker: 'test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 });
    return jobs.find((job) => job.processInstanceKey === instanceKey);
  };

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.signIn('administrator');
    await http().post('/admin/deployments').set(admin.auth).attach('files', Buffer.from(aProcessModel()), 'sample.bpmn').attach('files', Buffer.from(aForm()), 'sample.form').expect(201);
    instanceKey = (await http().post('/admin/processes/admin-sample/versions/1/instances').set(admin.auth).send({ variables: { intentionId: '42' } }).expect(201)).body.processInstanceKey;
    // A worker that fails with no retries left raises an incident.
    const job = await notificationJob();
    await api.engine.zeebe.failJob({ jobKey: job!.key, errorMessage: 'SMTP server unreachable', retries: 0, retryBackOff: 0 });
  });
  afterAll(() => api.close());

  it('lists instances by process, version, state and business key', async () => {
    const byKey = await http().get('/admin/instances?businessKey=42').set(admin.auth).expect(200);
    expect(byKey.body.items).toEqual([expect.objectContaining({ processInstanceKey: instanceKey, bpmnProcessId: 'admin-sample', version: 1, state: 'ACTIVE', businessKey: '42', endedAt: null })]);
    expect((await http().get('/admin/instances?bpmnProcessId=admin-sample&version=1&state=ACTIVE').set(admin.auth).expect(200)).body.items).toHaveLength(1);
    expect((await http().get('/admin/instances?state=COMPLETED').set(admin.auth).expect(200)).body.items).toEqual([]);
    await http().get('/admin/instances?state=SLEEPING&limit=0').set(admin.auth).expect(400);
  });

  it('shows a failed job as an open incident with its message, in the list and in the instance', async () => {
    const incidents = await http().get('/admin/incidents').set(admin.auth).expect(200);
    expect(incidents.body).toEqual([expect.objectContaining({ processInstanceKey: instanceKey, elementId: 'notify', errorType: 'JOB_NO_RETRIES', errorMessage: 'SMTP server unreachable' })]);
    const instance = await http().get(`/admin/instances/${instanceKey}`).set(admin.auth).expect(200);
    expect(instance.body.incidents).toHaveLength(1);
    expect(instance.body.elements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: 'start', elementName: 'Začátek', state: 'COMPLETED', startedAt: expect.any(String), endedAt: expect.any(String) }),
        expect.objectContaining({ elementId: 'notify', elementName: 'Oznámit ORP', state: 'ACTIVE' }),
      ]),
    );
    expect(instance.body.variables).toEqual([expect.objectContaining({ scopeKey: instanceKey, variables: { intentionId: '42' } })]);
    await http().get('/admin/instances/9007199254740993').set(admin.auth).expect(404);
  });

  it('resolves an incident after fixing retries and variables, audited; the instance then runs to its end', async () => {
    const [incident] = (await http().get('/admin/incidents').set(admin.auth).expect(200)).body;
    await http().post(`/admin/incidents/${incident.incidentKey}/resolve`).set(admin.auth).send({ retries: 2 }).expect(400);
    await http().post(`/admin/incidents/${incident.incidentKey}/resolve`).set(admin.auth).send({ retries: 2, variables: { smtpFixed: true }, reason: 'SMTP server opraven' }).expect(204);
    await http().post(`/admin/incidents/${incident.incidentKey}/resolve`).set(admin.auth).send({ reason: 'znovu' }).expect(404);
    expect((await http().get('/admin/incidents').set(admin.auth).expect(200)).body).toEqual([]);
    const audit = await http().get('/audit?action=incident.resolve').set(admin.auth).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ entityId: incident.incidentKey, reason: 'SMTP server opraven', actorId: admin.id })]);

    const job = await notificationJob();
    expect(job).toMatchObject({ retries: 2, variables: expect.objectContaining({ smtpFixed: true }) });
    await api.engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    const [task] = await api.engine.zeebe.activateJobs({ type: 'io.camunda.zeebe:userTask', worker: 'test', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    await api.engine.zeebe.completeJob({ jobKey: task.key, variables: { confirmed: true } });
    const done = await http().get(`/admin/instances/${instanceKey}`).set(admin.auth).expect(200);
    expect(done.body).toMatchObject({ state: 'COMPLETED', endedAt: expect.any(String) });
  });

  it('gives figures per process: counts and median / p95 duration per element', async () => {
    const figures = await http().get('/admin/processes/admin-sample/figures').set(admin.auth).expect(200);
    expect(figures.body).toMatchObject({ bpmnProcessId: 'admin-sample', running: 0, completed: 1, terminated: 0, openIncidents: 0 });
    expect(figures.body.elements.map((element: { elementId: string }) => element.elementId).sort()).toEqual(['confirm', 'end', 'notify', 'start']);
    for (const element of figures.body.elements) {
      expect(element).toMatchObject({ completed: 1, medianMs: expect.any(Number), p95Ms: expect.any(Number) });
      expect(element.p95Ms).toBeGreaterThanOrEqual(element.medianMs);
    }
  });

  it('answers 404 to non-administrators', async () => {
    const officer = await api.signIn('regional_officer');
    await http().get('/admin/instances').set(officer.auth).expect(404);
    await http().get('/admin/incidents').set(officer.auth).expect(404);
    await http().get('/admin/processes/admin-sample/figures').set(officer.auth).expect(404);
  });

  it('says it is not available where the record log is not ours (a real Zeebe), pointing to Operate', async () => {
    const sql = new pg.Client({ connectionString: api.database.url });
    await sql.connect();
    try {
      await sql.query('ALTER SCHEMA engine RENAME TO engine_elsewhere');
      const response = await http().get('/admin/incidents').set(admin.auth).expect(501);
      expect(response.body.error).toMatchObject({ code: 'MONITORING_UNAVAILABLE', message: expect.stringContaining('Camunda Operate') });
    } finally {
      await sql.query('ALTER SCHEMA engine_elsewhere RENAME TO engine');
      await sql.end();
    }
  });
});
