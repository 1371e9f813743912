import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/server/store/database';
import { LANGUAGES } from '../../src/shared/i18n-text';
import { finderCatalogue } from '../../src/server/finder/catalogue-view';
import { replaceCatalogueInTransaction } from '../../src/server/store/catalogue-store';
import { readCatalogue } from '../../src/server/store/catalogue-store';
import { saveFinderBranding } from '../../src/server/store/finder';
import { DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { itemPathOf, ORG_PATH, parse, PUBLIC_URL, startFinderServer } from '../helpers/finder';

let app: FastifyInstance;
let db: Database;
beforeAll(async () => {
  ({ app, db } = await startFinderServer());
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

type Ld = Record<string, unknown> & { '@type': string };

function jsonLd(html: string): Ld[] {
  const doc = parse(html);
  return [...doc.querySelectorAll('script[type="application/ld+json"]')].flatMap((s) => {
    const data = JSON.parse(s.textContent!) as Ld | Ld[];
    return Array.isArray(data) ? data : [data];
  });
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/**
 * The properties Google's structured-data documentation lists as required:
 * Course: name, description, provider (with a name). Event: name, startDate, location
 * (a Place with a name or address, or a VirtualLocation with a url). Google has no
 * rich result for Service; we hold ours to schema.org's core: name, description,
 * provider, and a way to reach it (availableChannel).
 */
function missingRequired(ld: Ld): string[] {
  const need = (names: string[]) => names.filter((n) => !filled(ld[n]));
  const missing: string[] = [];
  if (ld['@context'] !== 'https://schema.org') missing.push('@context');
  switch (ld['@type']) {
    case 'Course':
      missing.push(...need(['name', 'description', 'provider']));
      if (!filled((ld.provider as Ld | undefined)?.name)) missing.push('provider.name');
      for (const instance of (ld.hasCourseInstance as Ld[] | undefined) ?? []) {
        if (!filled(instance.courseMode) && !filled(instance.courseWorkload) && !filled(instance.courseSchedule))
          missing.push('hasCourseInstance.courseMode');
        if (!filled(instance.location) && instance.courseMode !== 'Online') missing.push('hasCourseInstance.location');
      }
      break;
    case 'Event': {
      missing.push(...need(['name', 'startDate', 'location']));
      const location = ld.location as Ld | undefined;
      if (location?.['@type'] === 'Place' && !filled(location.name) && !filled(location.address)) missing.push('location.name|address');
      if (location?.['@type'] === 'VirtualLocation' && !filled(location.url)) missing.push('location.url');
      if (filled(ld.startDate) && Number.isNaN(Date.parse(ld.startDate as string))) missing.push('startDate (not a date)');
      break;
    }
    case 'Service':
    case 'GovernmentService':
      missing.push(...need(['name', 'description', 'provider', 'availableChannel']));
      break;
    case 'Library':
      missing.push(...need(['name', 'url']));
      break;
    default:
      missing.push(`unexpected type ${ld['@type']}`);
  }
  return missing;
}

describe('the finder for search engines', () => {
  it('gives every item page JSON-LD that parses and holds what Google requires', async () => {
    const catalogue = await finderCatalogue(db);
    const types = new Set<string>();
    for (const item of catalogue.items) {
      for (const lang of ['nl', 'ar'] as const) {
        const response = await app.inject(`${ORG_PATH}/${catalogue.slugOf.get(item.id)}${lang === 'ar' ? '?lang=ar' : ''}`);
        const data = jsonLd(response.body);
        expect(data.length, item.name.nl).toBeGreaterThan(0);
        for (const ld of data) {
          types.add(ld['@type']);
          expect(missingRequired(ld), `${item.name.nl} (${lang}) ${ld['@type']}`).toEqual([]);
        }
        const main = data[0]!;
        expect(main['@type']).toBe(
          item.kind === 'course' ? 'Course' : item.themes.includes('digital_government') ? 'GovernmentService' : 'Service',
        );
        // Each coming session is an Event of its own.
        if (item.kind === 'course')
          expect(data.filter((d) => d['@type'] === 'Event').length).toBe(((main.hasCourseInstance as unknown[]) ?? []).length);
      }
    }
    expect([...types].sort()).toEqual(['Course', 'Event', 'GovernmentService', 'Service']);
    expect(missingRequired(jsonLd((await app.inject(ORG_PATH)).body)[0]!)).toEqual([]);
  });

  it('cannot be broken out of by text in the catalogue', async () => {
    const doc = await readCatalogue(db);
    const target = doc.items[0]!;
    const evil = { ...target, description: { ...target.description, nl: 'Kijk </script><script>alert(1)</script> hier' } };
    await replaceCatalogueInTransaction(db, { ...doc, items: doc.items.map((i) => (i.id === target.id ? evil : i)) });
    const { path } = await itemPathOf(db, (i) => i.id === target.id);
    const body = (await app.inject(path)).body;
    expect(body).not.toContain('<script>alert(1)');
    expect(JSON.stringify(jsonLd(body))).toContain('</script><script>alert(1)</script>');
    await replaceCatalogueInTransaction(db, doc);
  });

  it('lists every page in sitemap.xml in every language, with alternates', async () => {
    const response = await app.inject('/sitemap.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/xml/);
    const xml = parse(response.body.replace(/^<\?xml[^>]*>/, ''));
    const locs = [...xml.querySelectorAll('url > loc')].map((l) => l.textContent!);
    const catalogue = await finderCatalogue(db);
    for (const item of catalogue.items) {
      for (const lang of LANGUAGES) {
        const url = `${PUBLIC_URL}${ORG_PATH}/${catalogue.slugOf.get(item.id)}${lang === 'nl' ? '' : `?lang=${lang}`}`;
        expect(locs).toContain(url);
      }
    }
    expect(locs).toContain(`${PUBLIC_URL}${ORG_PATH}/vestiging/wijkbibliotheek-zuid-demo`);
    // Every address in the sitemap is a page that answers, and names itself canonical.
    for (const loc of locs.filter((_, i) => i % 97 === 0)) {
      const r = await app.inject(loc.slice(PUBLIC_URL.length));
      expect(r.statusCode, loc).toBe(200);
      expect(parse(r.body).querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(loc);
    }
    const robots = await app.inject('/robots.txt');
    expect(robots.body).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
  });

  it("keeps word searches out of the index, but not a tile's page", async () => {
    const search = parse((await app.inject(`${ORG_PATH}/zoeken?q=taal`)).body);
    expect(search.querySelector('meta[name=robots]')?.getAttribute('content')).toContain('noindex');
    expect(search.querySelector('link[rel=canonical]')).toBeNull();
    const tile = parse((await app.inject(`${ORG_PATH}/zoeken?tegel=work`)).body);
    expect(tile.querySelector('meta[name=robots]')).toBeNull();
    expect(tile.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(`${PUBLIC_URL}${ORG_PATH}/zoeken?tegel=work`);
  });

  it("offers a course's sessions as iCalendar", async () => {
    const { item, path } = await itemPathOf(db, (i) => i.kind === 'course' && i.sessions.some((s) => s.rrule));
    const response = await app.inject(`${path}/agenda.ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const body = response.body;
    expect(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = body.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    const unfolded = body.replace(/\r\n /g, '');
    expect(unfolded.match(/BEGIN:VEVENT/g)?.length).toBe(item.sessions.length);
    const first = item.sessions[0]!;
    expect(unfolded).toContain(
      `DTSTART:${new Date(first.start)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '')}`,
    );
    expect(unfolded).toContain(`RRULE:${item.sessions.find((s) => s.rrule)!.rrule}`);
    expect(unfolded).toContain(`SUMMARY:${item.name.nl.replace(/,/g, '\\,').replace(/;/g, '\\;')}`);
    expect(unfolded).toMatch(/UID:[0-9a-f-]+-0@inloop\.bieb\.test/);
    const services = await itemPathOf(db, (i) => i.kind === 'service');
    expect((await app.inject(`${services.path}/agenda.ics`)).statusCode).toBe(404);
  });
});

describe('the finder for caches', () => {
  it('answers with validators from the catalogue version, and 304 to a current copy', async () => {
    const first = await app.inject(ORG_PATH);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"f\d+-/);
    expect(first.headers['cache-control']).toContain('public');
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(Date.parse(first.headers['last-modified'] as string)).not.toBeNaN();
    const again = await app.inject({ url: ORG_PATH, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const since = await app.inject({ url: ORG_PATH, headers: { 'if-modified-since': first.headers['last-modified'] as string } });
    expect(since.statusCode).toBe(304);

    // A change to the catalogue is a new version: the old copy is stale and the new text is served.
    const doc = await readCatalogue(db);
    const target = doc.items.find((i) => i.kind === 'course')!;
    const renamed = { ...target, name: { ...target.name, nl: 'Een nieuwe naam voor de cursus' } };
    await replaceCatalogueInTransaction(db, { ...doc, items: doc.items.map((i) => (i.id === target.id ? renamed : i)) });
    const changed = await app.inject({ url: `${ORG_PATH}/zoeken?soort=course`, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body).toContain('Een nieuwe naam voor de cursus');
    await replaceCatalogueInTransaction(db, doc);
  });

  it("lets only an organisation's own sites frame its pages", async () => {
    const closed = await app.inject(ORG_PATH);
    expect(closed.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(closed.headers['x-frame-options']).toBe('DENY');
    await saveFinderBranding(db, DEMO_ORGANISATION.id, { colour: '#7a1f5c', frameAncestors: ['https://www.bieb-voorbeeld.test'] });
    const open = await app.inject(ORG_PATH);
    expect(open.headers['content-security-policy']).toContain('frame-ancestors https://www.bieb-voorbeeld.test');
    expect(open.headers['content-security-policy']).not.toContain("frame-ancestors 'none'");
    expect(open.headers['x-frame-options']).toBeUndefined();
    // The look changed too: the cached copy is stale, and the colour is served as a stylesheet.
    expect(open.headers.etag).not.toBe(closed.headers.etag);
    const brand = parse(open.body).querySelector('link[href*="brand.css"]')?.getAttribute('href');
    const css = await app.inject(brand!);
    expect(css.body).toContain('--brand:#7a1f5c');
    // Everything else on the server still refuses frames.
    expect((await app.inject('/aanbod')).headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await app.inject('/api/health')).headers['content-security-policy']).toContain("frame-ancestors 'none'");
    await saveFinderBranding(db, DEMO_ORGANISATION.id, { colour: null, frameAncestors: [] });
  });
});
