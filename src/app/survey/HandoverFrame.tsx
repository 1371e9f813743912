import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { LANGUAGES } from '../../shared/i18n-text';
import { LANGUAGE_ENDONYMS } from '../i18n/format';
import { i18n, setKioskLanguage, useT } from '../i18n/i18n';
import { useIdle } from '../kiosk/idle';
import { loadSurveyTexts } from './survey-texts';
import './survey.css';

/** A visitor who walks away from the tablet handed over: after this long, it goes back, locked. */
export const HANDOVER_IDLE_SECONDS = 120;

/**
 * The desk tablet in a visitor's hands (the survey, a course self-assessment): nothing of
 * the desk, the six languages to choose from (starting in Dutch, as on a kiosk; Arabic
 * mirrored), and back to the desk's language when handed back or left idle. The volunteer's
 * session was locked before this showed, so the desk opens only with a PIN. The frame's own
 * words (the language bar, read-aloud) are the survey's; `loadTexts` adds the content's.
 */
export function HandoverFrame({
  loadTexts,
  onHandBack,
  children,
}: {
  loadTexts?: (lang: string) => Promise<void>;
  onHandBack: () => void;
  children: (finish: () => void) => ComponentChildren;
}) {
  const { t, lang } = useT();
  const [deskLanguage] = useState(i18n.language);
  const [ready, setReady] = useState(false);
  const texts = (l: string) => Promise.all([loadSurveyTexts(l), loadTexts?.(l)]);
  useEffect(() => {
    void Promise.all([texts('nl'), setKioskLanguage('nl')]).then(() => setReady(true));
  }, []);
  const finish = useCallback(() => {
    onHandBack();
    void setKioskLanguage(deskLanguage as 'nl' | 'en');
  }, [deskLanguage, onHandBack]);
  useIdle(HANDOVER_IDLE_SECONDS, finish);
  if (!ready) return null;
  return (
    <div class="survey-handover">
      <nav class="survey-languages" aria-label={t('survey.language')}>
        {LANGUAGES.map((l) => (
          <button
            type="button"
            key={l}
            lang={l}
            dir={l === 'ar' ? 'rtl' : 'ltr'}
            aria-pressed={lang === l}
            onClick={() => void texts(l).then(() => setKioskLanguage(l))}
          >
            {LANGUAGE_ENDONYMS[l]}
          </button>
        ))}
      </nav>
      <main id="main">{children(finish)}</main>
    </div>
  );
}
