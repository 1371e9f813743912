import { useEffect, useState } from 'preact/hooks';
import type { ReviewState, VisitDetail } from '../../shared/console';
import { CHANNELS, termLabel } from '../../shared/taxonomy';
import type { Visit } from '../../shared/visit';
import { useT } from '../i18n/i18n';
import { get, post } from './api';
import {
  QUESTION_FIELDS,
  QUESTION_TERMS,
  checkCorrection,
  differences,
  draftOf,
  fieldName,
  reportedVisit,
  type CorrectionDraft,
  type FieldKey,
} from './corrections';
import { formatLibraryDateTime } from '../i18n/format';

/** One visit opened in the log: review it, correct it, and see the correction beside the tablet's record. */
export function VisitPanel({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, lang } = useT();
  const [detail, setDetail] = useState<VisitDetail | null>(null);
  const [message, setMessage] = useState<{ text: string; refused?: boolean } | null>(null);
  const reload = () => get<VisitDetail>(`/visits/${id}`).then(setDetail);
  useEffect(() => void reload(), [id]);
  if (!detail) return <p>{t('console.loading')}</p>;
  const review = async (state: ReviewState, form: HTMLFormElement) => {
    const comment = String(new FormData(form).get('comment') ?? '') || null;
    await post(`/visits/${id}/review`, { state, comment });
    setMessage({ text: t('console.review.saved') });
    await reload();
    onChanged();
  };
  const corrected = async () => {
    setMessage({ text: t('console.correct.saved') });
    await reload();
    onChanged();
  };
  return (
    <div class="visit-panel">
      <form onSubmit={(e) => e.preventDefault()} class="review-form">
        <label>
          {t('console.review.comment')}
          <input name="comment" maxLength={1000} />
        </label>
        {(['approved', 'has_issues', 'rejected'] as const).map((s) => (
          <button key={s} type="button" onClick={(e) => void review(s, (e.currentTarget as HTMLButtonElement).form!)}>
            {t(`console.review.set.${s}`)}
          </button>
        ))}
      </form>
      {detail.corrections.length ? <BesideOriginal original={detail.original as Visit} corrected={reportedVisit(detail)} /> : null}
      <CorrectionForm
        key={detail.corrections.length}
        id={id}
        base={reportedVisit(detail)}
        onSaved={corrected}
        onRefused={(text) => setMessage({ text, refused: true })}
      />
      {message?.refused ? (
        <p role="alert" class="form-error">
          {message.text}
        </p>
      ) : null}
      {message && !message.refused ? <p role="status">{message.text}</p> : null}
      <h3>{t('console.visits.history')}</h3>
      <ul>
        {detail.reviews.map((r, i) => (
          <li key={i}>
            {formatLibraryDateTime(r.at, lang)} · {r.by} · {t(`console.review.${r.state}`)}
            {r.comment ? `: ${r.comment}` : ''}
          </li>
        ))}
        {detail.corrections.map((c) => (
          <li key={`c${c.id}`}>
            {formatLibraryDateTime(c.at, lang)} · {c.by} · {t('console.visits.corrected')}
            {c.comment ? `: ${c.comment}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The reported values with the tablet's record beside them, for every field the correction changed. */
function BesideOriginal({ original, corrected }: { original: Visit; corrected: Visit }) {
  const { t, lang } = useT();
  const rows = differences(original, corrected, t, lang);
  return (
    <section class="beside-original" aria-labelledby={`beside-${original.id}`}>
      <h3 id={`beside-${original.id}`}>{t('console.correct.besideTitle')}</h3>
      {rows.length ? (
        <table class="console-table">
          <thead>
            <tr>
              <th scope="col">{t('console.correct.field')}</th>
              <th scope="col">{t('console.correct.correctedValue')}</th>
              <th scope="col">{t('console.correct.asRecorded')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-field={r.key}>
                <th scope="row">{r.field}</th>
                <td>{r.corrected}</td>
                <td class="as-recorded">{r.original}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('console.correct.noDifference')}</p>
      )}
    </section>
  );
}

function CorrectionForm({
  id,
  base,
  onSaved,
  onRefused,
}: {
  id: string;
  base: Visit;
  onSaved: () => Promise<void>;
  onRefused: (message: string) => void;
}) {
  const { t, lang } = useT();
  const [draft, setDraft] = useState<CorrectionDraft>(() => draftOf(base));
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState<FieldKey[]>([]);
  // The question fields open on request: most corrections are a duration or a channel, and four choices per question would bury them.
  const [questionsOpen, setQuestionsOpen] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const checked = checkCorrection(base, draft, comment);
    if (!checked.ok) {
      setInvalid(checked.fields);
      if (checked.fields.some((f) => f.startsWith('q'))) setQuestionsOpen(true);
      const fields = checked.fields.map((f) => fieldName(f, t)).join(', ');
      onRefused(checked.personalData ? t('console.correct.personalData') : t('console.correct.invalid', { fields }));
      return;
    }
    setInvalid([]);
    try {
      await post(`/visits/${id}/corrections`, checked.body);
      await onSaved();
    } catch (err) {
      onRefused((err as Error).message);
    }
  };
  const flag = (key: FieldKey) => (invalid.includes(key) ? { 'aria-invalid': true as const } : {});
  const setQuestion = (i: number, field: (typeof QUESTION_FIELDS)[number], value: string) =>
    setDraft({ ...draft, questions: draft.questions.map((q, j) => (j === i ? { ...q, [field]: value } : q)) });
  return (
    <form onSubmit={submit} class="correct-form" aria-label={t('console.correct.title')} noValidate>
      <h3>{t('console.correct.title')}</h3>
      <label>
        {t('console.filter.channel')}
        <select
          name="channel"
          value={draft.channel}
          onChange={(e) => setDraft({ ...draft, channel: e.currentTarget.value })}
          {...flag('channel')}
        >
          {CHANNELS.map((c) => (
            <option key={c.id} value={c.id}>
              {termLabel(CHANNELS, c.id, lang)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('console.correct.minutes')}
        <input
          name="minutes"
          type="number"
          min={0}
          max={480}
          value={draft.minutes}
          onInput={(e) => setDraft({ ...draft, minutes: e.currentTarget.value })}
          {...flag('minutes')}
        />
      </label>
      <label>
        {t('console.visits.note')}
        <input
          name="note"
          maxLength={500}
          value={draft.note}
          onInput={(e) => setDraft({ ...draft, note: e.currentTarget.value })}
          {...flag('note')}
        />
      </label>
      <label>
        {t('console.review.comment')}
        <input name="comment" maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <button type="button" aria-expanded={questionsOpen} onClick={() => setQuestionsOpen(!questionsOpen)}>
        {t('console.correct.questions')}
      </button>
      {questionsOpen
        ? draft.questions.map((q, i) => (
            <fieldset key={i} class="correct-question">
              <legend>{t('console.correct.question', { n: i + 1 })}</legend>
              {QUESTION_FIELDS.map((field) => (
                <label key={field}>
                  {t(`console.filter.${field}`)}
                  <select
                    name={`q${i}.${field}`}
                    value={q[field]}
                    onChange={(e) => setQuestion(i, field, e.currentTarget.value)}
                    {...flag(`q${i}.${field}`)}
                  >
                    {QUESTION_TERMS[field].map((term) => (
                      <option key={term.id} value={term.id}>
                        {termLabel(QUESTION_TERMS[field], term.id, lang)}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          ))
        : null}
      <button type="submit">{t('console.correct.submit')}</button>
    </form>
  );
}
