import { useEffect, useState } from 'preact/hooks';
import { STOP_REASONS, type ParticipantDisplay, type RunParticipant, type StopReason } from '../../shared/course-runs';
import { LANGUAGES, type Language } from '../../shared/i18n-text';
import { hasPersonalData } from '../../shared/privacy';
import type { DeviceRecord, LocalCourseInterest, LocalCourseRun } from '../db/database';
import { useLiveQuery } from '../db/use-live-query';
import { formatLibraryDate, formatSessionStart } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { locationProfileStore } from '../location/location-profile';
import { db, syncEngine } from '../services';
import { useStore } from '../state/use-store';
import { handOverAssessment } from './assessment-handover';
import { addParticipant, deskCourseRuns, endParticipation, markAttendance } from './course-run-records';
import { loadCourseTexts } from './course-texts';
import './courses.css';

/**
 * The desk's course tab: the open course runs of the location as last pulled, with this
 * desk's own changes on top. Per run the volunteer picks a session and taps who is
 * present, records how each participant ended, adds a participant with consent, and hands
 * the tablet to a participant for the self-assessment. Everything saves offline first.
 */
export function CourseRunsScreen(_: { device: DeviceRecord }) {
  const { t, lang } = useT();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadCourseTexts(lang).then(() => setReady(true));
  }, [lang]);
  const runs = useLiveQuery(() => deskCourseRuns(db), []);
  if (!ready) return null;
  return (
    <section class="course-runs" aria-labelledby="course-runs-title">
      <div>
        <h1 id="course-runs-title">{t('courses.desk.title')}</h1>
        <p class="hint">{t('courses.desk.intro')}</p>
        <p class="hint" id="course-assess-hint">
          {t('courses.desk.assessHint')}
        </p>
      </div>
      {runs === undefined ? null : runs.length === 0 ? (
        <p role="status">{t('courses.desk.empty')}</p>
      ) : (
        runs.map((run) => <RunCard key={run.id} run={run} />)
      )}
    </section>
  );
}

/** The session to mark first: the last one that has begun, else the first. */
function currentSession(run: LocalCourseRun, now = Date.now()): string | undefined {
  const begun = run.sessions.filter((s) => Date.parse(s.startsAt) <= now);
  return (begun.at(-1) ?? run.sessions[0])?.id;
}

export function participantName(
  p: Pick<RunParticipant, 'display' | 'number'>,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  return p.display?.value ?? t('courses.desk.numberN', { n: p.number });
}

/** Saves, then syncs when the network is there; a failed save is said, never swallowed. */
function useSave(): [(work: () => Promise<unknown>) => Promise<boolean>, boolean] {
  const [failed, setFailed] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setFailed(false);
      void syncEngine.syncNow();
      return true;
    } catch {
      setFailed(true);
      return false;
    }
  };
  return [run, failed];
}

