import type { Language } from '../../shared/i18n-text';
import type { CardFormat, CardT } from '../../shared/referral-card/card';
import nl from '../../shared/referral-card/locales/nl.json' with { type: 'json' };
import en from '../../shared/referral-card/locales/en.json' with { type: 'json' };
import ar from '../../shared/referral-card/locales/ar.json' with { type: 'json' };
import tr from '../../shared/referral-card/locales/tr.json' with { type: 'json' };
import pl from '../../shared/referral-card/locales/pl.json' with { type: 'json' };
import uk from '../../shared/referral-card/locales/uk.json' with { type: 'json' };
import { INTL_LOCALE, pageTranslations } from '../finder/i18n';
import { LIBRARY_TIME_ZONE as TIME_ZONE } from '../../shared/library-clock';

/** The referral card's texts in the six languages, the same files the desk's card uses. */
const translations = pageTranslations({ nl, en, ar, tr, pl, uk });

export function cardT(lang: Language): CardT {
  return translations(lang) as unknown as CardT;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(INTL_LOCALE[lang], options)));
  return f;
}

/** Dates on the public card, in the library's time zone, as the finder writes them. */
export const SERVER_CARD_FORMAT: CardFormat = {
  session: (start, end, lang) =>
    `${dateFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(start)}–${dateFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(end)}`,
  // 2024-01-01 was a Monday.
  hours: (weekday, opens, closes, lang) =>
    `${dateFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)))} ${opens}–${closes}`,
  appointment: (at, lang) =>
    dateFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(
      new Date(at),
    ),
};
