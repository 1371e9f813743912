import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n';
import { api, db, syncEngine } from '../services';
import { enrolWithCode, type EnrolOutcome } from './device-store';

/** Shown until the tablet is bound to a location. A link ?enrol=CODE fills and submits the code. */
export function EnrolScreen() {
  const { t } = useT();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<EnrolOutcome | undefined>();
  const input = useRef<HTMLInputElement>(null);

  const submit = async (value: string) => {
    setBusy(true);
    const result = await enrolWithCode(db, api, value);
    setBusy(false);
    setOutcome(result);
    if (result.ok) {
      history.replaceState(null, '', location.pathname);
      void syncEngine.syncNow();
    } else input.current?.focus();
  };

  useEffect(() => {
    const fromLink = new URLSearchParams(location.search).get('enrol');
    if (fromLink) {
      setCode(fromLink);
      void submit(fromLink);
    } else input.current?.focus();
  }, []);

  const error =
    outcome && !outcome.ok
      ? outcome.reason === 'failed'
        ? t('enrol.failed', { message: t(`status.problem.${outcome.problem ?? 'unexpected'}`) })
        : t(`enrol.${outcome.reason}`)
      : undefined;
  return (
    <main id="main" class="narrow">
      <h1>{t('enrol.title')}</h1>
      <p>{t('enrol.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(code);
        }}
      >
        <label for="enrol-code">{t('enrol.codeLabel')}</label>
        <input
          id="enrol-code"
          ref={input}
          value={code}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          aria-describedby="enrol-hint enrol-error"
          aria-invalid={error ? true : undefined}
          onInput={(e) => setCode((e.target as HTMLInputElement).value)}
        />
        <p id="enrol-hint" class="hint">
          {t('enrol.codeHint')}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('enrol.working') : t('enrol.submit')}
        </button>
        <p id="enrol-error" role="alert" class="error">
          {error}
        </p>
      </form>
    </main>
  );
}
