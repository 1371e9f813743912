import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, tabletArgs } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { CONSOLE_ADMIN, TABLET_HOST, createConsoleAdmin, runTlsSetup, type SetupResult } from './tls-setup';
import { get } from './caddy';
import { axeViolations } from './axe';
import { visitTopicsOnServer, walkTheSpine } from './tablet-spine';

/**
 * A box in the library: `tls:setup` made a CA and a certificate for a name, the server
 * serves HTTPS with it, and a tablet that trusts the CA reaches it by that name, not localhost.
 */
describe('a tablet reaching a library box by name over HTTPS', () => {
  let server: ServerProcess;
  let browser: Browser;
  let setup: SetupResult;

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-box-'));
    setup = await runTlsSetup(dataDir);
    await createConsoleAdmin(dataDir);
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    browser = await launchChromium(tabletArgs(TABLET_HOST, [setup.caSpki]));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints the https address for tablets and no http one', () => {
    expect(server.url).toMatch(new RegExp(`^https://${TABLET_HOST.replace(/\./g, '\\.')}:\\d+$`));
    expect(server.output()).toContain(`tablets: open ${server.url}/`);
    expect(server.output()).not.toMatch(/http:\/\/(?!localhost)/);
  });

  it('sends HSTS and Secure cookies, and offers the CA certificate with the fingerprint tls:setup printed', async () => {
    const port = Number(new URL(server.url).port);
    const request = (path: string, body?: string) =>
      get({ port, servername: TABLET_HOST, ca: setup.caPem, path, method: body ? 'POST' : 'GET', body });
    const page = await request('/');
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const login = await request('/api/console/session', JSON.stringify(CONSOLE_ADMIN));
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/; Secure/);
    const fingerprint = /CA fingerprint \(SHA-256\)[^\n]*\n\s+([0-9A-F:]{95})/.exec(setup.output)?.[1];
    expect(fingerprint).toBeDefined();
    expect((await request('/certificaat')).body).toContain(fingerprint);
    expect((await request('/ca.crt')).body).toBe(setup.caPem);
  });

  it('shows the certificate page accessibly, in Dutch and in English', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/certificaat`);
    await page.getByRole('heading', { name: 'Het certificaat van deze Inloop-server' }).waitFor();
    for (const platform of ['Android', 'iPad (iPadOS)', 'Chromebook (ChromeOS)', 'Windows-tablet'])
      await page.getByRole('heading', { name: platform }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'The certificate of this Inloop server' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('enrols, signs in, works offline and delivers the visit once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const deviceId = await walkTheSpine(context, page, server, server.url);
    // Installable from this origin: the service worker and the manifest cover the whole app.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(`${server.url}/`);
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
      return (await fetch(href)).json() as Promise<{ start_url: string; scope: string; display: string }>;
    });
    expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone' });
    await context.close();
    expect(await visitTopicsOnServer(server, deviceId)).toEqual(['digid']);
  });
});
