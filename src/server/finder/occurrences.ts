import type { CatalogueItem } from '../../shared/catalogue';

export interface Occurrence {
  start: Date;
  end: Date;
  locationId?: string;
  seats?: number;
}

const DAY = 86_400_000;

/**
 * A course's coming meetings, soonest first: each session and its repeats (the same
 * DAILY/WEEKLY/MONTHLY rules with COUNT, UNTIL and INTERVAL the kiosk follows), from now on.
 */
export function upcomingOccurrences(item: CatalogueItem, now: Date, max = 12): Occurrence[] {
  const out: Occurrence[] = [];
  for (const session of item.sessions) {
    const start = Date.parse(session.start);
    const length = Date.parse(session.end) - start;
    const rule = Object.fromEntries(
      (session.rrule ?? '')
        .split(';')
        .filter(Boolean)
        .map((p) => p.split('=') as [string, string]),
    );
    const interval = Number(rule.INTERVAL ?? 1);
    const count = rule.COUNT ? Number(rule.COUNT) : rule.FREQ ? 104 : 1;
    const until = rule.UNTIL ? Date.parse(rule.UNTIL.replace(/^(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3T23:59:59Z')) : Infinity;
    for (let i = 0; i < count; i++) {
      const at =
        rule.FREQ === 'MONTHLY'
          ? new Date(start).setUTCMonth(new Date(start).getUTCMonth() + i * interval)
          : start + i * (rule.FREQ === 'DAILY' ? DAY * interval : rule.FREQ === 'WEEKLY' ? 7 * DAY * interval : 0);
      if (at > until) break;
      if (at + length > now.getTime()) {
        out.push({
          start: new Date(at),
          end: new Date(at + length),
          ...(session.locationId ? { locationId: session.locationId } : {}),
          ...(session.seats !== undefined ? { seats: session.seats } : {}),
        });
        if (out.length >= max * 4) break;
      }
      if (!rule.FREQ) break;
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, max);
}
