import type { Locator, Page } from 'playwright-core';

/**
 * What people do on the pages, in their words: fill the intention form, open a task from the
 * inbox, complete a task's form. Shared by the web tests.
 */

export interface IntentionFormValues {
  planYear: number;
  providerName?: string;
  providerIco?: string;
  yearlyCosts?: string;
  requestedSubsidy?: string;
}

export async function fillIntentionForm(page: Page, values: IntentionFormValues): Promise<void> {
  await page.getByLabel('Název poskytovatele').fill(values.providerName ?? 'Domov Zahrada, z. ú.');
  if (values.providerIco) await page.getByLabel('IČO poskytovatele').fill(values.providerIco);
  await page.getByLabel('Druh sociální služby').selectOption({ value: '49' });
  await page.getByLabel('Forma poskytování').selectOption({ value: 'pobytova' });
  await page.getByLabel('ORP', { exact: true }).selectOption({ value: 'zidlochovice' });
  await page.getByLabel('Senioři').check();
  await page.getByLabel(/^Kapacita/).fill('24');
  await page.getByLabel('Roční náklady (Kč)').fill(values.yearlyCosts ?? '12000000');
  await page.getByLabel('Požadovaná dotace (Kč)').fill(values.requestedSubsidy ?? '4000000');
  await page.getByLabel('Rok akčního plánu').fill(String(values.planYear));
  await page.getByLabel('Zdůvodnění potřebnosti').fill('Komunitní plán ORP Židlochovice uvádí nedostatek pobytových služeb pro seniory.');
}

/**
 * Opens the inbox (or its "Přiřazené mně" view) and the newest open task of that name, waiting
 * for it to arrive; returns the task page.
 */
export async function openTask(page: Page, name: string, view: 'all' | 'mine' = 'all'): Promise<Page> {
  await page.goto(view === 'mine' ? '/ukoly?pohled=mine' : '/ukoly');
  const link = page.getByRole('link', { name, exact: true }).first();
  await link.waitFor({ timeout: 30_000 });
  await link.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return page;
}

/** Fills the task's form (form-js) and completes it with Dokončit; waits until the inbox is back. */
export async function completeTaskForm(page: Page, fill: (form: Locator) => Promise<void>): Promise<void> {
  const form = page.locator('.task-form');
  await form.locator('.fjs-form').waitFor();
  try {
    await fill(form);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nThe form was:\n${await form.innerText().catch(() => '?')}`);
  }
  await page.getByRole('button', { name: 'Dokončit' }).click();
  try {
    await page.waitForURL((url) => url.pathname === '/ukoly');
  } catch (error) {
    const alerts = await page.getByRole('alert').allInnerTexts();
    throw new Error(`the task was not completed; the page says: ${JSON.stringify(alerts)}\n${await form.innerText().catch(() => '?')}`);
  }
}

/** Picks an option of a form-js select (a searchable dropdown, not a native select). */
export async function chooseInFormSelect(form: Locator, label: string, option: string): Promise<void> {
  const field = form.locator('.fjs-form-field-select').filter({ hasText: label });
  await field.locator('.fjs-input-group').click();
  await field.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

/** Today in a form-js date field, typed as the browser's locale writes dates (form-js follows it: `7. 12. 2026` in Czech). */
export async function todayInForm(form: Locator, label: string): Promise<void> {
  const field = form.getByLabel(label);
  await field.fill(await field.evaluate(() => new Date().toLocaleDateString()));
  await field.press('Enter');
}

let resolutionCounter = 0;

/** A resolution number in the region's format (`123/26/R45` for the Council, `123/26/Z12` for the Assembly). */
export function resolutionNumber(body: 'R' | 'Z'): string {
  resolutionCounter += 1;
  const year = String(new Date().getFullYear()).slice(2);
  return `${1000 + resolutionCounter + Math.floor(Math.random() * 8000)}/${year}/${body}${1 + (resolutionCounter % 40)}`;
}
