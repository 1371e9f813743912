import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openPglite } from '../src/server/store/database';
import { SCHEMA_VERSIONS } from '../src/app/db/database';
import { makeVisit } from '../test/helpers/visits';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { signIn } from './sign-in';

/**
 * What the tablet keeps when the code under it changes: a database written by the
 * first shipped schema, with entries waiting, opened by the current app.
 */
describe('pending entries survive a schema upgrade', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens a database written by the first shipped schema and sends its waiting entries', async () => {
    // A tablet enrolled and recorded under schema version 1 (written here with the raw IndexedDB API).
    const code = new URL(server.enrolLink).searchParams.get('enrol');
    const enrolment = (await (
      await fetch(`${server.url}/api/devices/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      })
    ).json()) as {
      deviceId: string;
      token: string;
      kind: 'desk';
      location: { id: string; name: string };
      organisation: { id: string; name: string };
    };
    expect(enrolment.token).toBeTruthy();
    const visits = [makeVisit(enrolment), makeVisit(enrolment)];
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/icons/icon.svg`); // same origin, without starting the app
    await page.evaluate(
      async ({ stores, device, visits }) => {
        await new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('inloop', 10); // Dexie stores its version 1 as IndexedDB version 10
          request.onupgradeneeded = () => {
            const db = request.result;
            for (const [name, spec] of Object.entries(stores)) {
              const [key, ...indexes] = spec.split(',').map((s) => s.trim());
              const store = db.createObjectStore(name, { keyPath: key });
              for (const index of indexes) store.createIndex(index, index);
            }
          };
          request.onsuccess = () => {
            const db = request.result;
            const tx = db.transaction(['meta', 'visits', 'outbox'], 'readwrite');
            tx.objectStore('meta').put({ key: 'device', value: { ...device, enrolledAt: new Date().toISOString() } });
            tx.objectStore('meta').put({ key: 'nextSeq', value: visits.length + 1 });
            visits.forEach((visit, i) => {
              tx.objectStore('visits').put({ ...visit, seq: i + 1, syncState: 'pending', savedAt: new Date().toISOString() });
              tx.objectStore('outbox').put({
                seq: i + 1,
                recordId: visit.id,
                type: 'visit.create@1',
                payload: visit,
                createdAt: new Date().toISOString(),
                state: 'pending',
              });
            });
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          request.onerror = () => reject(request.error);
        });
      },
      { stores: SCHEMA_VERSIONS[0]!.stores, device: enrolment, visits },
    );

    // The current app opens it, upgrades it, and sends what waited.
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await signIn(page);
    await page.getByRole('heading', { name: 'New visit' }).waitFor();
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 20_000 }).toBe('0');
    await context.close();

    await server.stop();
    const db = await openPglite(server.dataDir);
    try {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM visits WHERE device_id = $1 ORDER BY id', [enrolment.deviceId]);
      expect(rows.map((r) => r.id)).toEqual(visits.map((v) => v.id).sort());
    } finally {
      await db.close();
    }
  });
});
