import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { demoCatalogue } from '../src/server/seed/demo-catalogue';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { signInIfAsked } from './sign-in';

/**
 * The catalogue, end to end: a desk tablet that synced once shows the demo
 * catalogue offline after a reload, searches it as you type, filters it and opens
 * the details a volunteer needs to refer someone. The searching is done in the search
 * worker (a module worker from the precache, offline too), never on the page's main thread.
 */
describe('the catalogue works offline on a desk tablet', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const total = demoCatalogue.items.length;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The result count once it is the current query's (not the previous one's, shown while the search worker answers). */
  const resultCount = () => page.locator('.catalogue-outcome[aria-busy="false"] .result-count').textContent();
  const search = () => page.getByLabel('Search courses and help');
  /** The dedicated worker running the built search-worker chunk, once the page started it. */
  const searchWorker = () => page.workers().find((w) => /\/assets\/search-worker-[\w-]+\.js$/.test(w.url()));
  /** How many searches a thread ran: the app's User Timing measure of its latest search (catalogue-data.ts). */
  const searchesIn = (where: Page | Worker) => {
    const read = () => {
      const latest = performance.getEntriesByName('inloop:catalogue-search').at(-1) as PerformanceMeasure | undefined;
      return (latest?.detail as { searches?: number } | undefined)?.searches ?? 0;
    };
    return 'mainFrame' in where ? where.evaluate(read) : where.evaluate(read);
  };

  it('syncs the catalogue once online', async () => {
    await page.goto(server.enrolLink);
    await page.getByRole('button', { name: 'English' }).click();
    await signInIfAsked(page, server.output());
    await page.getByRole('link', { name: 'Courses & help' }).click();
    await page.getByRole('heading', { name: 'Courses and help' }).waitFor();
    await expect.poll(resultCount, { timeout: 30_000 }).toBe(`${total} results`);
    await expect.poll(() => searchWorker() !== undefined).toBe(true);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  });

  it('shows the whole catalogue after an offline reload', async () => {
    await context.setOffline(true);
    await page.reload();
    await signInIfAsked(page, server.output());
    if (!(await page.getByRole('heading', { name: 'Courses and help' }).isVisible()))
      await page.getByRole('link', { name: 'Courses & help' }).click();
    await expect.poll(resultCount, { timeout: 30_000 }).toBe(`${total} results`);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // The search index was kept in IndexedDB, for the catalogue as pulled (not rebuilt on every start).
    const stored = await storedIndexCursors(page);
    expect(stored.cursor).toBeTruthy();
    expect(stored.indexCursor).toBe(stored.cursor);
  });

  it('searches in the worker, offline-started, with the right results, and not on the main thread', async () => {
    // Started offline (the previous test reloaded with the network off): the server cannot be reached.
    expect(
      await page.evaluate(() =>
        fetch('/api/nothing', { cache: 'no-store' }).then(
          () => 'reached',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
    await expect.poll(() => searchWorker() !== undefined).toBe(true);
    const worker = searchWorker()!;
    // The page shows the whole catalogue, so the worker has answered at least that.
    await expect.poll(() => searchesIn(worker)).toBeGreaterThan(0);
    const before = await searchesIn(worker);
    await search().pressSequentially('digid', { delay: 30 });
    await expect.poll(() => page.locator('.result-name').first().textContent()).toMatch(/DigiD/);
    await expect.poll(() => searchesIn(worker)).toBeGreaterThan(before);
    expect(await searchesIn(page), 'searches run on the main thread').toBe(0);
    await search().fill('Taalcafé');
    await expect.poll(() => page.locator('.result-name').first().textContent()).toBe('Language café (Taalcafé)');
    expect(await searchesIn(page)).toBe(0);
    await search().fill('');
    await expect.poll(resultCount).toBe(`${total} results`);
    // The worker opened the index it stored, for the catalogue as pulled.
    const stored = await storedIndexCursors(page);
    expect(stored.cursor).toBeTruthy();
    expect(stored.indexCursor).toBe(stored.cursor);
  });

  it('searches as you type with everyday words, exact match first', async () => {
    await search().fill('belasting');
    // The desk speaks English here, so the names shown are the English ones.
    await expect.poll(() => page.locator('.result-name').first().textContent()).toMatch(/tax/i);
    await expect
      .poll(async () => (await page.locator('.result-name').allTextContents()).slice(0, 3))
      .toContain('Help with your tax return');

    await search().fill('');
    await search().pressSequentially('digid', { delay: 30 });
    await expect.poll(() => page.locator('.result-name').first().textContent()).toMatch(/DigiD/);

    await search().fill('Taalcafé');
    await expect.poll(() => page.locator('.result-name').first().textContent()).toBe('Language café (Taalcafé)');
  });

  it('filters with counts', async () => {
    await search().fill('computer');
    await expect.poll(resultCount).toMatch(/^\d+ results?$/);
    const before = Number((await resultCount())!.split(' ')[0]);
    await page.getByRole('button', { name: 'Filters' }).click();
    const paid = page.getByRole('group', { name: 'Cost' }).getByRole('button', { name: /^Paid \(\d+\)$/ });
    const free = page.getByRole('group', { name: 'Cost' }).getByRole('button', { name: /^Free \(\d+\)$/ });
    const freeCount = Number(/\((\d+)\)/.exec((await free.textContent())!)![1]);
    expect(freeCount).toBeLessThanOrEqual(before);
    await free.click();
    expect(await free.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(resultCount).toBe(`${freeCount} result${freeCount === 1 ? '' : 's'}`);
    await expect.poll(() => paid.count()).toBeLessThanOrEqual(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(resultCount).toBe(`${before} results`);
  });

  it('opens the details a volunteer needs to refer someone', async () => {
    await search().fill('belastingaangifte');
    await page
      .getByRole('button', { name: 'Details of Help with your tax return' })
      .or(page.getByRole('button', { name: /^Details of .*tax/i }))
      .first()
      .click();
    const detail = page.locator('.catalogue-detail');
    await detail.getByRole('heading', { level: 2 }).waitFor();
    for (const heading of ['What', 'For whom', 'When and where', 'How to sign up', 'What to bring', 'Cost']) {
      await detail.getByRole('heading', { name: heading, exact: true }).waitFor();
    }
    await expect.poll(() => detail.textContent()).toMatch(/DigiD/);
    await page.getByRole('button', { name: /Back to the results/ }).click();
    await search().waitFor();
  });
});

/** The cursor the stored search index was built for, and the catalogue's own cursor, read straight from IndexedDB. */
function storedIndexCursors(page: Page): Promise<{ indexCursor?: string; cursor?: string }> {
  return page.evaluate(
    () =>
      new Promise<{ indexCursor?: string; cursor?: string }>((resolve, reject) => {
        const open = indexedDB.open('inloop');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['catalogueIndex', 'meta'], 'readonly');
          const index = tx.objectStore('catalogueIndex').get('search');
          const meta = tx.objectStore('meta').get('catalogueCursor');
          tx.oncomplete = () => resolve({ indexCursor: index.result?.cursor, cursor: meta.result?.value });
        };
      }),
  );
}
