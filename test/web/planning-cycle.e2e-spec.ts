import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { chooseInFormSelect, completeTaskForm, fillIntentionForm, openTask, resolutionNumber, todayInForm } from './pages.js';
import { eventually, launchBrowser, newPerson, pageProblems, screenshot, seriousAccessibilityViolations, signIn, startProduct, type RunningProduct } from './support.js';

/**
 * One development intention the whole way through the web pages only, done by the people
 * who do it (the demo accounts): from the provider's draft to "zařazen do akčního plánu".
 */
describe('the planning cycle in the browser', () => {
  let product: RunningProduct;
  let browser: Browser;
  const planYear = new Date().getFullYear() + 2;

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

  async function accessible(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect([name, await seriousAccessibilityViolations(page)]).toEqual([name, []]);
    expect([name, pageProblems(page)]).toEqual([name, []]);
  }

  it('carries an intention from the provider through the ORP, the district team, the Council and the Assembly into the published Action Plan', async () => {
    // The provider writes the intention and submits it.
    const provider = await as('poskytovatel');
    await provider.getByRole('heading', { level: 1, name: 'Záměry naší organizace' }).waitFor();
    await provider.getByRole('link', { name: 'Nový záměr' }).click();
    await fillIntentionForm(provider, { planYear });
    await accessible(provider, 'zamer-novy');
    await provider.getByRole('button', { name: 'Uložit' }).click();
    await provider.getByText('Záměr byl uložen.').waitFor();
    const intentionPath = new URL(provider.url()).pathname;
    expect(intentionPath).toMatch(/^\/zamery\/\d+$/);
    await provider.getByRole('button', { name: 'Odeslat' }).click();
    await provider.getByText('Záměr byl odeslán k projednání.').waitFor();

    // The ORP official of Židlochovice declares the need in the task's form.
    const orp = await as('orp.zidlochovice');
    await accessible(orp, 'ukoly');
    const declaration = await openTask(orp, 'Deklarace potřebnosti ORP');
    await declaration.getByRole('button', { name: 'Převzít', exact: true }).click();
    await accessible(declaration, 'ukol-deklarace');
    await completeTaskForm(declaration, async (form) => {
      await form.getByLabel('Deklarovat potřebnost').check();
      await form.getByLabel('Název komunitního plánu').fill('Komunitní plán sociálních služeb ORP Židlochovice');
      await form.getByLabel('Období komunitního plánu').fill('2026–2028');
      await form.getByLabel('Opatření / priorita komunitního plánu').fill('Opatření 2.1 Pobytové služby pro seniory');
      await form.getByLabel('Závazek spolufinancování obce (Kč ročně)').fill('2400000');
    });

    // The district team of Brno-venkov: each member gives an opinion, the chair decides.
    for (const [login, scores] of [
      ['okres.brno-venkov.clen1', ['5', '4', '4', '5', '4']],
      ['okres.brno-venkov.clen2', ['4', '4', '3', '5', '3']],
      ['okres.brno-venkov.predseda', ['5', '5', '4', '4', '4']],
    ] as const) {
      const member = await as(login);
      // Each member's opinion is asked of that member by name.
      const opinion = await openTask(member, 'Posudek člena okresního týmu', 'mine');
      await claimIfNeeded(opinion);
      await completeTaskForm(opinion, async (form) => {
        for (const [label, score] of ['Potřebnost', 'Dostupnost', 'Nákladovost', 'Kvalita', 'Provázanost'].map((label, index) => [label, scores[index]] as const)) {
          await form.getByLabel(new RegExp(`^${label}`)).fill(score);
        }
        await form.getByLabel('Komentář').fill('Záměr odpovídá potřebám okresu.');
      });
      await member.context().close();
    }
    const chair = await as('okres.brno-venkov.predseda');
    const decision = await openTask(chair, 'Rozhodnutí předsedy okresního týmu');
    await claimIfNeeded(decision);
    await completeTaskForm(decision, async (form) => {
      await chooseInFormSelect(form, 'Rozhodnutí', 'Doporučuje');
      await form.getByLabel('Odůvodnění').fill('Tým záměr jednomyslně doporučuje.');
    });

    // The Council's secretary records the Council's and then the Assembly's resolution.
    const secretary = await as('kraj.tajemnik');
    const council = await openTask(secretary, 'Zaznamenat usnesení Rady kraje');
    await claimIfNeeded(council);
    await completeTaskForm(council, async (form) => {
      await form.getByLabel('doporučuje ke schválení', { exact: true }).check();
      await form.getByLabel('Číslo usnesení').fill(resolutionNumber('R'));
      await todayInForm(form, 'Datum usnesení');
    });
    const assembly = await openTask(secretary, 'Zaznamenat usnesení Zastupitelstva kraje');
    await claimIfNeeded(assembly);
    await completeTaskForm(assembly, async (form) => {
      await form.getByLabel('schváleno', { exact: true }).check();
      await form.getByLabel('Číslo usnesení').fill(resolutionNumber('Z'));
      await todayInForm(form, 'Datum usnesení');
    });

    // The regional officer opens the year's Action Plan with a call that closes in a few seconds, and passes the draft on.
    const officer = await as('kraj.referent', `/akcni-plan/${planYear}`);
    await officer.getByText(`Akční plán na rok ${planYear} zatím nebyl otevřen.`).waitFor();
    await officer.getByLabel('Rozpočtový strop (Kč)').fill('10000000');
    await officer.getByLabel('Uzávěrka výzvy').fill(await localDateTime(officer, Date.now() + 8_000));
    await officer.getByRole('button', { name: 'Otevřít akční plán' }).click();
    await officer.getByTestId('plan-status').waitFor();
    const review = await openTask(officer, 'Kontrola návrhu akčního plánu');
    await claimIfNeeded(review);
    await completeTaskForm(review, async (form) => {
      await form.getByLabel('Předat ke schválení').check();
    });
    const approval = await openTask(secretary, 'Schválení akčního plánu zastupitelstvem');
    await claimIfNeeded(approval);
    await completeTaskForm(approval, async (form) => {
      await form.getByLabel('schváleno', { exact: true }).check();
      await form.getByLabel('Číslo usnesení').fill(resolutionNumber('Z'));
      await todayInForm(form, 'Datum usnesení');
    });

    // The provider sees the intention included; the officer sees the published plan.
    // (The plan's publication reaches the intention's process by a message: it may take a moment.)
    await eventually(async () => {
      await provider.goto(intentionPath);
      await provider.getByRole('heading', { level: 2, name: 'Historie' }).waitFor();
      return (await provider.getByText('zařazen do akčního plánu').count()) > 0;
    }, 'the intention to be included in the plan', 60_000);
    // The dossier tells the whole story in words: the ORP's declaration, the district's score, both resolutions of today.
    const dossier = await provider.locator('article.dossier').innerText();
    const today = await provider.evaluate(() => new Intl.DateTimeFormat('cs-CZ').format(new Date()));
    expect(dossier).toContain('potřebnost deklarována');
    expect(dossier).toContain('Komunitní plán sociálních služeb ORP Židlochovice');
    expect(dossier).toContain(`doporučuje ke schválení`);
    expect(dossier).toContain(`ze dne ${today}: schváleno`);
    await accessible(provider, 'zamer-spis');
    await officer.goto(`/akcni-plan/${planYear}`);
    await officer.getByRole('heading', { name: 'Zařazené záměry' }).waitFor();
    expect(await officer.getByRole('row').filter({ hasText: 'Domov Zahrada' }).count()).toBeGreaterThan(0);
    // The export for Excel downloads under the server's file name, with the intention in it.
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('button', { name: 'Stáhnout CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\r\n').filter((line) => line.includes('Domov Zahrada'))).toHaveLength(1);
    await accessible(officer, 'akcni-plan');
  }, 240_000);
});

/** An instant as a datetime-local field takes it, in the page's time zone. */
function localDateTime(page: Page, instant: number): Promise<string> {
  return page.evaluate((at) => {
    const date = new Date(at);
    const two = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  }, instant);
}

async function claimIfNeeded(task: Page): Promise<void> {
  const claim = task.getByRole('button', { name: 'Převzít', exact: true });
  if (await claim.isVisible()) await claim.click();
  await task.getByRole('button', { name: 'Dokončit' }).waitFor();
}
