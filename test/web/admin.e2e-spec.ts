import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { aForm, aProcessModel } from '../factories/models.js';
import { anIntentionRequest } from '../factories/intention.js';
import { apiAs, deployAsAdmin, eventually, launchBrowser, newPerson, pageProblems, screenshot, seriousAccessibilityViolations, signIn, startProduct, type RunningProduct } from './support.js';

/**
 * The administrators' pages, each used as an administrator would: who may open them, the
 * audit log and its chain, accounts, an incident fixed on its instance's diagram, and the
 * versions of a process with their diff and heat map.
 */
describe('the administration pages', () => {
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function as(login: string, path = '/'): Promise<Page> {
    const { page } = await newPerson(browser, product);
    await signIn(page, login, path);
    return page;
  }

  const deploy = (files: Record<string, string>) => deployAsAdmin(product, files);

  it('shows the administration to administrators only, and the audit log to auditors too', async () => {
    const official = await as('orp.kurim', '/sprava/modely');
    await official.getByRole('heading', { name: 'Stránka nenalezena' }).waitFor();
    expect(await official.getByRole('link', { name: 'Správa' }).count()).toBe(0);
    await official.goto('/sprava/audit');
    await official.getByRole('heading', { name: 'Stránka nenalezena' }).waitFor();
    await official.context().close();

    const auditor = await as('kontrolor', '/sprava/audit');
    await auditor.getByRole('heading', { name: 'Auditní záznam' }).waitFor();
    await auditor.goto('/sprava/uzivatele');
    await auditor.getByRole('heading', { name: 'Stránka nenalezena' }).waitFor();
    expect(pageProblems(auditor)).toEqual([]);
    await auditor.context().close();
  });

  it('verifies the audit chain, and names the first broken entry after a row is altered in SQL', async () => {
    const admin = await as('admin', '/sprava/audit');
    await admin.getByRole('button', { name: 'Ověřit řetězec' }).click();
    await admin.getByText(/Řetězec záznamů je neporušený \(ověřeno záznamů: \d+\)/).waitFor();

    // Someone with the database's owner rights goes around the append-only trigger.
    const client = new pg.Client({ connectionString: product.database.url });
    await client.connect();
    let rows: { id: string }[];
    try {
      ({ rows } = await client.query<{ id: string }>(`SELECT id::text FROM audit_entry ORDER BY id LIMIT 1`));
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(`UPDATE audit_entry SET reason = 'přepsáno mimo aplikaci' WHERE id = $1`, [rows[0].id]);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }

    await admin.getByRole('button', { name: 'Ověřit řetězec' }).click();
    const verdict = admin.getByTestId('chain-broken');
    await verdict.getByText(`Řetězec je porušen u záznamu č. ${rows[0].id}`, { exact: false }).waitFor();
    await verdict.getByText('Obsah záznamu byl změněn.').waitFor();
    await verdict.getByTestId(`audit-entry-${rows[0].id}`).getByText('přepsáno mimo aplikaci').waitFor();
    await screenshot(admin, 'sprava-audit');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await admin.context().close();
  });

  it('creates an account after a refusal shown on its field, changes its role and disables it', async () => {
    const admin = await as('admin', '/sprava/uzivatele');
    const form = admin.getByRole('form', { name: 'Nový účet' });
    await form.getByLabel('Přihlašovací jméno').fill('orp.blansko');
    await form.getByLabel('Jméno', { exact: true }).fill('Olga Malá (ORP Blansko)');
    await form.getByLabel('Role').selectOption('orp_official');
    await form.getByLabel('Území').fill('district:blansko');
    await form.getByLabel('Počáteční heslo').fill('blansko-heslo-1');
    await form.getByRole('button', { name: 'Založit účet' }).click();
    await form.getByText('Toto území k roli nepatří', { exact: false }).waitFor();
    expect(await form.getByLabel('Území').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Území').fill('orp:blansko');
    await form.getByRole('button', { name: 'Založit účet' }).click();
    await admin.getByText('Účet orp.blansko byl založen.').waitFor();
    await admin.getByRole('link', { name: 'Olga Malá (ORP Blansko)' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Olga Malá (ORP Blansko)' }).waitFor();

    const change = admin.getByRole('form', { name: 'Změnit údaje' });
    await change.getByLabel('Role').selectOption('orp_head');
    await change.getByLabel('Důvod (zapisuje se do auditu)').fill('Jmenována vedoucí odboru');
    await admin.getByRole('button', { name: 'Uložit změny' }).click();
    await admin.getByText('Změny byly uloženy.').waitFor();
    await admin.locator('dd', { hasText: 'vedoucí odboru ORP' }).waitFor();

    const access = admin.getByRole('form', { name: 'Zablokovat účet' });
    await access.getByLabel('Důvod (zapisuje se do auditu)').fill('Odchod z úřadu');
    await access.getByRole('button', { name: 'Zablokovat účet' }).click();
    await admin.getByText('Účet byl zablokován.').waitFor();
    expect(await admin.getByTestId('account-state').textContent()).toBe('zablokovaný');
    await expect(apiAs(product, 'orp.blansko', 'blansko-heslo-1')).rejects.toThrow(/401/);
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await admin.context().close();
  });

  it('shows an incident on its instance’s diagram; fixing the variable and resolving lets the instance go on', async () => {
    await deploy({ 'incident-drill.bpmn': aProcessModel({ processId: 'incident-drill', formId: 'incident-drill-form' }), 'incident-drill-form.form': aForm('incident-drill-form') });
    const intention = await (await apiAs(product, 'poskytovatel')).post('/intentions', anIntentionRequest());
    const adminApi = await apiAs(product, 'admin');
    // The notification worker needs the intention the notice is about; without it, it fails until an incident is raised.
    const started = await adminApi.post('/admin/processes/incident-drill/versions/1/instances', {
      variables: { notificationTemplate: 'declaration-reminder', recipientGroups: ['orp:zidlochovice'] },
      reason: 'cvičení incidentu',
    });
    const instanceKey = String(started.processInstanceKey);
    await eventually(async () => ((await adminApi.get(`/admin/instances/${instanceKey}`)).incidents as unknown[]).length > 0, 'the incident');

    const admin = await as('admin', '/sprava/incidenty');
    await admin.getByRole('link', { name: instanceKey }).click();
    const diagram = admin.getByTestId('instance-diagram');
    await diagram.locator('.djs-element.state-incident[data-element-id="notify"]').waitFor();
    await diagram.locator('.djs-element.state-completed[data-element-id="start"]').waitFor();
    await diagram.locator('.djs-connection.state-taken[data-element-id="f1"]').waitFor({ state: 'attached' });
    await admin.getByRole('heading', { name: 'Historie prvku notify' }).waitFor();
    await screenshot(admin, 'sprava-incident');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    const incident = admin.locator('form.incident');
    await incident.getByText(/intentionId/).first().waitFor();
    await incident.getByLabel('Opravené proměnné (JSON)').fill('{"intentionId": [');
    await incident.getByLabel('Co bylo opraveno (zapisuje se do auditu)').fill('doplněn záměr');
    await incident.getByRole('button', { name: 'Vyřešit incident' }).click();
    await incident.getByText('Zadejte objekt JSON', { exact: false }).waitFor();
    await incident.getByLabel('Opravené proměnné (JSON)').fill(JSON.stringify({ intentionId: intention.id }));
    await incident.getByRole('button', { name: 'Vyřešit incident' }).click();
    await admin.getByText('Incident v prvku notify byl vyřešen; instance pokračuje.').waitFor();
    // The worker retries and the instance goes on to the confirmation task; the page follows it.
    await admin.getByTestId('instance-diagram').locator('.djs-element.state-active[data-element-id="confirm"]').waitFor({ timeout: 30_000 });
    expect(await admin.getByTestId('instance-diagram').locator('.state-incident').count()).toBe(0);
    // The instance's own entries in the audit log, one click away.
    await admin.getByRole('link', { name: 'Záznamy instance v auditu' }).click();
    await admin.getByRole('heading', { name: 'Auditní záznam' }).waitFor();
    await admin.locator('code', { hasText: 'incident.resolve' }).waitFor();
    await admin.locator('code', { hasText: 'process-instance.start' }).first().waitFor();

    // The process's heat map now has the steps that completed, coloured and with their medians.
    await admin.goto('/sprava/modely/incident-drill');
    await admin.getByTestId('heat-map').locator('.djs-element[class*="heat-"][data-element-id="notify"]').waitFor();
    await admin.getByTestId('heat-map').locator('.diagram-overlay').first().waitFor();

    const audit = await adminApi.get('/audit?action=incident.resolve');
    expect(audit.items[0]).toMatchObject({ actorId: 'admin', reason: 'doplněn záměr', data: { processInstanceKey: instanceKey, elementId: 'notify', variableNames: ['intentionId'] } });
    expect(pageProblems(admin)).toEqual([]);
    await admin.context().close();
  });

  it('migrates a waiting instance to the next version in the browser, refusing a mapping Zeebe would refuse with its reason', async () => {
    await deploy({ 'migratable.bpmn': aProcessModel({ processId: 'migratable', formId: 'migratable-form' }), 'migratable-form.form': aForm('migratable-form') });
    const intention = await (await apiAs(product, 'poskytovatel')).post('/intentions', anIntentionRequest());
    const adminApi = await apiAs(product, 'admin');
    const started = await adminApi.post('/admin/processes/migratable/versions/1/instances', {
      variables: { notificationTemplate: 'declaration-reminder', recipientGroups: ['orp:zidlochovice'], intentionId: intention.id },
      reason: 'migrace',
    });
    const instanceKey = String(started.processInstanceKey);
    const official = await apiAs(product, 'orp.zidlochovice');
    const task = await eventually(async () => (await official.post('/tasks/search', { processInstanceKey: instanceKey })).items[0], 'the confirmation task');
    await deploy({ 'migratable.bpmn': aProcessModel({ processId: 'migratable', formId: 'migratable-form', taskName: 'Potvrdit přijetí (v2)' }) });

    const admin = await as('admin', '/sprava/instance?proces=migratable&verze=1');
    await admin.getByRole('checkbox', { name: `Vybrat instanci ${instanceKey}` }).check();
    await admin.getByRole('button', { name: 'Migrovat vybrané (1)' }).click();
    await admin.getByRole('heading', { name: 'Migrace instancí na jinou verzi' }).waitFor();
    await admin.getByTestId('migration-source').locator('.djs-element.state-active[data-element-id="confirm"]').waitFor();
    await admin.getByTestId('migration-target').locator('.djs-element.state-active[data-element-id="confirm"]').waitFor();
    expect(await admin.getByLabel('Prvek cílové verze pro confirm').inputValue()).toBe('confirm');
    await screenshot(admin, 'sprava-migrace');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    // A user task mapped to a service task: Zeebe refuses a change of element type, and nothing moves.
    await admin.getByLabel('Prvek cílové verze pro confirm').selectOption('notify');
    await admin.getByLabel('Důvod migrace (zapisuje se do auditu)').fill('oprava názvu kroku');
    await admin.getByRole('button', { name: 'Migrovat (instancí: 1)' }).click();
    await admin.getByTestId(`migration-${instanceKey}`).getByText(/Procesní stroj migraci odmítl: .*is mapped to an element with id 'notify' and different type/).waitFor();
    expect((await adminApi.get(`/admin/instances/${instanceKey}`)).version).toBe(1);

    await admin.getByLabel('Prvek cílové verze pro confirm').selectOption('confirm');
    await admin.getByRole('button', { name: 'Migrovat (instancí: 1)' }).click();
    await admin.getByTestId(`migration-${instanceKey}`).getByText('převedena na verzi 2.').waitFor();
    await admin.getByRole('link', { name: instanceKey }).click();
    await admin.getByText('migratable · verze 2', { exact: false }).waitFor();

    // The task is done in the inbox as before, and the instance ends on version 2.
    await official.post(`/tasks/${task.id}/claim`);
    await official.post(`/tasks/${task.id}/complete`, { variables: { confirmed: true } });
    await admin.getByTestId('instance-state').getByText('dokončena').waitFor({ timeout: 30_000 });
    const audit = await adminApi.get('/audit?action=instance.migrate');
    expect(audit.items[0]).toMatchObject({ actorId: 'admin', reason: 'oprava názvu kroku', entityId: instanceKey });
    expect(pageProblems(admin)).toEqual([]);
    await admin.context().close();
  });

  it('lists the versions of a process with who deployed them, draws the diff of two versions and the heat map, and downloads the XML', async () => {
    await deploy({ 'versioned.bpmn': aProcessModel({ processId: 'versioned', formId: 'versioned-form' }), 'versioned-form.form': aForm('versioned-form') });
    await deploy({ 'versioned.bpmn': aProcessModel({ processId: 'versioned', formId: 'versioned-form', taskName: 'Potvrdit přijetí oznámení' }) });

    const admin = await as('admin', '/sprava/modely');
    await admin.getByRole('link', { name: 'versioned', exact: true }).click();
    const versions = admin.getByTestId('versions');
    await versions.getByRole('row').nth(2).waitFor();
    expect(await versions.getByRole('row').count()).toBe(3);
    await versions.getByRole('cell', { name: 'admin' }).first().waitFor();

    await admin.getByTestId('diff-after').locator('.djs-element.diff-changed[data-element-id="confirm"]').waitFor();
    await admin.getByTestId('diff-before').locator('.djs-element.diff-changed[data-element-id="confirm"]').waitFor();
    await admin.getByTestId('diff-table').getByText('Potvrdit přijetí oznámení', { exact: false }).first().waitFor();
    await admin.getByTestId('heat-map').locator('.djs-element').first().waitFor();

    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Stáhnout XML verze 2' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('versioned-v2.bpmn');
    await screenshot(admin, 'sprava-verze');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    for (const path of ['/sprava/modely', '/sprava/instance', '/sprava/incidenty', '/sprava/uzivatele']) {
      await admin.goto(path);
      await admin.getByRole('heading', { level: 1 }).waitFor();
      expect({ path, violations: await seriousAccessibilityViolations(admin) }).toEqual({ path, violations: [] });
    }
    expect(pageProblems(admin)).toEqual([]);
    await admin.context().close();
  });
});
