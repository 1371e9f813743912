import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createEnrolmentCode } from '../src/server/store/devices';
import { prepareDemoData } from './demo-data';
import { createPartnerLink } from '../src/server/store/partner-links';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../src/server/seed/demo-ids';
import { freePort } from '../test/helpers/free-port';
import { launchChromium, tabletArgs } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { TABLET_HOST, runTlsSetup } from './tls-setup';
import { signInIfAsked } from './sign-in';
import { axeViolations } from './axe';
import { decodeQr, qrDrawing, qrDrawingOf, qrY4m, type QrDrawing } from './qr';
import { enrolDesk, openNewestCard, recordReferral } from './referral-desk';

/** The name the library publishes (its proxy, its website's link): not the one its tablets use inside. */
const PUBLIC_HOST = 'aanbod.bieb.test';
/** Taalhuis Voorbeeldstad (demo): the partner of the practice group the desk refers to. */
const TAALHUIS = '01900000-0000-7000-8000-000000000113';

/**
 * The QR codes a tablet shows lead a visitor's phone to the server's public address
 * (INLOOP_PUBLIC_URL), not to the name the tablet happens to use: the desk's referral
 * card (online and offline), the kiosk's "Neem dit mee" to the finder's item page, in
 * Dutch and Arabic. The Taalhuis then scans the card with a camera (Chromium's fake one,
 * filming the card's QR code as the desk drew it) and marks the referral arrived.
 */
