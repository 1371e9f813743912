import { describe, it, expect } from 'vitest';
import { AUDIENCES, THEMES, catalogueDocumentSchema, type CatalogueDocument } from '../src/shared/catalogue';
import { demoCatalogue } from '../src/server/seed/demo-catalogue';
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
    for (const theme of THEMES) expect(themes.has(theme), theme).toBe(true);
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
