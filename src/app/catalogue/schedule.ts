import type { CatalogueItem, CourseSession } from '../../shared/catalogue';

/**
 * When things happen: occurrences of course sessions (RFC 5545 RRULE with FREQ
 * DAILY/WEEKLY/MONTHLY, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY) and the next
 * walk-in slot. Wall-clock times are Dutch (Europe/Amsterdam), whatever the
 * device's own time zone, using the EU daylight-saving rule.
 */

const DAY = 86_400_000;
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
/** Most occurrences expanded per session: a runaway rule must not hang the tablet. */
const MAX_OCCURRENCES = 400;

/** Last Sunday of a month, as a UTC day number. */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY;
}

/** Minutes Amsterdam is ahead of UTC at this instant (60, or 120 in summer). */
export function amsterdamOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const from = lastSunday(year, 2) + 3_600_000;
  const to = lastSunday(year, 9) + 3_600_000;
  return ms >= from && ms < to ? 120 : 60;
}

/** Amsterdam wall-clock time as a UTC-based Date (read it with getUTC…). */
export function wall(ms: number): Date {
  return new Date(ms + amsterdamOffset(ms) * 60_000);
}

/** The instant of an Amsterdam wall-clock time. */
export function fromWall(wallMs: number): number {
  const guess = wallMs - 60 * 60_000;
  return wallMs - amsterdamOffset(guess) * 60_000;
}

export interface Occurrence {
  start: Date;
  end: Date;
  locationId?: string;
  seats?: number;
}

function parseRule(rrule: string): Record<string, string> {
  return Object.fromEntries(rrule.split(';').map((p) => p.split('=') as [string, string]));
}

function parseUntil(until: string | undefined): number {
  if (!until) return Infinity;
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(until);
  if (!m) return Infinity;
  const wallOrUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, m[4] ? +m[4] : 23, m[5] ? +m[5] : 59, m[6] ? +m[6] : 59);
  return m[7] ? wallOrUtc : fromWall(wallOrUtc);
}

/** Every occurrence of a session (the first is the session itself), in order. */
export function occurrences(session: CourseSession): Occurrence[] {
  const start = Date.parse(session.start);
  const duration = Date.parse(session.end) - start;
  const base = { locationId: session.locationId, seats: session.seats };
  if (!session.rrule) return [{ start: new Date(start), end: new Date(start + duration), ...base }];
  const rule = parseRule(session.rrule);
  const interval = Math.max(1, Number(rule.INTERVAL ?? 1) || 1);
  const count = rule.COUNT ? Math.min(MAX_OCCURRENCES, Number(rule.COUNT)) : MAX_OCCURRENCES;
  const until = parseUntil(rule.UNTIL);
  const w = wall(start);
  const timeOfDay = start + amsterdamOffset(start) * 60_000 - Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate());
  const startDay = Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate());
  const out: Occurrence[] = [];
  const push = (dayMs: number): boolean => {
    if (dayMs < startDay) return true;
    const s = fromWall(dayMs + timeOfDay);
    if (s < start) return true;
    if (s > until || out.length >= count) return false;
    out.push({ start: new Date(s), end: new Date(s + duration), ...base });
    return true;
  };
  const byday = (rule.BYDAY ?? '').split(',').filter(Boolean);
  if (rule.FREQ === 'DAILY') {
    for (let d = startDay; push(d); d += interval * DAY);
  } else if (rule.FREQ === 'WEEKLY') {
    const days = byday.length
      ? byday
          .map((c) => WEEKDAY_CODES.indexOf(c.slice(-2) as never))
          .filter((i) => i >= 0)
          .sort()
      : [(w.getUTCDay() + 6) % 7];
    const monday = startDay - ((w.getUTCDay() + 6) % 7) * DAY;
    outer: for (let week = monday; out.length < count; week += interval * 7 * DAY) {
      for (const d of days) if (!push(week + d * DAY)) break outer;
      if (week - monday > 20 * 365 * DAY) break;
    }
  } else if (rule.FREQ === 'MONTHLY') {
    const monthDays = (rule.BYMONTHDAY ?? '').split(',').filter(Boolean).map(Number);
    outer: for (let m = 0; out.length < count && m < 12 * 20; m += interval) {
      const year = w.getUTCFullYear() + Math.floor((w.getUTCMonth() + m) / 12);
      const month = (w.getUTCMonth() + m) % 12;
      const candidates: number[] = [];
      if (byday.length) {
        for (const code of byday) {
          const match = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(code);
          if (!match) continue;
          const weekday = WEEKDAY_CODES.indexOf(match[2] as never);
          const nth = match[1] ? Number(match[1]) : 1;
          if (nth > 0) {
            const first = Date.UTC(year, month, 1);
            const shift = (weekday - ((new Date(first).getUTCDay() + 6) % 7) + 7) % 7;
            const day = first + (shift + (nth - 1) * 7) * DAY;
            if (new Date(day).getUTCMonth() === month) candidates.push(day);
          } else {
            const last = Date.UTC(year, month + 1, 0);
            const shift = (((new Date(last).getUTCDay() + 6) % 7) - weekday + 7) % 7;
            candidates.push(last - (shift + (-nth - 1) * 7) * DAY);
          }
        }
      } else if (monthDays.length) {
        for (const d of monthDays)
          if (new Date(Date.UTC(year, month, d)).getUTCMonth() === month) candidates.push(Date.UTC(year, month, d));
      } else {
        const day = Date.UTC(year, month, w.getUTCDate());
        if (new Date(day).getUTCMonth() === month) candidates.push(day);
      }
      for (const day of candidates.sort((a, b) => a - b)) if (!push(day)) break outer;
    }
  } else {
    push(startDay);
  }
  return out;
}

