const LOCALES: Record<string, string> = { nl: 'nl-NL', en: 'en-GB', ar: 'ar', tr: 'tr-TR', pl: 'pl-PL', uk: 'uk-UA' };

export function localeOf(lang: string): string {
  return LOCALES[lang] ?? 'nl-NL';
}

/** "dinsdag 1 december, 10:00" in the visitor's language, in the library's time zone. */
export function formatSession(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

export function formatWeekday(isoWeekday: number, lang: string): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(localeOf(lang), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

export function formatEuro(amount: number, lang: string): string {
  return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency: 'EUR' }).format(amount);
}
