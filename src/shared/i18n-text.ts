import { text, z } from './zod';
import { LANGUAGES } from './languages';

// The languages and pickText live in languages.ts (no zod), for a tablet's first load.
export * from './languages';

export const languageSchema = z.enum(LANGUAGES);

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
