import { describe, expect, it } from 'vitest';
import { CatalogueData, FACETS, SOON_DAYS, type Facet, type Filters } from '../../src/app/catalogue/catalogue-data';
import { nextSession } from '../../src/app/catalogue/schedule';
import { InloopDatabase } from '../../src/app/db/database';
import type { CatalogueItem } from '../../src/shared/catalogue';
import { syntheticCatalogue } from '../../src/server/seed/synthetic-catalogue';

/** An item's values per facet, worked out plainly from the item (what the filters' bitsets must agree with). */
function valuesOf(item: CatalogueItem, facet: Facet, now: number): string[] {
  switch (facet) {
    case 'theme':
      return item.themes;
    case 'audience':
      return item.audience;
    case 'format':
      return [item.format];
    case 'location':
      return [...new Set([...item.locationIds, ...item.sessions.flatMap((s) => (s.locationId ? [s.locationId] : []))])];
    case 'language':
      return item.languages;
    case 'cost':
      return [item.cost.free ? 'free' : 'paid'];
    case 'when': {
      const start = nextSession(item, now)?.start.getTime();
      return start !== undefined && start >= now && start - now <= SOON_DAYS * 86_400_000 ? ['soon'] : [];
    }
  }
}

describe('filter counts from bitsets', () => {
  it('equal counting every match by hand, for queries with and without filters', async () => {
    const doc = syntheticCatalogue(600, 7);
    const db = new InloopDatabase(`facet-counts-${Date.now()}`);
    await db.catalogue.bulkPut([
      ...doc.organizations.map((o) => ({ id: o.id, entity: 'organization' as const, data: o })),
      ...doc.locations.map((l) => ({ id: l.id, entity: 'location' as const, data: l })),
      ...doc.items.map((i) => ({ id: i.id, entity: 'item' as const, data: i })),
    ]);
    const data = new CatalogueData(db);
    await data.load();
    const now = Date.parse('2026-11-25T12:00:00Z');
    const cases: Array<[string, Filters]> = [
      ['', {}],
      ['taal', {}],
      ['dig', { theme: ['digital_skills'], cost: ['free'] }],
      ['computer', { when: ['soon'] }],
      ['', { format: ['in_person', 'blended'], audience: ['must_learn'] }],
    ];
    for (const [query, filters] of cases) {
      const outcome = data.search(query, filters, now, 10_000);
      // The matches of the query alone, from the same search without filters.
      const matches = data.search(query, {}, now, 10_000).items;
      const passes = (item: CatalogueItem, except?: Facet) =>
        FACETS.every((f) => f === except || !filters[f]?.length || valuesOf(item, f, now).some((v) => filters[f]!.includes(v)));
      expect(outcome.total, `${query} ${JSON.stringify(filters)}`).toBe(matches.filter((i) => passes(i)).length);
      expect(outcome.items.map((i) => i.id).sort()).toEqual(
        matches
          .filter((i) => passes(i))
          .map((i) => i.id)
          .sort(),
      );
      for (const f of FACETS) {
        const expected = new Map<string, number>();
        for (const item of matches)
          if (passes(item, f)) for (const v of valuesOf(item, f, now)) expected.set(v, (expected.get(v) ?? 0) + 1);
        expect(
          Object.fromEntries(outcome.facets[f].map((c) => [c.value, c.count])),
          `${f} for ${query} ${JSON.stringify(filters)}`,
        ).toEqual(Object.fromEntries(expected));
      }
    }
  });
});
