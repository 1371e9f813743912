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
import { outboxCount } from './tablet-db';

/**
 * A course run on the desk tablet, on a box reached by name over HTTPS: a coordinator makes
 * a run with three sessions and one participant in the console; the desk pulls it, goes
 * offline for real, marks attendance, adds a participant with consent, records that one
 * finished, and hands the tablet to the new participant for the self-assessment at the
 * start (in Arabic, mirrored, read-aloud started) and at the end (in Dutch); the desk comes
 * back locked. Online again, the first push's response is lost, so the tablet sends it all
 * again: the console's course figures count every participant, mark and score exactly once.
 * axe-core checks the course tab and the self-assessment in Dutch and Arabic.
 */
describe('a desk keeps a course run offline and the console counts it once', () => {
  let server: ServerProcess;
  let browser: Browser;
  let console_: Page;
  let deskContext: BrowserContext;
  let desk: Page;
  let course = '';
  let setup: SetupResult;

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-desk-courses-e2e-'));
    setup = await runTlsSetup(dataDir);
    await createConsoleAdmin(dataDir);
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    browser = await launchChromium(tabletArgs(TABLET_HOST, [setup.caSpki]));
    console_ = await (await browser.newContext()).newPage();
    deskContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    desk = await deskContext.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const noViolations = async (page: Page, screen: string) => expect(await axeViolations(page), screen).toEqual([]);
  /** Anything of the desk on screen: its tabs, the volunteer bar, the course tab. */
  const deskVisible = () => desk.locator('nav.tabs, .volunteer-bar, .course-runs').count();
  const run = () => desk.locator('section.course-run').first();
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

  it('pulls the run to the desk, and offline marks attendance, adds a participant and records an end', async () => {
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

    // Offline for real, and started again offline: the service worker serves the app, IndexedDB the run.
    await deskContext.setOffline(true);
    await desk.reload();
    await signIn(desk, demoVolunteer(server.output()));
    await expect.poll(() => desk.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
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
    await run().getByRole('button', { name: 'Fatima present at session 1' }).click();
    await expect.poll(() => run().getByRole('button', { name: 'Fatima present at session 1' }).getAttribute('aria-pressed')).toBe('true');
    await run().getByLabel('End for Ans', { exact: true }).selectOption('finished');
    await expect.poll(() => outboxCount(desk)).toBe(4);
    await expect.poll(() => desk.getByTestId('sync-status').textContent()).toMatch(/4 waiting/);

    // The course tab in Dutch too.
    await desk.getByRole('button', { name: 'Nederlands' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Cursussen' }).waitFor();
    await run().getByRole('button', { name: 'Fatima aanwezig bij bijeenkomst 1' }).waitFor();
    await noViolations(desk, 'course tab in Dutch');
    await desk.getByRole('button', { name: 'English' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Courses' }).waitFor();
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
    await expect.poll(() => outboxCount(desk)).toBe(5);
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
    await expect.poll(() => outboxCount(desk)).toBe(6);
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
    await expect.poll(() => run().getByRole('rowheader').count()).toBe(2);

    await console_.getByRole('link', { name: /Cursussen: deelnemers en resultaten/ }).click();
    const totals = console_.locator('[data-figure="course-totals"]');
    await expect.poll(() => totals.locator('tr[data-row="participants"] td').first().textContent(), { timeout: 15_000 }).toBe('2');
    // Two present marks of 2 participants × 3 sessions held; Ans finished, Fatima still taking part.
    await expect.poll(() => totals.locator('tr[data-row="attendance"] td').first().textContent()).toBe('33%');
    await expect.poll(() => totals.locator('tr[data-row="completion"] td').first().textContent()).toBe('100%');
    const first = console_.locator(`[data-figure="statements"] tr[data-statement="${statements[0]}"]`);
    await expect.poll(() => first.locator('td').allTextContents()).toEqual(['1', '2', '4', '+2', '–']);
    const third = console_.locator(`[data-figure="statements"] tr[data-statement="${statements[2]}"]`);
    await expect.poll(() => third.locator('td').allTextContents()).toEqual(['1', '4', '5', '+1', '–']);
    await noViolations(console_, 'console course figures');
  });
});
