import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openPglite } from '../src/server/store/database';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { signIn } from './sign-in';

/**
 * A new release reaches a tablet that holds unsent visits. Two releases take turns
 * on one address and one database, deployed the way `npm start` does it (the server
 * restarts on the new build): the current `dist/`, and the same code built as
 * "next-release" into a scratch directory.
 *
 * 1. The app is closed while a new release waits: the browser switches to it on the
 *    next start, and the visits that waited are still there and are sent once.
 * 2. The app stays open: the update is offered but held back while a visit waits to
 *    be sent or a form is open; once neither holds, "Update now" reloads into the
 *    new release, and nothing is lost or sent twice.
 */
const NEXT = 'next-release';
const CURRENT = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
/** Set in the page's localStorage, makes every API call fail as if the server could not be reached. */
const UNREACHABLE = 'e2e:server-unreachable';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Builds the same code as another release, the way a deploy would. */
function buildRelease(outDir: string, version: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        // vitest runs with NODE_ENV=test, which would build a development service worker.
        env: { ...process.env, NODE_ENV: 'production', INLOOP_BUILD_VERSION: version },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build of ${version} failed (${code}):\n${out}`))));
  });
}

describe('a new release never costs a visit', () => {
  let scratch: string;
  let nextDir: string;
  let port: number;
  let dataDir: string;
  let server: ServerProcess | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** Stops the running release and starts the server on `staticDir`, same address, same database. */
  async function deploy(staticDir: string): Promise<void> {
    await server?.stop();
    server = await startServerProcess(
      { PORT: String(port), INLOOP_DATA_DIR: dataDir, INLOOP_STATIC_DIR: staticDir },
      { waitForEnrolLink: false },
    );
  }

  /** What a tablet does on its own when it comes back into view: ask whether there is a new service worker. */
  async function checkForUpdate(): Promise<void> {
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
  }

  async function recordVisit(topic: string, outcome: string): Promise<void> {
    await page.getByRole('button', { name: topic, exact: true }).click();
    await page.getByRole('button', { name: outcome, exact: true }).click();
    await page.getByRole('button', { name: 'Save visit' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved on this tablet.' }).count()).toBe(1);
  }

  const pending = () => page.getByTestId('sync-status').getAttribute('data-pending');
  const setReachable = (reachable: boolean) =>
    page.evaluate(([key, on]) => (on ? localStorage.removeItem(key) : localStorage.setItem(key, '1')), [UNREACHABLE, reachable] as const);

  async function shownVersion(): Promise<string> {
    await page.getByRole('link', { name: 'Tablet', exact: true }).click();
    const version = await page.locator('dt', { hasText: 'App version' }).locator('xpath=following-sibling::dd[1]').textContent();
    await page.getByRole('link', { name: 'Record a visit', exact: true }).click();
    return version ?? '';
  }

  /** Signs in when the desk asks for a volunteer (after a restart it may, after a reload it may not). */
  async function signInIfLocked(): Promise<void> {
    const locked = page.getByRole('heading', { name: 'Who are you?' });
    const desk = page.getByRole('heading', { name: 'New visit' });
    await Promise.race([locked.waitFor(), desk.waitFor()]);
    if (await locked.isVisible()) await signIn(page);
    await desk.waitFor();
  }

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'inloop-update-'));
    nextDir = path.join(scratch, 'next');
    dataDir = path.join(scratch, 'data');
    port = await freePort();
    const [, first] = await Promise.all([
      buildRelease(nextDir, NEXT),
      startServerProcess({ PORT: String(port), INLOOP_DATA_DIR: dataDir }),
    ]);
    server = first;
    browser = await launchChromium();
    context = await browser.newContext();
    // The test's stand-in for a server that cannot be reached: API calls fail like a dropped
    // connection, while the browser's own service worker checks still get through.
    await context.addInitScript((key) => {
      const realFetch = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (localStorage.getItem(key) === '1' && new URL(url, location.href).pathname.startsWith('/api/'))
          return Promise.reject(new TypeError('Failed to fetch'));
        return realFetch(input, init);
      };
    }, UNREACHABLE);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps the visits that waited when the app is closed and opens in the new release', async () => {
    page = await context.newPage();
    await page.goto(server!.enrolLink);
    await page.getByRole('button', { name: 'English' }).click();
    await signIn(page);
    await page.getByRole('heading', { name: 'New visit' }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload(); // from now on the service worker controls the page
    await signInIfLocked();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect.poll(() => shownVersion()).toBe(CURRENT);

    await setReachable(false);
    await recordVisit('DigiD', 'Answered');
    await recordVisit('Tax return', 'Referred');
    await expect.poll(pending).toBe('2');

    await deploy(nextDir);
    await checkForUpdate();
    await page.getByTestId('update-banner').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Update now' }).isDisabled()).toBe(true);

    // The volunteer closes the app without updating; the browser lets the new release in on the next start.
    await page.close();
    page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await signInIfLocked();
    await expect.poll(() => shownVersion()).toBe(NEXT);
    await expect.poll(pending).toBe('2');
    await expect.poll(() => page.getByTestId('update-banner').count()).toBe(0);

    await setReachable(true);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(pending, { timeout: 20_000 }).toBe('0');
  });

  it('offers the next release while a visit waits or a form is open, and updates once neither holds', async () => {
    await setReachable(false);
    await recordVisit('Allowances', 'Partly answered');
    await expect.poll(pending).toBe('1');
    await page.getByRole('button', { name: 'DigiD', exact: true }).click(); // a visit being filled in

    await deploy('dist'); // the release before, as a rollback would bring it back
    await checkForUpdate();
    await page.getByTestId('update-banner').waitFor();
    const update = page.getByRole('button', { name: 'Update now' });
    await expect.poll(() => update.isDisabled()).toBe(true);

    await setReachable(true);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(pending, { timeout: 20_000 }).toBe('0');
    await expect.poll(() => update.isDisabled()).toBe(true); // the open form still holds it back

    await page.getByRole('button', { name: 'Answered', exact: true }).click();
    await page.getByRole('button', { name: 'Save visit' }).click();
    await expect.poll(pending, { timeout: 20_000 }).toBe('0');
    await expect.poll(() => update.isDisabled()).toBe(false);

    await Promise.all([page.waitForEvent('load'), update.click()]);
    await signInIfLocked();
    await expect.poll(() => shownVersion()).toBe(CURRENT);
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await expect.poll(() => page.locator('.today-list li.state-synced').count()).toBe(4);
    await expect.poll(() => page.locator('.today-list li.state-pending').count()).toBe(0);
  });

  it('holds each visit exactly once on the server', async () => {
    await server!.stop();
    const db = await openPglite(dataDir);
    try {
      const { rows } = await db.query<{ topic: string; n: number }>(
        `SELECT q.topic, count(*)::int AS n FROM visits v JOIN visit_questions q ON q.visit_id = v.id GROUP BY q.topic ORDER BY q.topic`,
      );
      expect(rows).toEqual([
        { topic: 'allowance', n: 1 },
        { topic: 'digid', n: 2 },
        { topic: 'tax_return', n: 1 },
      ]);
    } finally {
      await db.close();
    }
    server = undefined;
  });
});
