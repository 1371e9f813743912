/**
 * Every date, time, number, amount, duration and language name the app shows, through
 * Intl in the reader's language. Two clocks:
 * - the library's (LIBRARY_TIME_ZONE): course sessions, opening hours and everything
 *   the console reports, whatever the zone of the device reading them;
 * - the tablet's own: the desk's lists of its visits, like the "today" these visits
 *   belong to (visits/record-visit.ts).
 */
import { LANGUAGE_NAMES } from '../../shared/languages';
import { LIBRARY_TIME_ZONE } from '../../shared/library-clock';

export { LIBRARY_TIME_ZONE };

const LOCALES: Record<string, string> = { nl: 'nl-NL', en: 'en-GB', ar: 'ar', tr: 'tr-TR', pl: 'pl-PL', uk: 'uk-UA' };

/** The Intl locale of one of the app's languages (the desk's two, the kiosk's six); Dutch for any other. */
export function localeOf(lang: string): string {
  return LOCALES[lang] ?? 'nl-NL';
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(localeOf(lang), options)));
  return format;
}
const inLibrary = { timeZone: LIBRARY_TIME_ZONE } as const;

// --- On the tablet's clock: the desk's own visits -------------------------------------

/** "10:05" */
export function formatTime(iso: string, lang: string): string {
  return dateFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "di 12 jan, 10:05" */
export function formatDateTime(iso: string, lang: string): string {
  return dateFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "di 12 jan 2027" */
export function formatDate(iso: string, lang: string): string {
  return dateFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

/** Today's (or d's) local date as YYYY-MM-DD, for date inputs. */
export function localDateString(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// --- On the library's clock: courses, opening hours, the console -----------------------

/** "di 12 jan 2027, 10:00–12:00" */
export function formatSessionTime(start: Date, end: Date, lang: string): string {
  const day = dateFormat(lang, { ...inLibrary, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(start);
  return `${day}, ${formatClock(start, lang)}–${formatClock(end, lang)}`;
}

/** "10:00" in Dutch time. */
export function formatClock(date: Date, lang: string): string {
  return dateFormat(lang, { ...inLibrary, hour: '2-digit', minute: '2-digit' }).format(date);
}

/** "dinsdag 1 december, 10:00": when a course next meets, as the kiosk says it. */
export function formatSessionStart(iso: string, lang: string): string {
  return dateFormat(lang, { ...inLibrary, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** "12 jan 2027, 10:00" */
export function formatLibraryDateTime(iso: string, lang: string): string {
  return dateFormat(lang, { ...inLibrary, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "12 jan 2027" */
export function formatLibraryDate(iso: string, lang: string): string {
  return dateFormat(lang, { ...inLibrary, dateStyle: 'medium' }).format(new Date(iso));
}

/** "maandag" / "Monday" (or "ma" / "Mon" short) for an ISO weekday, 1 = Monday. */
export function weekdayName(isoWeekday: number, lang: string, width: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  return dateFormat(lang, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

// --- Numbers, amounts, durations -------------------------------------------------------

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = lang + JSON.stringify(options);
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(localeOf(lang), options)));
  return format;
}

export function formatNumber(n: number, lang: string): string {
  return numberFormat(lang).format(n);
}

export function formatEuro(amount: number, lang: string): string {
  return numberFormat(lang, { style: 'currency', currency: 'EUR' }).format(amount);
}

/** A part of a whole as a percentage; a dash when there is no whole to share. */
export function formatShare(part: number, whole: number, lang: string): string {
  return whole > 0 ? numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole) : '–';
}

/** Seconds as minutes with their unit: "12,5 min." */
export function formatMinutes(seconds: number, lang: string): string {
  return numberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1 }).format(seconds / 60);
}

/** A stopwatch reading: "4:05", "1:02:03". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Storage as the browser reports it, in MiB, the number only ("1,3"): the sentence around it names the unit. */
export function formatMebibytes(bytes: number, lang: string): string {
  return numberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / 1_048_576);
}

/** A file's size with its unit: "2,4 MB". */
export function formatFileSize(bytes: number, lang: string): string {
  return numberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1_000_000);
}

// --- Language names ----------------------------------------------------------------------

const languageNames = new Map<string, Intl.DisplayNames>();
/** "Arabisch" / "Arabic" for a language code; the code itself when Intl does not know it. */
export function languageName(code: string, lang: string): string {
  try {
    let names = languageNames.get(lang);
    if (!names) languageNames.set(lang, (names = new Intl.DisplayNames([localeOf(lang)], { type: 'language' })));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Each kiosk language in its own words, for the language buttons (one list, in the shared contract: the server's finder uses it too). */
export const LANGUAGE_ENDONYMS = LANGUAGE_NAMES;
