import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ROLES } from '@app/auth';
import { aForm, aProcessModel } from '../factories/models.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

const UNKNOWN_ID = '0b6c9a52-35f4-4f0e-9a36-7e0c0a4b1d11';

describe('drafts of the administrators’ editors', () => {
  let api: TestApi;
  let admin: SignedInUser;
  let colleague: SignedInUser;
  const http = () => request(api.app.getHttpServer());

  const draftOf = (name: string, files: Record<string, string>) => ({ name, files: Object.entries(files).map(([fileName, content]) => ({ name: fileName, content })) });
  const create = (body: object, user: SignedInUser = admin) => http().post('/admin/drafts').set(user.auth).send(body);
  /** Everything a refused request could have written: drafts (every column), audit entries, deployed versions. */
  const snapshot = async () =>
    (
      await api.app.get(DataSource).query(`
        SELECT (SELECT md5(coalesce(string_agg(d::text, '|' ORDER BY id), '')) FROM model_draft d) AS drafts,
               (SELECT count(*)::int FROM audit_entry) AS audit,
               (SELECT count(*)::int FROM deployed_resource) AS deployed`)
    )[0];

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.signIn('administrator');
    colleague = await api.signIn('administrator');
  });
  afterAll(() => api?.close());

  it('saves a draft, lists it without contents, reads it with them, replaces it and deletes it', async () => {
    const model = aProcessModel({ processId: 'draft-crud' });
    const created = await create(draftOf('Nová verze podání', { 'podani.bpmn': model, 'admin-sample-form.form': aForm() })).expect(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Nová verze podání',
      version: 1,
      files: [
        { name: 'podani.bpmn', bytes: Buffer.byteLength(model) },
        { name: 'admin-sample-form.form', bytes: Buffer.byteLength(aForm()) },
      ],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const { id } = created.body;

    const list = await http().get('/admin/drafts').set(admin.auth).expect(200);
    expect(list.body).toEqual([created.body]);
    expect(JSON.stringify(list.body)).not.toContain('bpmn:definitions');

    const read = await http().get(`/admin/drafts/${id}`).set(admin.auth).expect(200);
    expect(read.body).toEqual({ ...created.body, files: [{ name: 'podani.bpmn', content: model }, { name: 'admin-sample-form.form', content: aForm() }] });

    const renamed = aProcessModel({ processId: 'draft-crud', taskName: 'Potvrdit změnu' });
    const replaced = await http().put(`/admin/drafts/${id}`).set(admin.auth).send({ ...draftOf('Podání 2026', { 'podani.bpmn': renamed }), version: 1 }).expect(200);
    expect(replaced.body).toMatchObject({ id, name: 'Podání 2026', version: 2, files: [{ name: 'podani.bpmn', bytes: Buffer.byteLength(renamed) }] });
    expect(new Date(replaced.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.body.updatedAt).getTime());
    expect((await http().get(`/admin/drafts/${id}`).set(admin.auth).expect(200)).body.files).toEqual([{ name: 'podani.bpmn', content: renamed }]);

    await http().delete(`/admin/drafts/${id}`).set(admin.auth).expect(204);
    await http().get(`/admin/drafts/${id}`).set(admin.auth).expect(404);
    await http().delete(`/admin/drafts/${id}`).set(admin.auth).expect(404);
    expect((await http().get('/admin/drafts').set(admin.auth).expect(200)).body).toEqual([]);
  });

  it('refuses a stale save with 409 and keeps the newer one', async () => {
    const { body: draft } = await create(draftOf('Souběžné úpravy', { 'a.bpmn': '<a/>' })).expect(201);
    // Two tabs read version 1; the first one saves.
    await http().put(`/admin/drafts/${draft.id}`).set(admin.auth).send({ ...draftOf('Souběžné úpravy', { 'a.bpmn': '<first/>' }), version: 1 }).expect(200);
    const before = await snapshot();
    const stale = await http().put(`/admin/drafts/${draft.id}`).set(admin.auth).send({ ...draftOf('Souběžné úpravy', { 'a.bpmn': '<second/>' }), version: 1 }).expect(409);
    expect(stale.body.error).toMatchObject({ code: 'DRAFT_VERSION_STALE', fields: [expect.objectContaining({ field: 'version', code: 'STALE_VERSION' })] });
    expect(stale.body.error.fields[0].message).toContain('version 2');
    expect(await snapshot()).toEqual(before);
    expect((await http().get(`/admin/drafts/${draft.id}`).set(admin.auth).expect(200)).body).toMatchObject({ version: 2, files: [{ name: 'a.bpmn', content: '<first/>' }] });
  });

  it('keeps names unique per owner: 409 for my second draft of a name, none for a colleague’s', async () => {
    await create(draftOf('Rozhodovací tabulka', {})).expect(201);
    const taken = await create(draftOf('Rozhodovací tabulka', { 'x.dmn': '<x/>' })).expect(409);
    expect(taken.body.error).toMatchObject({ code: 'DRAFT_NAME_TAKEN', fields: [expect.objectContaining({ field: 'name', code: 'NAME_TAKEN' })] });
    await create(draftOf('Rozhodovací tabulka', {}), colleague).expect(201);

    const { body: other } = await create(draftOf('Jiný koncept', {})).expect(201);
    const renamed = await http().put(`/admin/drafts/${other.id}`).set(admin.auth).send({ ...draftOf('Rozhodovací tabulka', {}), version: 1 }).expect(409);
    expect(renamed.body.error.code).toBe('DRAFT_NAME_TAKEN');
  });

  it('shows a draft to its owner only: another administrator gets 404 for reading, saving, deleting and deploying it', async () => {
    const { body: mine } = await create(draftOf('Jen můj', { 'mine.bpmn': aProcessModel({ processId: 'only-mine' }) })).expect(201);
    const before = await snapshot();
    expect((await http().get('/admin/drafts').set(colleague.auth).expect(200)).body.map((draft: { id: string }) => draft.id)).not.toContain(mine.id);
    await http().get(`/admin/drafts/${mine.id}`).set(colleague.auth).expect(404);
    await http().put(`/admin/drafts/${mine.id}`).set(colleague.auth).send({ ...draftOf('Převzato', {}), version: 1 }).expect(404);
    await http().delete(`/admin/drafts/${mine.id}`).set(colleague.auth).expect(404);
    await http().post(`/admin/drafts/${mine.id}/deploy`).set(colleague.auth).send({}).expect(404);
    expect(await snapshot()).toEqual(before);
    await http().get(`/admin/drafts/${mine.id}`).set(admin.auth).expect(200);
    await http().get(`/admin/drafts/${UNKNOWN_ID}`).set(admin.auth).expect(404);
  });

  it.each([
    ['an empty name', { name: '', files: [] }, 'name'],
    ['a blank name', { name: '   ', files: [] }, 'name'],
    ['a name over 120 characters', { name: 'x'.repeat(121), files: [] }, 'name'],
    ['a file name with a folder', { name: 'n', files: [{ name: 'forms/x.form', content: '{}' }] }, 'files.0.name'],
    ['a file of another kind', { name: 'n', files: [{ name: 'notes.txt', content: 'x' }] }, 'files.0.name'],
    ['a file without content', { name: 'n', files: [{ name: 'a.bpmn' }] }, 'files.0.content'],
    ['an unknown property of a file', { name: 'n', files: [{ name: 'a.bpmn', content: '<a/>', path: '/etc' }] }, 'files.0.path'],
    ['two files of one name', { name: 'n', files: [{ name: 'a.bpmn', content: '<a/>' }, { name: 'a.bpmn', content: '<b/>' }] }, 'files'],
    ['51 files', { name: 'n', files: Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.form`, content: '{}' })) }, 'files'],
    ['a file over 5 MB', { name: 'n', files: [{ name: 'big.bpmn', content: 'x'.repeat(5 * 1024 * 1024 + 1) }] }, 'files.0.content'],
    ['a file over 5 MB in UTF-8 though under 5 M characters', { name: 'n', files: [{ name: 'big.bpmn', content: 'ž'.repeat(3 * 1024 * 1024) }] }, 'files.0.content'],
  ])('refuses %s with 400 on the field and saves nothing', async (_case, body, field) => {
    const before = await snapshot();
    const response = await create(body).expect(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ field })] });
    expect(await snapshot()).toEqual(before);
  });

  it('takes 5 MB files, beyond the 1 MB of other JSON bodies', async () => {
    const content = `<!--${'x'.repeat(5 * 1024 * 1024 - 7)}-->`;
    const { body } = await create(draftOf('Velký model', { 'big.bpmn': content })).expect(201);
    expect(body.files).toEqual([{ name: 'big.bpmn', bytes: 5 * 1024 * 1024 }]);
    await http().delete(`/admin/drafts/${body.id}`).set(admin.auth).expect(204);
  });

  it('answers 400 MALFORMED_BODY for a body that is not JSON, as every route does', async () => {
    const response = await http().post('/admin/drafts').set(admin.auth).set('content-type', 'application/json').send('{"name": "x", "files": [').expect(400);
    expect(response.body.error.code).toBe('MALFORMED_BODY');
  });

  it('answers 400 for a malformed id and a save without its version', async () => {
    await http().get('/admin/drafts/42').set(admin.auth).expect(400);
    const { body: draft } = await create(draftOf('Bez verze', {})).expect(201);
    const response = await http().put(`/admin/drafts/${draft.id}`).set(admin.auth).send(draftOf('Bez verze', {})).expect(400);
    expect(response.body.error.fields).toEqual([expect.objectContaining({ field: 'version' })]);
  });

  it('deploys a draft like an upload: audited with the draft, the draft deleted, the response of a deployment', async () => {
    const { body: draft } = await create(draftOf('K nasazení', { 'draft-sample.bpmn': aProcessModel({ processId: 'draft-sample' }), 'admin-sample-form.form': aForm() })).expect(201);
    const deployed = await http().post(`/admin/drafts/${draft.id}/deploy`).set(admin.auth).send({ version: 1 }).expect(201);
    expect(deployed.body).toEqual({
      deploymentKey: expect.stringMatching(/^\d+$/),
      resources: expect.arrayContaining([
        { kind: 'process', resourceId: 'draft-sample', version: 1, definitionKey: expect.stringMatching(/^\d+$/), resourceName: 'draft-sample.bpmn' },
        { kind: 'form', resourceId: 'admin-sample-form', version: 1, definitionKey: expect.stringMatching(/^\d+$/), resourceName: 'admin-sample-form.form' },
      ]),
    });
    await http().get(`/admin/drafts/${draft.id}`).set(admin.auth).expect(404);
    const processes = (await http().get('/admin/processes').set(admin.auth).expect(200)).body;
    expect(processes).toContainEqual({ bpmnProcessId: 'draft-sample', versions: [expect.objectContaining({ version: 1, deployedBy: admin.id })] });
    const audit = await http().get('/audit?action=deployment.create').set(admin.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      actorId: admin.id,
      entityType: 'deployment',
      entityId: deployed.body.deploymentKey,
      data: expect.objectContaining({ draft: { id: draft.id, name: 'K nasazení', version: 1 } }),
    });
    const instance = await api.engine.zeebe.createProcessInstance({ bpmnProcessId: 'draft-sample', variables: {} });
    expect(instance.version).toBe(1);
  });

  it('refuses a draft with problems with the 422 of an upload (file and element) and keeps the draft as it was', async () => {
    const { body: draft } = await create(draftOf('S chybami', { 'broken-sample.bpmn': aProcessModel({ processId: 'broken-sample', jobType: 'registry.lookup', formId: 'nowhere' }) })).expect(201);
    const before = await snapshot();
    const refused = await http().post(`/admin/drafts/${draft.id}/deploy`).set(admin.auth).send({}).expect(422);
    expect(refused.body.error.code).toBe('DEPLOYMENT_REJECTED');
    expect(refused.body.error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'broken-sample.bpmn', elementId: 'notify', code: 'JOB_TYPE_WITHOUT_WORKER', severity: 'error' }),
        expect.objectContaining({ field: 'broken-sample.bpmn', elementId: 'confirm', code: 'FORM_NOT_FOUND', severity: 'error' }),
      ]),
    );
    expect(await snapshot()).toEqual(before);
    expect((await http().get(`/admin/drafts/${draft.id}`).set(admin.auth).expect(200)).body).toMatchObject({ version: 1, name: 'S chybami' });
  });

  it('deploys only the version the administrator saw when they name it: 409 otherwise', async () => {
    const { body: draft } = await create(draftOf('Verze při nasazení', { 'stale-sample.bpmn': aProcessModel({ processId: 'stale-sample' }) })).expect(201);
    await http().put(`/admin/drafts/${draft.id}`).set(admin.auth).send({ ...draftOf('Verze při nasazení', { 'stale-sample.bpmn': aProcessModel({ processId: 'stale-sample', taskName: 'Jinak' }) }), version: 1 }).expect(200);
    const before = await snapshot();
    expect((await http().post(`/admin/drafts/${draft.id}/deploy`).set(admin.auth).send({ version: 1 }).expect(409)).body.error.code).toBe('DRAFT_VERSION_STALE');
    expect(await snapshot()).toEqual(before);
  });

  it('answers 400 for a draft without files to deploy', async () => {
    const { body: draft } = await create(draftOf('Prázdný', {})).expect(201);
    expect((await http().post(`/admin/drafts/${draft.id}/deploy`).set(admin.auth).expect(400)).body.error.fields[0]).toMatchObject({ field: 'files', code: 'REQUIRED' });
  });

  it('keeps drafts across a restart of the api', async () => {
    const { body: draft } = await create(draftOf('Přežije restart', { 'restart.bpmn': '<rozpracováno/>' })).expect(201);
    await api.restart();
    const read = await http().get(`/admin/drafts/${draft.id}`).set(admin.auth).expect(200);
    expect(read.body).toEqual({ ...draft, files: [{ name: 'restart.bpmn', content: '<rozpracováno/>' }] });
    await http().put(`/admin/drafts/${draft.id}`).set(admin.auth).send({ ...draftOf('Přežije restart', {}), version: 1 }).expect(200);
  });

  it('answers 404 on every drafts route to every other role, before reading the body', async () => {
    const { body: draft } = await create(draftOf('Pro ostatní neviditelný', {})).expect(201);
    for (const role of ROLES.filter((candidate) => candidate !== 'administrator')) {
      const user = await api.signIn(role);
      await http().get('/admin/drafts').set(user.auth).expect(404);
      await create(draftOf('Cizí', {}), user).expect(404);
      await http().get(`/admin/drafts/${draft.id}`).set(user.auth).expect(404);
      await http().put(`/admin/drafts/${draft.id}`).set(user.auth).send({ ...draftOf('Cizí', {}), version: 1 }).expect(404);
      await http().delete(`/admin/drafts/${draft.id}`).set(user.auth).expect(404);
      await http().post(`/admin/drafts/${draft.id}/deploy`).set(user.auth).send({}).expect(404);
    }
    // A body far over the app's 1 MB is not even read without an administrator's token.
    await http().post('/admin/drafts').send(draftOf('Bez přihlášení', { 'big.bpmn': 'x'.repeat(2 * 1024 * 1024) })).expect(401);
  });
});
