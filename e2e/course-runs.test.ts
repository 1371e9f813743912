import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { axeViolations } from './axe';
import { kbCourseExport } from './kb-export';
import { CONSOLE_ADMIN, createConsoleAdmin } from './tls-setup';

/**
 * Course runs in the console, in real Chromium: the coordinator makes a run of a demo course
 * with three sessions, adds two participants with consent, taps attendance, records that one
 * stopped and one finished; the course figures and the KB course-registration export count
 * them. axe-core checks both new screens. (The desk tablet's offline course tab is tested in
 * e2e/desk-course-runs.test.ts; the protocol in test/storage/course-runs.test.ts.)
 */
describe('a coordinator keeps a course run in the console', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-courses-e2e-'));
    await createConsoleAdmin(dataDir);
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('makes a run, keeps its participants and counts them in the figures and the KB export', async () => {
    await page.goto(`${server.url}/console`);
    await page.getByLabel('E-mailadres').fill(CONSOLE_ADMIN.email);
    await page.getByLabel('Wachtwoord').fill(CONSOLE_ADMIN.password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('link', { name: 'Cursussen', exact: true }).click();
    await page.getByRole('heading', { name: /Cursussen: deelnemers en resultaten/ }).waitFor();
    await page.getByRole('link', { name: 'Cursusrondes en deelnemers' }).click();
    await page.getByRole('heading', { name: 'Nieuwe cursusronde' }).waitFor();
    await expect.poll(() => page.locator('select[name="itemId"] option').count()).toBeGreaterThan(0);
    const course = (await page.locator('select[name="itemId"] option').first().textContent())!;
    for (const [n, at] of [
      [1, '2026-11-02T10:00'],
      [2, '2026-11-09T10:00'],
      [3, '2026-11-16T10:00'],
    ] as const)
      await page.getByLabel(`Bijeenkomst ${n}`, { exact: true }).fill(at);
    await page.getByRole('button', { name: 'Cursusronde maken' }).click();
    const run = page.locator('section[data-run]').first();
    await run.getByRole('heading', { name: new RegExp(course.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();
    for (const name of ['Ans', 'Bram']) {
      await run.getByLabel('Voornaam of nummer', { exact: true }).fill(name);
      await run.getByLabel(/De deelnemer gaf toestemming/).check();
      await run.getByRole('button', { name: 'Deelnemer toevoegen' }).click();
      await run.getByRole('rowheader', { name }).waitFor();
    }
    for (const box of await run.getByRole('checkbox', { name: /^Ans aanwezig op/ }).all()) {
      await box.check();
    }
    await run
      .getByRole('checkbox', { name: /^Bram aanwezig op/ })
      .first()
      .check();
    await expect.poll(() => run.getByRole('checkbox', { name: /aanwezig op/, checked: true }).count()).toBe(4);
    await run.getByLabel('Einde voor Ans').selectOption('finished');
    await run.getByLabel('Einde voor Bram').selectOption('too_hard');
    await expect.poll(() => run.getByLabel('Einde voor Bram').inputValue()).toBe('too_hard');
    // The figures count only what reached the server: wait until the console says every tap is saved.
    await page.getByRole('status').filter({ hasText: 'Alles is opgeslagen.' }).waitFor();
    expect(await axeViolations(page), 'course runs').toEqual([]);

    await page.getByRole('link', { name: /Cursussen: deelnemers en resultaten/ }).click();
    const totals = page.locator('[data-figure="course-totals"]');
    await expect.poll(() => totals.locator('tr[data-row="participants"] td').first().textContent()).toBe('2');
    await expect.poll(() => totals.locator('tr[data-row="completion"] td').first().textContent()).toBe('50%');
    // Four present marks of 2 participants × 3 sessions held.
    await expect.poll(() => totals.locator('tr[data-row="attendance"] td').first().textContent()).toBe('67%');
    await page.getByRole('rowheader', { name: 'Te moeilijk' }).waitFor();
    expect(await axeViolations(page), 'course figures').toEqual([]);

    const { lines } = await kbCourseExport(page);
    expect(lines[1]!.slice(2)).toEqual(['2026-11-02', '2026-11-16', '3', '2', '1', '1', '67']);

    // The printable quarterly report carries the same course figures, with the survey part beside them.
    await page.getByRole('link', { name: 'Impact', exact: true }).click();
    await page.getByRole('link', { name: 'Afdrukbaar kwartaalrapport' }).click();
    const inReport = page.locator('[data-part="courses"] [data-figure="course-totals"]');
    await expect.poll(() => inReport.locator('tr[data-row="participants"] td').first().textContent(), { timeout: 15_000 }).toBe('2');
    await expect.poll(() => inReport.locator('tr[data-row="completion"] td').first().textContent()).toBe('50%');
    await page.locator('[data-part="survey"] [data-figure="survey-totals"]').waitFor();
    await page.locator('[data-figure="referralFunnel-municipality"]').waitFor();
    expect(await axeViolations(page), 'quarterly report with courses, survey and funnel').toEqual([]);
    // Its download holds the same figures.
    const report = (await page.getByRole('link', { name: 'Rapport downloaden (CSV)' }).getAttribute('href'))!;
    const text = await page.evaluate((url) => fetch(url).then((r) => r.text()), report);
    expect(text).toContain('\r\ndeelnemers;2;');
  });
});
