import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, tabletArgs } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { CONSOLE_ADMIN, TABLET_HOST, createConsoleAdmin, runTlsSetup, type SetupResult } from './tls-setup';
import { get } from './caddy';
import { demoVolunteer, signIn, signInIfAsked } from './sign-in';
import { axeViolations } from './axe';
import { kbCourseExport } from './kb-export';
import { outboxCount } from './tablet-db';
import { prepareDemoData } from './demo-data';
import { createEnrolmentCode } from '../src/server/store/devices';
import { DEMO_LOCATIONS } from '../src/server/seed/demo-ids';

/**
 * A course run on the desk tablet, on a box reached by name over HTTPS: a coordinator makes
 * a run with three sessions and one participant in the console, and a visitor leaves
 * interest in that course at a kiosk of the location. The desk pulls both, goes offline for
 * real, adds a participant with consent, turns the kiosk interest into a participant in one
 * step, marks attendance over the three sessions, records that one stopped and two finished,
 * and hands the tablet to the two for the self-assessment at the start and at the end (once
 * in Arabic, mirrored, read-aloud started); the desk comes back locked each time. Online
 * again, the first push's response is lost, so the tablet sends it all again: the console's
 * course figures and the KB export count every participant, mark and score exactly once.
 * After the retention period the names are gone from the server and the counts stay.
 * axe-core checks the course tab and the self-assessment in Dutch and Arabic.
 */
