import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openPglite } from '../src/server/store/database';
import type { ServerProcess } from './server-process';
import { signIn } from './sign-in';

/**
 * The spine as a tablet on the library network lives it: enrol from the printed link,
 * sign in with a PIN (WebCrypto), reload offline (service worker), record a visit,
 * come back online and see it sent. Returns the device id, to find the visit on the server.
 */
export async function walkTheSpine(context: BrowserContext, page: Page, server: ServerProcess, expectedOrigin: string): Promise<string> {
  const pushes: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/sync/push')) pushes.push(request.postData() ?? '');
  });
  await page.goto(server.enrolLink);
  expect(new URL(page.url()).origin).toBe(expectedOrigin);
  await page.getByRole('button', { name: 'English' }).click();
  await signIn(page);
  await page.getByRole('heading', { name: 'New visit' }).waitFor();
  expect(await page.evaluate(() => isSecureContext)).toBe(true);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  await page.reload();
  await signIn(page);
  await page.getByRole('heading', { name: 'New visit' }).waitFor();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await page.getByRole('button', { name: 'DigiD', exact: true }).click();
  await page.getByRole('button', { name: 'Answered', exact: true }).click();
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved on this tablet.' }).count()).toBe(1);
  const status = page.getByTestId('sync-status');
  await expect.poll(() => status.textContent()).toMatch(/1 waiting/);
  await expect.poll(() => page.locator('.today-list li.state-pending').count()).toBe(1);

  await context.setOffline(false);
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Up to date/);
  await expect.poll(() => page.locator('.today-list li.state-synced').count()).toBe(1);
  expect(pushes.length).toBeGreaterThan(0);
  return (JSON.parse(pushes[0]!) as { entries: Array<{ payload: { deviceId: string } }> }).entries[0]!.payload.deviceId;
}

/** The visits the server holds from one tablet, read from its PGlite files once it has stopped. */
export async function visitTopicsOnServer(server: ServerProcess, deviceId: string): Promise<string[]> {
  await server.stop();
  const db = await openPglite(server.dataDir);
  try {
    const { rows } = await db.query<{ topic: string }>(
      'SELECT q.topic FROM visits v JOIN visit_questions q ON q.visit_id = v.id WHERE v.device_id = $1',
      [deviceId],
    );
    return rows.map((r) => r.topic);
  } finally {
    await db.close();
  }
}
