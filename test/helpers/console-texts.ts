import { i18n, initI18n } from '../../src/app/i18n/i18n';
import nl from '../../src/app/console/locales/nl.json';
import en from '../../src/app/console/locales/en.json';

/**
 * The console's texts, which the app loads with its lazy chunk, put in place for a
 * component test; starts in `lang`.
 */
export async function loadConsoleTexts(lang: 'nl' | 'en' = 'en'): Promise<void> {
  await initI18n(lang);
  i18n.addResourceBundle('nl', 'translation', { console: nl }, true, true);
  i18n.addResourceBundle('en', 'translation', { console: en }, true, true);
}
