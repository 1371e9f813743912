import i18next from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import nl from './locales/nl.json';
import en from './locales/en.json';

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

export const i18n = i18next.createInstance();

export function initI18n(lng: AppLanguage = savedLanguage()): Promise<unknown> {
  document.documentElement.lang = lng;
  return i18n.init({
    lng,
    fallbackLng: 'nl',
    supportedLngs: [...APP_LANGUAGES],
    resources: { nl: { translation: nl }, en: { translation: en } },
    interpolation: { escapeValue: false }, // Preact escapes
    returnNull: false,
  });
}

export async function setLanguage(lng: AppLanguage): Promise<void> {
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

/** Dates and times in the reader's language, through Intl. */
export function formatTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
