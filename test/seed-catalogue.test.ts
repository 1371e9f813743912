import { describe, it, expect } from 'vitest';
import { AUDIENCES, THEMES, catalogueDocumentSchema, type CatalogueDocument, type CatalogueItem } from '../src/shared/catalogue';
import { readFileSync } from 'node:fs';
import { datedDemoCatalogue, demoCatalogue, demoCatalogueFor, DEMO_REFERENCE_DAY } from '../src/server/seed/demo-catalogue';
import { seedDemoIfEmpty } from '../src/server/seed/demo';
import { openPglite } from '../src/server/store/database';
import { migrate } from '../src/server/store/migrate';
import { readCatalogue } from '../src/server/store/catalogue-store';
import { availability, nextSession, occurrences } from '../src/app/catalogue/schedule';
import { CatalogueData } from '../src/app/catalogue/catalogue-data';
import { InloopDatabase } from '../src/app/db/database';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../src/server/seed/demo-ids';
import { syntheticCatalogue } from '../src/server/seed/synthetic-catalogue';

function allIds(doc: CatalogueDocument): string[] {
  return [...doc.organizations, ...doc.locations, ...doc.items].map((e) => e.id);
}

/** Every reference from an item or location points at an entity in the document. */
function danglingReferences(doc: CatalogueDocument): string[] {
  const orgs = new Set(doc.organizations.map((o) => o.id));
  const locs = new Set(doc.locations.map((l) => l.id));
  const problems: string[] = [];
  for (const loc of doc.locations) {
    if (!orgs.has(loc.organizationId)) problems.push(`location ${loc.id} → organization ${loc.organizationId}`);
  }
  for (const item of doc.items) {
    if (!orgs.has(item.organizationId)) problems.push(`item ${item.id} → organization ${item.organizationId}`);
    for (const locId of item.locationIds) {
      if (!locs.has(locId)) problems.push(`item ${item.id} → location ${locId}`);
    }
    for (const session of item.sessions) {
      if (session.locationId && !locs.has(session.locationId)) problems.push(`item ${item.id} session → location ${session.locationId}`);
    }
  }
  return problems;
}

