import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ROLES } from '@app/auth';
import { aForm, aProcessModel } from '../factories/models.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

describe('migrating a process instance (administration API)', () => {
  let api: TestApi;
  let admin: SignedInUser;
  let v2: string;
  const http = () => request(api.app.getHttpServer());
  const deploy = (model: string) => http().post('/admin/deployments').set(admin.auth).attach('files', Buffer.from(model), 'sample.bpmn').attach('files', Buffer.from(aForm()), 'sample.form').expect(201);
  /** An instance of version 1, waiting at its notification task. */
  const startV1 = async () => (await http().post('/admin/processes/admin-sample/versions/1/instances').set(admin.auth).send({ variables: { intentionId: '42' } }).expect(201)).body.processInstanceKey as string;
  const migrate = (key: string, body: object, user: SignedInUser = admin) => http().post(`/admin/instances/${key}/migration`).set(user.auth).send(body);
  const toV2 = (mappingInstructions: object[]) => ({ targetProcessDefinitionKey: v2, mappingInstructions, reason: 'Oprava textu úkolu' });

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.signIn('administrator');
    await deploy(aProcessModel());
    await startV1();
    await deploy(aProcessModel({ taskName: 'Potvrdit přijetí záměru' }));
    const [process] = (await http().get('/admin/processes').set(admin.auth).expect(200)).body;
    v2 = process.versions.find((version: { version: number }) => version.version === 2).processDefinitionKey;
  });
  afterAll(() => api.close());

  it('moves the instance to version 2, answers where it runs now and audits source, target and mapping with the reason', async () => {
    const key = await startV1();
    const response = await migrate(key, toV2([{ sourceElementId: 'notify', targetElementId: 'notify' }])).expect(200);
    expect(response.body).toEqual({ processInstanceKey: key, processDefinitionKey: v2, bpmnProcessId: 'admin-sample', version: 2 });

    expect((await http().get(`/admin/instances/${key}`).set(admin.auth).expect(200)).body).toMatchObject({ version: 2, processDefinitionKey: v2 });
    const onV2 = (await http().get('/admin/instances?bpmnProcessId=admin-sample&version=2').set(admin.auth).expect(200)).body.items;
    expect(onV2.map((item: { processInstanceKey: string }) => item.processInstanceKey)).toEqual([key]);
    // Its job, the same one, belongs to version 2 now.
    const jobs = await api.engine.zeebe.activateJobs({ type: 'notification.send', worker: 'test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1 });
    const job = jobs.find((candidate) => candidate.processInstanceKey === key)!;
    expect(job).toMatchObject({ processDefinitionKey: v2, processDefinitionVersion: 2, elementId: 'notify' });

    const audit = await http().get('/audit?action=instance.migrate').set(admin.auth).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        entityType: 'process-instance',
        entityId: key,
        reason: 'Oprava textu úkolu',
        data: {
          source: { processDefinitionKey: expect.any(String), bpmnProcessId: 'admin-sample', version: 1 },
          target: { processDefinitionKey: v2, bpmnProcessId: 'admin-sample', version: 2 },
          mappingInstructions: [{ sourceElementId: 'notify', targetElementId: 'notify' }],
        },
      }),
    ]);
  });

  it('answers 422 MIGRATION_REJECTED with the engine’s reason, and 404 for an unknown instance or version; nothing is audited', async () => {
    const key = await startV1();
    const refused = await migrate(key, toV2([])).expect(422);
    expect(refused.body.error).toMatchObject({
      code: 'MIGRATION_REJECTED',
      message: `Expected to migrate process instance '${key}' but no mapping instruction defined for active element with id 'notify'. Elements cannot be migrated without a mapping.`,
    });
    const retyped = await migrate(key, toV2([{ sourceElementId: 'notify', targetElementId: 'confirm' }])).expect(422);
    expect(retyped.body.error.message).toContain("but active element with id 'notify' and type 'SERVICE_TASK' is mapped to an element with id 'confirm' and different type 'USER_TASK'");

    const unknown = await migrate('2251799813699999', toV2([])).expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: "Expected to migrate process instance but no process instance found with key '2251799813699999'" });
    await migrate(key, { ...toV2([]), targetProcessDefinitionKey: '2251799813699998' }).expect(404);
    expect((await http().get('/audit?action=instance.migrate').set(admin.auth).expect(200)).body.items.map((entry: { entityId: string }) => entry.entityId)).not.toContain(key);
  });

  it.each([
    ['without a reason', { targetProcessDefinitionKey: '1', mappingInstructions: [] }, 'reason', undefined],
    ['with a key that is not a decimal int64', { targetProcessDefinitionKey: 'v2', mappingInstructions: [], reason: 'x' }, 'targetProcessDefinitionKey', 'MATCHES'],
    ['with an instruction lacking its target', { targetProcessDefinitionKey: '1', mappingInstructions: [{ sourceElementId: 'notify' }], reason: 'x' }, 'mappingInstructions.0.targetElementId', undefined],
    ['with an unknown property', { targetProcessDefinitionKey: '1', mappingInstructions: [], reason: 'x', force: true }, 'force', 'UNKNOWN_PROPERTY'],
  ])('refuses a request %s with 400 naming the field', async (_case, body, field, code) => {
    const response = await migrate('2251799813685251', body).expect(400);
    expect(response.body.error.fields).toEqual([expect.objectContaining(code ? { field, code } : { field })]);
  });

  it('answers 400 for an instance key that is not a key, and 404 to every other role', async () => {
    await migrate('abc', toV2([])).expect(400);
    for (const role of ROLES.filter((candidate) => candidate !== 'administrator')) {
      await migrate('2251799813685251', toV2([]), await api.signIn(role)).expect(404);
    }
  });
});
