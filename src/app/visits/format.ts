/** Dates for the desk lists, through Intl in the reader's language. */
function locale(lang: string): string {
  return lang === 'nl' ? 'nl-NL' : 'en-GB';
}

export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

/** Today's local date as YYYY-MM-DD, for date inputs. */
export function localDateString(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