function RunCard({ run }: { run: LocalCourseRun }) {
  const { t, lang } = useT();
  const [sessionId, setSessionId] = useState(() => currentSession(run));
  const [save, failed] = useSave();
  const sessionIndex = run.sessions.findIndex((s) => s.id === sessionId);
  const headingId = `run-${run.id}`;
  return (
    <section class="course-run" data-run={run.id} aria-labelledby={headingId}>
      <h2 id={headingId} lang="nl">
        {run.title}
      </h2>
      {run.sessions[0] ? (
        <p class="hint">
          {t('courses.desk.sessions', { count: run.sessions.length, first: formatLibraryDate(run.sessions[0].startsAt, lang) })}
        </p>
      ) : null}
      <label for={`${headingId}-session`}>{t('courses.desk.session')}</label>
      <select
        id={`${headingId}-session`}
        class="session-select"
        value={sessionId}
        onChange={(e) => setSessionId((e.target as HTMLSelectElement).value)}
      >
        {run.sessions.map((s, i) => (
          <option key={s.id} value={s.id}>
            {t('courses.desk.sessionN', { n: i + 1, when: formatSessionStart(s.startsAt, lang) })}
          </option>
        ))}
      </select>
      {failed ? (
        <p class="error" role="alert">
          {t('courses.desk.saveFailed')}
        </p>
      ) : null}
      {run.participants.length === 0 ? (
        <p>{t('courses.desk.noParticipants')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('courses.desk.participants')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('courses.desk.participants')}</th>
                <th scope="col">
                  {sessionIndex >= 0
                    ? t('courses.desk.sessionN', {
                        n: sessionIndex + 1,
                        when: formatSessionStart(run.sessions[sessionIndex]!.startsAt, lang),
                      })
                    : ''}
                </th>
                <th scope="col">{t('courses.desk.outcome')}</th>
                <th scope="col">{t('courses.desk.assessment')}</th>
              </tr>
            </thead>
            <tbody>
              {run.participants.map((p) => (
                <ParticipantRow key={p.id} run={run} participant={p} sessionId={sessionId} sessionNumber={sessionIndex + 1} save={save} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {run.interest?.length ? <KioskInterest run={run} interest={run.interest} save={save} /> : null}
      <AddParticipant run={run} save={save} />
    </section>
  );
}

function ParticipantRow({
  run,
  participant: p,
  sessionId,
  sessionNumber,
  save,
}: {
  run: LocalCourseRun;
  participant: RunParticipant;
  sessionId?: string;
  sessionNumber: number;
  save: ReturnType<typeof useSave>[0];
}) {
  const { t } = useT();
  const name = participantName(p, t);
  const present = sessionId ? p.present.includes(sessionId) : false;
  const outcome = p.outcome === 'finished' ? 'finished' : p.outcome === 'stopped' ? (p.stopReason ?? 'other') : '';
  const onEnd = (value: string) =>
    void save(() =>
      endParticipation(
        db,
        run.id,
        p.id,
        value === 'finished' ? { outcome: 'finished' } : { outcome: 'stopped', stopReason: value as StopReason },
      ),
    );
  return (
    <tr data-participant={p.id}>
      <th scope="row">
        {name}
        {p.number === 0 ? <span class="waiting">{t('courses.desk.waiting')}</span> : null}
      </th>
      <td>
        {sessionId ? (
          <button
            type="button"
            class="present-toggle"
            aria-pressed={present}
            aria-label={t('courses.desk.presentAt', { name, n: sessionNumber })}
            onClick={() => void save(() => markAttendance(db, run.id, p.id, sessionId, !present))}
          >
            {t('courses.desk.present')}
          </button>
        ) : null}
      </td>
      <td>
        <select
          aria-label={t('courses.desk.outcomeOf', { name })}
          value={outcome}
          onChange={(e) => onEnd((e.target as HTMLSelectElement).value)}
        >
          <option value="" disabled={outcome !== ''}>
            {t('courses.desk.ongoing')}
          </option>
          <option value="finished">{t('courses.desk.finished')}</option>
          {STOP_REASONS.map((r) => (
            <option key={r} value={r}>
              {t('courses.desk.stoppedBecause', { reason: t(`courses.desk.reasons.${r}`) })}
            </option>
          ))}
        </select>
      </td>
      <td>
        <div class="assess">
          {(['start', 'end'] as const).map((moment) => {
            const step = t(moment === 'start' ? 'courses.desk.assessStart' : 'courses.desk.assessEnd');
            const what = p.assessed.includes(moment) ? t('courses.desk.assessed', { what: step }) : step;
            return (
              <button
                type="button"
                key={moment}
                class="secondary small"
                aria-label={t('courses.desk.assessFor', { what, name })}
                aria-describedby="course-assess-hint"
                onClick={() => handOverAssessment({ run: { id: run.id, theme: run.theme, title: run.title }, participantId: p.id, moment })}
              >
                {what}
              </button>
            );
          })}
        </div>
      </td>
    </tr>
  );
}

/** The language the consent was read out in: the desk's own, or Dutch when the desk speaks another. */
function consentLanguageOf(lang: string): Language {
  return ((LANGUAGES as readonly string[]).includes(lang) ? lang : 'nl') as Language;
}

/**
 * Visitors who left interest in this course at a kiosk of the location: with their consent
 * read out, one tap makes each a participant, offline too. Their first name is all the
 * tablet has of them.
 */
function KioskInterest({
  run,
  interest,
  save,
}: {
  run: LocalCourseRun;
  interest: LocalCourseInterest[];
  save: ReturnType<typeof useSave>[0];
}) {
  const { t, lang } = useT();
  const [consented, setConsented] = useState<ReadonlySet<string>>(new Set());
  const [missing, setMissing] = useState<string | undefined>();
  const [added, setAdded] = useState<string | undefined>();
  const id = (what: string) => `interest-${run.id}-${what}`;
  const toggle = (interestId: string, on: boolean) =>
    setConsented((s) => {
      const next = new Set(s);
      if (on) next.add(interestId);
      else next.delete(interestId);
      return next;
    });
  const enrol = async (i: LocalCourseInterest) => {
    setAdded(undefined);
    if (!consented.has(i.id)) return setMissing(i.id);
    setMissing(undefined);
    const ok = await save(() =>
      addParticipant(db, run.id, {
        display: { kind: 'name', value: i.firstName },
        consentLanguage: consentLanguageOf(lang),
        fromInterestId: i.id,
      }),
    );
    if (ok) setAdded(i.firstName);
  };
  return (
    <section class="course-interest" aria-labelledby={id('heading')}>
      <h3 id={id('heading')}>{t('courses.desk.interest.heading')}</h3>
      <p class="hint">{t('courses.desk.interest.intro')}</p>
      <p class="consent-text" id={id('consent-text')}>
        {t('courses.desk.add.consentText')}
      </p>
      <ul>
        {interest.map((i) => (
          <li key={i.id} data-interest={i.id}>
            <span class="interest-name">{i.firstName}</span>
            <span class="hint">{t('courses.desk.interest.since', { when: formatLibraryDate(i.createdAt, lang) })}</span>
            <label class="consent">
              <input
                type="checkbox"
                checked={consented.has(i.id)}
                aria-describedby={id('consent-text')}
                onChange={(e) => toggle(i.id, (e.target as HTMLInputElement).checked)}
              />
              {t('courses.desk.interest.consent', { name: i.firstName })}
            </label>
            <button type="button" class="primary" onClick={() => void enrol(i)}>
              {t('courses.desk.interest.enrol', { name: i.firstName })}
            </button>
            {missing === i.id ? (
              <p class="error" role="alert">
                {t('courses.desk.add.missingConsent')}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <p class="saved" role="status">
        {added ? t('courses.desk.add.added', { name: added }) : ''}
      </p>
    </section>
  );
}

function AddParticipant({ run, save }: { run: LocalCourseRun; save: ReturnType<typeof useSave>[0] }) {
  const { t, lang } = useT();
  const municipalities = useStore(locationProfileStore, (s) => s.municipalities);
  const [kind, setKind] = useState<ParticipantDisplay['kind']>('name');
  const [value, setValue] = useState('');
  const [consent, setConsent] = useState(false);
  const [municipality, setMunicipality] = useState('');
  const [problem, setProblem] = useState<'missingValue' | 'missingConsent' | 'personal' | undefined>();
  const [added, setAdded] = useState<string | undefined>();
  const id = (what: string) => `add-${run.id}-${what}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const shown = value.trim();
    const found = !shown ? 'missingValue' : hasPersonalData(shown) ? 'personal' : !consent ? 'missingConsent' : undefined;
    setProblem(found);
    setAdded(undefined);
    if (found) return;
    const consentLanguage = consentLanguageOf(lang);
    const ok = await save(() =>
      addParticipant(db, run.id, { display: { kind, value: shown }, consentLanguage, ...(municipality ? { municipality } : {}) }),
    );
    if (!ok) return;
    setValue('');
    setConsent(false);
    setMunicipality('');
    setAdded(shown);
  };

  return (
    <form class="course-add" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={id('heading')}>
      <h3 id={id('heading')}>{t('courses.desk.add.heading')}</h3>
      <fieldset class="display-kind">
        <legend>{t('courses.desk.add.kind')}</legend>
        {(['name', 'number'] as const).map((k) => (
          <label key={k} class="radio">
            <input type="radio" name={id('kind')} value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(k === 'name' ? 'courses.desk.add.firstName' : 'courses.desk.add.number')}
          </label>
        ))}
      </fieldset>
      <label for={id('value')}>{t('courses.desk.add.value')}</label>
      <p id={id('hint')} class="hint">
        {t('courses.desk.add.valueHint')}
      </p>
      <input
        id={id('value')}
        type="text"
        maxLength={40}
        autocomplete="off"
        value={value}
        aria-describedby={problem === 'missingValue' || problem === 'personal' ? `${id('hint')} ${id('error')}` : id('hint')}
        aria-invalid={problem === 'missingValue' || problem === 'personal' ? true : undefined}
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
      />
      {municipalities.length > 0 ? (
        <>
          <label for={id('municipality')}>{t('courses.desk.add.municipality')}</label>
          <select id={id('municipality')} value={municipality} onChange={(e) => setMunicipality((e.target as HTMLSelectElement).value)}>
            <option value="">{t('courses.desk.add.municipalityNotAsked')}</option>
            {municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <p class="consent-text" id={id('consent-text')}>
        {t('courses.desk.add.consentText')}
      </p>
      <label class="consent">
        <input
          type="checkbox"
          checked={consent}
          aria-describedby={id('consent-text')}
          onChange={(e) => setConsent((e.target as HTMLInputElement).checked)}
        />
        {t('courses.desk.add.consent')}
      </label>
      {problem ? (
        <p id={id('error')} class="error" role="alert">
          {t(`courses.desk.add.${problem}`)}
        </p>
      ) : null}
      <p class="saved" role="status">
        {added ? t('courses.desk.add.added', { name: added }) : ''}
      </p>
      <button type="submit" class="primary">
        {t('courses.desk.add.submit')}
      </button>
    </form>
  );
}
