import type { LocalizedText } from './i18n-text';

/**
 * The product's languages and how a text in several of them is read, without zod: what a
 * tablet's first load needs. The schemas of texts are in i18n-text.ts, which re-exports this.
 */

/** Languages the product speaks. Dutch is always present; the kiosk adds the rest. */
export const LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language in its own words, as a visitor looks for it (language buttons on the kiosk, the finder, the cannot-run screen). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nl: 'Nederlands',
  en: 'English',
  ar: 'العربية',
  tr: 'Türkçe',
  pl: 'Polski',
  uk: 'Українська',
};

/** Picks the text for a language, falling back to Dutch; tells whether it fell back. */
export function pickText(text: LocalizedText, lang: string): { text: string; fellBack: boolean } {
  const own = (text as Record<string, string | undefined>)[lang];
  return own ? { text: own, fellBack: false } : { text: text.nl, fellBack: lang !== 'nl' };
}
