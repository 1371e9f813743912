import i18next, { type TFunction } from 'i18next';
import type { Language } from '../../shared/i18n-text';
import nl from './locales/nl.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import ar from './locales/ar.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import uk from './locales/uk.json' with { type: 'json' };

/**
 * An i18next instance for server-rendered pages: these texts per language, Dutch as the
 * fallback, no escaping (the pages escape every text themselves when they put it into HTML).
 */
export function pageTranslations(texts: Partial<Record<Language, object>>): (lang: Language) => TFunction {
  const translations = i18next.createInstance();
  void translations.init({
    resources: Object.fromEntries(Object.entries(texts).map(([lang, translation]) => [lang, { translation }])),
    fallbackLng: 'nl',
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
  });
  return (lang) => translations.getFixedT(lang);
}

/** The finder's own texts in the six kiosk languages (its wording follows the kiosk's). */
export const finderT = pageTranslations({ nl, en, ar, tr, pl, uk });

export const DIRECTION: Record<Language, 'ltr' | 'rtl'> = { nl: 'ltr', en: 'ltr', ar: 'rtl', tr: 'ltr', pl: 'ltr', uk: 'ltr' };

/** Intl locales for dates and amounts. */
export const INTL_LOCALE: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB', ar: 'ar', tr: 'tr-TR', pl: 'pl-PL', uk: 'uk-UA' };
