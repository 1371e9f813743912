import type { CatalogueItem, CatalogueLocation } from '../../shared/catalogue';
import { nextSessionStart, tileFit } from '../../shared/catalogue-tiles';
import { pickText } from '../../shared/languages';
import type { KioskTopic } from '../../shared/kiosk';
import type { InloopDatabase } from '../db/database';

// The tile rules and session dates are shared with the public finder (server-rendered pages).
export { TILE_RULES, matchesTile, nextSessionStart, tileFit } from '../../shared/catalogue-tiles';

/**
 * The kiosk's own small view of the catalogue: items per start-screen tile, by
 * theme and everyday words, best first (active, closest fit, basic skills, at this
 * branch, for beginners, soonest). Reads the tablet's copy, so it works offline.
 */

export interface KioskItem {
  item: CatalogueItem;
  /** How closely it fits the tile: 0 its main theme or name, 1 another theme, 2 only its keywords. */
  fit: number;
  /** Held at this kiosk's own branch. */
  here: boolean;
  /** The next session's start, ISO, for courses with dates. */
  next?: string;
}

async function readItems(rows: Array<{ data: unknown }>): Promise<CatalogueItem[]> {
  // The schema loads with its first use: zod stays out of the kiosk's first load (see sync/api.ts).
  const { catalogueItemSchema } = await import('../../shared/catalogue');
  const items: CatalogueItem[] = [];
  for (const row of rows) {
    const parsed = catalogueItemSchema.safeParse(row.data);
    if (parsed.success && parsed.data.status !== 'ended') items.push(parsed.data);
  }
  return items;
}

function rank(a: KioskItem, b: KioskItem): number {
  const active = (k: KioskItem) => (k.item.status === 'active' ? 0 : 1);
  const beginner = (k: KioskItem) => (k.item.level === 'beginner' || k.item.level === 'all' ? 0 : 1);
  // Basic skills first: the kiosk is above all for people who must learn them.
  const mustLearn = (k: KioskItem) => (k.item.audience.includes('must_learn') ? 0 : 1);
  return (
    active(a) - active(b) ||
    a.fit - b.fit ||
    mustLearn(a) - mustLearn(b) ||
    Number(b.here) - Number(a.here) ||
    beginner(a) - beginner(b) ||
    (a.next ?? '9999').localeCompare(b.next ?? '9999') ||
    a.item.name.nl.localeCompare(b.item.name.nl, 'nl')
  );
}

function toKioskItem(item: CatalogueItem, locationId: string, now: number, fit = 0): KioskItem {
  return { item, fit, here: item.locationIds.includes(locationId), next: nextSessionStart(item, now) };
}

/** Items for a tile, active first, at this branch first, then beginners' and the soonest. */
export async function itemsForTile(db: InloopDatabase, topic: KioskTopic, locationId: string, now = Date.now()): Promise<KioskItem[]> {
  const items = await readItems(await db.catalogue.where('entity').equals('item').toArray());
  const fitting: KioskItem[] = [];
  for (const item of items) {
    const fit = tileFit(item, topic);
    if (fit !== undefined) fitting.push(toKioskItem(item, locationId, now, fit));
  }
  return fitting.sort(rank);
}

export async function kioskItem(db: InloopDatabase, id: string, locationId: string, now = Date.now()): Promise<KioskItem | undefined> {
  const row = await db.catalogue.get(id);
  const [item] = row?.entity === 'item' ? await readItems([row]) : [];
  return item && toKioskItem(item, locationId, now);
}

export async function catalogueLocations(db: InloopDatabase): Promise<Map<string, CatalogueLocation>> {
  const rows = await db.catalogue.where('entity').equals('location').toArray();
  return new Map(rows.map((r) => [r.id, r.data as CatalogueLocation]));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The optional search: every word must appear in the item's name, description or keywords, in any language it has. */
export async function searchItems(
  db: InloopDatabase,
  query: string,
  lang: string,
  locationId: string,
  now = Date.now(),
): Promise<KioskItem[]> {
  const words = fold(query)
    .split(/\s+/)
    .filter((w) => w.length > 1);
  if (words.length === 0) return [];
  const items = await readItems(await db.catalogue.where('entity').equals('item').toArray());
  return items
    .filter((item) => {
      const haystack = fold(
        [...Object.values(item.name), pickText(item.description, lang).text, item.description.nl, ...item.keywords].join(' '),
      );
      return words.every((w) => haystack.includes(w));
    })
    .map((i) => toKioskItem(i, locationId, now))
    .sort(rank)
    .slice(0, 20);
}
