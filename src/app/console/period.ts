/** Periods in the libraries' time zone, as ISO instants for the API. */
import { LIBRARY_TIME_ZONE as TZ } from '../i18n/format';

/** The UTC instant of local midnight on a date (yyyy-mm-dd) in Amsterdam. */
export function localMidnight(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: TZ,
      hour12: false,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(at));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute')) - at;
  };
  return new Date(guess - offset(guess - offset(guess))).toISOString();
}

export function quarterOf(date: Date): { from: string; to: string; label: string } {
  const q = Math.floor(date.getMonth() / 3);
  const y = date.getFullYear();
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = `${y}-${pad(q * 3 + 1)}-01`;
  const end = q === 3 ? `${y + 1}-01-01` : `${y}-${pad(q * 3 + 4)}-01`;
  return { from: start, to: end, label: `${y} Q${q + 1}` };
}

export function todayLocal(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TZ }).format(new Date());
}

/** The day after a date (yyyy-mm-dd): an inclusive "until" date becomes the exclusive end the API takes. */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