describe('a desk keeps a course run offline and the console counts it once', () => {
  let server: ServerProcess;
  let browser: Browser;
  let console_: Page;
  let deskContext: BrowserContext;
  let desk: Page;
  let kiosk: Page;
  let kioskCode = '';
  let course = '';
  let setup: SetupResult;
  let dataDir = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-desk-courses-e2e-'));
    setup = await runTlsSetup(dataDir);
    await createConsoleAdmin(dataDir);
    // A kiosk at the desk's own location (the demo desk link enrols at the first demo branch).
    kioskCode = await prepareDemoData(
      dataDir,
      async (db) => (await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'kiosk' })).code,
    );
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    browser = await launchChromium(tabletArgs(TABLET_HOST, [setup.caSpki]));
    console_ = await (await browser.newContext()).newPage();
    deskContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    desk = await deskContext.newPage();
    kiosk = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const noViolations = async (page: Page, screen: string) => expect(await axeViolations(page), screen).toEqual([]);
  /** Anything of the desk on screen: its tabs, the volunteer bar, the course tab. */
  const deskVisible = () => desk.locator('nav.tabs, .volunteer-bar, .course-runs').count();
  const run = () => desk.locator('section.course-run').first();
  const interest = () => run().locator('section.course-interest');
  const participantRow = (name: string) =>
    run()
      .locator('tr')
      .filter({ has: desk.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });

  it('lets the coordinator make a run with three sessions and a participant', async () => {
    await console_.goto(`${server.url}/console`);
    await console_.getByLabel('E-mailadres').fill(CONSOLE_ADMIN.email);
    await console_.getByLabel('Wachtwoord').fill(CONSOLE_ADMIN.password);
    await console_.getByRole('button', { name: 'Aanmelden' }).click();
    await console_.getByRole('link', { name: 'Cursussen', exact: true }).click();
    await console_.getByRole('link', { name: 'Cursusrondes en deelnemers' }).click();
    await console_.getByRole('heading', { name: 'Nieuwe cursusronde' }).waitFor();
    await expect.poll(() => console_.locator('select[name="itemId"] option').count()).toBeGreaterThan(0);
    course = (await console_.locator('select[name="itemId"] option').first().textContent())!;
    for (const [n, at] of [
      [1, '2026-11-02T10:00'],
      [2, '2026-11-09T10:00'],
      [3, '2026-11-16T10:00'],
    ] as const)
      await console_.getByLabel(`Bijeenkomst ${n}`, { exact: true }).fill(at);
    await console_.getByRole('button', { name: 'Cursusronde maken' }).click();
    const made = console_.locator('section[data-run]').first();
    await made.getByLabel('Voornaam of nummer', { exact: true }).fill('Ans');
    await made.getByLabel(/De deelnemer gaf toestemming/).check();
    await made.getByRole('button', { name: 'Deelnemer toevoegen' }).click();
    await made.getByRole('rowheader', { name: 'Ans' }).waitFor();
  });

  it('lets a visitor leave interest in that course at a kiosk of the location', async () => {
    await kiosk.goto(server.enrolLink.replace(/enrol=[A-Z0-9-]+/, `enrol=${kioskCode}`));
    expect(new URL(kiosk.url()).hostname).toBe(TABLET_HOST);
    const heading = (name: string) => kiosk.getByRole('heading', { level: 1, name, exact: true });
    await heading('Waar wilt u hulp bij?').waitFor({ timeout: 30_000 });
    // The catalogue has arrived once a tile shows cards.
    await kiosk.getByRole('button', { name: 'Leren werken met computer of telefoon' }).click();
    await expect.poll(() => kiosk.locator('.kiosk-card').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await kiosk.getByRole('button', { name: 'Naar het begin' }).click();
    await kiosk.getByRole('button', { name: 'Zoeken' }).click();
    await kiosk.getByLabel('Wat zoekt u?').fill(course);
    await kiosk.getByRole('button', { name: 'Zoek', exact: true }).click();
    await kiosk.locator('.kiosk-card').filter({ hasText: course }).first().click();
    await kiosk.getByRole('button', { name: 'Ik wil meedoen. Neem contact met mij op.' }).click();
    await kiosk.getByRole('button', { name: 'Ja, dat is goed' }).click();
    await kiosk.getByLabel('Uw voornaam').fill('Noor');
    await kiosk.getByLabel('Uw telefoonnummer').fill('06 12 34 56 78');
    await kiosk.getByRole('button', { name: 'Versturen' }).click();
    await heading('Dank u wel!').waitFor();
    await expect.poll(() => outboxCount(kiosk), { timeout: 30_000 }).toBe(0);
    await kiosk.context().close();
  });

  it('pulls the run to the desk, and offline adds participants, one from the kiosk, marks three sessions and records ends', async () => {
    await desk.goto(server.enrolLink);
    expect(new URL(desk.url()).hostname).toBe(TABLET_HOST);
    await desk.getByRole('button', { name: 'English' }).click();
    await signInIfAsked(desk, server.output());
    await desk.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => desk.getByTestId('sync-status').textContent(), { timeout: 30_000 }).toMatch(/Up to date/);
    await desk.getByRole('link', { name: 'Courses', exact: true }).click();
    await run().getByRole('heading', { level: 2, name: course }).waitFor();
    await participantRow('Ans').waitFor();
    // The kiosk's interest came with the run: the first name only.
    await expect.poll(() => interest().locator('li').allTextContents(), { timeout: 30_000 }).toEqual([expect.stringMatching(/^Noor/)]);

    // Offline for real, and started again offline: the service worker serves the app, IndexedDB the run.
    await deskContext.setOffline(true);
    await desk.reload();
    await signIn(desk, demoVolunteer(server.output()));
    await expect.poll(() => desk.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect.poll(() => desk.evaluate(() => navigator.onLine)).toBe(false);
    await desk.getByRole('link', { name: 'Courses', exact: true }).click();
    await participantRow('Ans').waitFor();
    await run().getByLabel('Attendance at').selectOption({ index: 0 });
    await run().getByRole('button', { name: 'Ans present at session 1' }).click();
    await expect.poll(() => run().getByRole('button', { name: 'Ans present at session 1' }).getAttribute('aria-pressed')).toBe('true');

    await run().getByLabel('First name or number').fill('Fatima');
    await run().getByRole('button', { name: 'Add participant' }).click();
    await run().getByText('Without consent the participant is not added.').waitFor();
    await run().getByLabel('The participant gives consent').check();
    await run().getByRole('button', { name: 'Add participant' }).click();
    await participantRow('Fatima').waitFor();
    await expect.poll(() => participantRow('Fatima').getByText('new, not sent yet').count()).toBe(1);

    // The course tab in Dutch too, with the kiosk's interest on it.
    await desk.getByRole('button', { name: 'Nederlands' }).click();
    await desk.getByRole('heading', { level: 3, name: 'Aangemeld via de kiosk' }).waitFor();
    await run().getByRole('button', { name: 'Noor deelnemer maken' }).waitFor();
    await noViolations(desk, 'course tab in Dutch');
    await desk.getByRole('button', { name: 'English' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Courses' }).waitFor();

    // One step from kiosk interest to participant, with the consent read out first.
    await interest().getByRole('button', { name: 'Make Noor a participant' }).click();
    await interest().getByText('Without consent the participant is not added.').waitFor();
    await interest().getByLabel('Noor gives consent').check();
    await interest().getByRole('button', { name: 'Make Noor a participant' }).click();
    await participantRow('Noor').waitFor();
    await expect.poll(() => participantRow('Noor').getByText('new, not sent yet').count()).toBe(1);
    await expect.poll(() => interest().count()).toBe(0);

    const tap = async (name: string, n: number) => {
      const button = run().getByRole('button', { name: `${name} present at session ${n}` });
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    };
    await tap('Fatima', 1);
    await tap('Noor', 1);
    for (const n of [2, 3]) {
      await run()
        .getByLabel('Attendance at')
        .selectOption({ index: n - 1 });
      await tap('Fatima', n);
      await tap('Noor', n);
    }
    await run().getByLabel('End for Ans', { exact: true }).selectOption('moved');
    await run().getByLabel('End for Fatima', { exact: true }).selectOption('finished');
    await run().getByLabel('End for Noor', { exact: true }).selectOption('finished');
    expect(await desk.evaluate(() => navigator.onLine)).toBe(false);
    // Two adds, seven present marks, three ends.
    await expect.poll(() => outboxCount(desk)).toBe(12);
    await expect.poll(() => desk.getByTestId('sync-status').textContent()).toMatch(/12 waiting/);
  });

  /** Answers the statements in order: a score, or null to skip; returns the statements shown. */
  async function answer(scores: Array<string | null>, skip: string): Promise<string[]> {
    const shown: string[] = [];
    for (const score of scores) {
      const screen = desk.locator('.survey-screen');
      await expect.poll(() => screen.locator('.survey-choice').count()).toBe(5);
      const statement = (await screen.getAttribute('data-step'))!;
      shown.push(statement);
      if (score) await screen.locator(`.survey-choice[data-choice="${score}"]`).click();
      else await screen.getByRole('button', { name: skip }).click();
      await expect.poll(() => screen.getAttribute('data-step')).not.toBe(statement);
      expect(await deskVisible()).toBe(0);
    }
    return shown;
  }

  let statements: string[] = [];

  it('hands the tablet to the participant for the start self-assessment in Arabic, and comes back locked', async () => {
    await participantRow('Fatima')
      .getByRole('button', { name: /^Self-assessment at the start for Fatima/ })
      .click();
    await desk.getByRole('heading', { level: 1, name: 'Wat kunt u al?' }).waitFor();
    expect(await deskVisible()).toBe(0);
    await noViolations(desk, 'self-assessment start in Dutch');

    await desk.getByRole('button', { name: 'العربية' }).click();
    await expect.poll(() => desk.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' '))).toBe('ar rtl');
    await desk.getByRole('heading', { level: 1, name: 'ماذا تستطيع أن تفعل الآن؟' }).waitFor();
    await desk.getByRole('button', { name: 'ابدأ' }).click();
    await expect.poll(() => desk.locator('.survey-choice').count()).toBe(5);
    await desk.getByRole('button', { name: 'اقرأ بصوت عالٍ' }).click();
    // Headless Chromium may have no Arabic voice: then the screen says so instead of staying silent.
    await expect
      .poll(
        async () =>
          (await desk.evaluate(() => speechSynthesis.speaking)) ||
          (await desk.getByText('لا يمكن لهذا الجهاز القراءة بصوت عالٍ بهذه اللغة.').count()) > 0,
      )
      .toBe(true);
    await desk.getByText('جيد جداً').waitFor();
    await noViolations(desk, 'self-assessment statement in Arabic');
    statements = await answer(['2', null, '4'], 'تخطَّ');
    expect(statements).toHaveLength(3);
    await desk.getByRole('heading', { level: 1, name: 'شكراً لك!' }).waitFor();
    await noViolations(desk, 'self-assessment thanks in Arabic');
    await desk.getByRole('button', { name: 'أعد الجهاز' }).click();

    await desk.getByRole('heading', { name: 'Who are you?' }).waitFor();
    await expect.poll(() => desk.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' '))).toBe('en ltr');
    expect(await deskVisible()).toBe(0);
    await expect.poll(() => outboxCount(desk)).toBe(13);
    await signIn(desk, demoVolunteer(server.output()));
    await desk.getByRole('link', { name: 'Courses', exact: true }).click();
    await participantRow('Fatima')
      .getByRole('button', { name: /^Self-assessment at the start \(done\) for Fatima/ })
      .waitFor();
  });

  it('takes the end self-assessment in Dutch, still offline', async () => {
    await participantRow('Fatima')
      .getByRole('button', { name: /^Self-assessment at the end for Fatima/ })
      .click();
    await desk.getByRole('heading', { level: 1, name: 'Wat kunt u al?' }).waitFor();
    await desk.getByText('Aan het eind van de cursus', { exact: false }).waitFor();
    await desk.getByRole('button', { name: 'Beginnen' }).click();
    await expect.poll(() => desk.locator('.survey-choice').count()).toBe(5);
    await noViolations(desk, 'self-assessment statement in Dutch');
    expect(await answer(['4', '3', '5'], 'Overslaan')).toEqual(statements);
    await desk.getByRole('heading', { level: 1, name: 'Dank u wel!' }).waitFor();
    await desk.getByRole('button', { name: 'Geef de tablet terug' }).click();
    await desk.getByRole('heading', { name: 'Who are you?' }).waitFor();
    await expect.poll(() => outboxCount(desk)).toBe(14);
  });

  it('hands the tablet to the participant from the kiosk for both self-assessments, in Dutch', async () => {
    for (const [moment, waiting] of [
      ['start', 15],
      ['end', 16],
    ] as const) {
      await signIn(desk, demoVolunteer(server.output()));
      await desk.getByRole('link', { name: 'Courses', exact: true }).click();
      await participantRow('Noor')
        .getByRole('button', { name: new RegExp(`^Self-assessment at the ${moment} for Noor`) })
        .click();
      await desk.getByRole('heading', { level: 1, name: 'Wat kunt u al?' }).waitFor();
      await desk.getByRole('button', { name: 'Beginnen' }).click();
      expect(await answer(moment === 'start' ? ['2', '3', '4'] : ['4', '3', '5'], 'Overslaan')).toEqual(statements);
      await desk.getByRole('heading', { level: 1, name: 'Dank u wel!' }).waitFor();
      await desk.getByRole('button', { name: 'Geef de tablet terug' }).click();
      await desk.getByRole('heading', { name: 'Who are you?' }).waitFor();
      expect(await deskVisible()).toBe(0);
      await expect.poll(() => outboxCount(desk)).toBe(waiting);
    }
  });

  it('sends everything once online, even when the first answer is lost, and the console counts it exactly', async () => {
    // The server applies the first push, but its answer never reaches the tablet: the tablet sends it all again.
    let lost = 0;
    await deskContext.route('**/api/sync/push', async (route) => {
      if (lost === 0) {
        lost++;
        // Delivered to the server by name, as the tablet would (Node does not know the tablet's host rule).
        const request = route.request();
        const headers = Object.fromEntries(
          Object.entries(request.headers()).filter(([name]) => ['authorization', 'inloop-protocol'].includes(name)),
        );
        const delivered = await get({
          port: Number(new URL(server.url).port),
          servername: TABLET_HOST,
          ca: setup.caPem,
          path: '/api/sync/push',
          method: 'POST',
          body: request.postData() ?? '',
          headers,
        });
        expect(delivered.status).toBe(200);
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await deskContext.setOffline(false);
    await expect.poll(() => outboxCount(desk), { timeout: 90_000 }).toBe(0);
    expect(lost).toBe(1);
    await signIn(desk, demoVolunteer(server.output()));
    await desk.getByRole('link', { name: 'Courses', exact: true }).click();
    // Numbered by the server now: no longer "new".
    await expect.poll(() => participantRow('Fatima').getByText('new, not sent yet').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => run().getByRole('rowheader').count()).toBe(3);

    await console_.getByRole('link', { name: /Cursussen: deelnemers en resultaten/ }).click();
    await expectCountedOnce();
    await noViolations(console_, 'console course figures');
  });

  /** The console's course figures and the KB export: three participants, seven of nine present, two of three finished. */
  async function expectCountedOnce() {
    const totals = console_.locator('[data-figure="course-totals"]');
    await expect.poll(() => totals.locator('tr[data-row="participants"] td').first().textContent(), { timeout: 15_000 }).toBe('3');
    await expect.poll(() => totals.locator('tr[data-row="attendance"] td').first().textContent()).toBe('78%');
    await expect.poll(() => totals.locator('tr[data-row="completion"] td').first().textContent()).toBe('67%');
    await console_.getByRole('rowheader', { name: 'Verhuisd' }).waitFor();
    // Fatima and Noor scored the first statement 2 then 4 and the third 4 then 5 (Fatima skipped the second at the start).
    const first = console_.locator(`[data-figure="statements"] tr[data-statement="${statements[0]}"]`);
    await expect.poll(() => first.locator('td').first().textContent()).toBe('2');
    expect((await first.locator('td').allTextContents()).slice(0, 4)).toEqual(['2', '2', '4', '+2']);
    const third = console_.locator(`[data-figure="statements"] tr[data-statement="${statements[2]}"]`);
    expect((await third.locator('td').allTextContents()).slice(0, 4)).toEqual(['2', '4', '5', '+1']);

    const { csv, lines } = await kbCourseExport(console_);
    expect(lines).toHaveLength(2);
    // First and last session, sessions, participants, finished, stopped, attendance %: the same as the figures.
    expect(lines[1]!.slice(2)).toEqual(['2026-11-02', '2026-11-16', '3', '3', '2', '1', '78']);
    return csv;
  }

  it('blanks the names after the retention period, and the counts stay', async () => {
    // The run's last session was on 16 November: with one day of retention, the server blanks the names when it starts.
    const port = new URL(server.url).port;
    await server.stop();
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir, PORT: port, INLOOP_COURSE_PARTICIPANT_RETENTION_DAYS: '1' });
    expect(new URL(server.url).port).toBe(port);
    await console_.getByRole('link', { name: 'Cursusrondes en deelnemers' }).click();
    const names = () => console_.locator('section[data-run]').first().getByRole('rowheader').allTextContents();
    await expect
      .poll(
        async () => {
          await console_.reload();
          await console_.getByRole('heading', { name: 'Nieuwe cursusronde' }).waitFor();
          return names();
        },
        { timeout: 30_000 },
      )
      .toEqual(['Deelnemer 1', 'Deelnemer 2', 'Deelnemer 3']);
    await console_
      .getByRole('link', { name: /Cursussen: deelnemers en resultaten/ })
      .first()
      .click();
    const csv = await expectCountedOnce();
    expect(csv).not.toMatch(/Ans|Fatima|Noor/);
  });
});
