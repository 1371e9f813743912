import { i18n } from '../../i18n/i18n';
import nl from './nl.json';
import en from './en.json';

/** The finder section brings its own texts, merged into the console's (once i18n is up). */
export function ensureFinderTexts(): void {
  if (i18n.exists('console.finder.save')) return;
  i18n.addResourceBundle('nl', 'translation', { console: nl }, true, true);
  i18n.addResourceBundle('en', 'translation', { console: en }, true, true);
}
