import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/server/store/database';
import { LANGUAGES } from '../../src/shared/i18n-text';
import { KIOSK_TOPICS } from '../../src/shared/kiosk';
import { finderCatalogue } from '../../src/server/finder/catalogue-view';
import { itemPathOf, ORG_PATH, parse, PUBLIC_URL, startFinderServer, text } from '../helpers/finder';

let app: FastifyInstance;
let db: Database;
beforeAll(async () => {
  ({ app, db } = await startFinderServer());
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function page(url: string) {
  const response = await app.inject(url);
  return { response, doc: parse(response.body) };
}

describe('the public finder without JavaScript', () => {
  it('shows a start page with the kiosk tiles, a search form and the locations', async () => {
    const { response, doc } = await page(ORG_PATH);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(doc.querySelector('h1')?.textContent).toContain('Cursussen en hulp');
    const tiles = [...doc.querySelectorAll('.tiles a')].map((a) => a.getAttribute('href'));
    expect(tiles).toEqual(KIOSK_TOPICS.map((k) => `${ORG_PATH}/zoeken?tegel=${k}`));
    const form = doc.querySelector('form[role=search]')!;
    expect(form.getAttribute('method')).toBe('get');
    expect(form.getAttribute('action')).toBe(`${ORG_PATH}/zoeken`);
    expect(form.querySelector('input[name=q]')).not.toBeNull();
    expect(text(doc)).toContain('Wijkbibliotheek Noord (demo)');
  });

  it('searches as a plain form, with the everyday words of the desk', async () => {
    // "belasting" is the everyday word; the tax-return help is named "aangifte".
    const { doc } = await page(`${ORG_PATH}/zoeken?q=belasting`);
    const names = [...doc.querySelectorAll('#results .card h3')].map((h) => h.textContent!);
    expect(names.length).toBeGreaterThan(0);
    expect(names.some((n) => /aangifte|belasting/i.test(n))).toBe(true);
    expect(text(doc, '#count')).toMatch(/\d+ resultat/);
    // The words typed stay in the box, so the person can change them.
    expect((doc.querySelector('input[name=q]') as HTMLInputElement).value).toBe('belasting');
  });

  it('filters by kind, topic and cost', async () => {
    const all = (await page(`${ORG_PATH}/zoeken?tegel=computer`)).doc;
    const courses = (await page(`${ORG_PATH}/zoeken?tegel=computer&soort=course`)).doc;
    const free = (await page(`${ORG_PATH}/zoeken?tegel=computer&soort=course&gratis=1`)).doc;
    const count = (d: Document) => Number(/\d+/.exec(text(d, '#count'))?.[0] ?? 0);
    expect(count(all)).toBeGreaterThan(count(courses));
    expect(count(courses)).toBeGreaterThan(0);
    expect([...courses.querySelectorAll('#results .badge')].every((b) => b.textContent === 'Cursus')).toBe(true);
    expect(count(free)).toBeLessThanOrEqual(count(courses));
    expect([...free.querySelectorAll('#results .meta')].every((m) => m.textContent!.includes('Gratis'))).toBe(true);
    expect(text(all, 'h1')).toBe('Leren werken met computer of telefoon');
  });

  it('says so when nothing is found', async () => {
    const { response, doc } = await page(`${ORG_PATH}/zoeken?q=xyzzyplugh`);
    expect(response.statusCode).toBe(200);
    expect(text(doc, '#count')).toContain('Niets gevonden');
  });

  it('shows a course with its next sessions, place, cost, audience, level and how to sign up', async () => {
    const { item, path } = await itemPathOf(
      db,
      (i) => i.kind === 'course' && i.sessions.length > 0 && i.status === 'active' && i.locationIds.length > 0,
    );
    const { doc } = await page(path);
    expect(doc.querySelector('h1')?.textContent).toContain(item.name.nl);
    expect(doc.querySelectorAll('.sessions li').length).toBeGreaterThan(0);
    const catalogue = await finderCatalogue(db);
    expect(text(doc)).toContain(catalogue.locations.get(item.locationIds[0]!)!.name);
    const facts = [...doc.querySelectorAll('.facts dt')].map((d) => d.textContent);
    expect(facts).toEqual(expect.arrayContaining(['Kosten', 'Voor wie', 'Niveau']));
    expect(doc.querySelector('#join')).not.toBeNull();
    const form = doc.querySelector('.signup form')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.querySelector('input[name=consent][type=checkbox]')).not.toBeNull();
    expect(doc.querySelector(`a[href="${path}/agenda.ics"]`)).not.toBeNull();
  });

  it('shows a service with its hours, what to bring and how to reach it', async () => {
    const { path } = await itemPathOf(db, (i) => i.kind === 'service' && i.bring.length > 0 && i.locationIds.length > 0);
    const { doc } = await page(path);
    expect(doc.querySelectorAll('.hours li').length).toBeGreaterThan(0);
    expect(doc.querySelector('#bring')?.textContent).toBe('Neem mee');
    expect(doc.querySelectorAll('.places li').length).toBeGreaterThan(0);
    // No sign-up form for help: people walk in or follow the way to join.
    expect(doc.querySelector('.signup')).toBeNull();
  });

  it('renders every language with its own lang, direction and alternates', async () => {
    const { path } = await itemPathOf(db, (i) => i.kind === 'course');
    for (const lang of LANGUAGES) {
      const url = lang === 'nl' ? path : `${path}?lang=${lang}`;
      const { doc } = await page(url);
      const root = doc.documentElement;
      expect(root.getAttribute('lang')).toBe(lang);
      expect(root.getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(`${PUBLIC_URL}${url}`);
      const alternates = [...doc.querySelectorAll('link[rel=alternate][hreflang]')].map((l) => l.getAttribute('hreflang'));
      expect(alternates.sort()).toEqual([...LANGUAGES, 'x-default'].sort());
      expect(doc.querySelector('.langs a[aria-current]')?.getAttribute('lang')).toBe(lang);
    }
    const ar = (await page(`${ORG_PATH}?lang=ar`)).doc;
    expect(ar.querySelector('h1')?.textContent).toBe('دورات ومساعدة');
    // Links keep the language.
    expect(ar.querySelector('.tiles a')?.getAttribute('href')).toBe(`${ORG_PATH}/zoeken?tegel=digid&lang=ar`);
  });

  it('shows Dutch text where a translation is missing, marked as Dutch', async () => {
    const { item, path } = await itemPathOf(db, (i) => !i.name.ar && !i.description.ar);
    const { doc } = await page(`${path}?lang=ar`);
    const name = doc.querySelector('h1 [lang=nl]');
    expect(name?.textContent).toBe(item.name.nl);
    expect(doc.querySelector('h1 .nl-mark')?.textContent).toBe('(بالهولندية)');
    expect(doc.querySelector('.text[lang=nl]')?.textContent).toContain(item.description.nl.slice(0, 30));
    // A translated name is not marked.
    const translated = await itemPathOf(db, (i) => Boolean(i.name.ar));
    const other = (await page(`${translated.path}?lang=ar`)).doc;
    expect(other.querySelector('h1 [lang=nl]')).toBeNull();
    expect(other.querySelector('h1')?.textContent).toContain(translated.item.name.ar);
  });

  it("keeps a location's pages to what is held there", async () => {
    const { doc } = await page(`${ORG_PATH}/vestiging/wijkbibliotheek-noord-demo`);
    expect(text(doc, 'h1')).toContain('Wijkbibliotheek Noord (demo)');
    const results = (await page(`${ORG_PATH}/vestiging/wijkbibliotheek-noord-demo/zoeken?tegel=computer`)).doc;
    const everywhere = (await page(`${ORG_PATH}/zoeken?tegel=computer`)).doc;
    const n = (d: Document) => Number(/\d+/.exec(text(d, '#count'))?.[0] ?? 0);
    expect(n(results)).toBeGreaterThan(0);
    expect(n(results)).toBeLessThan(n(everywhere));
  });

  it('answers unknown pages with a 404 page and bad parameters with a 400, never a 500', async () => {
    for (const url of [`/aanbod/geen-bibliotheek`, `${ORG_PATH}/geen-cursus`, `${ORG_PATH}/vestiging/nergens`]) {
      const r = await app.inject(url);
      expect(r.statusCode).toBe(404);
      expect(parse(r.body).querySelector('h1')?.textContent).toBe('Deze pagina bestaat niet (meer).');
    }
    for (const url of [`${ORG_PATH}?lang=xx`, `${ORG_PATH}/zoeken?soort=iets`, `${ORG_PATH}/zoeken?q=${'a'.repeat(300)}`]) {
      expect((await app.inject(url)).statusCode).toBe(400);
    }
  });
});

describe('long result lists', () => {
  it('come a page at a time, with links to the next and previous pages', async () => {
    const first = (await page(`${ORG_PATH}/zoeken`)).doc;
    const total = (await finderCatalogue(db)).items.length;
    expect(total).toBeGreaterThan(30);
    expect(first.querySelectorAll('#results .card').length).toBe(30);
    expect(text(first, '#count')).toContain(`${total} resultaten`);
    const next = first.querySelector('.paging a[rel=next]')!.getAttribute('href')!;
    expect(next).toBe(`${ORG_PATH}/zoeken?pagina=2`);
    const second = (await page(next)).doc;
    const firstNames = [...first.querySelectorAll('#results .card h3 a')].map((a) => a.getAttribute('href'));
    const secondNames = [...second.querySelectorAll('#results .card h3 a')].map((a) => a.getAttribute('href'));
    expect(secondNames.length).toBe(Math.min(30, total - 30));
    expect(secondNames.some((n) => firstNames.includes(n))).toBe(false);
    expect(second.querySelector('.paging a[rel=prev]')?.getAttribute('href')).toBe(`${ORG_PATH}/zoeken`);
  });
});

describe('links from elsewhere in Inloop', () => {
  it('reach an item by its id, sent on to its readable address in the language asked', async () => {
    const { item, path } = await itemPathOf(db, (i) => i.kind === 'course');
    const response = await app.inject(`/aanbod/i/${item.id}?lang=tr`);
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(`${path}?lang=tr`);
    expect((await app.inject('/aanbod/i/01900000-0000-7000-8000-00000000ffff')).statusCode).toBe(404);
    expect((await app.inject('/aanbod/i/geen-id')).statusCode).toBe(400);
  });
});
