import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { apiAs, eventually, launchBrowser, newPerson, pageProblems, screenshot, signIn, startProduct, type RunningProduct } from './support.js';
import { anIntentionRequest } from '../factories/intention.js';

/**
 * The officials' inbox as they live with it: tasks arrive without a reload, two people reach
 * for the same task, another ORP's task stays out of reach, and a task is done by keyboard alone.
 */
describe('the inbox in the browser', () => {
  let product: RunningProduct;
  let browser: Browser;
  let planYear = new Date().getFullYear() + 2;

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
    // A second official of Židlochovice, for the claim race (created by the administrator, as in real life).
    const admin = await apiAs(product, 'admin');
    await admin.post('/admin/users', {
      login: 'orp.zidlochovice.kolega',
      displayName: 'Karel Svoboda (ORP Židlochovice)',
      role: 'orp_official',
      territory: 'orp:zidlochovice',
      password: 'heslo-kolegy-2026',
      reason: 'Druhý pracovník ORP',
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function as(login: string, path = '/ukoly'): Promise<Page> {
    const { page } = await newPerson(browser, product);
    await signIn(page, login, path, login === 'orp.zidlochovice.kolega' ? 'heslo-kolegy-2026' : undefined);
    return page;
  }

  /** The provider submits an intention (through the API: the test is about the officials' side); its ORP task follows. */
  async function submittedIntention(): Promise<string> {
    planYear += 1;
    const provider = await apiAs(product, 'poskytovatel');
    const { id } = await provider.post('/intentions', anIntentionRequest({ planYear }));
    await provider.post(`/intentions/${id}/submit`);
    return id;
  }

  async function declarationTaskOf(intentionId: string): Promise<string> {
    const orp = await apiAs(product, 'orp.zidlochovice');
    return eventually(async () => {
      const page = await orp.post('/tasks/search', { intentionId, state: 'CREATED' });
      return (page.items[0]?.id as string | undefined) ?? undefined;
    }, 'the declaration task');
  }

  it('shows a task the engine creates in an open inbox without a reload, with its badge', async () => {
    const orp = await as('orp.zidlochovice');
    await orp.locator('[data-live-state="open"]').waitFor({ state: 'attached' });
    const before = await orp.getByRole('link', { name: 'Deklarace potřebnosti ORP', exact: true }).count();
    const intentionId = await submittedIntention();
    await orp.getByRole('link', { name: 'Deklarace potřebnosti ORP', exact: true }).nth(before).waitFor({ timeout: 15_000 });
    const taskId = await declarationTaskOf(intentionId);
    expect(await orp.locator(`tr[data-task-id="${taskId}"]`).count()).toBe(1);
    await eventually(async () => (await orp.getByTestId('count-unassigned').innerText()) === String(before + 1), 'the unassigned badge to count the new task', 10_000);
    expect(pageProblems(orp)).toEqual([]);
    await orp.context().close();
  });

  it('lets one of two officials claim a task and tells the other', async () => {
    const taskId = await declarationTaskOf(await submittedIntention());
    const [first, second] = await Promise.all([as('orp.zidlochovice', `/ukoly/${taskId}`), as('orp.zidlochovice.kolega', `/ukoly/${taskId}`)]);
    const claims = [first, second].map((page) => page.getByRole('button', { name: 'Převzít', exact: true }));
    await Promise.all(claims.map((claim) => claim.waitFor()));
    // Both reach for it at once; the live page of whoever is slower may already show it taken before the click lands.
    await Promise.all(claims.map((claim) => claim.click({ timeout: 5_000 }).catch(() => undefined)));

    // Exactly one may complete the task; the other is told that someone else has it.
    const outcome = async (page: Page) => {
      if (await page.getByRole('button', { name: 'Dokončit' }).isVisible()) return 'won';
      const alert = page.getByRole('alert').filter({ hasText: /převzal/ });
      return (await alert.count()) > 0 ? 'told' : undefined;
    };
    const outcomes = await eventually(async () => {
      const both = [await outcome(first), await outcome(second)];
      return both.every((value) => value !== undefined) ? both : undefined;
    }, 'both officials to see the outcome of the race');
    expect([...outcomes].sort()).toEqual(['told', 'won']);
    const loser = outcomes[0] === 'told' ? first : second;
    await screenshot(loser, 'ukol-prevzal-jiny');
    // The one who lost reloads and sees who has it; nothing is offered to complete.
    await loser.getByRole('button', { name: 'Načíst znovu' }).click();
    await expect(loser.getByRole('button', { name: 'Dokončit' }).count()).resolves.toBe(0);
    await Promise.all([first.context().close(), second.context().close()]);
  });

  it('lets the ORP head assign a task to an official, who finds it under Přiřazené mně', async () => {
    const taskId = await declarationTaskOf(await submittedIntention());
    const head = await as('vedouci.zidlochovice', `/ukoly/${taskId}`);
    await head.getByLabel('Řešitel').fill('orp.zidlochovice');
    await head.getByRole('button', { name: 'Přiřadit' }).click();
    await head.getByTestId('task-assignee').filter({ hasText: 'orp.zidlochovice' }).waitFor();
    const official = await as('orp.zidlochovice', '/ukoly?pohled=mine');
    await official.locator(`tr[data-task-id="${taskId}"]`).waitFor();
    await Promise.all([head.context().close(), official.context().close()]);
  });

  it('shows another ORP’s official the not-found page for the task’s address', async () => {
    const taskId = await declarationTaskOf(await submittedIntention());
    const kurim = await as('orp.kurim', `/ukoly/${taskId}`);
    await kurim.getByRole('heading', { level: 1, name: 'Stránka nenalezena' }).waitFor();
    expect(await kurim.getByText('Domov Zahrada').count()).toBe(0);
    await screenshot(kurim, 'nenalezeno');
    await kurim.context().close();
  });

  it('completes a task by keyboard alone', async () => {
    const taskId = await declarationTaskOf(await submittedIntention());
    const orp = await as('orp.zidlochovice');
    await orp.goto('/ukoly');
    await orp.locator(`tr[data-task-id="${taskId}"]`).waitFor();

    // The first stop of the keyboard is the skip link, which leads to the content.
    await orp.keyboard.press('Tab');
    expect(await focused(orp)).toBe('Přeskočit na obsah');
    await orp.keyboard.press('Enter');
    await tabTo(orp, (element) => element.href?.endsWith(`/ukoly/${taskId}`) === true);
    await orp.keyboard.press('Enter');
    await orp.getByRole('heading', { level: 1, name: 'Deklarace potřebnosti ORP' }).waitFor();

    await tabTo(orp, (element) => element.text === 'Převzít');
    await orp.keyboard.press('Enter');
    await orp.getByRole('button', { name: 'Dokončit' }).waitFor();
    await orp.locator('.task-form input[type="radio"]').first().waitFor();
    await tabTo(orp, (element) => element.label === 'Deklarovat potřebnost');
    // Arrow keys move within a radio group: the second choice refuses the need.
    await orp.keyboard.press('ArrowDown');
    expect(await focused(orp)).toBe('Odmítnout potřebnost');
    await tabTo(orp, (element) => element.label.startsWith('Důvod odmítnutí'));
    await orp.keyboard.type('Záměr není v souladu s komunitním plánem ORP.');
    await tabTo(orp, (element) => element.text === 'Dokončit');
    await orp.keyboard.press('Enter');
    await orp.waitForURL((url) => url.pathname === '/ukoly');
    const api = await apiAs(product, 'orp.zidlochovice');
    expect((await api.get(`/tasks/${taskId}`)).taskState).toBe('COMPLETED');
    await orp.context().close();
  });
});

interface FocusedElement {
  text: string;
  label: string;
  href: string | undefined;
}

/** What has the keyboard focus: its text, its label and (for links) its address. */
async function focusedElement(page: Page): Promise<FocusedElement> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as { document: { activeElement: { innerText?: string; labels?: { innerText: string }[]; href?: string; getAttribute(name: string): string | null } | null } }).document
      .activeElement;
    const label = element?.labels?.[0]?.innerText ?? element?.getAttribute('aria-label') ?? '';
    return { text: (element?.innerText ?? '').trim(), label: label.trim(), href: element?.href };
  });
}

async function focused(page: Page): Promise<string> {
  const element = await focusedElement(page);
  return element.label || element.text;
}

/** Presses Tab until the focused element is the one wanted (at most 80 times). */
async function tabTo(page: Page, wanted: (element: FocusedElement) => boolean): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    if (wanted(await focusedElement(page))) return;
  }
  throw new Error(`Tab never reached the element; the focus is on ${JSON.stringify(await focusedElement(page))}`);
}
