import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { anIntentionRequest } from '../factories/intention.js';
import { aForm, aProcessModel } from '../factories/models.js';
import { apiAs, deployAsAdmin, eventually, launchBrowser, newPerson, pageProblems, screenshot, seriousAccessibilityViolations, signIn, startProduct, type RunningProduct } from './support.js';

/**
 * The modeler in the browser, used as an administrator would: a shipped process changed on
 * its diagram with the server's checks shown while it is incomplete, kept as a draft across
 * a reload, deployed as the next version; and a model that needs a worker nobody runs refused.
 */
describe('the modeler', () => {
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function asAdmin(path: string): Promise<Page> {
    const { page } = await newPerson(browser, product);
    await signIn(page, 'admin', path);
    return page;
  }

  /** Clicks a context pad entry of the selected element (append, replace, delete). */
  async function contextPad(editor: Locator, action: string): Promise<void> {
    await editor.locator(`.djs-context-pad .entry[data-action="${action}"]`).click();
  }

  /** Finishes typing a label by clicking an empty part of the canvas. */
  async function clickBlank(editor: Locator): Promise<void> {
    await editor.locator('.bpmn-editor__canvas').click({ position: { x: 420, y: 500 } });
  }

  it('adds a user task to intention-submission, shows the check’s problems while it is incomplete, keeps the draft across a reload, and deploys version 2 with its diff', async () => {
    const admin = await asAdmin('/sprava/modely/intention-submission');
    await admin.getByRole('link', { name: 'Upravit v modeláři' }).click();
    const editor = admin.getByTestId('bpmn-editor');
    await editor.locator('.djs-element[data-element-id="endIncluded"]').click();
    await contextPad(editor, 'delete');
    await editor.locator('.djs-element[data-element-id="setIncluded"]').click();
    await contextPad(editor, 'append.append-task');
    await admin.keyboard.type('Zkontrolovat zařazení');
    await clickBlank(editor);

    // Incomplete: the new task ends the process without an end event; the check says so, on the element.
    const problems = admin.getByTestId('problems');
    await problems.getByText('no-implicit-end', { exact: false }).waitFor();
    const taskId = (await problems.getByRole('button').first().textContent())!;
    await editor.locator(`.djs-element.lint-error[data-element-id="${taskId}"]`).waitFor();
    await screenshot(admin, 'sprava-modelar');

    await problems.getByRole('button', { name: taskId }).first().click();
    await contextPad(editor, 'replace');
    await admin.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    await admin.getByRole('heading', { name: /Kontrola modelu \(chyb: 1,/ }).waitFor();

    // The draft is kept on the server: a reload opens it as it was.
    await admin.getByRole('button', { name: 'Uložit návrh' }).click();
    await admin.getByText('Návrh byl uložen.').waitFor();
    expect(new URL(admin.url()).searchParams.get('navrh')).toBeTruthy();
    await admin.reload();
    await editor.locator(`.djs-element[data-element-id="${taskId}"]`).waitFor();
    await problems.getByText('no-implicit-end', { exact: false }).waitFor();

    // Fixed: an end event after the task, and the task gets its candidate group in the properties panel.
    await problems.getByRole('button', { name: taskId }).first().click();
    await contextPad(editor, 'append.end-event');
    await admin.keyboard.type('Zařazení zkontrolováno');
    await clickBlank(editor);
    await admin.getByRole('heading', { name: /Kontrola modelu \(chyb: 0,/ }).waitFor();
    // What is left is advice (a user task without a form), shown as a warning, which does not block deployment.
    await problems.getByRole('button', { name: taskId }).first().click();
    await admin.locator('.bio-properties-panel-group-header', { hasText: 'Assignment' }).click();
    await admin.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups').fill('region:jmk:social-dept');
    await admin.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups').press('Tab');

    await admin.getByRole('button', { name: 'Nasadit' }).click();
    await admin.getByRole('link', { name: 'intention-submission verze 2' }).click();
    await admin.getByTestId('versions').getByRole('row').nth(2).waitFor();
    await admin.getByTestId('diff-after').locator(`.djs-element.diff-added[data-element-id="${taskId}"]`).waitFor();
    await admin.getByTestId('diff-before').locator('.djs-element.diff-removed[data-element-id="endIncluded"]').waitFor();
    const deployed = await (await apiAs(product, 'admin')).get('/admin/processes');
    const versions = (deployed as unknown as { bpmnProcessId: string; versions: { deployedBy: string }[] }[]).find((process) => process.bpmnProcessId === 'intention-submission')!.versions;
    expect(versions).toHaveLength(2);
    expect(versions[0].deployedBy).toBe('admin');
    // Deployed, the draft is gone.
    expect(await (await apiAs(product, 'admin')).get('/admin/drafts')).toEqual([]);
    expect(pageProblems(admin)).toEqual([]);
    await admin.context().close();
  });

  it('changes a co-financing rate in the decision table: a new intention’s declaration uses it, one already past that step keeps the old', async () => {
    const provider = await apiAs(product, 'poskytovatel');
    const official = await apiAs(product, 'orp.zidlochovice');
    /** Submits a residential service (rule 5 of the table) and reads the rate its ORP declaration was given. */
    const submitAndReadRate = async (planYear: number) => {
      const intention = await provider.post('/intentions', anIntentionRequest({ planYear }));
      await provider.post(`/intentions/${intention.id}/submit`);
      const task = await eventually(async () => (await official.post('/tasks/search', { intentionId: intention.id })).items[0], 'the ORP declaration task');
      return { id: String(task.id), rate: ((await official.get(`/tasks/${task.id}`)).variables as Record<string, unknown>).requiredCofinancingRate };
    };
    const before = await submitAndReadRate(new Date().getFullYear() + 2);
    expect(before.rate).toBe(0.2);

    const admin = await asAdmin('/sprava/modely');
    await admin.getByRole('link', { name: 'Upravit cofinancing-rate-definitions v modeláři' }).click();
    const table = admin.getByTestId('decision-editor');
    const residential = table.locator('td[data-element-id="Rule_5_rate"]');
    expect(await residential.textContent()).toBe('0.20');
    await residential.click();
    await admin.keyboard.press('Control+A');
    await admin.keyboard.type('0.25');
    await table.locator('td[data-element-id="Rule_1_rate"]').click();
    await admin.getByRole('heading', { name: /Kontrola modelu \(chyb: 0,/ }).waitFor();
    await screenshot(admin, 'sprava-rozhodovaci-tabulka');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Nasadit' }).click();
    await admin.getByText('Nasazeno: cofinancing-rate-definitions verze 2').waitFor();

    const after = await submitAndReadRate(new Date().getFullYear() + 3);
    expect(after.rate).toBe(0.25);
    expect(((await official.get(`/tasks/${before.id}`)).variables as Record<string, unknown>).requiredCofinancingRate).toBe(0.2);
    expect(pageProblems(admin)).toEqual([]);
    await admin.context().close();
  });

  it('models a new process from an empty diagram with a start form made in the form editor, deploys both and starts an instance through the form', async () => {
    const admin = await asAdmin('/sprava/modely');
    await admin.getByRole('link', { name: 'Nový diagram' }).click();
    await admin.getByLabel('Název procesu').fill('Připomínkování plánu');
    await admin.getByRole('button', { name: 'Založit diagram' }).click();
    const editor = admin.getByTestId('bpmn-editor');
    const panel = admin.locator('.bpmn-editor__panel');

    // An end event after the start event completes the process; the start event links the start form.
    await editor.locator('.djs-element[data-element-id="start"]').click();
    await contextPad(editor, 'append.end-event');
    await admin.keyboard.type('Připomínkování zahájeno');
    await clickBlank(editor);
    await editor.locator('.djs-element[data-element-id="start"]').click();
    await panel.locator('.bio-properties-panel-group-header', { hasText: 'Form' }).click();
    await panel.getByLabel('Type').selectOption({ label: 'Camunda Form (linked)' });
    await panel.getByLabel('Form ID').fill('pripominky-start');
    await panel.getByLabel('Form ID').press('Tab');
    await admin.getByTestId('problems').getByText("Form 'pripominky-start' is neither in this deployment nor deployed before", { exact: false }).waitFor();

    // The form, made in the form editor: a text field dragged from the palette, labelled and keyed.
    await admin.getByLabel('Identifikátor nového formuláře').fill('pripominky-start');
    await admin.getByRole('button', { name: 'Přidat formulář' }).click();
    const formEditor = admin.getByTestId('form-editor');
    const field = formEditor.locator('.fjs-palette-field[data-field-type="textfield"]');
    const canvas = formEditor.locator('.fjs-drop-container-vertical').first();
    const [from, to] = [(await field.boundingBox())!, (await canvas.boundingBox())!];
    await admin.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await admin.mouse.down();
    await admin.mouse.move(from.x + 20, from.y + 20, { steps: 5 });
    await admin.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 10 });
    await admin.mouse.up();
    await formEditor.locator('.fjs-editor-container .fjs-form-field-textfield').waitFor();
    await formEditor.locator('.bio-properties-panel-group-header', { hasText: 'General' }).click();
    await formEditor.locator('#bio-properties-panel-label').fill('Název plánu');
    await formEditor.locator('#bio-properties-panel-key').fill('planTitle');
    await formEditor.locator('#bio-properties-panel-key').press('Tab');
    await admin.getByRole('heading', { name: /Kontrola modelu \(chyb: 0,/ }).waitFor();
    await screenshot(admin, 'sprava-formular');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    await admin.getByRole('button', { name: 'Nasadit' }).click();
    await admin.getByRole('link', { name: 'pripominkovani-planu verze 1' }).click();
    const start = admin.getByRole('form', { name: 'Spustit instanci' });
    await start.getByLabel('Název plánu').fill('Střednědobý plán 2027–2029');
    await start.getByLabel('Důvod spuštění (zapisuje se do auditu)').fill('zahájení připomínek');
    await start.getByRole('button', { name: 'Spustit instanci' }).click();
    await admin.getByRole('link', { name: /Instance \d+ byla spuštěna/ }).click();
    await admin.getByTestId('instance-state').getByText('dokončena').waitFor();
    await admin.getByText('"Střednědobý plán 2027–2029"').waitFor();
    expect(pageProblems(admin)).toEqual([]);
    await admin.context().close();
  });

  it('refuses to deploy a job type no worker serves, showing the problem on its element, and deploys nothing', async () => {
    await deployAsAdmin(product, { 'jobless.bpmn': aProcessModel({ processId: 'jobless', formId: 'jobless-form' }), 'jobless-form.form': aForm('jobless-form') });

    const admin = await asAdmin('/sprava/modeler?proces=jobless&verze=1');
    const editor = admin.getByTestId('bpmn-editor');
    await editor.locator('.djs-element[data-element-id="notify"]').click();
    await admin.locator('.bio-properties-panel-group-header', { hasText: 'Task definition' }).click();
    await admin.locator('#bio-properties-panel-taskDefinitionType').fill('kontrola.spisu');
    const problems = admin.getByTestId('problems');
    await problems.getByText('úlohu tohoto typu nikdo nevykoná', { exact: false }).waitFor();
    await editor.locator('.djs-element.lint-error[data-element-id="notify"]').waitFor();

    await admin.getByRole('button', { name: 'Nasadit' }).click();
    await admin.getByText('Nasazení bylo odmítnuto; nic nebylo nasazeno.', { exact: false }).waitFor();
    await problems.getByText("No worker of the product serves jobs of type 'kontrola.spisu'").waitFor();
    await editor.locator('.djs-element.lint-error[data-element-id="notify"]').waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    const deployed = (await (await apiAs(product, 'admin')).get('/admin/processes')) as unknown as { bpmnProcessId: string; versions: unknown[] }[];
    expect(deployed.find((process) => process.bpmnProcessId === 'jobless')!.versions).toHaveLength(1);
    expect(pageProblems(admin)).toEqual([]);
    await admin.context().close();
  });
});
