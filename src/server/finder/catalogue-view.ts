import {
  catalogueItemSchema,
  catalogueLocationSchema,
  catalogueOrganizationSchema,
  type CatalogueItem,
  type CatalogueLocation,
  type CatalogueOrganization,
} from '../../shared/catalogue';
import { CatalogueIndex } from '../../shared/catalogue-search';
import { readCatalogue } from '../store/catalogue-store';
import type { Queryable } from '../store/database';
import { catalogueStamp } from '../store/finder';
import { uniqueSlugs } from './slug';

/** Address parts an item slug may not take: the finder's own pages under /aanbod/<organisation>/. */
export const RESERVED_SLUGS = ['zoeken', 'vestiging', 'brand.css', 'logo', 'sitemap.xml', 'i'] as const;

/** The live catalogue as the public pages use it, built once per catalogue version. */
export interface FinderCatalogue {
  version: number;
  updatedAt: Date | null;
  /** Items people can still go to (ended ones are left out), by Dutch name. */
  items: CatalogueItem[];
  item: Map<string, CatalogueItem>;
  itemBySlug: Map<string, CatalogueItem>;
  slugOf: Map<string, string>;
  organizations: Map<string, CatalogueOrganization>;
  locations: Map<string, CatalogueLocation>;
  index: CatalogueIndex;
}

const cache = new WeakMap<Queryable, { version: number; value: Promise<FinderCatalogue> }>();

/** The catalogue for the pages: rebuilt only when its version moved, and built once for requests arriving together. */
export async function finderCatalogue(db: Queryable): Promise<FinderCatalogue> {
  const stamp = await catalogueStamp(db);
  const hit = cache.get(db);
  if (hit && hit.version === stamp.version) return hit.value;
  const value = build(db, stamp);
  cache.set(db, { version: stamp.version, value });
  value.catch(() => cache.delete(db));
  return value;
}

async function build(db: Queryable, stamp: { version: number; updatedAt: Date | null }): Promise<FinderCatalogue> {
  const doc = await readCatalogue(db);
  // Stored documents were validated on the way in; parsing again fills defaults and keeps a bad row off the pages.
  const parse = <T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, rows: unknown[]): T[] =>
    rows.flatMap((r) => {
      const p = schema.safeParse(r);
      return p.success ? [p.data as T] : [];
    });
  const organizations = parse<CatalogueOrganization>(catalogueOrganizationSchema, doc.organizations);
  const locations = parse<CatalogueLocation>(catalogueLocationSchema, doc.locations);
  const items = parse<CatalogueItem>(catalogueItemSchema, doc.items)
    .filter((i) => i.status !== 'ended')
    .sort((a, b) => a.name.nl.localeCompare(b.name.nl, 'nl') || a.id.localeCompare(b.id));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const index = CatalogueIndex.empty();
  for (const item of items) index.put(item, orgById.get(item.organizationId)?.name ?? '');
  const slugOf = uniqueSlugs(items, (i) => i.name.nl, RESERVED_SLUGS);
  return {
    version: stamp.version,
    updatedAt: stamp.updatedAt,
    items,
    item: new Map(items.map((i) => [i.id, i])),
    itemBySlug: new Map(items.map((i) => [slugOf.get(i.id)!, i])),
    slugOf,
    organizations: orgById,
    locations: new Map(locations.map((l) => [l.id, l])),
    index,
  };
}
