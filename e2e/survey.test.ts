import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { demoVolunteer, signIn, signInIfAsked } from './sign-in';
import { axeViolations } from './axe';
import { outboxCount } from './tablet-db';
import { pdfText } from './pdf-text';
import { CONSOLE_ADMIN, createConsoleAdmin } from './tls-setup';

/**
 * The visitor survey, end to end: the coordinator sets the municipalities of a location;
 * a volunteer records a visit for a visitor from Amsterdam and hands the tablet over; the
 * visitor answers in Arabic (mirrored) with read-aloud started, skips a question and hands
 * the tablet back; the desk is locked and the visitor never saw it; the volunteer's PIN opens
 * it; after sync the console counts the answer under the visit's topic and municipality.
 * The alderman's page of a municipality shows its IDO counts, survey outcomes and the course
 * results of its participants only (a run with participants from two municipalities).
 * axe-core checks every new screen, the survey in Dutch and Arabic.
 */
describe('a visitor answers the survey on the desk tablet handed over', () => {
  let server: ServerProcess;
  let browser: Browser;
  let deskContext: BrowserContext;
  let desk: Page;
  let console_: Page;

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-survey-e2e-'));
    await createConsoleAdmin(dataDir);
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    browser = await launchChromium();
    console_ = await (await browser.newContext()).newPage();
    deskContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    desk = await deskContext.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const noViolations = async (page: Page, screen: string) => expect(await axeViolations(page), screen).toEqual([]);
  /** Anything of the desk on screen: its tabs, the volunteer bar, the visit form or today's list. */
  const deskVisible = () => desk.locator('nav.tabs, .volunteer-bar, form.visit-form, .today-list').count();

  it('lets the coordinator set the municipalities the location serves', async () => {
    await console_.goto(`${server.url}/console`);
    await console_.getByLabel('E-mailadres').fill(CONSOLE_ADMIN.email);
    await console_.getByLabel('Wachtwoord').fill(CONSOLE_ADMIN.password);
    await console_.getByRole('button', { name: 'Aanmelden' }).click();
    await console_.getByRole('link', { name: 'Gemeenten' }).click();
    await console_.getByRole('heading', { name: 'Gemeenten per vestiging' }).waitFor();
    await console_.getByLabel('Locatie').selectOption({ label: 'Centrale Bibliotheek (demo)' });
    await console_.getByText('Nog geen gemeenten').waitFor();
    for (const [code, name] of [
      ['GM0363', 'Amsterdam'],
      ['gm0437', 'Ouder-Amstel'],
    ]) {
      await console_.getByLabel('CBS-code').fill(code!);
      await console_.getByLabel('Naam', { exact: true }).fill(name!);
      await console_.getByRole('button', { name: 'Gemeente toevoegen' }).click();
      await expect.poll(() => console_.locator('.municipality-list li').filter({ hasText: name! }).count()).toBe(1);
    }
    await expect.poll(() => console_.locator('.municipality-list li[data-code="GM0437"]').count()).toBe(1);
    await noViolations(console_, 'console municipalities');
  });

  it("records a visit with the visitor's municipality and hands the tablet over, locked", async () => {
    await desk.goto(server.enrolLink);
    await desk.getByRole('button', { name: 'English' }).click();
    await signInIfAsked(desk, server.output());
    await desk.getByRole('heading', { name: 'New visit' }).waitFor();
    await desk.getByText(/^Visit: /).click();
    const municipality = desk.getByRole('group', { name: "Visitor's municipality" });
    await municipality.getByRole('button', { name: 'Amsterdam' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => municipality.getByRole('button', { name: 'Not asked' }).getAttribute('aria-pressed')).toBe('true');
    await municipality.getByRole('button', { name: 'Amsterdam' }).click();
    await desk.getByRole('button', { name: 'DigiD', exact: true }).click();
    await desk.getByRole('button', { name: 'Answered', exact: true }).click();
    await desk.getByRole('button', { name: 'Save visit' }).click();
    await expect.poll(() => desk.getByRole('status').filter({ hasText: 'Saved on this tablet.' }).count()).toBe(1);

    await desk.getByRole('button', { name: 'Short survey for the visitor' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Korte vragenlijst' }).waitFor();
    expect(await deskVisible()).toBe(0);
    await noViolations(desk, 'survey start in Dutch');
    await desk.getByRole('button', { name: 'Beginnen' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Bent u goed geholpen?' }).waitFor();
    await noViolations(desk, 'survey question in Dutch');
    await desk.getByRole('button', { name: 'Terug' }).click();
    await desk.getByRole('button', { name: 'Beginnen' }).waitFor();
  });

  it('is answered in Arabic, mirrored, with read-aloud started, one question skipped', async () => {
    await desk.getByRole('button', { name: 'العربية' }).click();
    await expect.poll(() => desk.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' '))).toBe('ar rtl');
    await desk.getByRole('heading', { level: 1, name: 'استبيان قصير' }).waitFor();
    await desk.getByRole('button', { name: 'ابدأ' }).click();
    await desk.getByRole('heading', { level: 1, name: 'هل تمت مساعدتك بشكل جيد؟' }).waitFor();
    await desk.getByRole('button', { name: 'اقرأ بصوت عالٍ' }).click();
    // Headless Chromium may have no Arabic voice: then the survey says so instead of staying silent.
    await expect
      .poll(
        async () =>
          (await desk.evaluate(() => speechSynthesis.speaking)) ||
          (await desk.getByText('لا يمكن لهذا الجهاز القراءة بصوت عالٍ بهذه اللغة.').count()) > 0,
      )
      .toBe(true);
    await noViolations(desk, 'survey question in Arabic');
    const choose = async (choice: string, next: string) => {
      await desk.locator(`.survey-choice[data-choice="${choice}"]`).click();
      await desk.getByRole('heading', { level: 1, name: next }).waitFor();
      expect(await deskVisible()).toBe(0);
    };
    await choose('yes', 'هل يمكنك القيام بذلك بنفسك في المرة القادمة؟');
    await desk.getByRole('button', { name: 'تخطَّ' }).click();
    await desk.getByRole('heading', { level: 1, name: 'هل تشعر بثقة أكبر في الأمور الرقمية؟' }).waitFor();
    await choose('4', 'هل تريد أن تتعلم المزيد؟');
    await choose('no', 'هل تنصح الآخرين بالمكتبة؟');
    await choose('yes', 'هل تريد أن تقول شيئاً آخر؟');
    await noViolations(desk, 'survey comment in Arabic');
    await desk.getByRole('button', { name: 'إرسال' }).click();
    await desk.getByRole('heading', { level: 1, name: 'شكراً لك!' }).waitFor();
    await noViolations(desk, 'survey thanks in Arabic');
  });

  it("goes back locked: only the volunteer's PIN opens the desk again", async () => {
    await desk.getByRole('button', { name: 'أعد الجهاز' }).click();
    await desk.getByRole('heading', { name: 'Who are you?' }).waitFor();
    await expect.poll(() => desk.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' '))).toBe('en ltr');
    expect(await deskVisible()).toBe(0);
    // The answers left for the server (the visit went before them).
    await expect.poll(() => outboxCount(desk), { timeout: 30_000 }).toBe(0);
    await signIn(desk, demoVolunteer(server.output()));
    await desk.getByRole('heading', { name: 'New visit' }).waitFor();
  });

  it("counts the answer in the console under the visit's topic and municipality", async () => {
    await console_.getByRole('link', { name: 'Vragenlijst' }).click();
    await console_.getByRole('heading', { level: 1, name: /Vragenlijst van bezoekers/ }).waitFor();
    const totals = console_.locator('[data-figure="survey-totals"]');
    await expect.poll(() => totals.locator('tr[data-row="answeredShare"] td').first().textContent(), { timeout: 15_000 }).toBe('100%');
    await expect.poll(() => totals.locator('tr[data-row="helpedShare"] td').first().textContent()).toBe('100%');
    // Skipped: no share of an unanswered question.
    await expect.poll(() => totals.locator('tr[data-row="selfShare"] td').first().textContent()).toBe('–');
    await expect.poll(() => totals.locator('tr[data-row="confidentShare"] td').first().textContent()).toBe('100%');
    const topic = console_.locator('[data-figure="survey-topics"] tr[data-key="digid"]');
    await expect.poll(() => topic.locator('th').textContent()).toBe('DigiD');
    await expect.poll(() => topic.locator('td').nth(1).textContent()).toBe('100%');
    const place = console_.locator('[data-figure="survey-municipalities"] tr[data-key="GM0363"]');
    await expect.poll(() => place.locator('th').textContent()).toBe('Amsterdam');
    await expect.poll(() => place.locator('td').nth(1).textContent()).toBe('100%');
    await noViolations(console_, 'console survey figures');

    await console_.getByRole('link', { name: 'Pagina voor de wethouder' }).click();
    await console_.getByText('Kies eerst een gemeente.').waitFor();
    await console_.getByLabel('Gemeente').selectOption({ label: 'Amsterdam' });
    await console_.getByRole('button', { name: 'Toepassen' }).click();
    await console_.getByRole('heading', { level: 1, name: /Resultaten voor de gemeente Amsterdam/ }).waitFor();
    await expect.poll(() => console_.locator('[data-figure="alderman-ido"] tr').first().locator('td').textContent()).toBe('1');
    await noViolations(console_, 'alderman page');
  });

  it("shows on the alderman page the course results of that municipality's participants only", async () => {
    // A run whose three sessions were held in the last hour: two participants from Amsterdam, one from Ouder-Amstel.
    await console_.getByRole('link', { name: 'Cursussen', exact: true }).click();
    await console_.getByRole('link', { name: 'Cursusrondes en deelnemers' }).click();
    await console_.getByRole('heading', { name: 'Nieuwe cursusronde' }).waitFor();
    await expect.poll(() => console_.locator('select[name="itemId"] option').count()).toBeGreaterThan(0);
    const sessions = await console_.evaluate(() =>
      [45, 30, 15].map((minutes) => {
        const at = new Date(Date.now() - minutes * 60_000);
        const two = (n: number) => String(n).padStart(2, '0');
        return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
      }),
    );
    for (const [i, at] of sessions.entries()) await console_.getByLabel(`Bijeenkomst ${i + 1}`, { exact: true }).fill(at);
    await console_.getByRole('button', { name: 'Cursusronde maken' }).click();
    const run = console_.locator('section[data-run]').first();
    await run.getByRole('button', { name: 'Deelnemer toevoegen' }).waitFor();
    const runId = (await run.getAttribute('data-run'))!;
    // The console's form has no municipality (desks record it): the API the desks' participants reach the server by does.
    const statuses = await console_.evaluate(async (runId) => {
      const { csrfToken } = (await (await fetch('/api/console/session')).json()) as { csrfToken: string };
      const added: number[] = [];
      for (const [value, municipality] of [
        ['Ans', 'GM0363'],
        ['Bram', 'GM0363'],
        ['Kees', 'GM0437'],
      ]) {
        const res = await fetch(`/api/console/courses/runs/${runId}/participants`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
          body: JSON.stringify({ display: { kind: 'name', value }, consent: true, municipality }),
        });
        added.push(res.status);
      }
      return added;
    }, runId);
    expect(statuses).toEqual([200, 200, 200]);
    await console_.reload();
    await run.getByRole('rowheader', { name: 'Kees' }).waitFor({ timeout: 15_000 });
    for (const name of ['Ans', 'Kees'])
      for (const box of await run.getByRole('checkbox', { name: new RegExp(`^${name} aanwezig op`) }).all()) await box.check();
    await run
      .getByRole('checkbox', { name: /^Bram aanwezig op/ })
      .first()
      .check();
    await expect.poll(() => run.getByRole('checkbox', { name: /aanwezig op/, checked: true }).count()).toBe(7);
    await run.getByLabel('Einde voor Ans').selectOption('finished');
    await run.getByLabel('Einde voor Bram').selectOption('too_hard');
    await run.getByLabel('Einde voor Kees').selectOption('health');
    await expect.poll(() => run.getByLabel('Einde voor Kees').inputValue()).toBe('health');
    await expect.poll(() => run.getByLabel('Einde voor Bram').inputValue()).toBe('too_hard');

    await console_.getByRole('link', { name: 'Vragenlijst' }).click();
    await console_.getByRole('link', { name: 'Pagina voor de wethouder' }).click();
    await console_.getByText('Kies eerst een gemeente.').waitFor();
    const part = console_.locator('[data-part="alderman-courses"]');
    const totals = part.locator('[data-figure="course-totals"]');
    const now = (row: string) => totals.locator(`tr[data-row="${row}"] td`).first().textContent();
    const show = async (name: string) => {
      // By its name: the page's region, named after the municipality shown, has "Gemeente" in its name too.
      await console_.locator('select[name="municipality"]').selectOption({ label: name });
      await console_.getByRole('button', { name: 'Toepassen' }).click();
      await console_.getByRole('heading', { level: 1, name: new RegExp(`Resultaten voor de gemeente ${name}`) }).waitFor();
    };
    await show('Amsterdam');
    await part.getByRole('heading', { level: 2, name: 'Cursusresultaten' }).waitFor();
    // Ans and Bram only: 4 present marks of 2 × 3 sessions held, one of the two who ended finished.
    await expect.poll(() => now('participants'), { timeout: 15_000 }).toBe('2');
    await expect.poll(() => now('runs')).toBe('1');
    await expect.poll(() => now('attendance')).toBe('67%');
    await expect.poll(() => now('completion')).toBe('50%');
    await expect.poll(() => part.locator(`[data-figure="course-runs"] tr[data-run="${runId}"] td`).nth(3).textContent()).toBe('2');
    await expect.poll(() => part.locator('[data-figure="stop-reasons"] tbody th').allTextContents()).toEqual(['Te moeilijk']);
    expect(await part.locator('[data-figure="course-municipalities"]').count()).toBe(0);
    await noViolations(console_, 'alderman page with course results, in Dutch');
    // Printed (page.pdf uses print media): the three parts on paper, the filters not.
    const printed = (await pdfText(await console_.pdf({ printBackground: true }))).replace(/\s+/g, ' ');
    for (const part of [
      'Resultaten voor de gemeente Amsterdam',
      'IDO: contacten en vragen',
      'Wat bezoekers zeiden',
      'Cursusresultaten',
      'Te moeilijk',
    ])
      expect(printed).toContain(part);
    expect(printed).not.toContain('Toepassen');

    await show('Ouder-Amstel');
    // Kees only: present at all three sessions, stopped for his health.
    await expect.poll(() => now('participants'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => now('attendance')).toBe('100%');
    await expect.poll(() => now('completion')).toBe('0%');
    await expect.poll(() => part.locator('[data-figure="stop-reasons"] tbody th').allTextContents()).toEqual(['Gezondheid']);
  });

  it('offers courses after a "yes" to learning more: interest left in Arabic with consent, the desk locked again', async () => {
    // A second visit, the volunteer signed in again above; the survey handed over.
    await desk.getByText(/^Visit: /).click();
    await desk.getByRole('button', { name: 'DigiD', exact: true }).click();
    await desk.getByRole('button', { name: 'Answered', exact: true }).click();
    await desk.getByRole('button', { name: 'Save visit' }).click();
    await expect.poll(() => desk.getByRole('status').filter({ hasText: 'Saved on this tablet.' }).count()).toBe(1);
    await desk.getByRole('button', { name: 'Short survey for the visitor' }).click();
    await desk.getByRole('button', { name: 'Beginnen' }).click();
    for (const question of ['Bent u goed geholpen?', 'Kunt u dit de volgende keer zelf?', 'Voelt u zich zekerder met digitale zaken?']) {
      await desk.getByRole('heading', { level: 1, name: question }).waitFor();
      await desk.getByRole('button', { name: 'Sla over' }).click();
    }
    await desk.getByRole('heading', { level: 1, name: 'Wilt u meer leren?' }).waitFor();
    await desk.locator('.survey-choice[data-choice="yes"]').click();
    await desk.getByRole('button', { name: 'Sla over' }).click();
    await desk.getByRole('button', { name: 'Versturen' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Dank u wel!' }).waitFor();
    await desk.getByRole('button', { name: 'Wilt u meer leren? Bekijk de cursussen.' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Cursussen voor u' }).waitFor();
    const cards = desk.locator('.survey-courses ul.kiosk-items .kiosk-card');
    await desk.getByRole('list', { name: 'Cursussen en hulp' }).waitFor();
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    expect(await cards.count()).toBeLessThanOrEqual(5);
    expect(await deskVisible()).toBe(0);
    await noViolations(desk, 'survey courses in Dutch');
    // The consent and the form in Dutch; back to the list forgets them, as on the kiosk.
    await cards.first().click();
    await desk.getByRole('heading', { level: 1, name: 'Ik wil meedoen' }).waitFor();
    await noViolations(desk, 'survey course consent in Dutch');
    await desk.getByRole('button', { name: 'Ja, dat is goed' }).click();
    await desk.getByLabel('Uw voornaam').fill('Fatima');
    await noViolations(desk, 'survey course interest form in Dutch');
    await desk.getByRole('button', { name: 'Terug' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Cursussen voor u' }).waitFor();

    await desk.getByRole('button', { name: 'العربية' }).click();
    await expect.poll(() => desk.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' '))).toBe('ar rtl');
    await desk.getByRole('heading', { level: 1, name: 'دورات لك' }).waitFor();
    await noViolations(desk, 'survey courses in Arabic');
    const course = (await cards.first().locator('.kiosk-card-name').textContent())!;
    await cards.first().click();
    await desk.getByRole('heading', { level: 1, name: 'أريد المشاركة' }).waitFor();
    await desk.getByText(course, { exact: true }).waitFor();
    await desk.getByRole('button', { name: 'اقرأ بصوت عالٍ' }).waitFor();
    await noViolations(desk, 'survey course consent in Arabic');
    expect(await desk.getByRole('button', { name: 'نعم، موافق' }).getAttribute('aria-pressed')).toBe('false');
    expect(await desk.getByLabel('اسمك الأول').count()).toBe(0);
    await desk.getByRole('button', { name: 'نعم، موافق' }).click();
    await expect.poll(() => desk.getByLabel('اسمك الأول').inputValue()).toBe('');
    await desk.getByLabel('اسمك الأول').fill('Fatima');
    await desk.getByLabel('رقم هاتفك').fill('06 12 34 56 78');
    await noViolations(desk, 'survey course interest form in Arabic');
    await desk.getByRole('button', { name: 'إرسال' }).click();
    await desk.getByText('ستتواصل معك المكتبة بخصوص هذه الدورة.').waitFor();
    expect(await deskVisible()).toBe(0);
    await noViolations(desk, 'survey course interest sent in Arabic');

    await desk.getByRole('button', { name: 'أعد الجهاز' }).click();
    await desk.getByRole('heading', { name: 'Who are you?' }).waitFor();
    expect(await deskVisible()).toBe(0);
    expect(await desk.locator('body').textContent()).not.toContain('Fatima');
    // The visit, the answers and the interest left for the server, each once.
    await expect.poll(() => outboxCount(desk), { timeout: 30_000 }).toBe(0);

    await console_.getByRole('link', { name: 'Kiosk-inbox' }).click();
    await console_.getByRole('heading', { name: 'Belangstelling voor cursussen' }).waitFor();
    const row = console_.locator('tr').filter({ hasText: 'Fatima' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('0612345678');
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('Centrale Bibliotheek (demo)');
  });
});
