import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, tabletArgs } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { CONSOLE_ADMIN, TABLET_HOST, createConsoleAdmin, runTlsSetup, type SetupResult } from './tls-setup';
import { get, startCaddy, type CaddyProcess } from './caddy';
import { freePort } from '../test/helpers/free-port';
import { visitTopicsOnServer, walkTheSpine } from './tablet-spine';

/**
 * A hosted server: the shipped Caddy config terminates TLS in front of Inloop on plain
 * HTTP, which trusts Caddy's X-Forwarded-* headers (INLOOP_TRUST_PROXY) for the client's
 * address and protocol. The certificate is one tls:setup made, given to Caddy the way
 * docs/deploy.md says for own certificate files (Let's Encrypt needs the internet).
 */
describe('a tablet reaching a hosted server through the shipped Caddy config', () => {
  let server: ServerProcess;
  let caddy: CaddyProcess;
  let browser: Browser;
  let setup: SetupResult;
  let serverPort: number;
  const ENROL_LIMIT = 3;

  beforeAll(async () => {
    setup = await runTlsSetup(mkdtempSync(path.join(tmpdir(), 'inloop-proxy-tls-')));
    const proxyPort = await freePort();
    serverPort = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-hosted-'));
    await createConsoleAdmin(dataDir);
    server = await startServerProcess({
      INLOOP_DATA_DIR: dataDir,
      PORT: String(serverPort),
      INLOOP_TRUST_PROXY: '127.0.0.1',
      INLOOP_PUBLIC_URL: `https://${TABLET_HOST}:${proxyPort}`,
      INLOOP_RATE_LIMIT_ENROL: String(ENROL_LIMIT),
    });
    caddy = await startCaddy(
      { domain: TABLET_HOST, port: proxyPort, upstreams: `127.0.0.1:${serverPort}`, tls: `tls ${setup.certPath} ${setup.keyPath}` },
      setup.caPem,
    );
    browser = await launchChromium(tabletArgs(TABLET_HOST, [setup.caSpki]));
  });
  afterAll(async () => {
    await browser?.close();
    await caddy?.stop();
    await server?.stop();
  });

  const request = (path: string, opts: { from?: string; body?: string; headers?: Record<string, string> } = {}) =>
    get({ port: caddy.port, servername: TABLET_HOST, ca: setup.caPem, path, method: opts.body ? 'POST' : 'GET', ...opts });

  it('prints the proxy address for tablets', () => {
    expect(server.enrolLink.startsWith(`https://${TABLET_HOST}:${caddy.port}/?enrol=`)).toBe(true);
  });

  it('answers over HTTPS with HSTS and Secure cookies, as the request reached Caddy over HTTPS', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const login = await request('/api/console/session', { body: JSON.stringify(CONSOLE_ADMIN) });
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/; HttpOnly; .*; Secure/);
  });

  it('counts the per-address enrolment limit per real client, which a forged X-Forwarded-For cannot dodge', async () => {
    const attempt = (from: string, headers?: Record<string, string>) =>
      request('/api/devices/enrol', { from, headers, body: JSON.stringify({ code: 'ZZZZ-ZZZZ' }) }).then((r) => r.status);
    for (let i = 0; i < ENROL_LIMIT; i++) expect(await attempt('127.0.0.2')).toBe(404);
    expect(await attempt('127.0.0.2')).toBe(429);
    expect(await attempt('127.0.0.2', { 'x-forwarded-for': '203.0.113.9' })).toBe(429);
    // Another tablet of the library, another address: its own count.
    expect(await attempt('127.0.0.3')).toBe(404);
  });

  it('points a tablet that bypassed the proxy (plain http:// to the server) to the https address, with its code', async () => {
    const page = await browser.newPage();
    const code = new URL(server.enrolLink).searchParams.get('enrol')!;
    await page.goto(`http://${TABLET_HOST}:${serverPort}/?enrol=${code}`);
    await page.getByRole('heading', { name: 'Inloop kan op dit adres niet werken' }).waitFor();
    const link = page.getByRole('link', { name: `https://${TABLET_HOST}:${caddy.port}/?enrol=${code}` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`https://${TABLET_HOST}:${caddy.port}/?enrol=${code}`);
    await page.close(); // not followed: the spine below enrols with this very code
  });

  it('enrols, signs in, works offline and delivers the visit once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const deviceId = await walkTheSpine(context, page, server, `https://${TABLET_HOST}:${caddy.port}`);
    await context.close();
    await caddy.stop();
    expect(await visitTopicsOnServer(server, deviceId)).toEqual(['digid']);
  });
});
