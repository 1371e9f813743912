import { i18n } from '../../i18n/i18n';
import nl from './nl.json';
import en from './en.json';

/** The course section brings its own texts, merged into the console's. */
export function ensureCourseTexts(): void {
  if (i18n.exists('console.courses.title')) return;
  i18n.addResourceBundle('nl', 'translation', { console: nl }, true, true);
  i18n.addResourceBundle('en', 'translation', { console: en }, true, true);
}
