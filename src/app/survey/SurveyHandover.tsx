import { useCallback, useEffect, useState } from 'preact/hooks';
import { LANGUAGES } from '../../shared/i18n-text';
import type { DeviceRecord } from '../db/database';
import { LANGUAGE_ENDONYMS } from '../i18n/format';
import { i18n, setKioskLanguage, useT } from '../i18n/i18n';
import { useIdle } from '../kiosk/idle';
import type { Handover } from './handover';
import { SurveyFlow } from './SurveyFlow';
import { loadSurveyTexts } from './survey-texts';

/** A visitor who walks away from the survey: after this long, the tablet goes back, locked. */
export const HANDOVER_IDLE_SECONDS = 120;

/**
 * The desk tablet in the visitor's hands: only the survey, in the visitor's language,
 * with nothing of the desk (the volunteer's session was locked before this showed).
 * Handing it back leaves the desk locked: the volunteer's PIN opens it.
 */
export function SurveyHandover({ device, handover, onHandBack }: { device: DeviceRecord; handover: Handover; onHandBack: () => void }) {
  const { t, lang } = useT();
  const [deskLanguage] = useState(i18n.language);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    // The visitor starts in Dutch, as on a kiosk, and may choose any of the six languages.
    void Promise.all([loadSurveyTexts('nl'), setKioskLanguage('nl')]).then(() => setReady(true));
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
          <button type="button" key={l} lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} aria-pressed={lang === l} onClick={() => void loadSurveyTexts(l).then(() => setKioskLanguage(l))}>
            {LANGUAGE_ENDONYMS[l]}
          </button>
        ))}
      </nav>
      <main id="main">
        <SurveyFlow device={device} visitId={handover.visitId} municipality={handover.municipality} readAloud finishLabel={t('survey.thanks.handBack')} onFinish={finish} />
      </main>
    </div>
  );
}
