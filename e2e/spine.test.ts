import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openPglite } from '../src/server/store/database';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { signIn } from './sign-in';

/**
 * The spine, end to end: the built app in real headless Chromium against the real
 * server. Online once, then offline: reload, record three visits, see them wait;
 * online again: see them sent, exactly three on the server, also after a replay.
 */
describe('a visit recorded offline reaches the server exactly once', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pushes: Array<{ body: string; headers: Record<string, string> }> = [];

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    page.on('request', (request) => {
      if (request.url().endsWith('/api/sync/push')) pushes.push({ body: request.postData() ?? '', headers: request.headers() });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function recordVisit(topic: string, outcome: string) {
    await page.getByRole('button', { name: topic, exact: true }).click();
    await page.getByRole('button', { name: outcome, exact: true }).click();
    await page.getByRole('button', { name: 'Save visit' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved on this tablet.' }).count()).toBe(1);
  }

  it('enrols from the printed link and works offline after one online visit', async () => {
    await page.goto(server.enrolLink);
    await page.getByRole('button', { name: 'English' }).click();
    expect(server.output()).toContain('Anna B. (PIN 2580)');
    await signIn(page);
    await page.getByRole('heading', { name: 'New visit' }).waitFor();
    await expect.poll(() => page.getByText('Centrale Bibliotheek (demo)').count()).toBeGreaterThan(0);
    // The service worker has precached the shell.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    expect(await page.evaluate(() => navigator.storage.persisted())).toBeTypeOf('boolean');

    await context.setOffline(true);
    await page.reload();
    await signIn(page);
    await page.getByRole('heading', { name: 'New visit' }).waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  });

  it('records three visits offline and shows them waiting', async () => {
    await recordVisit('DigiD', 'Answered');
    await recordVisit('Tax return', 'Referred');
    await recordVisit('Allowances', 'Partly answered');
    const status = page.getByTestId('sync-status');
    await expect.poll(() => status.textContent()).toMatch(/3 waiting/);
    await expect.poll(() => page.locator('.today-list li.state-pending').count()).toBe(3);
    expect(pushes).toHaveLength(0);
  });

  it('sends them when the network returns and says it is up to date', async () => {
    await context.setOffline(false);
    const status = page.getByTestId('sync-status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Up to date/);
    await expect.poll(() => page.locator('.today-list li.state-synced').count()).toBe(3);
  });

  it('holds exactly three visits on the server, also after the push is replayed by hand', async () => {
    expect(pushes.length).toBeGreaterThan(0);
    const replay = pushes[0]!;
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: replay.headers.authorization!,
        'inloop-protocol': replay.headers['inloop-protocol']!,
      },
      body: replay.body,
    });
    expect(response.status).toBe(200);
    // Answered for every seq from the replay's first to the ack, all stored by the first delivery; nothing is stored again.
    const first = Math.min(...(JSON.parse(replay.body) as { entries: Array<{ seq: number }> }).entries.map((e) => e.seq));
    expect(await response.json()).toMatchObject({ ack: 3, applied: 3 - first + 1, rejected: [] });

    const deviceId = (JSON.parse(replay.body) as { entries: Array<{ payload: { deviceId: string } }> }).entries[0]!.payload.deviceId;
    await server.stop(); // PGlite is single-process: read its files once the server has shut down
    const db = await openPglite(server.dataDir);
    try {
      const { rows } = await db.query<{ topic: string }>(
        'SELECT q.topic FROM visits v JOIN visit_questions q ON q.visit_id = v.id WHERE v.device_id = $1 ORDER BY v.started_at',
        [deviceId],
      );
      expect(rows.map((r) => r.topic)).toEqual(['digid', 'tax_return', 'allowance']);
    } finally {
      await db.close();
    }
  });
});
