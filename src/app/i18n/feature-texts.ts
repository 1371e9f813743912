import type { Language } from '../../shared/i18n-text';
import { i18n } from './i18n';

/**
 * A lazily loaded feature's own texts (locales/<lang>/<feature>.json, keys under
 * `<feature>.`), added for the language shown and Dutch (the fallback) when the feature's
 * chunk asks. `files` is the feature's `import.meta.glob` of its locale files (a literal
 * there, so Vite makes one small chunk per file); i18n.ts leaves these files out.
 */
export function featureTexts(
  feature: string,
  files: Record<string, () => Promise<Record<string, unknown>>>,
): (lang: string) => Promise<void> {
  const loaded = new Set<string>();
  return async (lang) => {
    for (const lng of new Set(['nl', lang])) {
      if (loaded.has(lng)) continue;
      const load = files[`../i18n/locales/${lng}/${feature}.json`];
      if (!load) continue;
      i18n.addResourceBundle(lng as Language, 'translation', { [feature]: await load() }, true, true);
      loaded.add(lng);
    }
  };
}
