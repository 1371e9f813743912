import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openPglite } from '../src/server/store/database';
import { migrate } from '../src/server/store/migrate';
import { seedDemoIfEmpty } from '../src/server/seed/demo';
import { demoCatalogue } from '../src/server/seed/demo-catalogue';
import { DEMO_LOCATIONS } from '../src/server/seed/demo-ids';
import { syntheticCatalogue } from '../src/server/seed/synthetic-catalogue';
import { replaceCatalogueInTransaction } from '../src/server/store/catalogue-store';
import { createEnrolmentCode } from '../src/server/store/devices';
import { startServerProcess, type ServerProcess } from '../e2e/server-process';
import { buildApp } from './bundle';

/** The catalogue a busy library's tablets carry in the tablet benchmarks. */
export const CATALOGUE_SIZE = 10_000;

export interface TabletServer {
  server: ServerProcess;
  /** One-time enrolment codes made before the server started (the printed link is one more desk code). */
  deskCodes: string[];
  kioskCodes: string[];
  close(): Promise<void>;
}

/**
 * The real server (src/server/main.ts as its own process) on a fresh PGlite directory
 * holding the demo library plus a 10,000-item synthetic catalogue, serving a fresh
 * production build from a temporary directory (dist/ is left alone). PGlite allows one
 * process at a time, so the directory is prepared first and the server started after.
 */
export async function startTabletServer(opts: { deskCodes?: number; kioskCodes?: number } = {}): Promise<TabletServer> {
  const dist = await buildApp();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-bench-tablet-'));
  const deskCodes: string[] = [];
  const kioskCodes: string[] = [];
  const db = await openPglite(dataDir);
  try {
    await migrate(db);
    await seedDemoIfEmpty(db);
    const synthetic = syntheticCatalogue(CATALOGUE_SIZE, 1);
    // The demo offers (Digisterker and the like) stay beside the synthetic ones.
    await replaceCatalogueInTransaction(db, {
      organizations: [...demoCatalogue.organizations, ...synthetic.organizations],
      locations: [...demoCatalogue.locations, ...synthetic.locations],
      items: [...demoCatalogue.items, ...synthetic.items],
    });
    for (let i = 0; i < (opts.deskCodes ?? 0); i++)
      deskCodes.push((await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' })).code);
    for (let i = 0; i < (opts.kioskCodes ?? 0); i++)
      kioskCodes.push((await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'kiosk' })).code);
  } finally {
    await db.close();
  }
  const server = await startServerProcess({ INLOOP_DATA_DIR: dataDir, INLOOP_STATIC_DIR: dist });
  return {
    server,
    deskCodes,
    kioskCodes,
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

/** Rows in one of the tablet's IndexedDB stores, counted in the page. */
export function countStore(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('inloop');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          if (!idb.objectStoreNames.contains(name)) {
            idb.close();
            return resolve(0);
          }
          const request = idb.transaction(name).objectStore(name).count();
          request.onsuccess = () => {
            idb.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/** Waits until the tablet holds the whole catalogue and its stored search index (pulled in pages after enrolment). */
export async function waitForCatalogue(page: Page, timeoutMs = 180_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const items = await countStore(page, 'catalogue');
    const index = await countStore(page, 'catalogueIndex');
    if (items >= CATALOGUE_SIZE && index > 0) return items;
    if (Date.now() > until) throw new Error(`the tablet holds ${items} catalogue rows and ${index} index rows after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** On a fresh tablet the app may first ask for a language; the benchmarks use English. */
export async function chooseEnglishIfAsked(page: Page): Promise<void> {
  const english = page.getByRole('button', { name: 'English' });
  try {
    await english.first().waitFor({ timeout: 5_000 });
    await english.first().click();
  } catch {
    // not asked
  }
}

/** Signs in as the demo volunteer Anna B. (PIN 2580), as e2e/spine.test.ts does. */
export async function signInAsDemoVolunteer(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Who are you?' }).waitFor();
  await page.getByRole('button', { name: 'Anna B.', exact: true }).click();
  for (const digit of '2580') await page.getByRole('button', { name: `Digit ${digit}`, exact: true }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
export const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
