import type { CatalogueItem, Theme } from './catalogue';
import type { KioskTopic } from './kiosk';

/**
 * Which items belong under each of the kiosk's start-screen tiles, and when a course
 * next meets. Pure, so the kiosk (offline, on the tablet) and the public finder (on
 * the server) show the same tiles with the same items.
 */

export interface TileRule {
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

const DAY = 86_400_000;

/** The first session start after now, following simple DAILY/WEEKLY/MONTHLY repeats with COUNT or UNTIL. */
export function nextSessionStart(item: CatalogueItem, now = Date.now()): string | undefined {
  let best: number | undefined;
  for (const session of item.sessions) {
    const start = Date.parse(session.start);
    const rule = Object.fromEntries(
      (session.rrule ?? '')
        .split(';')
        .filter(Boolean)
        .map((p) => p.split('=') as [string, string]),
    );
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
