import type { Language } from '../../shared/i18n-text';
import type { CardFormat, CardT } from '../../shared/referral-card/card';
import { formatClock, formatSessionStart, weekdayName } from '../i18n/format';
import { i18n, loadLanguage, type AppLanguage } from '../i18n/i18n';

/**
 * The card's texts in the six languages (shared/referral-card/locales, the same files the
 * public card page uses), and the desk's own texts of this chunk (locales/<lang>/referrals.json).
 * Part of the lazy referral chunk: the desk's first load carries none of them.
 */
const cardFiles = import.meta.glob<Record<string, unknown>>('../../shared/referral-card/locales/*.json', {
  eager: true,
  import: 'default',
});
let added = false;

export async function ensureReferralTexts(): Promise<void> {
  await Promise.all([loadLanguage('nl'), loadLanguage(i18n.language as AppLanguage)]);
  if (added) return;
  for (const [file, content] of Object.entries(cardFiles)) {
    const lang = /\/([a-z]+)\.json$/.exec(file)![1]!;
    i18n.addResourceBundle(lang, 'translation', { card: content }, true, true);
  }
  added = true;
}

export function cardT(lang: Language): CardT {
  return i18n.getFixedT(lang, null, 'card') as unknown as CardT;
}

/**
 * Dates on the desk's card: the library's clock, written out in full ("środa, 23 grudnia
 * 10:00–12:00") as the public card (server/referrals/card-texts.ts) writes them, so the
 * printed card and the one on the visitor's phone say the same.
 */
export const APP_CARD_FORMAT: CardFormat = {
  session: (start, end, lang) => `${formatSessionStart(start.toISOString(), lang)}–${formatClock(end, lang)}`,
  hours: (weekday, opens, closes, lang) => `${weekdayName(weekday, lang)} ${opens}–${closes}`,
  appointment: (at, lang) => formatSessionStart(at, lang),
};
