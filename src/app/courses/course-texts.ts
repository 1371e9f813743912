import { featureTexts } from '../i18n/feature-texts';

/**
 * The course screen's and the self-assessment's texts (locales/<lang>/courses.json, keys
 * under `courses.`: `desk` for the volunteer in nl and en, `assessment` for the participant
 * in the six kiosk languages), loaded by the courses chunk, so the desk's first download
 * does not carry them. i18n.ts leaves these files out.
 */
export const loadCourseTexts = featureTexts(
  'courses',
  import.meta.glob<Record<string, unknown>>('../i18n/locales/*/courses.json', { import: 'default' }),
);