describe('QR codes lead to the public address; the partner scans the card', () => {
  let server: ServerProcess;
  let browser: Browser;
  let publicUrl = '';
  let tabletOrigin = '';
  let kioskCode = '';
  let partnerLink = '';
  let caSpki = '';
  let cardQr: QrDrawing | undefined;
  let code = '';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-public-qr-'));
  const browsers: Browser[] = [];

  beforeAll(async () => {
    caSpki = (await runTlsSetup(dataDir, ['--host', TABLET_HOST, '--host', PUBLIC_HOST])).caSpki;
    // The coordinator's part, on the data directory before the server owns it: a kiosk to enrol and the Taalhuis' partner link.
    ({ kioskCode, partnerLink } = await prepareDemoData(dataDir, async (db) => ({
      kioskCode: (await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'kiosk' })).code,
      partnerLink: `/partner/${(await createPartnerLink(db, { organisationId: DEMO_ORGANISATION.id, partnerId: TAALHUIS, createdBy: null })).secret}`,
    })));
    const port = await freePort();
    publicUrl = `https://${PUBLIC_HOST}:${port}`;
    tabletOrigin = `https://${TABLET_HOST}:${port}`;
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir, PORT: String(port), INLOOP_PUBLIC_URL: publicUrl });
    browser = await launchChromium(tabletArgs([TABLET_HOST, PUBLIC_HOST], [caSpki]));
    browsers.push(browser);
  }, 180_000);
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.stop();
  });

  const noViolations = async (page: Page, screen: string) => expect(await axeViolations(page), screen).toEqual([]);
  /** A visitor's phone: it knows only the public name. */
  const phone = () => browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });

  it("puts the public address on the desk's referral card, online and offline, and a phone opens it", async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const desk = await context.newPage();
    // The tablet reaches the box by its name inside the library.
    await enrolDesk(desk, server.enrolLink.replace(publicUrl, tabletOrigin), server.output());
    expect(new URL(desk.url()).origin).toBe(tabletOrigin);
    await recordReferral(desk, 'Polish');
    await openNewestCard(desk);
    await desk.getByText('Sent: the QR code works.').waitFor({ timeout: 30_000 });
    code = ((await desk.locator('article.referral-card .code').textContent()) ?? '').replace('-', '');
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    cardQr = await qrDrawing(desk.locator('.card-qr svg'));
    expect(decodeQr(cardQr)).toBe(`${publicUrl}/verwijzing/${code}?lang=pl`);

    // Offline, after a restart of the app, the card still names the public address (kept in IndexedDB).
    await context.setOffline(true);
    const cardRoute = desk.url();
    await desk.reload();
    await signInIfAsked(desk, server.output());
    await desk.goto(cardRoute);
    await desk.locator('article.referral-card').waitFor();
    expect(decodeQr(await qrDrawing(desk.locator('.card-qr svg')))).toBe(`${publicUrl}/verwijzing/${code}?lang=pl`);
    await context.close();

    const visitor = await phone();
    const page = await visitor.newPage();
    const res = await page.goto(`${publicUrl}/verwijzing/${code}?lang=pl`);
    expect(res?.status()).toBe(200);
    await expect
      .poll(() => page.locator('article.referral-card .code').textContent())
      .toMatch(new RegExp(`^${code.slice(0, 4)}-${code.slice(4)}$`));
    await visitor.close();
  });

  it('shows "Neem dit mee" on a kiosk item: the QR code opens the finder\'s page of that item on a phone, in Dutch and Arabic', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const kiosk = await context.newPage();
    await kiosk.goto(`${tabletOrigin}/?enrol=${kioskCode}`);
    await kiosk.getByRole('heading', { level: 1, name: 'Waar wilt u hulp bij?' }).waitFor();
    const visitor = await phone();
    const page = await visitor.newPage();

    for (const [lang, tile] of [
      ['nl', 'Leren werken met computer of telefoon'],
      ['ar', 'تعلّم استخدام الكمبيوتر أو الهاتف'],
    ] as const) {
      if (lang === 'ar') await kiosk.getByRole('button', { name: 'العربية' }).click();
      await kiosk.getByRole('button', { name: tile }).click();
      await expect.poll(() => kiosk.locator('.kiosk-card').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await kiosk.locator('.kiosk-card').first().click();
      const takeAlong = kiosk.getByRole('region', { name: lang === 'nl' ? 'Neem dit mee' : 'خذ هذا معك' });
      await takeAlong.locator('svg.kiosk-qr').waitFor();
      const name = ((await kiosk.locator('h1').textContent()) ?? '').trim();
      // The kiosk's first sync may still be bringing the location profile: wait for the public address.
      const readQr = async () => decodeQr(await qrDrawing(takeAlong.locator('svg.kiosk-qr')));
      const expected = new RegExp(`^${publicUrl.replace(/\./g, '\\.')}/aanbod/i/[0-9a-f-]{36}${lang === 'nl' ? '' : '\\?lang=ar'}$`);
      await expect.poll(readQr, { timeout: 30_000 }).toMatch(expected);
      const address = await readQr();
      await noViolations(kiosk, `kiosk item with its QR code (${lang})`);

      // The phone follows the address to the item's readable page in the finder, in the same language.
      const res = await page.goto(address);
      expect(res?.status()).toBe(200);
      expect(new URL(page.url()).origin).toBe(publicUrl);
      expect(new URL(page.url()).pathname).toMatch(/^\/aanbod\/[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(((await page.locator('h1').textContent()) ?? '').trim()).toBe(name);
      await kiosk
        .getByRole('button', { name: lang === 'nl' ? 'Terug' : 'رجوع' })
        .first()
        .click();
      await kiosk
        .getByRole('button', { name: lang === 'nl' ? 'Terug' : 'رجوع' })
        .first()
        .click();
    }
    await visitor.close();
    await context.close();
  });

  /** A Chromium whose camera films this QR code (Chromium's fake camera loops a Y4M file), on the partner page. */
  async function partnerPageFilming(qr: QrDrawing, name: string): Promise<Page> {
    const film = path.join(dataDir, `${name}.y4m`);
    writeFileSync(film, qrY4m(qr));
    const withCamera = await launchChromium([
      ...tabletArgs([TABLET_HOST, PUBLIC_HOST], [caSpki]),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${film}`,
    ]);
    browsers.push(withCamera);
    const context = await withCamera.newContext();
    await context.grantPermissions(['camera'], { origin: publicUrl });
    return context.newPage();
  }

  it('tells the partner when the camera sees a QR code that is not a card, and keeps scanning', async () => {
    const page = await partnerPageFilming(qrDrawingOf(`${publicUrl}/aanbod`), 'not-a-card');
    await page.goto(`${publicUrl}${partnerLink}`);
    await page.getByRole('button', { name: 'Scan de code' }).click();
    await page.getByRole('status').filter({ hasText: 'Dit is geen QR-code van een verwijskaart.' }).waitFor({ timeout: 30_000 });
    // Still scanning, nothing looked up; the partner can stop, and type instead.
    await page.getByRole('button', { name: 'Stoppen met scannen' }).click();
    await page.getByRole('status').filter({ hasText: 'De camera is uit.' }).waitFor();
    await page.getByRole('button', { name: 'Scan de code' }).waitFor();
    expect(await page.getByLabel('Verwijscode').inputValue()).toBe('');
    expect(page.url()).toBe(`${publicUrl}${partnerLink}`);
    await page.context().close();
  });

  it('lets the Taalhuis scan the card with the camera (typing stays there), and mark the referral arrived', async () => {
    expect(cardQr, 'the card test ran first').toBeDefined();
    const page = await partnerPageFilming(cardQr!, 'card');
    const context = page.context();
    const scripts: string[] = [];
    page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
    page.on('worker', (w) => scripts.push(new URL(w.url()).pathname));
    await page.goto(`${publicUrl}${partnerLink}`);
    await page.getByRole('heading', { name: 'Verwijzingen bevestigen' }).waitFor();
    // Typing is there as ever; scanning is offered beside it.
    await page.getByLabel('Verwijscode').waitFor();
    const scan = page.getByRole('button', { name: 'Scan de code' });
    await scan.waitFor();
    await noViolations(page, 'partner page with scanning');
    const native = await page.evaluate(
      async () =>
        'BarcodeDetector' in window &&
        (
          await (
            window as unknown as { BarcodeDetector: { getSupportedFormats(): Promise<string[]> } }
          ).BarcodeDetector.getSupportedFormats()
        ).includes('qr_code'),
    );

    await scan.click();
    const found = page.getByRole('region', { name: `Verwijzing ${code.slice(0, 4)}-${code.slice(4)}` });
    await found.waitFor({ timeout: 30_000 });
    expect(await found.textContent()).toContain('NT2-oefengroep voor beginners');
    // Without a BarcodeDetector for QR codes (Chromium on Linux has none), jsQR in a worker read it.
    if (!native) expect(scripts).toContain('/partner/assets/partner-scan-worker.js');
    await found.getByRole('button', { name: 'Aangekomen' }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen: Aangekomen.' }).waitFor();
    await expect.poll(() => page.locator('dd.status').textContent()).toBe('Aangekomen');
    await context.close();
  });

  it('keeps the partner page usable without JavaScript: no scan button, the form types the code', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${publicUrl}${partnerLink}`);
    await page.getByRole('heading', { name: 'Verwijzingen bevestigen' }).waitFor();
    expect(await page.getByRole('button', { name: 'Scan de code' }).count()).toBe(0);
    await page.getByLabel('Verwijscode').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Opzoeken' }).click();
    await expect.poll(() => page.locator('dd.status').textContent()).toBe('Aangekomen');
    await context.close();
  });
});
