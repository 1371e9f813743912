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
import { axeViolations } from './axe';

/**
 * The coordinator console in real Chromium against the real server: sign in, filter the
 * visit log, approve a visit, correct one, open the dashboard, export CSV, enrol a tablet
 * by the code the console shows, revoke it and see its next sync refused; create a course
 * with a session, see the kiosk preview, and find it in a desk tablet's catalogue pull; an
 * edit of an item someone else changed meanwhile is refused and says so.
 */
const PASSWORD = 'een lang wachtwoord';

describe('the coordinator console', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspErrors: string[] = [];
  let deskToken = '';
  let desk: { deviceId: string; token: string; location: { id: string } };

  async function api(method: string, url: string, body?: unknown, token?: string) {
    return fetch(server.url + url, {
      method,
      headers: {
        'content-type': 'application/json',
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function pushVisits(
    token: string,
    device: { deviceId: string; location: { id: string } },
    topics: Array<[string, string]>,
    firstSeq = 1,
  ) {
    const entries = topics.map(([topic, organisation], i) => {
      const id = uuidv7();
      return {
        seq: firstSeq + i,
        recordId: id,
        type: 'visit.create@1',
        createdAt: new Date().toISOString(),
        payload: {
          id,
          deviceId: device.deviceId,
          locationId: device.location.id,
          volunteerId: null,
          startedAt: new Date(Date.now() - (i + 1) * 3600_000).toISOString(),
          durationSeconds: 600,
          channel: 'walk_in',
          questions: [{ helpKind: 'digital_service', domain: 'digital_government', organisation, topic, outcome: 'answered' }],
        },
      };
    });
    return api('POST', '/api/sync/push', { appVersion: 'e2e', entries }, token);
  }

  beforeAll(async () => {
    // The first administrator comes from the command line, before the server owns the PGlite directory.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-console-e2e-'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli.ts', 'user:create', '--email', 'beheer@example.org', '--role', 'admin'],
      {
        env: { ...process.env, INLOOP_DATA_DIR: dataDir, INLOOP_PASSWORD: PASSWORD },
      },
    );
    expect(stdout).toContain('Created admin beheer@example.org');
    // Room in the per-address sign-in limit for the slow-down test's wrong passwords.
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir, INLOOP_RATE_LIMIT_ENROL: '30' });
    const code = new URL(server.enrolLink).searchParams.get('enrol')!;
    desk = await (await api('POST', '/api/devices/enrol', { code })).json();
    deskToken = desk.token;
    const pushed = await pushVisits(desk.token, desk, [
      ['digid', 'logius'],
      ['tax_return', 'belastingdienst'],
      ['allowance', 'toeslagen'],
    ]);
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
    await expect.poll(() => page.locator('tr[data-visit]').first().textContent()).toContain('Belastingaangifte');
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
    await expect
      .poll(() => page.locator('tr[data-visit]').filter({ hasText: 'DigiD' }).textContent(), { timeout: 15_000 })
      .toContain('gecorrigeerd');
  });

  it('opens the dashboard with charts and their tables', async () => {
    await page.getByRole('link', { name: 'Impact' }).click();
    await page.locator('[data-figure="totals"]').waitFor();
    await expect.poll(() => page.locator('[data-figure="totals"] dd').first().textContent()).toBe('3');
    await expect.poll(() => page.locator('[data-figure="topics"] canvas').count()).toBe(1);
    await expect.poll(() => page.locator('[data-figure="topics"] tbody tr').count()).toBe(3);
    await expect.poll(() => page.locator('[data-figure="ido"]').textContent()).toContain('Digitale overheid');
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

  it("shows a tablet's rejected entries, redacted, counted on the tablet list, and marks one handled", async () => {
    // The desk sends a visit whose note holds a home address: the server refuses it and keeps it redacted.
    const id = uuidv7();
    const payload = {
      id,
      deviceId: desk.deviceId,
      locationId: desk.location.id,
      volunteerId: null,
      startedAt: new Date().toISOString(),
      durationSeconds: 600,
      channel: 'walk_in',
      note: 'woont op Kerkstraat 12',
      questions: [
        { helpKind: 'digital_service', domain: 'digital_government', organisation: 'logius', topic: 'digid', outcome: 'answered' },
      ],
    };
    const pushed = await api(
      'POST',
      '/api/sync/push',
      { appVersion: 'e2e', entries: [{ seq: 4, recordId: id, type: 'visit.create@1', createdAt: new Date().toISOString(), payload }] },
      deskToken,
    );
    expect(await pushed.json()).toMatchObject({ ack: 4, applied: 0, rejected: [{ seq: 4 }] });
    await page.getByRole('link', { name: 'Tablets' }).click();
    await page.reload();
    const count = page.locator(`tr[data-device="${desk.deviceId}"] a.rejected-count`);
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe('1');
    await count.click();
    await page.getByRole('heading', { name: 'Geweigerde invoer van deze tablet', level: 1 }).waitFor();
    const row = page.locator('tr[data-rejected-entry]');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.locator('[data-reason]').textContent()).toContain('contains personal data: address');
    await row.getByText('Inhoud tonen').click();
    expect(await row.locator('[data-payload]').textContent()).toContain('woont op [address]');
    expect(await row.textContent()).not.toContain('Kerkstraat');
    expect(await axeViolations(page), 'the rejected entries of a tablet').toEqual([]);
    await row.getByRole('button', { name: 'Markeren als afgehandeld (volgnummer 4)' }).click();
    await page.getByRole('status').filter({ hasText: 'Volgnummer 4 is gemarkeerd als afgehandeld.' }).waitFor();
    await page.locator('[data-rejected-empty]').waitFor();
    await page.getByRole('link', { name: 'Terug naar de tablets' }).click();
    await expect
      .poll(() => page.locator(`tr[data-device="${desk.deviceId}"] a.rejected-count`).textContent(), { timeout: 15_000 })
      .toBe('0');
  });

  it('creates a course with a session, shows it as a kiosk would, and a desk tablet pulls it', async () => {
    type Pull = {
      changes: Array<{
        entity: string;
        id: string;
        deleted: boolean;
        data?: { name: { nl: string }; sessions: Array<{ rrule?: string; seats?: number }> };
      }>;
      cursor: string;
      more: boolean;
    };
    const pull = async (cursor: string) => {
      const changes: Pull['changes'] = [];
      for (;;) {
        const res = await api('GET', `/api/sync/catalogue?cursor=${encodeURIComponent(cursor)}&limit=500`, undefined, deskToken);
        expect(res.status).toBe(200);
        const page = (await res.json()) as Pull;
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.more) return { changes, cursor };
      }
    };
    const before = await pull('0');

    await page.getByRole('link', { name: 'Catalogus' }).click();
    await page.getByRole('heading', { name: 'Cursussen en hulp', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Nieuwe cursus' }).click();
    await page.getByRole('heading', { name: 'Nieuwe cursus', level: 1 }).waitFor();
    // The form checks with the shared schema before sending anything.
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.getByRole('alert').filter({ hasText: 'Niet opgeslagen' }).waitFor();
    await expect.poll(() => page.locator('.field-error').filter({ hasText: 'Vul dit in.' }).count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.locator('.field-error').filter({ hasText: 'Kies er minstens één.' }).count()).toBeGreaterThanOrEqual(1);

    await page.getByLabel('Naam (Nederlands)').fill('Tabletcafé voor beginners');
    await page.getByLabel('Beschrijving (Nederlands)').fill('Vier ochtenden samen oefenen met de tablet.');
    await page.getByLabel('Naam (English)').fill('Tablet café for beginners');
    await page.getByLabel('Organisatie').selectOption({ label: 'Bibliotheek Voorbeeldstad (demo)' });
    await page.getByRole('checkbox', { name: 'Digitale vaardigheden' }).check();
    await page.getByRole('checkbox', { name: 'Centrale Bibliotheek (demo), Voorbeeldstad' }).check();
    await page.getByRole('checkbox', { name: 'Telefoon' }).check();
    await page.getByRole('button', { name: 'Bijeenkomst toevoegen' }).click();
    const session = page.getByRole('group', { name: 'Bijeenkomst 1' });
    await session.getByLabel('Begint (Nederlandse tijd)').fill('2027-01-12T10:00');
    await session.getByLabel('Eindigt').fill('2027-01-12T09:00');
    await session.getByLabel('Herhaling (RRULE, bijv. FREQ=WEEKLY;COUNT=4)').fill('FREQ=WEEKLY;COUNT=4');
    await session.getByLabel('Plaatsen').fill('8');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await session.getByText('Het einde ligt vóór het begin.').waitFor();
    expect(await axeViolations(page), 'the editor showing field errors').toEqual([]);
    await session.getByLabel('Eindigt').fill('2027-01-12T12:00');

    // The kiosk preview: the card and the detail, in Dutch and in English (the item has an English name).
    const preview = page.getByTestId('kiosk-preview');
    await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toContain('Tabletcafé voor beginners');
    await expect.poll(() => preview.textContent()).toContain('Volgende keer: dinsdag 12 januari');
    await expect.poll(() => preview.textContent()).toContain('Gratis');
    await expect.poll(() => preview.textContent()).toContain('Uw telefoon');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toContain('Tablet café for beginners');
    await expect.poll(() => preview.textContent()).toContain('Next time: Tuesday 12 January');
    await expect.poll(() => preview.textContent()).toContain('This text is only available in Dutch.');

    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/#\/catalogue\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1)!;
    expect(await axeViolations(page), 'the editor with the kiosk preview').toEqual([]);

    const after = await pull(before.cursor);
    expect(after.changes.map((c) => c.id)).toEqual([id]);
    const data = after.changes[0]!.data!;
    expect(data.name.nl).toBe('Tabletcafé voor beginners');
    expect(data.sessions).toEqual([
      {
        start: '2027-01-12T10:00:00+01:00',
        end: '2027-01-12T12:00:00+01:00',
        rrule: 'FREQ=WEEKLY;COUNT=4',
        locationId: '01900000-0000-7000-8000-000000000011',
        seats: 8,
      },
    ]);
    expect(cspErrors).toEqual([]);
  });

  it('refuses an edit of an item someone else changed meanwhile, and says so', async () => {
    const id = page.url().split('/').at(-1)!;
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(`${server.url}/console#/catalogue/${id}`);
    await second.getByLabel('E-mailadres').fill('beheer@example.org');
    await second.getByLabel('Wachtwoord').fill(PASSWORD);
    await second.getByRole('button', { name: 'Aanmelden' }).click();
    await second.getByRole('heading', { name: 'Tabletcafé voor beginners', level: 1 }).waitFor();
    await second.getByLabel('Naam (Nederlands)').fill('Tabletcafé (voorjaar)');
    await second.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await second.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor();
    await other.close();

    // The first window still holds the version it opened.
    await page.getByLabel('Beschrijving (Nederlands)').fill('Vijf ochtenden samen oefenen met de tablet.');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'iemand anders heeft dit onderdeel gewijzigd' }).waitFor();
    const item = await (await api('GET', `/api/sync/catalogue?cursor=0&limit=1000`, undefined, deskToken)).json();
    const stored = (item.changes as Array<{ id: string; data: { name: { nl: string }; description: { nl: string } } }>).find(
      (c) => c.id === id,
    )!.data;
    expect(stored.name.nl).toBe('Tabletcafé (voorjaar)');
    expect(stored.description.nl).toBe('Vier ochtenden samen oefenen met de tablet.');
  });

  it('slows an account down after too many wrong passwords, and says for how long', async () => {
    const other = await browser.newContext();
    const guesser = await other.newPage();
    await guesser.goto(`${server.url}/console`);
    await guesser.getByLabel('E-mailadres').fill('beheer@example.org');
    const attempt = async (password: string) => {
      await guesser.getByLabel('Wachtwoord').fill(password);
      const [response] = await Promise.all([
        guesser.waitForResponse((r) => r.url().endsWith('/api/console/session') && r.request().method() === 'POST'),
        guesser.getByRole('button', { name: 'Aanmelden' }).click(),
      ]);
      await guesser.getByRole('button', { name: 'Aanmelden' }).and(guesser.locator(':enabled')).waitFor();
      return { status: response.status(), alert: await guesser.getByRole('alert').textContent() };
    };
    for (let i = 1; i <= 5; i++)
      expect(await attempt(`geraden ${i}`)).toEqual({ status: 401, alert: 'E-mailadres of wachtwoord klopt niet.' });
    expect(await attempt('geraden 6')).toEqual({
      status: 401,
      alert: 'E-mailadres of wachtwoord klopt niet. Probeer het over 30 seconden opnieuw.',
    });
    // Even the right password waits now.
    expect(await attempt(PASSWORD)).toMatchObject({
      status: 429,
      alert: expect.stringContaining('Te vaak een verkeerd wachtwoord voor dit account.'),
    });
    expect(await guesser.getByRole('heading', { name: 'Bezoeken', level: 1 }).count()).toBe(0);
    await other.close();
  });
});
