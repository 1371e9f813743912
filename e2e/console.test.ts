import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from '../src/shared/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../src/shared/sync';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';

/**
 * The coordinator console in real Chromium against the real server: sign in, filter the
 * visit log, approve a visit, correct one, open the dashboard, export CSV, enrol a tablet
 * by the code the console shows, revoke it and see its next sync refused.
 */
const PASSWORD = 'een lang wachtwoord';

describe('the coordinator console', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspErrors: string[] = [];

  async function api(method: string, url: string, body?: unknown, token?: string) {
    return fetch(server.url + url, {
      method,
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function pushVisits(token: string, device: { deviceId: string; location: { id: string } }, topics: Array<[string, string]>, firstSeq = 1) {
    const entries = topics.map(([topic, organisation], i) => {
      const id = uuidv7();
      return {
        seq: firstSeq + i,
        recordId: id,
        type: 'visit.create@1',
        createdAt: new Date().toISOString(),
        payload: {
          id, deviceId: device.deviceId, locationId: device.location.id, volunteerId: null,
          startedAt: new Date(Date.now() - (i + 1) * 3600_000).toISOString(), durationSeconds: 600, channel: 'walk_in',
          questions: [{ helpKind: 'digital_service', domain: 'digital_government', organisation, topic, outcome: 'answered' }],
        },
      };
    });
    return api('POST', '/api/sync/push', { appVersion: 'e2e', entries }, token);
  }

  beforeAll(async () => {
    // The first administrator comes from the command line, before the server owns the PGlite directory.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-console-e2e-'));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'user:create', '--email', 'beheer@example.org', '--role', 'admin'], {
      env: { ...process.env, INLOOP_DATA_DIR: dataDir, INLOOP_PASSWORD: PASSWORD },
    });
    expect(stdout).toContain('Created admin beheer@example.org');
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    const code = new URL(server.enrolLink).searchParams.get('enrol')!;
    const desk = await (await api('POST', '/api/devices/enrol', { code })).json();
    const pushed = await pushVisits(desk.token, desk, [['digid', 'logius'], ['tax_return', 'belastingdienst'], ['allowance', 'toeslagen']]);
    expect(pushed.status).toBe(200);
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    page.on('dialog', (d) => void d.accept());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in and filters the visit log', async () => {
    await page.goto(`${server.url}/console`);
    await page.getByLabel('E-mailadres').fill('beheer@example.org');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: 'Bezoeken', level: 1 }).waitFor();
    await expect.poll(() => page.locator('tr[data-visit]').count(), { timeout: 15_000 }).toBe(3);
    await page.getByLabel('Onderwerp').selectOption('tax_return');
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await expect.poll(() => page.locator('tr[data-visit]').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('tr[data-visit]').first().textContent()).toContain('Belastingaangifte');
  });

  it('approves a visit and corrects another beside the original', async () => {
    await page.getByRole('button', { name: 'Bekijken' }).first().click();
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await expect.poll(() => page.locator('tr[data-visit]').first().textContent(), { timeout: 15_000 }).toContain('Goedgekeurd');
    await page.getByLabel('Onderwerp').selectOption('');
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await expect.poll(() => page.locator('tr[data-visit]').count(), { timeout: 15_000 }).toBe(3);
    const row = page.locator('tr[data-visit]').filter({ hasText: 'DigiD' });
    await row.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByLabel('Duur in minuten').fill('25');
    await page.getByRole('button', { name: 'Correctie opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Correctie opgeslagen' }).waitFor();
    await expect.poll(() => page.locator('tr[data-visit]').filter({ hasText: 'DigiD' }).textContent(), { timeout: 15_000 }).toContain('gecorrigeerd');
  });

  it('opens the dashboard with charts and their tables', async () => {
    await page.getByRole('link', { name: 'Impact' }).click();
    await page.locator('[data-figure="totals"]').waitFor();
    expect(await page.locator('[data-figure="totals"] dd').first().textContent()).toBe('3');
    expect(await page.locator('[data-figure="topics"] canvas').count()).toBe(1);
    expect(await page.locator('[data-figure="topics"] tbody tr').count()).toBe(3);
    expect(await page.locator('[data-figure="ido"]').textContent()).toContain('Digitale overheid');
  });

  it('exports the visits as CSV for Dutch Excel', async () => {
    await page.getByRole('link', { name: 'Bezoeken' }).click();
    const href = await page.getByRole('link', { name: 'Bezoeken (CSV)' }).getAttribute('href');
    const res = await context.request.get(server.url + href);
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('visit_id;begonnen;locatie');
  });

  it('enrols a tablet by the code the console shows, revokes it, and its next sync is refused', async () => {
    await page.getByRole('link', { name: 'Tablets' }).click();
    await page.getByRole('button', { name: 'Nieuwe tablet koppelen' }).click();
    await page.getByRole('img', { name: 'QR-code om de tablet te koppelen' }).waitFor();
    const code = await page.locator('[data-enrol-code]').getAttribute('data-enrol-code');
    const tablet = await (await api('POST', '/api/devices/enrol', { code })).json();
    expect((await pushVisits(tablet.token, tablet, [['digid', 'logius']])).status).toBe(200);
    await page.reload();
    const row = page.locator(`tr[data-device="${tablet.deviceId}"]`);
    await row.waitFor({ timeout: 20_000 });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('e2e');
    await row.getByRole('button', { name: 'Intrekken' }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Ingetrokken');
    expect((await pushVisits(tablet.token, tablet, [['digid', 'logius']], 2)).status).toBe(401);
    expect(cspErrors).toEqual([]);
  });
});
