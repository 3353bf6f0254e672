import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { completeTaskForm, fillIntentionForm } from './pages.js';
import pg from 'pg';
import {
  apiAs,
  eventually,
  launchBrowser,
  newPerson,
  pageProblems,
  screenshot,
  seriousAccessibilityViolations,
  signIn,
  startProduct,
  type RunningProduct,
} from './support.js';
import { anIntentionRequest } from '../factories/intention.js';

/**
 * The pages around the inbox: the provider's intentions and their refusals in Czech, a return
 * for completion answered, a session that ends, an API that is down, and every page checked
 * with axe-core at desktop and phone width.
 */
describe('the web pages', () => {
  let product: RunningProduct;
  let browser: Browser;
  let planYear = new Date().getFullYear() + 2;

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function as(login: string, path = '/', viewport?: { width: number; height: number }): Promise<Page> {
    const { page } = await newPerson(browser, product, viewport);
    await signIn(page, login, path);
    return page;
  }

  it('shows the API’s refusals of an intention on their fields, in Czech, and saves nothing', async () => {
    const provider = await as('poskytovatel', '/zamery/novy');
    await fillIntentionForm(provider, { planYear: planYear, providerIco: '44992785', yearlyCosts: '1000000', requestedSubsidy: '2000000' });
    await provider.getByRole('button', { name: 'Uložit' }).click();
    // Another organisation's IČO is refused first (422 NOT_OWN_ICO), on its field.
    const ico = provider.getByLabel('IČO poskytovatele');
    await provider.getByText('Záměr můžete podat jen za svou organizaci.').waitFor();
    expect(await ico.getAttribute('aria-invalid')).toBe('true');
    expect(await ico.getAttribute('aria-describedby')).toContain('providerIco-error');

    await ico.fill('70888337');
    await provider.getByRole('button', { name: 'Uložit' }).click();
    await provider.getByText('Požadovaná dotace nesmí převýšit roční náklady.').waitFor();
    expect(await provider.getByLabel('Požadovaná dotace (Kč)').getAttribute('aria-invalid')).toBe('true');
    await screenshot(provider, 'zamer-chyby');
    expect(new URL(provider.url()).pathname).toBe('/zamery/novy');
    expect((await (await apiAs(product, 'poskytovatel')).get('/intentions')).items).toEqual([]);
    await provider.context().close();
  });

  it('lets the provider answer a return for completion before its deadline', async () => {
    planYear += 1;
    const api = await apiAs(product, 'poskytovatel');
    const first = await api.post('/intentions', anIntentionRequest({ planYear }));
    const second = await api.post('/intentions', anIntentionRequest({ planYear }));
    // The same service submitted twice at once: each submission passes the API's check, and the
    // process's check then finds the other one open and returns one of them for completion.
    await submitConcurrently(product, [first.id, second.id]);
    const returnedId = await eventually(async () => {
      for (const id of [first.id, second.id]) if ((await api.get(`/intentions/${id}`)).status === 'returned_for_completion') return id;
      return undefined;
    }, 'one of the two to be returned');
    const [returned, other] = returnedId === first.id ? [first, second] : [second, first];

    const provider = await as('poskytovatel', `/zamery/${returned.id}`);
    const note = provider.getByRole('note');
    await note.getByText('Záměr byl vrácen k doplnění').waitFor();
    await note.getByText(/Doplňte jej do/).waitFor();
    expect(await note.innerText()).toMatch(/Doplňte jej do \d{1,2}\. \d{1,2}\. \d{4}\./);
    expect(await note.innerText()).toContain('Důvod vrácení:');
    await screenshot(provider, 'zamer-vracen');

    // The provider withdraws the other copy, adds to the returned one and answers the return.
    await provider.goto(`/zamery/${other.id}`);
    await provider.getByRole('button', { name: 'Vzít zpět' }).click();
    await provider.getByLabel('Důvod vzetí zpět').fill('Podáno omylem dvakrát.');
    await provider.getByRole('button', { name: 'Vzít zpět' }).click();
    await provider.getByText('Záměr byl vzat zpět.').waitFor();
    await eventually(async () => (await api.get(`/intentions/${other.id}`)).status === 'withdrawn', 'the other copy to be withdrawn');

    await provider.goto(`/zamery/${returned.id}`);
    await provider.getByRole('link', { name: 'Upravit záměr' }).click();
    await provider.getByLabel('Zdůvodnění potřebnosti').fill('Komunitní plán ORP Židlochovice uvádí nedostatek pobytových služeb pro seniory; druhé podání bylo vzato zpět.');
    await provider.getByRole('button', { name: 'Uložit' }).click();
    await provider.getByText('Záměr byl uložen.').waitFor();
    await provider.getByRole('link', { name: 'Doplnit záměr' }).click();
    await provider.getByRole('heading', { level: 1, name: 'Vrátit k doplnění' }).waitFor();
    await completeTaskForm(provider, async (form) => {
      await form.getByLabel(/^Záměr jsem doplnil/).check();
      await form.getByLabel(/^Komentář/).fill('Duplicitní podání bylo vzato zpět.');
    });
    // Resubmitted, it passes the check this time and goes on to its ORP.
    const orp = await apiAs(product, 'orp.zidlochovice');
    await eventually(async () => (await orp.post('/tasks/search', { intentionId: returned.id, state: 'CREATED' })).items.length === 1, 'the ORP’s declaration task of the resubmitted intention');
    expect((await api.get(`/intentions/${returned.id}`)).status).toBe('submitted');
    expect(pageProblems(provider)).toEqual([]);
    await provider.context().close();
  });

  it('takes an expired session to sign-in and back to the page the person was on', async () => {
    const { context, page } = await newPerson(browser, product);
    await signIn(page, 'kraj.referent', '/zamery');
    await page.goto('/akcni-plan/2031');
    await page.getByRole('heading', { level: 1, name: 'Akční plán 2031' }).waitFor();
    // The session ends (its refresh cookie is gone, as after expiry or a sign-out elsewhere).
    await context.clearCookies();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Přihlášení' }).waitFor();
    expect(new URL(page.url()).searchParams.get('zpet')).toBe('/akcni-plan/2031');
    await page.getByText('Vaše přihlášení vypršelo.').waitFor();
    await page.getByLabel('Přihlašovací jméno').fill('kraj.referent');
    await page.getByLabel('Heslo', { exact: true }).fill('demo-heslo');
    await page.getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('heading', { level: 1, name: 'Akční plán 2031' }).waitFor();
    await context.close();
  });

  it('says in Czech when the API cannot be reached or fails, with the error id', async () => {
    const page = await as('orp.zidlochovice', '/ukoly');
    await page.getByRole('heading', { level: 1, name: 'Moje úkoly' }).waitFor();
    // The network to the API fails for the inbox's search.
    await page.route('**/tasks/search', (route) => route.abort('connectionrefused'));
    await page.getByRole('link', { name: /^Nepřiřazené/ }).click();
    await page.getByText('Server neodpovídá. Zkontrolujte připojení a zkuste to znovu.').waitFor();
    await page.unroute('**/tasks/search');
    // The server answers 500 with its error id (the shape of the API's unexpected errors).
    await page.route('**/tasks/search', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: 'Unexpected error', errorId: 'e2e-error-id-42' } }) }),
    );
    await page.getByRole('link', { name: /^Po termínu/ }).click();
    await page.getByText('Uveďte prosím kód chyby e2e-error-id-42.').waitFor();
    await screenshot(page, 'chyba-serveru');
    await page.unroute('**/tasks/search');
    await page.getByRole('button', { name: 'Zkusit znovu' }).click();
    await page.getByText('Žádné úkoly neodpovídají filtru.').waitFor();
    await page.context().close();
  });

  it('passes axe-core on every page, at desktop and at 360 px width', async () => {
    planYear += 1;
    const provider = await apiAs(product, 'poskytovatel');
    const intention = await provider.post('/intentions', anIntentionRequest({ planYear }));
    await provider.post(`/intentions/${intention.id}/submit`);
    const orp = await apiAs(product, 'orp.zidlochovice');
    const taskId = await eventually(async () => ((await orp.post('/tasks/search', { intentionId: intention.id, state: 'CREATED' })).items[0]?.id as string) ?? undefined, 'the task');
    const pages: [string, string, string][] = [
      ['orp.zidlochovice', '/ukoly', 'Moje úkoly'],
      ['orp.zidlochovice', `/ukoly/${taskId}`, 'Deklarace potřebnosti ORP'],
      ['orp.zidlochovice', '/zamery', 'Rozvojové záměry'],
      ['orp.zidlochovice', `/zamery/${intention.id}`, 'Spis záměru'],
      ['orp.zidlochovice', '/oznameni', 'Oznámení'],
      ['orp.zidlochovice', '/nastaveni', 'Nastavení'],
      ['orp.zidlochovice', '/neexistuje', 'Stránka nenalezena'],
      ['poskytovatel', '/zamery', 'Záměry naší organizace'],
      ['poskytovatel', '/zamery/novy', 'Nový záměr'],
      ['kraj.referent', `/akcni-plan/${planYear}`, `Akční plán ${planYear}`],
      ['admin', '/sprava/modely', 'Modely procesů'],
      ['admin', '/sprava/modely/intention-submission', 'intention-submission'],
      ['admin', '/sprava/modeler', 'Modelář'],
      ['admin', '/sprava/instance', 'Instance procesů'],
      ['admin', '/sprava/incidenty', 'Incidenty'],
      ['admin', '/sprava/uzivatele', 'Uživatelé'],
      ['kontrolor', '/sprava/audit', 'Auditní záznam'],
    ];
    const problems: string[] = [];
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 360, height: 740 },
    ]) {
      const signIn = (await newPerson(browser, product, viewport)).page;
      await signIn.goto('/prihlaseni');
      await signIn.getByRole('heading', { level: 1, name: 'Přihlášení' }).waitFor();
      problems.push(...(await seriousAccessibilityViolations(signIn)).map((problem) => `${viewport.width} /prihlaseni: ${problem}`));
      await signIn.context().close();
      const signedIn = new Map<string, Page>();
      for (const [login, path, heading] of pages) {
        if (!signedIn.has(login)) signedIn.set(login, await as(login, '/', viewport));
        const page = signedIn.get(login)!;
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
        await settled(page);
        for (const problem of await seriousAccessibilityViolations(page)) problems.push(`${viewport.width} ${path}: ${problem}`);
        // Nothing is wider than the screen: the page never scrolls sideways (wide tables scroll in their own box).
        const overflow = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        if (overflow > 1) problems.push(`${viewport.width} ${path}: the page is ${overflow} px wider than the screen`);
        if (viewport.width === 360 && path === '/ukoly') await screenshot(page, 'ukoly-360');
        problems.push(...pageProblems(page).map((problem) => `${viewport.width} ${path}: ${problem}`));
      }
      for (const page of signedIn.values()) await page.context().close();
    }
    expect(problems).toEqual([]);
  }, 240_000);
});

/** Until nothing on the page is still loading (the live event stream keeps the network busy for good). */
async function settled(page: Page): Promise<void> {
  await eventually(async () => (await page.getByText('Načítá se…').count()) === 0, 'the page to finish loading', 15_000);
  await page.waitForTimeout(300);
}

/** Submits drafts so that each submission has passed the API's check before either commits (a lock on the intention history holds them). */
async function submitConcurrently(product: RunningProduct, ids: string[]): Promise<void> {
  const api = await apiAs(product, 'poskytovatel');
  const blocker = new pg.Client({ connectionString: product.database.url });
  const watcher = new pg.Client({ connectionString: product.database.url });
  await Promise.all([blocker.connect(), watcher.connect()]);
  try {
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE intention_event IN SHARE MODE');
    const submissions = Promise.all(ids.map((id) => api.post(`/intentions/${id}/submit`)));
    await eventually(async () => {
      const { rows } = await watcher.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO "intention_event"%'`,
      );
      return rows[0].n === ids.length;
    }, 'both submissions to wait before committing');
    await blocker.query('COMMIT');
    await submissions;
  } finally {
    await Promise.all([blocker.end(), watcher.end()]);
  }
}
