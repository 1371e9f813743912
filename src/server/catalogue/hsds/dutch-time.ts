/**
 * Moments and Dutch clock times. HSDS gives a schedule's time zone as a UTC offset in hours;
 * Inloop stores moments with their offset and repeats sessions at the same Dutch clock time.
 */
import { libraryClockParts, libraryWallClock } from '../../../shared/library-clock';

/** Dutch wall-clock parts of a moment, and the offset from UTC then (60 or 120 minutes). */
export function dutchClock(ms: number): { date: string; time: string; offsetMinutes: number } {
  const p = libraryClockParts(ms);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    time: `${p.hour}:${p.minute}:${p.second}`,
    offsetMinutes: Math.round((libraryWallClock(ms) - Math.floor(ms / 1000) * 1000) / 60_000),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** A moment as Inloop stores it: Dutch clock time with the offset of that day, e.g. 2027-01-12T10:00:00+01:00. */
export function dutchIso(ms: number): string {
  const c = dutchClock(ms);
  return `${c.date}T${c.time}${offsetText(c.offsetMinutes)}`;
}

/** The moment of a date and clock time at a UTC offset (in minutes). */
export function momentOf(date: string, time: string, offsetMinutes: number): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) return undefined;
  const [h, m, s] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
  if (h > 23 || m > 59 || s > 59) return undefined;
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), h, m, s) - offsetMinutes * 60_000;
  return Number.isNaN(ms) ? undefined : ms;
}
