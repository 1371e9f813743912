import { useState } from 'preact/hooks';
import type { ConsoleSession } from '../../../shared/console';
import { STOP_REASONS, type CourseRun } from '../../../shared/course-runs';
import type { LocationMunicipalities } from '../../../shared/impact';
import { formatLibraryDate, formatLibraryDateTime } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { errorMessage, post, useLoad } from '../api';
import { ensureCourseTexts } from './locales';

type Catalogue = { items: Array<{ id: string; name: string; kind: string }> };
type Inbox = { interest: Array<{ id: string; itemId: string; firstName: string }> };

/**
 * Course runs (#/courses/runs): make a run of a catalogue course with its sessions, and keep
 * its participants as a desk does: added with consent or from kiosk interest in one step,
 * attendance per session, finished or stopped with a reason.
 */
export function CourseRuns({ session }: { session: ConsoleSession }) {
  ensureCourseTexts();
  const { t, lang } = useT();
  const k = (key: string, o?: Record<string, unknown>) => t(`console.courses.${key}`, o);
  const [list, reload] = useLoad<{ runs: CourseRun[] }>('/courses/runs');
  const [catalogue] = useLoad<Catalogue>('/catalogue/items?kind=course&limit=200');
  const [inbox, reloadInbox] = useLoad<Inbox>('/inbox');
  const [error, setError] = useState<string | null>(null);
  // Saves under way: a coordinator who opens the figures should know the last tap has landed.
  const [saving, setSaving] = useState(0);
  const [savedOnce, setSavedOnce] = useState(false);
  const act = (path: string, body?: unknown) => {
    setSaving((n) => n + 1);
    return post(path, body)
      .then(() => Promise.all([reload(), reloadInbox()]))
      .then(() => setError(null))
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => {
        setSaving((n) => n - 1);
        setSavedOnce(true);
      });
  };
  const create = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const sessions = form
      .getAll('session')
      .map(String)
      .filter(Boolean)
      .map((s) => new Date(s).toISOString());
    void act('/courses/runs', { itemId: String(form.get('itemId')), locationId: String(form.get('locationId')), sessions });
  };
  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">{k('runs')}</h1>
      <p>
        <a href="#/courses">{k('title')}</a>
      </p>
      {error ? (
        <p role="alert" class="form-error">
          {error}
        </p>
      ) : null}
      <p role="status" class="save-state" data-saving={saving > 0}>
        {saving > 0 ? k('saving') : savedOnce && !error ? k('allSaved') : ''}
      </p>
      <form class="console-form" onSubmit={create} aria-labelledby="new-run">
        <h2 id="new-run">{k('newRun')}</h2>
        <label>
          {k('course')}
          <select name="itemId" required>
            {(catalogue?.items ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {k('location')}
          <select name="locationId" required>
            {session.locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        {[1, 2, 3, 4, 5, 6].map((n) => (
          <label key={n}>
            {k('sessionN', { n })}
            <input type="datetime-local" name="session" required={n === 1} />
          </label>
        ))}
        <button type="submit" class="primary">
          {k('makeRun')}
        </button>
      </form>
      {(list?.runs ?? []).map((run) => (
        <Run key={run.id} run={run} interest={(inbox?.interest ?? []).filter((i) => i.itemId === run.itemId)} act={act} k={k} lang={lang} />
      ))}
    </section>
  );
}

function Run({
  run,
  interest,
  act,
  k,
  lang,
}: {
  run: CourseRun;
  interest: Inbox['interest'];
  act: (path: string, body?: unknown) => Promise<void>;
  k: (key: string, o?: Record<string, unknown>) => string;
  lang: string;
}) {
  const base = `/courses/runs/${run.id}`;
  // The municipalities the run's location serves, as its desks offer them; none set: not asked.
  const [served] = useLoad<LocationMunicipalities>(`/locations/${run.locationId}/municipalities`);
  const add = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const municipality = String(form.get('municipality') ?? '');
    void act(`${base}/participants`, {
      display: { kind: String(form.get('kind')), value: String(form.get('value')) },
      consent: form.get('consent') === 'on',
      ...(municipality ? { municipality } : {}),
    });
  };
  const end = (participantId: string, value: string) =>
    act(
      `${base}/end`,
      value === 'finished' ? { participantId, outcome: 'finished' } : { participantId, outcome: 'stopped', stopReason: value },
    );
  // A ticked box stays as ticked while its save and the reload after it are under way: the
  // list from an earlier reload does not know the tick yet and would clear it on screen.
  const [marking, setMarking] = useState<ReadonlyMap<string, boolean>>(new Map());
  const mark = (participantId: string, sessionId: string, present: boolean) => {
    const key = `${participantId}|${sessionId}`;
    setMarking((m) => new Map(m).set(key, present));
    void act(`${base}/attendance`, { participantId, sessionId, present }).finally(() =>
      setMarking((m) => {
        if (m.get(key) !== present) return m;
        const next = new Map(m);
        next.delete(key);
        return next;
      }),
    );
  };
  const heading = `run-${run.id}`;
  return (
    <section class="figure" aria-labelledby={heading} data-run={run.id}>
      <h2 id={heading}>
        {run.title} · {run.sessions.length ? formatLibraryDate(run.sessions[0]!.startsAt, lang) : ''} {run.closed ? `(${k('closed')})` : ''}
      </h2>
      <table class="console-table">
        <caption class="visually-hidden">{k('participants')}</caption>
        <thead>
          <tr>
            <th scope="col">{k('participant')}</th>
            {run.sessions.map((s) => (
              <th key={s.id} scope="col">
                {formatLibraryDateTime(s.startsAt, lang)}
              </th>
            ))}
            <th scope="col">{k('outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {run.participants.map((p) => {
            const name = p.display?.value ?? k('numberN', { n: p.number });
            return (
              <tr key={p.id} data-participant={p.number}>
                <th scope="row">{name}</th>
                {run.sessions.map((s) => (
                  <td key={s.id}>
                    <input
                      type="checkbox"
                      aria-label={k('presentAt', { name, when: formatLibraryDateTime(s.startsAt, lang) })}
                      checked={marking.get(`${p.id}|${s.id}`) ?? p.present.includes(s.id)}
                      onChange={(e) => mark(p.id, s.id, (e.currentTarget as HTMLInputElement).checked)}
                    />
                  </td>
                ))}
                <td>
                  <select
                    aria-label={k('outcomeOf', { name })}
                    value={p.outcome === 'stopped' ? (p.stopReason ?? '') : (p.outcome ?? '')}
                    onChange={(e) => void end(p.id, (e.currentTarget as HTMLSelectElement).value)}
                  >
                    <option value="" disabled>
                      {k('ongoing')}
                    </option>
                    <option value="finished">{k('finished')}</option>
                    {STOP_REASONS.map((r) => (
                      <option key={r} value={r}>
                        {k('stoppedBecause', { reason: k(`reasons.${r}`) })}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {run.closed ? null : (
        <>
          <form class="console-filters" onSubmit={add}>
            <label>
              {k('displayKind')}
              <select name="kind">
                <option value="name">{k('firstName')}</option>
                <option value="number">{k('participantNumber')}</option>
              </select>
            </label>
            <label>
              {k('displayValue')}
              <input name="value" required maxLength={40} autocomplete="off" />
            </label>
            {served?.municipalities.length ? (
              <label>
                {k('participantMunicipality')}
                <select name="municipality">
                  <option value="">{k('municipalityNotAsked')}</option>
                  {served.municipalities.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label>
              <input type="checkbox" name="consent" required /> {k('consent')}
            </label>
            <button type="submit">{k('addParticipant')}</button>
          </form>
          {interest.length ? (
            <ul aria-label={k('fromInterest')}>
              {interest.map((i) => (
                <li key={i.id}>
                  <button type="button" onClick={() => void act(`${base}/participants/from-interest`, { interestId: i.id, consent: true })}>
                    {k('addFromInterest', { name: i.firstName })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" onClick={() => void act(`${base}/close`)}>
            {k('closeRun')}
          </button>
        </>
      )}
    </section>
  );
}
