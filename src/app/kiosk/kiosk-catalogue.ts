import { catalogueItemSchema, type CatalogueItem, type CatalogueLocation, type Theme } from '../../shared/catalogue';
import { pickText } from '../../shared/i18n-text';
import type { KioskTopic } from '../../shared/kiosk';
import type { InloopDatabase } from '../db/database';

/**
 * The kiosk's own small view of the catalogue: items per start-screen tile, by
 * theme and everyday words, best first (active, closest fit, basic skills, at this
 * branch, for beginners, soonest). Reads the tablet's copy, so it works offline.
 */

interface TileRule {
  themes: Theme[];
  /** Everyday words in the item's keywords or Dutch name. */
  words: RegExp;
}

export const TILE_RULES: Record<KioskTopic, TileRule> = {
  digid: { themes: [], words: /digid|mijnoverheid/i },
  taxes: { themes: [], words: /belasting|toeslag|aangifte|tax/i },
  computer: { themes: ['digital_skills'], words: /computer|laptop|tablet|telefoon|smartphone|klik & tik/i },
  // Not the whole language theme: that holds English and other languages too.
  dutch: { themes: [], words: /nederlands|taalcaf|taalhuis|taalmaatje|taalklik|nt2|inburgering|anderstalig/i },
  basic_skills: { themes: ['numeracy'], words: /lezen|schrijven|rekenen|laaggeletterd/i },
  health: { themes: ['health_skills'], words: /gezondheid|zorg|arts|apotheek/i },
  money: { themes: ['money'], words: /geld|schulden|budget/i },
  work: { themes: ['work'], words: /\bwerk\b|werk zoeken|werkspreekuur|sollicit|vacature|\bbaan\b|\bcv\b/i },
};

export interface KioskItem {
  item: CatalogueItem;
  /** How closely it fits the tile: 0 its main theme or name, 1 another theme, 2 only its keywords. */
  fit: number;
  /** Held at this kiosk's own branch. */
  here: boolean;
  /** The next session's start, ISO, for courses with dates. */
  next?: string;
}

function readItems(rows: Array<{ data: unknown }>): CatalogueItem[] {
  const items: CatalogueItem[] = [];
  for (const row of rows) {
    const parsed = catalogueItemSchema.safeParse(row.data);
    if (parsed.success && parsed.data.status !== 'ended') items.push(parsed.data);
  }
  return items;
}

const DAY = 86_400_000;

/** The first session start after now, following simple DAILY/WEEKLY/MONTHLY repeats with COUNT or UNTIL. */
export function nextSessionStart(item: CatalogueItem, now = Date.now()): string | undefined {
  let best: number | undefined;
  for (const session of item.sessions) {
    const start = Date.parse(session.start);
    const rule = Object.fromEntries((session.rrule ?? '').split(';').filter(Boolean).map((p) => p.split('=') as [string, string]));
    const step = rule.FREQ === 'DAILY' ? DAY : rule.FREQ === 'WEEKLY' ? 7 * DAY * Number(rule.INTERVAL ?? 1) : 0;
    const count = rule.COUNT ? Number(rule.COUNT) : rule.FREQ ? 52 : 1;
    const until = rule.UNTIL ? Date.parse(rule.UNTIL.replace(/^(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3T23:59:59Z')) : Infinity;
    for (let i = 0; i < count; i++) {
      const at = rule.FREQ === 'MONTHLY' ? new Date(start).setUTCMonth(new Date(start).getUTCMonth() + i) : start + i * step;
      if (at > until) break;
      if (at > now) {
        if (best === undefined || at < best) best = at;
        break;
      }
      if (!rule.FREQ) break;
    }
  }
  return best === undefined ? undefined : new Date(best).toISOString();
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

/** How well an item fits a tile (see KioskItem.fit), or undefined when it does not. */
export function tileFit(item: CatalogueItem, topic: KioskTopic): number | undefined {
  const rule = TILE_RULES[topic];
  if (rule.themes.includes(item.themes[0]!) || rule.words.test(item.name.nl)) return 0;
  if (item.themes.some((t) => rule.themes.includes(t))) return 1;
  if (item.keywords.some((k) => rule.words.test(k))) return 2;
  return undefined;
}

export function matchesTile(item: CatalogueItem, topic: KioskTopic): boolean {
  return tileFit(item, topic) !== undefined;
}

/** Items for a tile, active first, at this branch first, then beginners' and the soonest. */
export async function itemsForTile(db: InloopDatabase, topic: KioskTopic, locationId: string, now = Date.now()): Promise<KioskItem[]> {
  const items = readItems(await db.catalogue.where('entity').equals('item').toArray());
  const fitting: KioskItem[] = [];
  for (const item of items) {
    const fit = tileFit(item, topic);
    if (fit !== undefined) fitting.push(toKioskItem(item, locationId, now, fit));
  }
  return fitting.sort(rank);
}

export async function kioskItem(db: InloopDatabase, id: string, locationId: string, now = Date.now()): Promise<KioskItem | undefined> {
  const row = await db.catalogue.get(id);
  const [item] = row?.entity === 'item' ? readItems([row]) : [];
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
export async function searchItems(db: InloopDatabase, query: string, lang: string, locationId: string, now = Date.now()): Promise<KioskItem[]> {
  const words = fold(query).split(/\s+/).filter((w) => w.length > 1);
  if (words.length === 0) return [];
  const items = readItems(await db.catalogue.where('entity').equals('item').toArray());
  return items
    .filter((item) => {
      const haystack = fold([...Object.values(item.name), pickText(item.description, lang).text, item.description.nl, ...item.keywords].join(' '));
      return words.every((w) => haystack.includes(w));
    })
    .map((i) => toKioskItem(i, locationId, now))
    .sort(rank)
    .slice(0, 20);
}
