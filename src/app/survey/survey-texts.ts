import type { Language } from '../../shared/i18n-text';
import { i18n } from '../i18n/i18n';

/**
 * The survey's texts (locales/<lang>/survey.json, keys under `survey.`), loaded by the
 * survey's own chunk for the language shown and Dutch (the fallback), so neither the
 * desk's nor the kiosk's first download carries them. i18n.ts leaves these files out.
 */
const files = import.meta.glob<Record<string, unknown>>('../i18n/locales/*/survey.json', { import: 'default' });
const loaded = new Set<string>();

export async function loadSurveyTexts(lang: string): Promise<void> {
  for (const lng of new Set(['nl', lang])) {
    if (loaded.has(lng)) continue;
    const load = files[`../i18n/locales/${lng}/survey.json`];
    if (!load) continue;
    i18n.addResourceBundle(lng as Language, 'translation', { survey: await load() }, true, true);
    loaded.add(lng);
  }
}
