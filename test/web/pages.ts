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

/** Opens the inbox and the newest open task of that name (waiting for it to arrive); returns the task page. */
export async function openTask(page: Page, name: string): Promise<Page> {
  await page.goto('/ukoly');
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
  await fill(form);
  await page.getByRole('button', { name: 'Dokončit' }).click();
  await page.waitForURL((url) => url.pathname === '/ukoly');
}

/** Today in a form-js date field. */
export async function todayInForm(form: Locator, label: string): Promise<void> {
  const field = form.getByLabel(label);
  const now = new Date();
  await field.fill(`${String(now.getMonth() + 1).padStart(2, '0')}/${String(now.getDate()).padStart(2, '0')}/${now.getFullYear()}`);
  await field.press('Enter');
}

let resolutionCounter = 0;

/** A resolution number in the region's format (`123/26/R45` for the Council, `123/26/Z12` for the Assembly). */
export function resolutionNumber(body: 'R' | 'Z'): string {
  resolutionCounter += 1;
  const year = String(new Date().getFullYear()).slice(2);
  return `${1000 + resolutionCounter + Math.floor(Math.random() * 8000)}/${year}/${body}${1 + (resolutionCounter % 40)}`;
}