describe('demoCatalogue', () => {
  it('is read from the data file, and a mistake in that file stops it with the field that is wrong', () => {
    const file = JSON.parse(readFileSync('src/server/seed/demo-catalogue.json', 'utf8'));
    expect(datedDemoCatalogue(file, DEMO_REFERENCE_DAY)).toEqual(demoCatalogue);
    const typo = structuredClone(file);
    typo.items[3].sessions[0].weekday = 'MA'; // a Dutch abbreviation for Monday
    expect(() => datedDemoCatalogue(typo, DEMO_REFERENCE_DAY)).toThrow(/demo-catalogue\.json: .*items\.3\.sessions\.0\.weekday/);
    const untranslatable = structuredClone(file);
    delete untranslatable.items[5].name.nl; // Dutch is required
    expect(() => datedDemoCatalogue(untranslatable, DEMO_REFERENCE_DAY)).toThrow(/items\.5\.name\.nl/);
    const moved = structuredClone(file);
    moved.locations[0].address = 'Elders 1';
    expect(() => datedDemoCatalogue(moved, DEMO_REFERENCE_DAY)).toThrow(/must be the demo branch/);
  });

  it('parses with catalogueDocumentSchema', () => {
    const result = catalogueDocumentSchema.safeParse(demoCatalogue);
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5), null, 2)).toBe(true);
  });

  it('has at least 80 items', () => {
    expect(demoCatalogue.items.length).toBeGreaterThanOrEqual(80);
  });

  it('has unique ids across all entities', () => {
    const ids = allIds(demoCatalogue);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('only refers to organizations and locations that exist', () => {
    expect(danglingReferences(demoCatalogue)).toEqual([]);
  });

  it('includes the demo library and its three branches with the fixed ids', () => {
    const library = demoCatalogue.organizations.find((o) => o.id === DEMO_ORGANISATION.id);
    expect(library?.isLibrary).toBe(true);
    expect(library?.name).toBe(DEMO_ORGANISATION.name);
    for (const branch of DEMO_LOCATIONS) {
      const loc = demoCatalogue.locations.find((l) => l.id === branch.id);
      expect(loc).toMatchObject({ name: branch.name, city: branch.city, address: branch.address, organizationId: DEMO_ORGANISATION.id });
    }
  });

  it('gives every course at least one session that ends after it starts', () => {
    for (const item of demoCatalogue.items.filter((i) => i.kind === 'course')) {
      expect(item.sessions.length, item.name.nl).toBeGreaterThan(0);
      for (const session of item.sessions) {
        expect(Date.parse(session.end), `${item.name.nl} ${session.start}`).toBeGreaterThan(Date.parse(session.start));
      }
    }
  });

  it('covers every theme and both audiences', () => {
    const themes = new Set(demoCatalogue.items.flatMap((i) => i.themes));
    const audiences = new Set(demoCatalogue.items.flatMap((i) => i.audience));
    // Every theme but "not yet sorted", which only an import from another system gives.
    for (const theme of THEMES.filter((t) => t !== 'unsorted')) expect(themes.has(theme), theme).toBe(true);
    expect(themes.has('unsorted')).toBe(false);
    for (const audience of AUDIENCES) expect(audiences.has(audience), audience).toBe(true);
  });

  it('has items at each of the three demo branches', () => {
    for (const branch of DEMO_LOCATIONS) {
      const count = demoCatalogue.items.filter(
        (i) => i.locationIds.includes(branch.id) || i.sessions.some((s) => s.locationId === branch.id),
      ).length;
      expect(count, branch.name).toBeGreaterThan(0);
    }
  });
});

const DAY_MS = 86_400_000;
const courses = (doc: CatalogueDocument): CatalogueItem[] => doc.items.filter((i) => i.kind === 'course');

/** Weekday and clock time on a Dutch wall clock, e.g. "Tue 10:00". */
const dutchClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dutchDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "Starting soon" as the tablet's catalogue browser filters it. */
async function startingSoon(doc: CatalogueDocument, now: number): Promise<CatalogueData> {
  const local = new InloopDatabase(`seed-soon-${now}-${Math.random()}`);
  await local.catalogue.bulkPut([
    ...doc.organizations.map((o) => ({ id: o.id, entity: 'organization' as const, data: o })),
    ...doc.locations.map((l) => ({ id: l.id, entity: 'location' as const, data: l })),
    ...doc.items.map((i) => ({ id: i.id, entity: 'item' as const, data: i })),
  ]);
  const data = new CatalogueData(local);
  await data.load();
  return data;
}

