import { CHANNELS, DOMAINS, HELP_KINDS, ORGANISATIONS, OUTCOMES, TOPICS, termLabel, type Term } from '../../shared/taxonomy';

export const TAXONOMY: Record<string, readonly Term[]> = {
  helpKind: HELP_KINDS,
  helpKinds: HELP_KINDS,
  organisation: ORGANISATIONS,
  organisations: ORGANISATIONS,
  topic: TOPICS,
  topics: TOPICS,
  outcome: OUTCOMES,
  outcomes: OUTCOMES,
  channel: CHANNELS,
  channels: CHANNELS,
  domains: DOMAINS,
};

export function label(dimension: string, id: string, lang: string): string {
  const list = TAXONOMY[dimension];
  if (list) return termLabel(list, id, lang);
  if (dimension === 'referrals' && id.startsWith('catalogue:')) return id.slice('catalogue:'.length);
  if (dimension === 'referrals') return termLabel(ORGANISATIONS, id, lang);
  return id;
}

export const number = (n: number, lang: string) => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(n);
export const dateTime = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
const locale = (lang: string) => (lang === 'nl' ? 'nl-NL' : 'en-GB');
export const date = (iso: string, lang: string) => new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
export const minutes = (seconds: number, lang: string) =>
  new Intl.NumberFormat(locale(lang), { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1 }).format(seconds / 60);
/** A part of a whole as a percentage; a dash when there is no whole to share. */
export const share = (part: number, whole: number, lang: string) =>
  whole > 0 ? new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(part / whole) : '–';
