import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../src/server/store/database';
import { finderCatalogue } from '../src/server/finder/catalogue-view';
import { finderOrganisations, saveFinderBranding } from '../src/server/store/finder';
import { listInterest } from '../src/server/store/kiosk';
import { DEMO_ORGANISATION } from '../src/server/seed/demo-ids';
import { axeViolations } from './axe';
import { launchChromium } from './chromium';
import { freshPostgres } from './finder-database';
import { startServerProcess, type ServerProcess } from './server-process';

const ORG = '/aanbod/bibliotheek-voorbeeldstad-demo';

/** Polls until the check passes (what a person would wait for), failing after a while. */
async function until<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A library's own website on another origin, with the documented snippet. */
function hostSite(finder: string, path: string): Promise<{ server: Server; origin: string }> {
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Bibliotheek Voorbeeldstad</title></head>
<body><h1>Onze cursussen</h1>
<iframe data-inloop-finder src="${finder}${path}" title="Cursussen en hulp" style="width:100%;height:150px;border:0" loading="lazy"></iframe>
<script src="${finder}/aanbod/embed.js" async></script></body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://localhost:${(server.address() as AddressInfo).port}` })),
  );
}

describe('the public finder in a browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let db: Database;
  let database: Awaited<ReturnType<typeof freshPostgres>>;
  let course: string;
  let service: string;
  let itemId: string;
  const sites: Server[] = [];

  beforeAll(async () => {
    database = await freshPostgres();
    server = await startServerProcess({ DATABASE_URL: database.url });
    db = await database.open();
    const catalogue = await finderCatalogue(db);
    const c = catalogue.items.find((i) => i.kind === 'course' && i.status === 'active' && i.sessions.length > 0 && !i.name.ar)!;
    itemId = c.id;
    course = `${ORG}/${catalogue.slugOf.get(c.id)}`;
    service = `${ORG}/${catalogue.slugOf.get(catalogue.items.find((i) => i.kind === 'service' && i.bring.length > 0)!.id)}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of sites) s.close();
    await server?.stop();
    await db?.close();
    await database?.drop();
  });

  it('works with JavaScript off: search as a plain form, item pages, sign-up', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}${ORG}`);
    await page.getByRole('heading', { name: 'Cursussen en hulp', level: 1 }).waitFor();
    // Read-aloud is an enhancement: without JavaScript there is no button that would do nothing.
    expect(await page.getByRole('button', { name: 'Lees deze pagina voor' }).count()).toBe(0);
    await page.getByLabel('Wat zoekt u?').fill('computer');
    await page.getByLabel('Wat zoekt u?').press('Enter');
    await page.waitForURL(/\/zoeken\?q=computer/);
    await page.locator('#results .card').first().waitFor();
    expect(await page.locator('#results .card').count()).toBeGreaterThan(1);
    await page.locator('#results .card a').first().click();
    await page.locator('article h1').waitFor();
    await page.goto(`${server.url}${course}`);
    await page.getByLabel('Ja, dat is goed').check();
    await page.getByLabel('Uw voornaam').fill('Joke');
    await page.getByLabel('Uw e-mailadres').fill('joke@example.com');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByRole('heading', { name: 'Dank u wel!' }).waitFor();
    await context.close();
  });

  it('adds search-as-you-type and read-aloud when JavaScript is on', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${ORG}/zoeken?q=computer`);
    await page.getByRole('button', { name: 'Lees deze pagina voor' }).waitFor();
    const before = await page.locator('#count').textContent();
    await page.getByLabel('Wat zoekt u?').fill('belastingaangifte');
    // No Enter: the results change while typing.
    await until(async () => (await page.locator('#count').textContent()) !== before, 'results to follow the typing');
    expect(page.url()).toContain('q=belastingaangifte');
    await page.close();
  });

  async function axeOn(page: Page, url: string): Promise<string[]> {
    await page.goto(url);
    await page.locator('main h1').first().waitFor();
    return (await axeViolations(page)).map((v) => `${url}: ${v}`);
  }

  it('has no axe violations on any public page, in Dutch and in Arabic', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    for (const lang of ['nl', 'ar'] as const) {
      const q = (url: string) => (lang === 'nl' ? url : `${url}${url.includes('?') ? '&' : '?'}lang=ar`);
      for (const url of [
        '/aanbod',
        ORG,
        `${ORG}/vestiging/wijkbibliotheek-noord-demo`,
        `${ORG}/zoeken?tegel=digid`,
        `${ORG}/zoeken?q=taal&soort=course&gratis=1`,
        `${ORG}/zoeken?q=xyzzy`,
        course,
        service,
        `${ORG}/bestaat-niet`,
      ]) {
        violations.push(...(await axeOn(page, `${server.url}${q(url)}`)));
      }
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      // The sign-up form with its mistakes shown, and the thanks page.
      await page.goto(`${server.url}${q(course)}`);
      await page.locator('.signup button[type=submit]').click();
      await page.locator('.errors').waitFor();
      violations.push(...(await axeViolations(page)).map((v) => `${lang} sign-up errors: ${v}`));
      await page.locator('#consent').check();
      await page.locator('#firstName').fill('Sara');
      await page.locator('#phone').fill(lang === 'nl' ? '06 11112222' : '06 33334444');
      await page.locator('.signup button[type=submit]').click();
      await page.locator('[role=status]').waitFor();
      violations.push(...(await axeViolations(page)).map((v) => `${lang} thanks: ${v}`));
    }
    expect(violations).toEqual([]);
    await page.close();
  });

  it("embeds on the library's own site, sizes itself and signs up; another site is refused by the browser", async () => {
    const allowed = await hostSite(server.url, course);
    const other = await hostSite(server.url, course);
    sites.push(allowed.server, other.server);
    await saveFinderBranding(db, DEMO_ORGANISATION.id, { colour: '#7a1f5c', frameAncestors: [allowed.origin] });
    expect((await finderOrganisations(db))[0]!.frameAncestors).toEqual([allowed.origin]);

    const page = await browser.newPage();
    await page.goto(allowed.origin);
    const frame = page.frameLocator('iframe[data-inloop-finder]');
    await frame.locator('article h1').waitFor();
    // The frame grows from its 150 px to the height of the course page.
    const height = await until(async () => {
      const h = await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
      return h > 800 && h;
    }, 'the frame to take the height of its content');
    const contentHeight = await frame.locator('html').evaluate((el) => el.getBoundingClientRect().height);
    expect(Math.abs(height - contentHeight)).toBeLessThan(4);
    await frame.getByLabel('Ja, dat is goed').check();
    await frame.getByLabel('Uw voornaam').fill('Mila');
    await frame.getByLabel('Uw telefoonnummer').fill('06 98765432');
    await frame.getByRole('button', { name: 'Versturen' }).click();
    await frame.getByRole('heading', { name: 'Dank u wel!' }).waitFor();
    const rows = await until(
      async () => (await listInterest(db)).filter((r) => r.item_id === itemId && r.first_name === 'Mila'),
      'the sign-up in the list',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.contact).toBe('0698765432');

    // The same snippet on a site that is not listed: the browser does not show the finder.
    const refused: string[] = [];
    const page2 = await browser.newPage();
    page2.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refused.push(m.text());
    });
    await page2.goto(other.origin);
    await until(
      async () => refused.length > 0 || page2.frames().some((f) => f.url().startsWith('chrome-error://')),
      'the browser to refuse the frame',
    );
    const framed = page2.frames().find((f) => f !== page2.mainFrame())!;
    expect(await framed.locator('article h1').count()).toBe(0);
    await page.close();
    await page2.close();
  });
});
