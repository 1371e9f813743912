import { text, z } from './zod';

/** Languages the product speaks. Dutch is always present; the kiosk adds the rest. */
export const LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];
export const languageSchema = z.enum(LANGUAGES);
/** Each language in its own words, as a visitor looks for it (language buttons on the kiosk, the finder, the cannot-run screen). */
export const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English', ar: 'العربية', tr: 'Türkçe', pl: 'Polski', uk: 'Українська' };

const part = () => z.optional(text(1, 4000));

/** Text in several languages; Dutch is required because it is what every library can provide. */
export const localizedTextSchema = z.strictObject({
  nl: text(1, 4000),
  en: part(),
  ar: part(),
  tr: part(),
  pl: part(),
  uk: part(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Picks the text for a language, falling back to Dutch; tells whether it fell back. */
export function pickText(text: LocalizedText, lang: string): { text: string; fellBack: boolean } {
  const own = (text as Record<string, string | undefined>)[lang];
  return own ? { text: own, fellBack: false } : { text: text.nl, fellBack: lang !== 'nl' };
}
