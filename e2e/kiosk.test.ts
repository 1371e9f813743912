import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openPglite } from '../src/server/store/database';
import { createEnrolmentCode } from '../src/server/store/devices';
import { prepareDemoData } from './demo-data';
import { setKioskExitCode, setKioskIdleSeconds } from '../src/server/store/kiosk';
import { DEMO_LOCATIONS } from '../src/server/seed/demo-ids';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { axeViolations } from './axe';
import { outboxCount as outboxCountOf } from './tablet-db';

const IDLE_SECONDS = 15;

/**
 * The kiosk, end to end: a tablet enrolled as a kiosk, offline, used by a visitor
 * in Arabic (mirrored layout), leaving course interest and asking for help, then
 * starting over in Dutch after the idle time; online again, the help request shows
 * on a desk of the same location. axe-core checks every kiosk screen in Dutch and Arabic.
 */
describe('a visitor uses the kiosk on their own, offline, in Arabic', () => {
  let server: ServerProcess;
  let browser: Browser;
  let kioskContext: BrowserContext;
  let kiosk: Page;
  let kioskCode: string;

  beforeAll(async () => {
    // The coordinator's part, done on the data directory before the server owns it:
    // a kiosk enrolment code, the exit code and a short idle time for this test.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-kiosk-'));
    kioskCode = await prepareDemoData(dataDir, async (db) => {
      await setKioskExitCode(db, DEMO_LOCATIONS[0].id, '246810');
      await setKioskIdleSeconds(db, DEMO_LOCATIONS[0].id, IDLE_SECONDS);
      return (await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'kiosk' })).code;
    });
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    browser = await launchChromium();
    kioskContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    kiosk = await kioskContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function expectAccessible(page: Page, screen: string) {
    expect(await axeViolations(page), screen).toEqual([]);
  }

  /** How many changes wait in the outbox of the kiosk (or another tablet's page). */
  const outboxCount = (page: Page = kiosk) => outboxCountOf(page);
  const idleSetting = () =>
    kiosk.evaluate(
      () =>
        new Promise<number | undefined>((resolve) => {
          const open = indexedDB.open('inloop');
          open.onsuccess = () => {
            const get = open.result.transaction('meta').objectStore('meta').get('kioskSettings');
            get.onsuccess = () => {
              resolve((get.result?.value as { idleSeconds?: number } | undefined)?.idleSeconds);
              open.result.close();
            };
          };
        }),
    );

  const heading = (name: string) => kiosk.getByRole('heading', { level: 1, name, exact: true });

  it('enrols as a kiosk, syncs once, and then starts offline on a Dutch start screen', async () => {
    await kiosk.goto(`${server.url}/?enrol=${kioskCode}`);
    await heading('Waar wilt u hulp bij?').waitFor();
    await kiosk.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(idleSetting, { timeout: 30_000 }).toBe(IDLE_SECONDS);
    await kiosk.getByRole('button', { name: 'Leren werken met computer of telefoon' }).click();
    await expect.poll(() => kiosk.locator('.kiosk-card').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    await kioskContext.setOffline(true);
    await kiosk.reload();
    await heading('Waar wilt u hulp bij?').waitFor();
    await expect.poll(() => kiosk.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // The start screen does not jump while it opens (a visitor would tap the wrong tile).
    const shifts = await kiosk.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number }>) total += entry.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 500);
        }),
    );
    expect(shifts).toBe(0);
    // A kiosk shows nothing of the desk: no visit form, no tabs.
    expect(await kiosk.getByRole('heading', { name: /visit|bezoek/i }).count()).toBe(0);
    expect(await kiosk.locator('nav.tabs').count()).toBe(0);
  });

  /** Controls smaller than 48 by 48 CSS pixels on the current screen. */
  const smallTargets = () =>
    kiosk.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.kiosk button, .kiosk input, .kiosk a')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 48 || box.height < 48))
        .map(({ el, box }) => `${el.textContent?.trim() || el.id}: ${Math.round(box.width)}x${Math.round(box.height)}`),
    );
  const overflowsSideways = () => kiosk.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

  it('has targets of at least 48 px, fits at 200 % zoom, and has a read-aloud button', async () => {
    expect(await smallTargets(), 'start').toEqual([]);
    await kiosk.getByRole('button', { name: 'Voorlezen' }).click();
    // Headless Chromium may have no Dutch voice: then the kiosk says so instead of staying silent.
    await expect
      .poll(
        async () =>
          (await kiosk.evaluate(() => speechSynthesis.speaking)) ||
          (await kiosk.getByText('Voorlezen in deze taal kan niet op deze tablet.').count()) > 0,
      )
      .toBe(true);
    await kiosk.evaluate(() => speechSynthesis.cancel());

    // 200 % zoom on this tablet is the same layout as a viewport half as wide and high.
    await kiosk.setViewportSize({ width: 512, height: 384 });
    expect(await overflowsSideways(), 'start at 200 %').toBe(false);
    await kiosk.getByRole('button', { name: 'Leren werken met computer of telefoon' }).click();
    await heading('Leren werken met computer of telefoon').waitFor();
    expect(await overflowsSideways(), 'tile at 200 %').toBe(false);
    expect(await smallTargets(), 'tile').toEqual([]);
    await kiosk.locator('.kiosk-card').first().click();
    await kiosk.getByRole('button', { name: 'Ik wil meedoen. Neem contact met mij op.' }).waitFor();
    expect(await overflowsSideways(), 'item at 200 %').toBe(false);
    expect(await smallTargets(), 'item').toEqual([]);
    await kiosk.getByRole('button', { name: 'Ik wil hulp van een vrijwilliger' }).click();
    await heading('Hulp van een vrijwilliger').waitFor();
    expect(await overflowsSideways(), 'help at 200 %').toBe(false);
    expect(await smallTargets(), 'help').toEqual([]);
    await kiosk.setViewportSize({ width: 1024, height: 768 });
    await kiosk.getByRole('button', { name: 'Naar het begin' }).click();
    await heading('Waar wilt u hulp bij?').waitFor();
  });

  it('has no WCAG 2.1 A/AA violations on any screen in Dutch, also in high contrast', async () => {
    await expectAccessible(kiosk, 'nl start');
    await kiosk.getByRole('button', { name: 'Sterk contrast' }).click();
    await expectAccessible(kiosk, 'nl start, high contrast');
    await kiosk.getByRole('button', { name: 'Sterk contrast' }).click();

    await kiosk.getByRole('button', { name: 'Leren werken met computer of telefoon' }).click();
    await heading('Leren werken met computer of telefoon').waitFor();
    await expectAccessible(kiosk, 'nl tile');
    await kiosk.locator('.kiosk-card').first().click();
    await kiosk.getByRole('button', { name: 'Ik wil meedoen. Neem contact met mij op.' }).waitFor();
    await expectAccessible(kiosk, 'nl item');
    await kiosk.getByRole('button', { name: 'Ik wil meedoen. Neem contact met mij op.' }).click();
    await kiosk.getByRole('button', { name: 'Ja, dat is goed' }).waitFor();
    await expectAccessible(kiosk, 'nl interest consent');
    await kiosk.getByRole('button', { name: 'Ja, dat is goed' }).click();
    await kiosk.getByLabel('Uw voornaam').waitFor();
    await expectAccessible(kiosk, 'nl interest');
    await kiosk.getByRole('button', { name: 'Versturen' }).click(); // empty: the errors show
    await kiosk.getByText('Vul uw voornaam in.').waitFor();
    await expectAccessible(kiosk, 'nl interest with errors');

    await kiosk.getByRole('button', { name: 'Ik wil hulp van een vrijwilliger' }).click();
    await heading('Hulp van een vrijwilliger').waitFor();
    await expectAccessible(kiosk, 'nl help');

    await kiosk.getByRole('button', { name: 'Naar het begin' }).click();
    await kiosk.getByRole('button', { name: 'Zoeken' }).click();
    await kiosk.getByLabel('Wat zoekt u?').fill('digid');
    await kiosk.getByRole('button', { name: 'Zoek', exact: true }).click();
    await expect.poll(() => kiosk.locator('.kiosk-card').count()).toBeGreaterThan(0);
    await expectAccessible(kiosk, 'nl search');

    await kiosk.getByRole('button', { name: 'Voor medewerkers' }).click();
    await heading('Kioskmodus verlaten').waitFor();
    await expectAccessible(kiosk, 'nl exit');
    await kiosk.getByLabel('Code van de coördinator').fill('111111');
    await kiosk.getByRole('button', { name: 'Controleren' }).click();
    await kiosk.getByText('Deze code klopt niet.').waitFor();
    // The right code is checked offline against the hash the kiosk pulled.
    await kiosk.getByLabel('Code van de coördinator').fill('246810');
    await kiosk.getByRole('button', { name: 'Controleren' }).click();
    await kiosk.getByText('De code klopt.').waitFor();
    await kiosk.getByRole('button', { name: 'Terug naar de kiosk' }).click();
    await heading('Waar wilt u hulp bij?').waitFor();
  });

  it('switches to Arabic: right to left, Arabic text, and no accessibility violations', async () => {
    await kiosk.getByRole('button', { name: 'العربية' }).click();
    await heading('بماذا تحتاج المساعدة؟').waitFor();
    await expect.poll(() => kiosk.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'ar']);
    // Mirrored: the first tile sits to the right of the second.
    const tiles = kiosk.locator('.kiosk-tile');
    const [first, second] = [await tiles.nth(0).boundingBox(), await tiles.nth(1).boundingBox()];
    expect(first!.x).toBeGreaterThan(second!.x);
    await expectAccessible(kiosk, 'ar start');
    await kiosk.getByRole('button', { name: 'تباين عالٍ' }).click();
    await expectAccessible(kiosk, 'ar start, high contrast');
    await kiosk.getByRole('button', { name: 'تباين عالٍ' }).click();

    await kiosk.getByRole('button', { name: 'بحث', exact: true }).click();
    await kiosk.getByLabel('عن ماذا تبحث؟').fill('digid');
    await kiosk.getByRole('button', { name: 'ابحث', exact: true }).click();
    await expect.poll(() => kiosk.locator('.kiosk-card').count()).toBeGreaterThan(0);
    await expectAccessible(kiosk, 'ar search');
    await kiosk.getByRole('button', { name: 'للموظفين' }).click();
    await heading('الخروج من وضع الكشك').waitFor();
    await expectAccessible(kiosk, 'ar exit');
    await kiosk.getByRole('button', { name: 'العودة إلى البداية' }).click();
    await heading('بماذا تحتاج المساعدة؟').waitFor();
  });

  it('opens a tile and a course, and leaves interest after consenting, in Arabic', async () => {
    await kiosk.getByRole('button', { name: 'تعلّم استخدام الكمبيوتر أو الهاتف' }).click();
    await heading('تعلّم استخدام الكمبيوتر أو الهاتف').waitFor();
    await expectAccessible(kiosk, 'ar tile');
    await kiosk.locator('.kiosk-card').first().click();
    await kiosk.getByRole('button', { name: 'أريد المشاركة. تواصلوا معي.' }).waitFor();
    await expectAccessible(kiosk, 'ar item');
    await kiosk.getByRole('button', { name: 'أريد المشاركة. تواصلوا معي.' }).click();
    await heading('أريد المشاركة').waitFor();
    // Nothing can be typed before the consent text was agreed to.
    await expect.poll(() => kiosk.getByLabel('اسمك الأول').count()).toBe(0);
    await expectAccessible(kiosk, 'ar interest consent');
    await kiosk.getByRole('button', { name: 'نعم، موافق' }).click();
    await kiosk.getByLabel('اسمك الأول').fill('Fatima');
    await kiosk.getByLabel('رقم هاتفك').fill('12');
    await kiosk.getByRole('button', { name: 'إرسال' }).click();
    await kiosk.getByText('هذا ليس رقم هاتف. مثال: 06 12345678').waitFor();
    await expectAccessible(kiosk, 'ar interest with error');
    await kiosk.getByLabel('رقم هاتفك').fill('06 12 34 56 78');
    await kiosk.getByRole('button', { name: 'إرسال' }).click();
    await heading('شكراً لك!').waitFor();
    await expectAccessible(kiosk, 'ar interest done');
    await expect.poll(() => outboxCount()).toBe(1);
  });

  it('asks for a volunteer by first name, in Arabic, while offline', async () => {
    await kiosk.getByRole('button', { name: 'أريد مساعدة من متطوع' }).click();
    await heading('مساعدة من متطوع').waitFor();
    await expectAccessible(kiosk, 'ar help');
    await kiosk.getByRole('button', { name: 'مساعدة في DigiD' }).click();
    await kiosk.getByRole('button', { name: 'باسمي الأول' }).click();
    await kiosk.getByLabel('اسمك الأول').fill('Fatima');
    await kiosk.getByRole('button', { name: 'نادِ متطوعاً' }).click();
    await heading('سيأتي إليك متطوع.').waitFor();
    await kiosk.getByText('لا يوجد إنترنت الآن').waitFor();
    await expectAccessible(kiosk, 'ar help done');
    await expect.poll(() => outboxCount()).toBe(2);
  });

  it('starts over on a fresh Dutch start screen after the idle time, showing nothing of the visitor', async () => {
    const started = Date.now();
    await heading('Waar wilt u hulp bij?').waitFor({ timeout: (IDLE_SECONDS + 15) * 1000 });
    expect(Date.now() - started).toBeGreaterThan((IDLE_SECONDS - 5) * 1000);
    await expect.poll(() => kiosk.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['ltr', 'nl']);
    // Only the language picker still shows Arabic (its own name); the screen is Dutch again.
    await expect.poll(() => kiosk.locator('main').innerText()).not.toMatch(/[\u0600-\u06FF]/);
    await expect.poll(() => kiosk.content()).not.toContain('Fatima');
    // The forms are empty again: no consent given, no name kept.
    await kiosk.getByRole('button', { name: 'Ik wil hulp van een vrijwilliger' }).click();
    await kiosk.getByRole('button', { name: 'Met mijn voornaam' }).click();
    expect(await kiosk.getByLabel('Uw voornaam').inputValue()).toBe('');
    expect(await kiosk.getByRole('button', { name: 'Hulp bij DigiD' }).getAttribute('aria-pressed')).toBe('false');
    await kiosk.getByRole('button', { name: 'Naar het begin' }).click();
  });

  it('sends both when the network returns, and a desk of the same location sees the request and takes it', async () => {
    await kioskContext.setOffline(false);
    await expect.poll(() => outboxCount(), { timeout: 30_000 }).toBe(0);

    const deskContext = await browser.newContext();
    const desk = await deskContext.newPage();
    await desk.goto(server.enrolLink);
    // The desk may be locked behind volunteer sign-in (a demo volunteer is printed at start-up).
    const tabs = desk.locator('nav.tabs');
    const signIn = desk.getByRole('heading', { name: /Wie ben jij|Who are you/ });
    await Promise.race([tabs.waitFor(), signIn.waitFor()]);
    if (await signIn.isVisible()) {
      const who = /([A-Z][a-z]+ [A-Z]\.) \(PIN (\d{4})\)/.exec(server.output());
      expect(who, 'a demo volunteer is printed at start-up').not.toBeNull();
      await desk.getByRole('button', { name: 'English' }).click();
      await desk.getByRole('button', { name: who![1]!, exact: true }).click();
      for (const digit of who![2]!) await desk.getByRole('button', { name: `Digit ${digit}`, exact: true }).click();
      await desk.getByRole('button', { name: 'Sign in', exact: true }).click();
      await tabs.waitFor();
    }
    await desk.getByRole('button', { name: 'English' }).click();
    // A volunteer on any desk screen sees that someone waits, without opening the queue.
    await desk.getByRole('link', { name: 'Help requests: 1 person is waiting for help' }).waitFor({ timeout: 30_000 });
    await desk.getByText('1 person is waiting for help.').waitFor();
    await desk.getByRole('link', { name: /^Help requests/ }).click();
    const request = desk.getByTestId('help-request').filter({ hasText: 'Fatima' });
    await request.waitFor({ timeout: 30_000 });
    await expect.poll(() => request.innerText()).toContain('DigiD');
    await request.getByRole('button', { name: "I'll take it" }).click();
    await expect.poll(() => request.count()).toBe(0);
    await desk.getByText('Nobody is waiting for help.').waitFor();
    await expect.poll(() => outboxCount(desk), { timeout: 30_000 }).toBe(0);
    await deskContext.close();
  });

  it('stored the interest minimally and the take on the server', async () => {
    await server.stop();
    const db = await openPglite(server.dataDir);
    try {
      const interest = await db.query<{ first_name: string; contact: string; contact_kind: string; consent_language: string }>(
        'SELECT first_name, contact, contact_kind, consent_language FROM course_interest',
      );
      expect(interest.rows).toEqual([{ first_name: 'Fatima', contact: '0612345678', contact_kind: 'phone', consent_language: 'ar' }]);
      const help = await db.query<{ topic: string; display: string; status: string }>('SELECT topic, display, status FROM help_requests');
      expect(help.rows).toEqual([{ topic: 'digid', display: 'Fatima', status: 'taken' }]);
    } finally {
      await db.close();
    }
  });

  it("leaves kiosk mode with the coordinator's code, offline, and the tablet can be enrolled anew", async () => {
    await kioskContext.setOffline(true); // the server is stopped too: all of this works on the tablet alone
    await kiosk.getByRole('button', { name: 'Voor medewerkers' }).click();
    await kiosk.getByLabel('Code van de coördinator').fill('246810');
    await kiosk.getByRole('button', { name: 'Controleren' }).click();
    await kiosk.getByText('Nog niet verstuurd: 0').waitFor();
    await kiosk.getByRole('button', { name: 'Kioskmodus verlaten en deze tablet afmelden' }).click();
    await kiosk.locator('#enrol-code').waitFor();
    await expect.poll(() => kiosk.locator('.kiosk').count()).toBe(0);
    // The enrolment is gone with the rest of the tablet's database: a reload stays on the enrol screen.
    await kiosk.reload();
    await kiosk.locator('#enrol-code').waitFor();
  });
});
