/**
 * The libraries' wall clock. Course sessions, opening hours and every report are in Dutch time,
 * whatever the zone of the machine or device that computes them. The one place Inloop names the
 * zone; both the app and the server read it from here.
 */

export const LIBRARY_TIME_ZONE = 'Europe/Amsterdam';

/** A moment as a Dutch clock shows it, two digits each (the year four). */
export interface WallClockParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: LIBRARY_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function libraryClockParts(ms: number): WallClockParts {
  const p: Record<string, string> = {};
  for (const part of PARTS.formatToParts(new Date(ms))) p[part.type] = part.value;
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/**
 * What a Dutch clock shows at `ms`, as milliseconds on the UTC scale: plain arithmetic on it moves by
 * Dutch days and hours, its difference from `ms` is the offset from UTC, and Excel (which has no
 * zones) shows it as the Dutch time.
 */
export function libraryWallClock(ms: number): number {
  const p = libraryClockParts(ms);
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}
