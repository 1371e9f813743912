import i18next from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import { LANGUAGES, type Language } from '../../shared/languages';

export const APP_LANGUAGES = ['nl', 'en'] as const;
export type AppLanguage = (typeof APP_LANGUAGES)[number];
const STORAGE_KEY = 'inloop.language';

function savedLanguage(): AppLanguage {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (APP_LANGUAGES as readonly string[]).includes(saved)) return saved as AppLanguage;
  } catch {
    // localStorage can be blocked; Dutch is the default anyway.
  }
  return 'nl';
}

/**
 * Translations live per language and per feature: locales/<lang>/<feature>.json.
 * common.json sits at the root of the keys; every other file under its own name
 * (locales/nl/catalogue.json → t('catalogue.…')), so features never edit each other's files.
 */
// Only Dutch, the default, comes with the first load; English and the kiosk's languages are
// loaded when chosen (loadLanguage), and so are the kiosk's texts (kiosk.json): only a kiosk needs them.
// platform.json only serves the screen of a browser that cannot run Inloop (platform/CannotRunScreen.tsx);
// referrals.json the desk's lazy referral card and follow-up screens (referrals/).
// survey.json only the visitor survey, which loads its own texts (survey/survey-texts.ts).
// courses.json only the desk's course screen and self-assessment, which load their own (courses/course-texts.ts).
const files = import.meta.glob<Record<string, unknown>>(
  [
    './locales/nl/*.json',
    '!./locales/nl/kiosk.json',
    '!./locales/nl/platform.json',
    '!./locales/nl/referrals.json',
    '!./locales/nl/survey.json',
    '!./locales/nl/courses.json',
  ],
  {
    eager: true,
    import: 'default',
  },
);

function resourcesFor(lng: string): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [file, content] of Object.entries(files)) {
    const match = /\.\/locales\/([a-z]+)\/([a-z-]+)\.json$/.exec(file);
    if (!match || match[1] !== lng) continue;
    if (match[2] === 'common') Object.assign(merged, content);
    else merged[match[2]!] = content;
  }
  return merged;
}

export const i18n = i18next.createInstance();

export async function initI18n(lng: AppLanguage = savedLanguage()): Promise<void> {
  await i18n.init({
    lng: 'nl',
    fallbackLng: 'nl',
    // The desk offers nl and en; the kiosk switches to the others after loadLanguage().
    supportedLngs: [...LANGUAGES],
    resources: { nl: { translation: resourcesFor('nl') } },
    interpolation: { escapeValue: false }, // Preact escapes
    returnNull: false,
    showSupportNotice: false,
  });
  if (lng !== 'nl') {
    await loadLanguage(lng);
    await i18n.changeLanguage(lng);
  }
  document.documentElement.lang = lng;
}

/** The kiosk's texts and its other languages: each loaded only when needed, so the desk bundle does not carry them. */
const lazyFiles = import.meta.glob<Record<string, unknown>>(
  [
    './locales/{en,ar,tr,pl,uk}/*.json',
    '!./locales/*/survey.json',
    '!./locales/*/courses.json',
    './locales/nl/kiosk.json',
    './locales/nl/platform.json',
    './locales/nl/referrals.json',
  ],
  {
    import: 'default',
  },
);
const lazyLoaded = new Set<string>();

/** Makes all of a language's texts available, the kiosk's included. */
export async function loadLanguage(lng: Language): Promise<void> {
  if (lazyLoaded.has(lng)) return;
  const merged: Record<string, unknown> = {};
  for (const [file, load] of Object.entries(lazyFiles)) {
    const match = /\.\/locales\/([a-z]+)\/([a-z-]+)\.json$/.exec(file);
    if (!match || match[1] !== lng) continue;
    const content = await load();
    if (match[2] === 'common') Object.assign(merged, content);
    else merged[match[2]!] = content;
  }
  i18n.addResourceBundle(lng, 'translation', merged, true, true);
  lazyLoaded.add(lng);
}

/** The kiosk's language switch: not remembered (the kiosk starts over in Dutch), and the layout mirrored for Arabic. */
export async function setKioskLanguage(lng: Language): Promise<void> {
  await Promise.all([loadLanguage('nl'), loadLanguage(lng)]); // Dutch too: the fallback
  await i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
  document.documentElement.dir = i18n.dir(lng);
}

export async function setLanguage(lng: AppLanguage): Promise<void> {
  await loadLanguage(lng);
  await i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not fatal
  }
}

/** Translation function that re-renders the component when the language changes. */
export function useT(): { t: typeof i18n.t; lang: string } {
  const [lang, setLang] = useState(i18n.language);
  useEffect(() => {
    const onChange = (l: string) => setLang(l);
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);
  return { t: i18n.t.bind(i18n), lang };
}
