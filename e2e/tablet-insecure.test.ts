import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium, tabletArgs } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { TABLET_HOST, runTlsSetup } from './tls-setup';
import { axeViolations } from './axe';
import { signIn } from './sign-in';
import { outboxCount } from './tablet-db';

/**
 * A tablet given the server's plain http:// address under a real name gets no secure
 * context: it must say so on one clear screen, and leave the enrolment code unspent and
 * anything stored untouched.
 */
describe('a tablet opening the server over plain HTTP by name', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let httpOrigin: string;
  /** The link printed at the first start: shown on plain HTTP, it must still enrol over HTTPS at the end. */
  let firstEnrolLink: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-http-'));
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    firstEnrolLink = server.enrolLink;
    httpOrigin = `http://${TABLET_HOST}:${new URL(server.url).port}`;
    browser = await launchChromium(tabletArgs(TABLET_HOST));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers no http:// address to tablets at start-up and points to docs/deploy.md', () => {
    expect(server.output()).toMatch(/Tablets need HTTPS/);
    expect(server.output()).toContain('docs/deploy.md');
    expect(server.output()).not.toMatch(/http:\/\/(?!localhost)/);
  });

  it('shows the clear screen instead of enrolling, in Dutch, English and the kiosk languages', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const enrolCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/devices/enrol')) enrolCalls.push(r.url());
    });
    const code = new URL(firstEnrolLink).searchParams.get('enrol')!;
    await page.goto(`${httpOrigin}/?enrol=${code}`);
    await page.getByRole('heading', { name: 'Inloop kan op dit adres niet werken' }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('begint met http://');
    expect(await page.getByText('De koppelcode in deze link is niet gebruikt').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Inloop cannot work at this address' }).waitFor();
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('heading', { name: 'لا يمكن أن يعمل Inloop على هذا العنوان' }).waitFor();
    expect(await page.locator('main').getAttribute('dir')).toBe('rtl');
    expect(await axeViolations(page)).toEqual([]);

    expect(enrolCalls).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps what a tablet enrolled earlier stored, and shows the same screen', async () => {
    // A tablet enrolled before this check existed: a browser told to treat the http origin as secure enrols it and keeps a visit unsent.
    const profile = mkdtempSync(path.join(tmpdir(), 'inloop-profile-'));
    const launch = (extra: string[]) =>
      chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [...CHROMIUM_ARGS, ...tabletArgs(TABLET_HOST), ...extra],
      });
    const before = await launch([`--unsafely-treat-insecure-origin-as-secure=${httpOrigin}`]);
    try {
      const page = before.pages()[0] ?? (await before.newPage());
      // Every start prints a new one-time code: restart for a second one, so the first stays unspent.
      await server.stop();
      server = await startServerProcess({ INLOOP_DATA_DIR: dataDir, PORT: new URL(httpOrigin).port });
      const code = new URL(server.enrolLink).searchParams.get('enrol')!;
      await page.goto(`${httpOrigin}/?enrol=${code}`);
      await page.getByRole('button', { name: 'English' }).click();
      await signIn(page);
      await page.getByRole('heading', { name: 'New visit' }).waitFor();
      // The service worker takes over this first session once installed, without a reload, so its
      // lazy code (the visit's schema) is there offline.
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
      await before.setOffline(true);
      await page.getByRole('button', { name: 'DigiD', exact: true }).click();
      await page.getByRole('button', { name: 'Answered', exact: true }).click();
      await page.getByRole('button', { name: 'Save visit' }).click();
      await expect.poll(() => outboxCount(page)).toBe(1);
    } finally {
      await before.close();
    }
    const after = await launch([]);
    try {
      const page = after.pages()[0] ?? (await after.newPage());
      await page.goto(`${httpOrigin}/`);
      await page.getByRole('heading', { name: /Inloop (kan op dit adres niet werken|cannot work at this address)/ }).waitFor();
      expect(await outboxCount(page)).toBe(1);
    } finally {
      await after.close();
    }
  });

  it('leaves the code usable: the same link enrols once the box serves HTTPS', async () => {
    await server.stop();
    const setup = await runTlsSetup(dataDir);
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir }, { waitForEnrolLink: false });
    const https = await launchChromium(tabletArgs(TABLET_HOST, [setup.caSpki]));
    try {
      const page = await https.newPage();
      const code = new URL(firstEnrolLink).searchParams.get('enrol')!;
      await page.goto(`${server.url}/?enrol=${code}`);
      await page.getByRole('heading', { name: /Wie ben jij\?|Who are you\?/ }).waitFor();
      expect(new URL(page.url()).protocol).toBe('https:');
    } finally {
      await https.close();
    }
  });
});
