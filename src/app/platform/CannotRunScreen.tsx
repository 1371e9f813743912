import { useEffect, useState } from 'preact/hooks';
import { LANGUAGES, type Language } from '../../shared/i18n-text';
import { LANGUAGE_ENDONYMS } from '../i18n/format';
import { i18n, setKioskLanguage, useT } from '../i18n/i18n';
import type { PlatformProblem } from './platform-check';
import { enrolmentCodeInLink, secureAddressForThisPage } from './tablet-address';

/**
 * The one screen a tablet shows when the browser lacks what Inloop needs (see
 * platform-check.ts): what is wrong and what the coordinator must do, instead of a
 * spinner that never ends. It starts nothing else, so no enrolment code is spent and
 * nothing stored on the tablet is touched. Visitors may see it on a kiosk: every kiosk
 * language is offered.
 */
export function CannotRunScreen({ problems }: { problems: PlatformProblem[] }) {
  const { t, lang } = useT();
  const [secureAddress, setSecureAddress] = useState<string | undefined>();
  const enrolCode = enrolmentCodeInLink();
  useEffect(() => {
    void secureAddressForThisPage().then(setSecureAddress);
  }, []);
  const dir = i18n.dir(lang);
  return (
    <main id="main" class="narrow cannot-run" lang={lang} dir={dir}>
      <nav class="platform-languages" aria-label={t('platform.language')}>
        {LANGUAGES.map((l: Language) => (
          <button
            type="button"
            key={l}
            lang={l}
            dir={l === 'ar' ? 'rtl' : 'ltr'}
            aria-pressed={lang === l}
            onClick={() => void setKioskLanguage(l)}
          >
            {LANGUAGE_ENDONYMS[l]}
          </button>
        ))}
      </nav>
      <h1>{t('platform.title')}</h1>
      <div role="alert">
        <ul class="platform-problems">
          {problems.map((p) => (
            <li key={p}>{t(`platform.problem.${p}`)}</li>
          ))}
        </ul>
      </div>
      <p class="platform-visitor">{t('platform.visitor')}</p>
      <h2>{t('platform.coordinatorTitle')}</h2>
      <ol>
        {problems.includes('insecureContext') ? (
          secureAddress ? (
            <li>
              {t('platform.openSecure')}{' '}
              <a href={secureAddress} dir="ltr">
                {secureAddress}
              </a>
            </li>
          ) : (
            <li>{t('platform.setUpHttps')}</li>
          )
        ) : null}
        {problems.some((p) => p !== 'insecureContext') ? <li>{t('platform.useBrowser')}</li> : null}
        <li>{t('platform.moreHelp')}</li>
      </ol>
      {enrolCode ? <p class="platform-code">{t('platform.codeKept')}</p> : null}
      <p>{t('platform.nothingLost')}</p>
    </main>
  );
}