/** The next session (or the one going on now) of an item, if any. */
export function nextSession(item: Pick<CatalogueItem, 'sessions'>, now = Date.now()): Occurrence | undefined {
  let best: Occurrence | undefined;
  for (const session of item.sessions) {
    for (const o of occurrences(session)) {
      if (o.end.getTime() <= now) continue;
      if (!best || o.start < best.start) best = o;
      break;
    }
  }
  return best;
}

/** Upcoming sessions of an item, soonest first. */
export function upcomingSessions(item: Pick<CatalogueItem, 'sessions'>, now = Date.now(), limit = 6): Occurrence[] {
  return item.sessions
    .flatMap((s) => occurrences(s).filter((o) => o.end.getTime() > now))
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .slice(0, limit);
}

export interface Slot {
  start: Date;
  end: Date;
  /** True when the slot is open at `now`. */
  openNow: boolean;
}

/** The next walk-in or opening slot from weekly hours, in Dutch time. */
export function nextOpening(hours: CatalogueItem['hours'], now = Date.now()): Slot | undefined {
  if (!hours.length) return undefined;
  const w = wall(now);
  const today = Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate());
  for (let i = 0; i < 8; i++) {
    const day = today + i * DAY;
    const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    const slots = hours
      .filter((h) => h.weekday === weekday)
      .map((h) => {
        const [oh, om] = h.opens.split(':').map(Number) as [number, number];
        const [ch, cm] = h.closes.split(':').map(Number) as [number, number];
        return { start: fromWall(day + (oh * 60 + om) * 60_000), end: fromWall(day + (ch * 60 + cm) * 60_000) };
      })
      .filter((s) => s.end > now)
      .sort((a, b) => a.start - b.start);
    if (slots[0]) return { start: new Date(slots[0].start), end: new Date(slots[0].end), openNow: slots[0].start <= now };
  }
  return undefined;
}

export type ItemAvailability = 'active' | 'temporarily_closed' | 'ended';

/** Ended when marked so, or a course whose every session is over. */
export function availability(item: Pick<CatalogueItem, 'status' | 'kind' | 'sessions' | 'hours'>, now = Date.now()): ItemAvailability {
  if (item.status !== 'active') return item.status;
  if (item.kind === 'course' && item.sessions.length > 0 && item.hours.length === 0 && !nextSession(item, now)) return 'ended';
  return 'active';
}
