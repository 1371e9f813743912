import { useMemo } from 'preact/hooks';
import { findPersonalData, hasPersonalData, removeFinding, type Finding } from '../../shared/privacy';
import { useT } from '../i18n/i18n';
import './privacy.css';

export { hasPersonalData };

/**
 * A textarea that checks, as the volunteer types, for what must not be stored (BSN,
 * IBAN, e-mail, phone number, date of birth, a name after "mevrouw"/"meneer"), says
 * in plain words what it found and offers to remove each one. The form blocks saving
 * while hasPersonalData(value) is true; the server refuses such text anyway.
 */
export function PrivacyCheckedTextarea(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  rows?: number;
  maxLength?: number;
}) {
  const { t } = useT();
  const findings: Finding[] = useMemo(() => findPersonalData(props.value), [props.value]);
  const hintId = `${props.id}-hint`;
  const findingsId = `${props.id}-privacy`;
  const remove = (finding: Finding) => {
    props.onInput(removeFinding(props.value, finding));
    document.getElementById(props.id)?.focus();
  };
  return (
    <div class="privacy-checked">
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={props.rows ?? 2}
        maxLength={props.maxLength}
        value={props.value}
        aria-describedby={[props.hint ? hintId : '', findingsId].filter(Boolean).join(' ')}
        aria-invalid={findings.length ? true : undefined}
        onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)}
      />
      {props.hint ? (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      ) : null}
      <div id={findingsId} class="privacy-findings" aria-live="polite">
        {findings.length ? (
          <>
            <p class="privacy-intro">{t('privacy.intro')}</p>
            <ul>
              {findings.map((f) => (
                <li key={`${f.kind}-${f.start}`} data-kind={f.kind}>
                  <span>{t('privacy.finding', { match: f.match, kind: t(`privacy.kind.${f.kind}`) })}</span>
                  <button
                    type="button"
                    class="secondary"
                    aria-label={t('privacy.removeLabel', { match: f.match })}
                    onClick={() => remove(f)}
                  >
                    {t('privacy.remove')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
