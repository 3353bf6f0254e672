import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { launchBrowser, newPerson, pageProblems, seriousAccessibilityViolations, startProduct, type RunningProduct } from './support.js';

/**
 * "Přihlásit přes …" in Chromium: the product as `npm start` runs it with an OpenID Connect
 * provider (a real one on loopback that signs its user in without a page), the authorization
 * code flow with PKCE done by the server, and the user back in the application, signed in.
 */
describe('sign-in through the OIDC provider in the browser', () => {
  let oidc: TestOidcProvider;
  let product: RunningProduct;
  let browser: Browser;

  beforeAll(async () => {
    oidc = await startTestOidcProvider();
    oidc.user = {
      preferred_username: 'jana.novakova',
      name: 'Jana Nováková',
      email: 'jana.novakova@kurim.cz',
      realm_access: { roles: ['orp_official'] },
      territory: 'orp:kurim',
    };
    [product, browser] = await Promise.all([
      startProduct((url) => ({
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: 'planovani-web',
        OIDC_PROVIDER_NAME: 'Identita JMK',
        OIDC_USER_CLAIM: 'preferred_username',
        OIDC_ROLE_CLAIM: 'realm_access.roles',
        PUBLIC_URL: url,
      })),
      launchBrowser(),
    ]);
    // A public client (no secret): PKCE alone protects its code.
    oidc.client = { clientId: 'planovani-web', redirectUri: `${product.url}/auth/session/oidc/callback` };
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await oidc?.close();
  });

  it('signs in with "Přihlásit přes Identita JMK" and comes back signed in, with no token in reach of scripts', async () => {
    const { context, page } = await newPerson(browser, product);
    await page.goto('/ukoly');
    await page.waitForURL(/\/prihlaseni/);
    const button = page.getByRole('link', { name: 'Přihlásit přes Identita JMK' });
    await button.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await button.click();
    // Back from the provider at the page the user asked for, signed in.
    await page.getByRole('button', { name: 'Odhlásit se' }).waitFor();
    await page.getByText('Jana Nováková').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/ukoly');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Moje úkoly');

    // The session is the refresh cookie, HttpOnly and scoped to the session's routes; scripts see no cookie and no storage.
    const cookies = await context.cookies();
    expect(cookies.map(({ name, httpOnly, sameSite, path }) => ({ name, httpOnly, sameSite, path }))).toEqual([
      { name: 'pss_refresh', httpOnly: true, sameSite: 'Strict', path: '/auth/session' },
    ]);
    const storage = await page.evaluate(() => {
      // Runs in the page (this file is compiled without DOM types).
      const page = globalThis as unknown as { document: { cookie: string }; localStorage: { length: number }; sessionStorage: { length: number } };
      return [page.document.cookie, page.localStorage.length, page.sessionStorage.length];
    });
    expect(storage).toEqual(['', 0, 0]);

    // A reload restores the session with the refresh cookie.
    await page.reload();
    await page.getByRole('button', { name: 'Odhlásit se' }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it('says in Czech that the sign-in through the provider failed', async () => {
    oidc.user = null; // the provider answers access_denied
    try {
      const { context, page } = await newPerson(browser, product);
      await page.goto('/prihlaseni');
      await page.getByRole('link', { name: 'Přihlásit přes Identita JMK' }).click();
      await page.getByText('Přihlášení přes poskytovatele identity se nepodařilo.', { exact: false }).waitFor();
      expect(new URL(page.url()).search).toBe('?chyba=oidc');
      expect(await context.cookies()).toEqual([]);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await context.close();
    } finally {
      oidc.user = { preferred_username: 'jana.novakova', name: 'Jana Nováková', realm_access: { roles: ['orp_official'] }, territory: 'orp:kurim' };
    }
  });
});
