import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The password of every demo account (README). */
export const DEMO_PASSWORD = 'demo-heslo';

export interface RunningProduct {
  url: string;
  database: TestDatabase;
  /** The product's own output, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * The product as the README starts it (`npm start` runs the built launcher): the engine, the
 * api with the web application and the workers, with the demo accounts, on free ports and a
 * fresh database of the server in DATABASE_URL. Stopped like Ctrl+C, by its process group.
 * `env` adds to the environment; as a function it is given the product's URL (for PUBLIC_URL).
 */
export async function startProduct(env: Record<string, string> | ((url: string) => Record<string, string>) = {}): Promise<RunningProduct> {
  const database = await createTestDatabase('web');
  const [port, enginePort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'web-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['dist/apps/launcher/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DEMO: 'true',
      PORT: String(port),
      ENGINE_PORT: String(enginePort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      AUTH_JWT_SECRET: 'a-web-test-secret-of-at-least-32-bytes',
      ...(typeof env === 'function' ? env(url) : env),
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      // already gone
    }
    await Promise.race([exited, delay(30_000)]);
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the product stopped while starting:\n${output}`);
    }
    // The workers deploy the models at start: the product is ready when the api answers and the models are there.
    const ready = await fetch(`${url}/health`).then((response) => response.ok, () => false);
    if (ready && output.includes('product running') && /worker connected to Zeebe .*; models (deployed|unchanged)/.test(output)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the product did not start within 90 s:\n${output}`);
    }
    await delay(250);
  }
  return { url, database, log: () => output, stop };
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Debian's Chromium, headless, with a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A person at their own browser window: own cookies, Czech locale, Prague time. */
export async function newPerson(browser: Browser, product: RunningProduct, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: product.url, locale: 'cs-CZ', timezoneId: 'Europe/Prague', viewport });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused script or style (Content-Security-Policy) is a defect of the page.
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) problems.push(message.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
  return { context, page };
}

/** Errors the page raised itself (uncaught exceptions, CSP refusals): none is expected. */
export function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/** Signs in through the sign-in page (as a demo account unless a password is given); lands where the application sends that role. */
export async function signIn(page: Page, login: string, path = '/', password = DEMO_PASSWORD): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Přihlašovací jméno').fill(login);
  await page.getByLabel('Heslo', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await page.getByRole('button', { name: 'Odhlásit se' }).waitFor();
}

let axeSource: string | undefined;

interface AxeRunner {
  run(context: unknown, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
}

/** axe-core's violations of WCAG 2.1 A/AA that are serious or critical, as readable lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  // The function runs in the page (no DOM types here: this file is compiled for Node).
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as { axe: AxeRunner; document: unknown };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.impact}): ${violation.targets.join(', ')}`);
}

/** Saves a screenshot for the documentation (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = new URL('../../docs/screenshots/', import.meta.url);
  await mkdir(folder, { recursive: true });
  await page.screenshot({ path: join(folder.pathname, `${name}.png`), fullPage: true });
}

/** Retries `check` until it returns something other than undefined/false, or fails with `what`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(200);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The API as a program calls it (for a test's setting up, never for what the test is about). */
export async function apiAs(product: RunningProduct, login: string, password = DEMO_PASSWORD) {
  const signedIn = await fetch(`${product.url}/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (!signedIn.ok) throw new Error(`sign-in of ${login} answered ${signedIn.status}`);
  const { accessToken } = (await signedIn.json()) as { accessToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${product.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { id: string; items: Record<string, unknown>[] };
  };
  return { get: (path: string) => call('GET', path), post: (path: string, body?: unknown) => call('POST', path, body) };
}

/** Deploys model files through the API as the administrator (what the modeler's Nasadit sends), as multipart `files`. */
export async function deployAsAdmin(product: RunningProduct, files: Record<string, string>): Promise<void> {
  const signedIn = await fetch(`${product.url}/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: DEMO_PASSWORD }) });
  const { accessToken } = (await signedIn.json()) as { accessToken: string };
  const form = new FormData();
  for (const [name, content] of Object.entries(files)) form.append('files', new Blob([content]), name);
  const response = await fetch(`${product.url}/admin/deployments`, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}` }, body: form });
  if (response.status !== 201) throw new Error(`deployment answered ${response.status}: ${await response.text()}`);
}
