import { featureTexts } from '../i18n/feature-texts';

/**
 * The survey's texts (locales/<lang>/survey.json, keys under `survey.`), loaded by the
 * survey's own chunk for the language shown and Dutch (the fallback), so neither the
 * desk's nor the kiosk's first download carries them. i18n.ts leaves these files out.
 */
export const loadSurveyTexts = featureTexts(
  'survey',
  import.meta.glob<Record<string, unknown>>('../i18n/locales/*/survey.json', { import: 'default' }),
);
