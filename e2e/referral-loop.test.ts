import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, tabletArgs } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { CONSOLE_ADMIN, TABLET_HOST, createConsoleAdmin, runTlsSetup } from './tls-setup';
import { signInIfAsked } from './sign-in';
import { axeViolations } from './axe';
import { outboxCount } from './tablet-db';
import { pdfPages } from './pdf-text';
import { decodeQr, qrDrawing } from './qr';
import { enrolDesk, recordReferral } from './referral-desk';

/**
 * The referral loop as the library lives it, on a box reached by name over HTTPS:
 * a coordinator makes a partner link for the Taalhuis; a desk, offline, refers a visitor
 * who was helped in Polish to the Taalhuis' Dutch practice group and prints the card (a
 * real PDF from Chromium, A6, read back as text); the desk syncs and the card's QR
 * address opens the public card on a phone; the Taalhuis confirms the code as arrived,
 * then helped; the console's funnel counts it. Then a second desk of the same location
 * sees a follow-up the first set; the first marks it kept offline, syncs, and the second
 * shows it kept. axe-core checks the card (desk and public, Dutch and Arabic), the
 * partner page and the funnel.
 */
describe('a referral closes the loop: card, code, partner, funnel; follow-ups on every desk', () => {
  let server: ServerProcess;
  let browser: Browser;
  let consoleContext: BrowserContext;
  let console_: Page;
  let deskContext: BrowserContext;
  let desk: Page;
  let partnerLink = '';
  /** As printed on the card: ABCD-EFGH. */
  let code = '';
  let address = '';
  let session = '';

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-referral-loop-'));
    const setup = await runTlsSetup(dataDir);
    await createConsoleAdmin(dataDir);
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    browser = await launchChromium(tabletArgs(TABLET_HOST, [setup.caSpki]));
    consoleContext = await browser.newContext();
    console_ = await consoleContext.newPage();
    deskContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    desk = await deskContext.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const noViolations = async (page: Page, screen: string) => expect(await axeViolations(page), screen).toEqual([]);
  const syncStatus = (page: Page) => page.getByTestId('sync-status');

  it('lets the coordinator make a partner link for the Taalhuis', async () => {
    await console_.goto(`${server.url}/console`);
    await console_.getByLabel('E-mailadres').fill(CONSOLE_ADMIN.email);
    await console_.getByLabel('Wachtwoord').fill(CONSOLE_ADMIN.password);
    await console_.getByRole('button', { name: 'Aanmelden' }).click();
    await console_.getByRole('link', { name: 'Partnerlinks' }).click();
    await console_.getByLabel('Partner uit de catalogus').selectOption({ label: 'Taalhuis Voorbeeldstad (demo)' });
    await console_.getByRole('button', { name: 'Partnerlink maken' }).click();
    partnerLink = (await console_.locator('code.partner-link').textContent()) ?? '';
    expect(partnerLink).toMatch(new RegExp(`^${server.url.replace(/[.]/g, '\\.')}/partner/[A-Za-z0-9_-]{40,}$`));
  });

  it('records a referral offline and prints its card: the code, the address and the next session in Polish', async () => {
    await enrolDesk(desk, server.enrolLink, server.output());
    await deskContext.setOffline(true);
    await desk.reload();
    await signInIfAsked(desk, server.output());
    await expect.poll(() => desk.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await recordReferral(desk, 'Polish');
    await desk.getByRole('link', { name: 'Today', exact: true }).click();
    await desk
      .getByRole('link', { name: /^Referral card for Dutch practice group/ })
      .first()
      .click();
    const card = desk.locator('article.referral-card');
    await card.waitFor();
    expect(await card.getAttribute('lang')).toBe('pl');
    await card.getByText('Karta skierowania').first().waitFor();
    code = (await card.locator('.code').textContent()) ?? '';
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    address = (await card.locator('.card-where p').first().textContent()) ?? '';
    expect(address).toMatch(/^Centrale Bibliotheek \(demo\), /);
    session = (await card.locator('.card-when p').first().textContent()) ?? '';
    // The demo course meets on Wednesdays 10:00–12:00; the card writes it in Polish.
    expect(session).toMatch(/środa/i);
    expect(session).toMatch(/10:00/);
    // Offline: the QR code says it works once the tablet has sent its data.
    await card.getByText('Kod QR zadziała, gdy ten tablet wyśle swoje dane.').waitFor();
    await desk.getByText('Not sent yet: the QR code works once the tablet has sent its data.').waitFor();
    await noViolations(desk, 'desk card in Polish');

    // The Print button sets the A6 page; Chromium prints what window.print would (page.pdf uses print media).
    await desk.evaluate(() => (window.print = () => undefined));
    await desk.getByRole('button', { name: 'Print (A6)' }).click();
    const pages = await pdfPages(await desk.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages[0]).toMatchObject({ widthMm: 105, heightMm: 148 });
    const text = pages
      .map((p) => p.text)
      .join('\n')
      .replace(/\s+/g, ' ');
    // The code is printed letter-spaced, so its characters come out apart.
    expect(text.replace(/\s/g, '')).toContain(code);
    expect(text).toContain(address);
    expect(text).toContain(session);
    expect(text).toContain('Najbliższe terminy');
    // Only the card: none of the desk around it.
    expect(text).not.toContain('Print (A6)');
  });

  it('syncs, and the QR address opens the public card on a phone, in Polish, Dutch and Arabic', async () => {
    await deskContext.setOffline(false);
    await expect.poll(() => syncStatus(desk).textContent(), { timeout: 30_000 }).toMatch(/Up to date/);
    await desk.getByText('Sent: the QR code works.').waitFor();
    const qrAddress = `${server.url}/verwijzing/${code.replace('-', '')}?lang=pl`;
    // Read back from the squares on the screen, as the visitor's phone would.
    expect(decodeQr(await qrDrawing(desk.locator('.card-qr svg')))).toBe(qrAddress);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await phone.newPage();
    const res = await page.goto(qrAddress);
    expect(res?.status()).toBe(200);
    const card = page.locator('article.referral-card');
    await expect.poll(() => card.locator('.code').textContent()).toBe(code);
    expect(await card.getAttribute('lang')).toBe('pl');
    expect(await card.locator('.card-where p').first().textContent()).toBe(address);
    expect(await card.locator('.card-when p').first().textContent()).toBe(session);
    await noViolations(page, 'public card in Polish');

    await page.getByRole('link', { name: 'Nederlands' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('nl');
    await expect.poll(() => card.locator('.code').textContent()).toBe(code);
    await card.getByText('Verwijskaart').first().waitFor();
    await noViolations(page, 'public card in Dutch');

    await page.getByRole('link', { name: 'العربية' }).click();
    await expect.poll(() => page.evaluate(() => `${document.documentElement.lang} ${document.documentElement.dir}`)).toBe('ar rtl');
    await expect.poll(() => card.locator('.code').textContent()).toBe(code);
    await noViolations(page, 'public card in Arabic');
    await phone.close();
  });

  it('lets the partner confirm the code as arrived, then helped, and never shows the visitor', async () => {
    const partnerContext = await browser.newContext();
    const page = await partnerContext.newPage();
    await page.goto(partnerLink);
    await page.getByRole('heading', { name: 'Verwijzingen bevestigen' }).waitFor();
    await noViolations(page, 'partner page');
    // Typed as a partner would from the card read aloud: lower case, no dash.
    await page.getByLabel('Verwijscode').fill(code.replace('-', '').toLowerCase());
    await page.getByRole('button', { name: 'Opzoeken' }).click();
    const found = page.getByRole('region', { name: `Verwijzing ${code}` });
    await found.waitFor();
    expect(await found.textContent()).toContain('NT2-oefengroep voor beginners');
    expect(await found.textContent()).toContain('Centrale Bibliotheek (demo)');
    expect(await found.locator('dd.status').textContent()).toBe('Nog geen antwoord');
    await noViolations(page, 'partner page with a referral');

    await found.getByRole('button', { name: 'Aangekomen' }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen: Aangekomen.' }).waitFor();
    await expect.poll(() => page.locator('dd.status').textContent()).toBe('Aangekomen');
    await page.getByRole('button', { name: 'Geholpen' }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen: Geholpen.' }).waitFor();
    await expect.poll(() => page.locator('dd.status').textContent()).toBe('Geholpen');
    await expect.poll(() => page.locator('ol.history li').count()).toBe(2);
    await noViolations(page, 'partner page after marking');
    await partnerContext.close();
  });

  it("shows the referral in the console's funnel: referred, arrived, helped", async () => {
    await console_.getByRole('link', { name: 'Verwijzingen' }).click();
    await console_.getByRole('heading', { level: 1, name: 'Verwijzingen' }).waitFor();
    const row = console_
      .locator('table.funnel tbody tr')
      .filter({ has: console_.getByRole('rowheader', { name: 'Taalhuis Voorbeeldstad (demo)' }) });
    const count = (c: string) => row.locator(`td[data-count="${c}"]`).textContent();
    await expect.poll(() => count('referred'), { timeout: 15_000 }).toMatch(/^1 /);
    await expect.poll(() => count('arrived')).toMatch(/^1 /);
    await expect.poll(() => count('helped')).toMatch(/^1 /);
    await expect.poll(() => count('open')).toMatch(/^0 /);
    await noViolations(console_, 'console funnel');

    // The printable quarterly report carries the funnel too.
    await console_.goto(`${server.url}/console/#/report`);
    const inReport = console_.locator('[data-figure="referralFunnel"] tr[data-group="total"]');
    await expect.poll(() => inReport.locator('td[data-count="helped"]').textContent(), { timeout: 15_000 }).toMatch(/^1 /);
    await expect.poll(() => inReport.locator('td[data-count="referred"]').textContent()).toMatch(/^1 /);
    await noViolations(console_, 'quarterly report with the funnel');
  });

  it('shows a follow-up on both desks of the location; one marks it kept offline, the other then shows it kept', async () => {
    // A second desk at the same location, enrolled from the console.
    await console_.getByRole('link', { name: 'Tablets' }).click();
    // The screen before (the funnel) has a location filter of its own: wait until the tablets are shown.
    await console_.getByRole('button', { name: 'Nieuwe tablet koppelen' }).waitFor();
    await console_.getByRole('combobox', { name: 'Locatie' }).selectOption({ label: 'Centrale Bibliotheek (demo)' });
    await console_.getByRole('button', { name: 'Nieuwe tablet koppelen' }).click();
    const link = (await console_.locator('.enrol-code a').getAttribute('href')) ?? '';
    const otherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const other = await otherContext.newPage();
    await enrolDesk(other, link, server.output());

    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}T10:30`;
    await recordReferral(desk, 'Arabic', local);
    await expect.poll(() => outboxCount(desk), { timeout: 30_000 }).toBe(0);
    // The Arabic visit's card, right to left with Dutch beside it.
    await desk.getByRole('link', { name: 'Today', exact: true }).click();
    await desk
      .getByRole('link', { name: /^Referral card for Dutch practice group/ })
      .first()
      .click();
    const card = desk.locator('article.referral-card');
    await expect.poll(() => card.getAttribute('dir')).toBe('rtl');
    await card.locator('.card-appointment').waitFor();
    await noViolations(desk, 'desk card in Arabic');

    const row = (page: Page) => page.locator('.follow-ups li[data-follow-up]').filter({ hasText: 'Dutch practice group' });
    const state = (page: Page) => row(page).locator('.follow-up-state').textContent();
    await other.getByRole('link', { name: 'Follow-ups', exact: true }).click();
    await other.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => state(other), { timeout: 30_000 }).toBe('State: Open');

    await deskContext.setOffline(true);
    await desk.getByRole('link', { name: 'Follow-ups', exact: true }).click();
    await expect.poll(() => state(desk)).toBe('State: Open');
    await row(desk)
      .getByRole('button', { name: /^Kept: / })
      .click();
    await expect.poll(() => state(desk)).toBe('State: Kept · not sent yet');
    await noViolations(desk, 'follow-ups on the desk');

    await deskContext.setOffline(false);
    await expect.poll(() => state(desk), { timeout: 30_000 }).toBe('State: Kept');
    await expect.poll(() => outboxCount(desk)).toBe(0);
    await other.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => state(other), { timeout: 30_000 }).toBe('State: Kept');
    expect(
      await row(other)
        .getByRole('button', { name: /^Kept: / })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    await otherContext.close();
  });
});