describe('demoCatalogueFor: course dates follow the day the demo is seeded', () => {
  it('seeded in 2028, no course has ended, the first starts within days and "starting soon" lists several', async () => {
    const seeded = new Date('2028-05-17T09:00:00Z');
    const now = seeded.getTime();
    const doc = demoCatalogueFor(seeded);
    expect(catalogueDocumentSchema.safeParse(doc).success).toBe(true);
    for (const course of courses(doc)) {
      expect(availability(course, now), course.name.nl).not.toBe('ended');
    }
    const firsts = courses(doc).map((c) => nextSession(c, now)!.start.getTime());
    expect(Math.min(...firsts) - now).toBeLessThan(7 * DAY_MS);
    // Spread out over months, not all at once.
    expect(Math.max(...firsts) - now).toBeGreaterThan(120 * DAY_MS);

    const data = await startingSoon(doc, now);
    const soon = data.search('', { when: ['soon'] }, now, 1000);
    expect(soon.total).toBeGreaterThanOrEqual(10);
    const course = soon.items.find((i) => i.kind === 'course')!;
    expect(data.detail(course.id, now)?.next?.start.getTime()).toBeGreaterThan(now);
  });

  it('keeps each session on its weekday at its Dutch clock time, across the change to summer time', () => {
    // Seeded in winter, the spring sessions run past the last Sunday of March.
    const doc = demoCatalogueFor(new Date('2028-01-10T10:00:00Z'));
    let crossesSummerTime = false;
    doc.items.forEach((item, i) => {
      item.sessions.forEach((session, j) => {
        const reference = demoCatalogue.items[i]!.sessions[j]!;
        const expectedStart = dutchClock.format(Date.parse(reference.start));
        const expectedEnd = dutchClock.format(Date.parse(reference.end)).slice(-5);
        const list = occurrences(session);
        // The first occurrence is the session itself: a monthly rule agrees with its first date.
        expect(list[0]!.start.getTime(), `${item.name.nl} ${session.start}`).toBe(Date.parse(session.start));
        expect(session.rrule).toBe(reference.rrule);
        expect(list).toHaveLength(occurrences(reference).length);
        for (const o of list) {
          expect(dutchClock.format(o.start), `${item.name.nl} ${o.start.toISOString()}`).toBe(expectedStart);
          expect(dutchClock.format(o.end).slice(-5)).toBe(expectedEnd);
        }
        if (new Set(list.map((o) => o.start.getUTCHours())).size > 1) crossesSummerTime = true;
      });
    });
    expect(crossesSummerTime).toBe(true);
  });

  it('never dates a course on the seeding day itself, judged by the Dutch date', () => {
    // 00:30 on 15 June in the Netherlands, still the 14th in UTC.
    const seeded = new Date('2028-06-14T22:30:00Z');
    const firstDates = courses(demoCatalogueFor(seeded)).flatMap((c) => c.sessions.map((s) => dutchDate.format(Date.parse(s.start))));
    const earliest = firstDates.sort()[0]!;
    expect(earliest > '2028-06-15').toBe(true);
    expect(earliest <= '2028-06-22').toBe(true);
  });

  it('changes only the dates between seeding days, so ids and texts stay the same', () => {
    const undated = (doc: CatalogueDocument) => ({ ...doc, items: doc.items.map((i) => ({ ...i, sessions: i.sessions.length })) });
    expect(undated(demoCatalogueFor(new Date('2029-09-03T08:00:00Z')))).toEqual(undated(demoCatalogue));
  });

  it('is what seeding an empty database stores, dated from the given day', async () => {
    const db = await openPglite();
    try {
      await migrate(db);
      const seeded = new Date('2028-05-17T09:00:00Z');
      expect(await seedDemoIfEmpty(db, seeded)).toBe(true);
      const stored = await readCatalogue(db);
      const byId = (doc: CatalogueDocument) => Object.fromEntries(doc.items.map((i) => [i.id, i.sessions]));
      expect(byId(stored)).toEqual(byId(demoCatalogueFor(seeded)));
      expect(courses(stored).filter((c) => availability(c, seeded.getTime()) === 'ended')).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('syntheticCatalogue', () => {
  it('produces 1000 items that parse with catalogueDocumentSchema', () => {
    const doc = syntheticCatalogue(1000);
    expect(doc.items).toHaveLength(1000);
    const result = catalogueDocumentSchema.safeParse(doc);
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5), null, 2)).toBe(true);
    expect(danglingReferences(doc)).toEqual([]);
    const ids = allIds(doc);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(syntheticCatalogue(1000, 7)).toEqual(syntheticCatalogue(1000, 7));
    expect(syntheticCatalogue(1000)).toEqual(syntheticCatalogue(1000, 1));
    expect(syntheticCatalogue(1000, 2)).not.toEqual(syntheticCatalogue(1000, 1));
  });

  it('yields 10000 items with unique ids', () => {
    const doc = syntheticCatalogue(10_000);
    expect(doc.items).toHaveLength(10_000);
    const ids = allIds(doc);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
