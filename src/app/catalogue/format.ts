/** Dates, times, money and language names for the catalogue, through Intl, in Dutch time. */

const TIME_ZONE = 'Europe/Amsterdam';
const locale = (lang: string) => (lang === 'nl' ? 'nl-NL' : 'en-GB');
const cache = new Map<string, Intl.DateTimeFormat>();

function dtf(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, ...options })));
  return f;
}

/** "di 12 jan 2027, 10:00–12:00" */
export function formatSessionTime(start: Date, end: Date, lang: string): string {
  const day = dtf(lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(start);
  const t = dtf(lang, { hour: '2-digit', minute: '2-digit' });
  return `${day}, ${t.format(start)}–${t.format(end)}`;
}

export function formatClock(date: Date, lang: string): string {
  return dtf(lang, { hour: '2-digit', minute: '2-digit' }).format(date);
}

export function formatEuro(amount: number, lang: string): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR' }).format(amount);
}

let names: Map<string, Intl.DisplayNames> | undefined;
export function languageName(code: string, lang: string): string {
  names ??= new Map();
  try {
    let n = names.get(lang);
    if (!n) names.set(lang, (n = new Intl.DisplayNames([locale(lang)], { type: 'language' })));
    return n.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "maandag" / "Monday" for an ISO weekday (1 = Monday). */
export function weekdayName(weekday: number, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}
