import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { ROLES } from '@app/auth';
import { aForm, aProcessModel } from '../factories/models.js';
import { startTestApi, type SignedInUser, type TestApi } from '../support/api.js';

const DMN = readFileSync(new URL('../../bpmn/cofinancing-rate.dmn', import.meta.url), 'utf8');
const INTENTION_SUBMISSION = readFileSync(new URL('../../bpmn/intention-submission.bpmn', import.meta.url), 'utf8');

interface Problem {
  field: string;
  code: string;
  message: string;
  elementId?: string;
  severity: 'error' | 'warn';
}

describe('what the administrators’ editors read and check', () => {
  let api: TestApi;
  let admin: SignedInUser;
  const http = () => request(api.app.getHttpServer());

  const filesOf = (files: Record<string, string>) => Object.entries(files).map(([name, content]) => ({ name, content }));
  const check = (files: Record<string, string>, user: SignedInUser = admin) => http().post('/admin/deployments/check').set(user.auth).send({ files: filesOf(files) });
  const problemsOf = async (files: Record<string, string>): Promise<Problem[]> => (await check(files).expect(200)).body.problems;
  const deploy = (files: Record<string, string>) => {
    let call = http().post('/admin/deployments').set(admin.auth);
    for (const [name, content] of Object.entries(files)) call = call.attach('files', Buffer.from(content), name);
    return call;
  };

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.signIn('administrator');
  });
  afterAll(() => api?.close());

  describe('POST /admin/deployments/check', () => {
    it('finds nothing in a clean model with its form', async () => {
      await expect(problemsOf({ 'sample.bpmn': aProcessModel(), 'admin-sample-form.form': aForm() })).resolves.toEqual([]);
    });

    it('reports an incomplete user task as a lint error on its element', async () => {
      const incomplete = aProcessModel().replace('<zeebe:formDefinition formId="admin-sample-form" />', '<zeebe:formDefinition />');
      const problems = await problemsOf({ 'sample.bpmn': incomplete });
      expect(problems).toContainEqual({ field: 'sample.bpmn', elementId: 'confirm', code: 'LINT_ERROR', message: expect.stringMatching(/^camunda-compat\/user-task-form: /), severity: 'error' });
    });

    it('reports a job type no worker serves and a form found nowhere, on their elements', async () => {
      const problems = await problemsOf({ 'sample.bpmn': aProcessModel({ jobType: 'registry.lookup', formId: 'missing-form', startFormId: 'missing-start-form' }) });
      expect(problems).toEqual(
        expect.arrayContaining([
          { field: 'sample.bpmn', elementId: 'notify', code: 'JOB_TYPE_WITHOUT_WORKER', message: "No worker of the product serves jobs of type 'registry.lookup'", severity: 'error' },
          { field: 'sample.bpmn', elementId: 'confirm', code: 'FORM_NOT_FOUND', message: "Form 'missing-form' is neither in this deployment nor deployed before", severity: 'error' },
          { field: 'sample.bpmn', elementId: 'start', code: 'FORM_NOT_FOUND', message: "Form 'missing-start-form' is neither in this deployment nor deployed before", severity: 'error' },
        ]),
      );
    });

    it('gives warnings too, which the deployment then does not refuse', async () => {
      // The user task's shape lies over the service task's: bpmnlint only advises against it.
      const overlapping = aProcessModel({ processId: 'check-warned' }).replace('<dc:Bounds x="360" y="78"', '<dc:Bounds x="220" y="90"');
      const problems = await problemsOf({ 'warned.bpmn': overlapping, 'admin-sample-form.form': aForm() });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems).toContainEqual(expect.objectContaining({ field: 'warned.bpmn', code: 'LINT_WARNING', severity: 'warn', message: expect.stringMatching(/^no-overlapping-elements: /) }));
      expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      await deploy({ 'warned.bpmn': overlapping, 'admin-sample-form.form': aForm() }).expect(201);
    });

    it('answers with exactly the errors a deployment of the same files is refused with, and writes nothing', async () => {
      const files = { 'sample.bpmn': aProcessModel({ processId: 'check-refused', jobType: 'registry.lookup', taskName: '' }), 'bad.form': '{"components": ' };
      const problems = await problemsOf(files);
      const refused = await deploy(files).expect(422);
      expect(refused.body.error.fields).toEqual(problems.filter((problem) => problem.severity === 'error'));
      expect((await http().get('/admin/processes').set(admin.auth).expect(200)).body.map((process: { bpmnProcessId: string }) => process.bpmnProcessId)).not.toContain('check-refused');
    });

    it('reads unreadable XML as one lint error of the file', async () => {
      await expect(problemsOf({ 'broken.bpmn': '<bpmn:definitions' })).resolves.toEqual([
        { field: 'broken.bpmn', code: 'LINT_ERROR', message: expect.stringMatching(/^xml-import: /), severity: 'error' },
      ]);
    });

    it.each([
      ['no files', { files: [] }, 'files'],
      ['a file of another kind', { files: [{ name: 'notes.txt', content: 'x' }] }, 'files.0.name'],
      ['two files of one name', { files: [{ name: 'a.bpmn', content: '<a/>' }, { name: 'a.bpmn', content: '<a/>' }] }, 'files'],
      ['an unknown property', { files: [{ name: 'a.bpmn', content: '<a/>' }], deploy: true }, 'deploy'],
    ])('answers 400 for %s', async (_case, body, field) => {
      const response = await http().post('/admin/deployments/check').set(admin.auth).send(body).expect(400);
      expect(response.body.error.fields).toEqual([expect.objectContaining({ field })]);
    });

    it('is quick enough to run while a model is edited (intention-submission.bpmn; bench/check/run.mjs measures it)', async () => {
      const times: number[] = [];
      // Each call a new text, as while editing: nothing is remembered from the call before.
      for (let edit = 0; edit < 15; edit += 1) {
        const started = performance.now();
        await check({ 'intention-submission.bpmn': INTENTION_SUBMISSION.replace('</bpmn:definitions>', `<!-- ${edit} --></bpmn:definitions>`) }).expect(200);
        times.push(performance.now() - started);
      }
      // The first calls warm the lint worker and the parsers up; a generous budget for a shared, loaded machine.
      const median = times.slice(5).sort((a, b) => a - b)[5];
      expect(median).toBeLessThan(1000);
    });
  });

  describe('deployed forms, decisions and start forms', () => {
    const startRequest = (label: string) =>
      JSON.stringify({ id: 'start-request', type: 'default', components: [{ type: 'textfield', key: 'intentionId', label, validate: { required: true } }] });

    beforeAll(async () => {
      await deploy({
        'start-sample.bpmn': aProcessModel({ processId: 'start-sample', startFormId: 'start-request' }),
        'plain-sample.bpmn': aProcessModel({ processId: 'plain-sample' }),
        'admin-sample-form.form': aForm(),
        'start-request.form': startRequest('Záměr'),
        'cofinancing-rate.dmn': DMN,
      }).expect(201);
    });

    it('lists every form with its versions, who deployed them and when, and serves each version as deployed', async () => {
      await deploy({ 'start-request.form': startRequest('Číslo záměru') }).expect(201);
      const forms = (await http().get('/admin/forms').set(admin.auth).expect(200)).body;
      expect(forms).toContainEqual({
        formId: 'start-request',
        versions: [
          { version: 2, formKey: expect.stringMatching(/^\d+$/), resourceName: 'start-request.form', deploymentKey: expect.stringMatching(/^\d+$/), deployedBy: admin.id, deployedAt: expect.any(String) },
          expect.objectContaining({ version: 1, resourceName: 'start-request.form' }),
        ],
      });
      const first = await http().get('/admin/forms/start-request/versions/1').set(admin.auth).expect(200);
      expect(first.headers['content-type']).toContain('application/json');
      expect(first.text).toBe(startRequest('Záměr'));
      await http().get('/admin/forms/start-request/versions/3').set(admin.auth).expect(404);
      await http().get('/admin/forms/nowhere/versions/1').set(admin.auth).expect(404);
      await http().get('/admin/forms/start-request/versions/0').set(admin.auth).expect(400);
    });

    it('lists the decision requirements with their decisions and serves the DMN XML of a version', async () => {
      const decisions = (await http().get('/admin/decisions').set(admin.auth).expect(200)).body;
      expect(decisions).toEqual([
        {
          decisionRequirementsId: 'cofinancing-rate-definitions',
          versions: [
            {
              version: 1,
              decisionRequirementsKey: expect.stringMatching(/^\d+$/),
              resourceName: 'cofinancing-rate.dmn',
              deploymentKey: expect.stringMatching(/^\d+$/),
              deployedBy: admin.id,
              deployedAt: expect.any(String),
              decisions: [{ decisionId: 'cofinancing-rate', name: 'Požadovaný podíl spolufinancování obce' }],
            },
          ],
        },
      ]);
      const xml = await http().get('/admin/decisions/cofinancing-rate-definitions/versions/1').set(admin.auth).expect(200);
      expect(xml.headers['content-type']).toContain('application/xml');
      expect(xml.text).toBe(DMN);
      await http().get('/admin/decisions/cofinancing-rate-definitions/versions/2').set(admin.auth).expect(404);
      await http().get('/admin/decisions/cofinancing-rate/versions/1').set(admin.auth).expect(404);
    });

    it('serves the start form of a process version in the form’s latest version; 404 when the start event links none', async () => {
      const form = await http().get('/admin/processes/start-sample/versions/1/start-form').set(admin.auth).expect(200);
      expect(form.headers['content-type']).toContain('application/json');
      expect(JSON.parse(form.text)).toEqual(JSON.parse(startRequest('Číslo záměru')));
      const none = await http().get('/admin/processes/plain-sample/versions/1/start-form').set(admin.auth).expect(404);
      expect(none.body.error.code).toBe('NOT_FOUND');
      await http().get('/admin/processes/start-sample/versions/2/start-form').set(admin.auth).expect(404);
      await http().get('/admin/processes/start-sample/versions/x/start-form').set(admin.auth).expect(400);
    });
  });

  it('answers 404 on every route of the editors to every other role', async () => {
    for (const role of ROLES.filter((candidate) => candidate !== 'administrator')) {
      const user = await api.signIn(role);
      await check({ 'sample.bpmn': aProcessModel() }, user).expect(404);
      await http().get('/admin/forms').set(user.auth).expect(404);
      await http().get('/admin/forms/admin-sample-form/versions/1').set(user.auth).expect(404);
      await http().get('/admin/decisions').set(user.auth).expect(404);
      await http().get('/admin/decisions/cofinancing-rate-definitions/versions/1').set(user.auth).expect(404);
      await http().get('/admin/processes/start-sample/versions/1/start-form').set(user.auth).expect(404);
    }
  });
});
