import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openPglite } from '../src/server/store/database';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { signInIfAsked } from './sign-in';

/**
 * The walk-in desk, offline from start to end: sign in, record a visit with two
 * questions and a catalogue referral, see a note with a citizen service number
 * refused, correct one visit and void another, enter a visit and a tally sheet
 * afterwards, lock; then online, and the server holds exactly what the tablet shows.
 */
describe('the walk-in desk works offline from start to end', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pushes: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    page.on('request', (request) => {
      if (request.url().endsWith('/api/sync/push')) pushes.push(request.postData() ?? '');
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Rows of a store in the tablet's IndexedDB, read in the page. */
  function readStore<T>(store: string): Promise<T[]> {
    return page.evaluate(
      (name) =>
        new Promise<T[]>((resolve, reject) => {
          const open = indexedDB.open('inloop');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const idb = open.result;
            if (!idb.objectStoreNames.contains(name)) {
              idb.close();
              return resolve([]);
            }
            const request = idb.transaction(name).objectStore(name).getAll();
            request.onsuccess = () => {
              idb.close();
              resolve(request.result as T[]);
            };
            request.onerror = () => reject(request.error);
          };
        }),
      store,
    );
  }

  const saved = (text: string) => expect.poll(() => page.getByRole('status').filter({ hasText: text }).count()).toBe(1);
  const todayRows = () => page.locator('section.today:not(.compact) .today-list > li');

  it('enrols, signs in, fetches the catalogue once, and then starts offline', async () => {
    await page.goto(server.enrolLink);
    await page.getByRole('button', { name: 'English' }).click();
    await signInIfAsked(page, server.output());
    await page.getByRole('heading', { name: 'New visit' }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(async () => (await readStore('catalogue')).length, { timeout: 30_000 }).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    await signInIfAsked(page, server.output());
    await page.getByRole('heading', { name: 'New visit' }).waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  });

  it('records a visit with two questions and a catalogue referral', async () => {
    await page.getByRole('button', { name: 'DigiD', exact: true }).click();
    await page.getByRole('button', { name: 'Answered', exact: true }).click();
    await page.getByRole('button', { name: '+ Another question' }).click();
    await page.getByRole('button', { name: 'Tax return', exact: true }).click();
    await page.getByRole('button', { name: 'Referred', exact: true }).click();

    await page.getByRole('button', { name: '+ Add a referral' }).click();
    const dialog = page.getByRole('dialog', { name: 'Referral' });
    await dialog.getByRole('button', { name: 'From the catalogue', exact: true }).click();
    await dialog.getByLabel('Search courses and help').fill('Digisterker');
    await dialog
      .getByRole('button', { name: /^Details of Digisterker/ })
      .first()
      .click();
    await dialog.getByRole('button', { name: 'Refer here' }).click();
    await dialog.getByText(/^Chosen: Digisterker/).waitFor();
    await dialog.getByRole('button', { name: 'Warm (contact made)', exact: true }).click();
    const today = new Date();
    const local = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}T23:30`;
    await dialog.getByLabel('Follow-up appointment (optional)').fill(local);
    await dialog.getByRole('button', { name: 'Add referral', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.question .referral-list').textContent()).toMatch(/Digisterker.*Warm/);

    // Question 2 shows the referral; question 1 is still there.
    await page.getByRole('button', { name: 'Question 1: DigiD' }).click();
    expect(await page.getByRole('button', { name: 'Answered', exact: true }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: 'Save visit' }).click();
    await saved('Saved on this tablet.');
    await expect.poll(() => page.locator('.today-list li.state-pending').count()).toBe(1);
  });

  it('refuses a note that holds a citizen service number, and saves once it is removed', async () => {
    // The common case in one tap: the recent combination from the first visit.
    await page.getByRole('button', { name: 'DigiD – DigiD / MijnOverheid (Logius) – Answered', exact: true }).click();
    expect(await page.getByRole('button', { name: 'DigiD', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Answered', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Short note (optional)').fill('Aanvraag gecontroleerd, BSN 111222333');
    await page.getByRole('button', { name: 'Save visit' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /personal data/i })
          .count(),
      )
      .toBe(1);
    await expect.poll(() => page.locator('.today-list li').count()).toBe(1);
    await expect.poll(() => readStore('outbox')).toHaveLength(1);

    await page.getByLabel('Short note (optional)').fill('Aanvraag gecontroleerd');
    await page.getByRole('button', { name: 'Save visit' }).click();
    await saved('Saved on this tablet.');
    await expect.poll(() => page.locator('.today-list li').count()).toBe(2);
  });

  it('corrects one visit and voids the other, offline', async () => {
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await expect.poll(() => todayRows().count()).toBe(2);
    const [second, first] = [todayRows().nth(0), todayRows().nth(1)]; // newest first

    await first.getByRole('button', { name: /^Correct the visit of/ }).click();
    const edit = page.locator('form.mode-edit');
    await edit.getByRole('button', { name: 'Question 2: Tax return' }).click();
    await edit.getByRole('button', { name: 'Partly answered', exact: true }).click();
    await edit.getByRole('button', { name: 'Duration 15 minutes' }).click();
    await edit.getByRole('button', { name: 'Save correction' }).click();
    await edit.waitFor({ state: 'detached' });

    await second.getByRole('button', { name: /^Void the visit of/ }).click();
    await second.getByRole('button', { name: 'Entered twice', exact: true }).click();
    await second.getByRole('button', { name: 'Void visit', exact: true }).click();

    await expect.poll(() => page.locator('section.today:not(.compact) li.edit-voided').count()).toBe(1);
    await expect.poll(() => page.locator('section.today:not(.compact) li.edit-edited').count()).toBe(1);
    await expect.poll(() => page.locator('section.today:not(.compact) li.edit-edited').textContent()).toMatch(/Corrected/);
    await expect.poll(() => page.locator('section.today:not(.compact) li.edit-voided').textContent()).toMatch(/Voided, not counted/);
    await expect.poll(() => page.getByRole('heading', { name: /Today's visits on this tablet/ }).textContent()).toMatch(/\(1 visit\)/);
    await expect.poll(() => page.locator('section.today:not(.compact) li.state-pending').count()).toBe(2);
    await expect.poll(() => page.getByTestId('sync-status').textContent()).toMatch(/4 waiting/);

    // The follow-up set in the referral is due today.
    const due = page.locator('.follow-ups');
    await expect.poll(() => due.getByRole('heading', { name: 'Follow-ups: overdue and today' }).count()).toBe(1);
    await expect.poll(() => due.textContent()).toMatch(/Digisterker/);
    expect(pushes).toHaveLength(0);
  });

  it('enters a visit from a paper sheet afterwards and a tally sheet, offline', async () => {
    await page.getByRole('link', { name: 'Enter afterwards', exact: true }).click();
    const yesterday = new Date(Date.now() - 24 * 3600_000);
    const ymd = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, '0')}-${String(yesterday.getDate()).padStart(2, '0')}`;
    await page.getByLabel('Date of the visit').fill(ymd);
    await page.getByLabel('Time of the visit').fill('10:30');
    await page.getByRole('button', { name: 'Benefits', exact: true }).click();
    await page.getByRole('button', { name: 'Answered', exact: true }).click();
    await page.getByRole('button', { name: 'Duration 20 minutes' }).click();
    await page.getByRole('button', { name: 'Save visit afterwards' }).click();
    await saved('Saved on this tablet, marked as entered afterwards.');
    await expect.poll(() => page.locator('.backdated-list li').count()).toBe(1);
    await expect.poll(() => page.locator('.backdated-list li').textContent()).toMatch(/Benefits.*entered afterwards/);

    await page.getByRole('button', { name: 'Counts from a tally sheet' }).click();
    await page.getByRole('button', { name: 'Afternoon', exact: true }).click();
    await page.getByRole('button', { name: 'DigiD', exact: true }).click();
    await page.getByLabel('DigiD – Help with a digital service').fill('7');
    await page.getByLabel('DigiD – Referral to the responsible provider or a professional').fill('501');
    await page.getByRole('button', { name: 'Save counts' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Every count is a whole number from 0 to 500.' }).count()).toBe(1);
    await page.getByLabel('DigiD – Referral to the responsible provider or a professional').fill('5');
    await page.getByRole('button', { name: 'Save counts' }).click();
    await saved('Saved on this tablet: 12 questions.');
    await expect.poll(() => page.getByTestId('sync-status').textContent()).toMatch(/6 waiting/);
    expect(pushes).toHaveLength(0);
  });

  it('locks, and shows no visits until a volunteer signs in again', async () => {
    await page.getByRole('button', { name: 'Lock / switch volunteer' }).click();
    await page.getByRole('heading', { name: 'Who are you?' }).waitFor();
    await expect.poll(() => page.locator('.today-list li').count()).toBe(0);
    await signInIfAsked(page, server.output());
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await expect.poll(() => todayRows().count()).toBe(2);
  });

  it('sends everything once online, and the server holds exactly what the tablet shows', async () => {
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 30_000 }).toMatch(/Up to date/);
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await expect.poll(() => page.locator('section.today:not(.compact) li.state-synced').count()).toBe(2);

    type LocalVisit = {
      id: string;
      deviceId: string;
      volunteerId: string | null;
      startedAt: string;
      backdated: boolean;
      durationSeconds: number;
      voided?: boolean;
      voidReason?: string;
      version?: number;
      questions: unknown[];
    };
    const tablet = await readStore<LocalVisit>('visits');
    const shown = await todayRows().evaluateAll((rows) =>
      rows.map((r) => ({ id: r.getAttribute('data-visit-id')!, voided: r.classList.contains('edit-voided') })),
    );
    expect(shown.map((s) => s.id).sort()).toEqual(
      tablet
        .filter((v) => !v.backdated)
        .map((v) => v.id)
        .sort(),
    );
    const deviceId = tablet[0]!.deviceId;
    const corrected = tablet.find((v) => !v.voided && !v.backdated)!;
    const backdated = tablet.find((v) => v.backdated)!;
    const tallies = await readStore<{ id: string; counts: Array<{ count: number }> }>('tallies');
    expect(tallies).toHaveLength(1);
    const voided = tablet.find((v) => v.voided)!;
    expect(corrected.version).toBe(2);
    expect(corrected.durationSeconds).toBe(900);

    await server.stop(); // PGlite is single-process: read its files once the server has shut down
    const db = await openPglite(server.dataDir);
    try {
      const { rows } = await db.query<{
        id: string;
        version: number;
        voided: boolean;
        void_reason: string | null;
        volunteer_id: string | null;
        payload: LocalVisit;
      }>('SELECT id, version, voided_at IS NOT NULL AS voided, void_reason, volunteer_id, payload FROM visits WHERE device_id = $1', [
        deviceId,
      ]);
      expect(rows.map((r) => r.id).sort()).toEqual(tablet.map((v) => v.id).sort());
      const serverCorrected = rows.find((r) => r.id === corrected.id)!;
      const serverVoided = rows.find((r) => r.id === voided.id)!;
      expect(serverCorrected).toMatchObject({ version: 2, voided: false, volunteer_id: corrected.volunteerId });
      expect(serverCorrected.payload.questions).toEqual(corrected.questions);
      expect(serverCorrected.payload.durationSeconds).toBe(900);
      expect(serverVoided).toMatchObject({ version: 2, voided: true, void_reason: 'duplicate' });
      expect(shown.find((s) => s.id === voided.id)!.voided).toBe(true);

      const questions = await db.query<{
        topic: string;
        outcome: string;
        referrals: Array<{ target: { kind: string; label?: string }; mode: string; followUpAt?: string }>;
      }>('SELECT topic, outcome, referrals FROM visit_questions WHERE visit_id = $1 ORDER BY position', [corrected.id]);
      expect(questions.rows.map((q) => [q.topic, q.outcome])).toEqual([
        ['digid', 'answered'],
        ['tax_return', 'partly'],
      ]);
      expect(questions.rows[1]!.referrals).toMatchObject([
        { target: { kind: 'catalogue', label: expect.stringMatching(/^Digisterker/) }, mode: 'warm', followUpAt: expect.any(String) },
      ]);

      const serverBackdated = rows.find((r) => r.id === backdated.id)!;
      expect(serverBackdated).toMatchObject({ version: 1, voided: false });
      expect(serverBackdated.payload).toMatchObject({ backdated: true, startedAt: backdated.startedAt, durationSeconds: 1200 });

      const counted = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM counted_visits WHERE device_id = $1', [deviceId]);
      expect(counted.rows[0]!.n).toBe(2);
      const tally = await db.query<{ day_part: string; topic: string; value: string; count: number }>(
        'SELECT t.day_part, c.topic, c.value, c.count FROM tallies t JOIN tally_counts c ON c.tally_id = t.id WHERE t.id = $1 ORDER BY c.value',
        [tallies[0]!.id],
      );
      expect(tally.rows).toEqual([
        { day_part: 'afternoon', topic: 'digid', value: 'digital_service', count: 7 },
        { day_part: 'afternoon', topic: 'digid', value: 'referral', count: 5 },
      ]);
      const revisions = await db.query<{ visit_id: string; version: number }>(
        'SELECT visit_id, version FROM visit_revisions WHERE visit_id = ANY($1::uuid[]) ORDER BY visit_id, version',
        [[corrected.id, voided.id]],
      );
      expect(revisions.rows).toHaveLength(2);
      const notes = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM visits WHERE note LIKE '%111222333%'");
      expect(notes.rows[0]!.n).toBe(0);
      const conflicts = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_conflicts WHERE device_id = $1', [deviceId]);
      expect(conflicts.rows[0]!.n).toBe(0);
    } finally {
      await db.close();
    }
  });
});
