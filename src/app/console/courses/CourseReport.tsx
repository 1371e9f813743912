import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../../shared/console';
import type { CourseFigures } from '../../../shared/course-runs';
import { formatLibraryDate, formatNumber, formatShare } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { get, query } from '../api';
import { LocationField } from '../LocationField';
import { localMidnight, quarterOf } from '../period';
import { ensureCourseTexts } from './locales';
import { PeriodFields } from '../PeriodFields';

const share = (rate: number | null, lang: string) => (rate === null ? '–' : formatShare(Math.round(rate * 1000), 1000, lang));
const score = (n: number | null, lang: string) => (n === null ? '–' : formatNumber(Math.round(n * 10) / 10, lang));

/**
 * The course figures (#/courses): runs with a session in the period, participants,
 * attendance, completion, why people stopped and the change from start to end per
 * statement, each as a table; and the KB course-registration export of the same period.
 */
export function CourseReport({ session }: { session: ConsoleSession }) {
  ensureCourseTexts();
  const { t, lang } = useT();
  const quarter = quarterOf(new Date());
  const [reach, setReach] = useState({ from: quarter.from, to: quarter.to, location: '' });
  const [figures, setFigures] = useState<CourseFigures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const params = query({ from: localMidnight(reach.from), to: localMidnight(reach.to), location: reach.location || undefined });
  useEffect(() => {
    get<CourseFigures>(`/courses/figures?${params}`)
      .then((f) => {
        setFigures(f);
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, [params]);
  const apply = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setReach({ from: String(form.get('from')), to: String(form.get('to')), location: reach.location });
  };
  const k = (key: string) => t(`console.courses.${key}`);
  return (
    <section aria-labelledby="courses-title">
      <h1 id="courses-title">
        {k('title')} · {reach.from} – {reach.to}
      </h1>
      <form class="console-filters no-print" onSubmit={apply}>
        <PeriodFields from={reach.from} to={reach.to} />
        <LocationField session={session} all value={reach.location} onChange={(location) => setReach({ ...reach, location })} />
        <button type="submit" class="primary">
          {t('console.filter.apply')}
        </button>
        <a href="#/courses/runs">{k('manageRuns')}</a>
        <a href={`/api/console/courses/kb-export?${params}`} download>
          {k('kbExport')}
        </a>
      </form>
      <p class="no-print">{k('explain')}</p>
      {error ? (
        <p role="alert" class="form-error">
          {error}
        </p>
      ) : null}
      {figures ? (
        <>
          <table class="console-table" data-figure="course-totals">
            <caption class="visually-hidden">{k('title')}</caption>
            <tbody>
              {(
                [
                  ['runs', formatNumber(figures.total.runs, lang)],
                  ['participants', formatNumber(figures.total.participants, lang)],
                  ['finished', formatNumber(figures.total.finished, lang)],
                  ['stopped', formatNumber(figures.total.stopped, lang)],
                  ['attendance', share(figures.total.attendanceRate, lang)],
                  ['completion', share(figures.total.completionRate, lang)],
                ] as const
              ).map(([key, value]) => (
                <tr key={key} data-row={key}>
                  <th scope="row">{k(key)}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{k('runs')}</h2>
          <table class="console-table" data-figure="course-runs">
            <thead>
              <tr>
                {['course', 'location', 'dates', 'sessions', 'participants', 'finished', 'stopped', 'attendance'].map((c) => (
                  <th key={c} scope="col">
                    {k(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figures.runs.map((r) => (
                <tr key={r.id} data-run={r.id}>
                  <th scope="row">{r.title}</th>
                  <td>{r.locationName}</td>
                  <td>
                    {formatLibraryDate(r.firstSession, lang)} – {formatLibraryDate(r.lastSession, lang)}
                  </td>
                  <td>{formatNumber(r.sessions, lang)}</td>
                  <td>{formatNumber(r.participants, lang)}</td>
                  <td>{formatNumber(r.finished, lang)}</td>
                  <td>{formatNumber(r.stopped, lang)}</td>
                  <td>{share(r.attendanceRate, lang)}</td>
                </tr>
              ))}
              {figures.runs.length === 0 ? (
                <tr>
                  <td colSpan={8}>{k('empty')}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {figures.stopReasons.length > 0 ? (
            <>
              <h2>{k('stopReasons')}</h2>
              <table class="console-table" data-figure="stop-reasons">
                <thead>
                  <tr>
                    <th scope="col">{k('reason')}</th>
                    <th scope="col">{k('count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {figures.stopReasons.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{k(`reasons.${r.key}`)}</th>
                      <td>{formatNumber(r.count, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {figures.statements.length > 0 ? (
            <>
              <h2>{k('statements')}</h2>
              <table class="console-table" data-figure="statements">
                <thead>
                  <tr>
                    {['statement', 'pairs', 'start', 'end', 'change'].map((c) => (
                      <th key={c} scope="col">
                        {k(c)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {figures.statements.map((s) => (
                    <tr key={`${s.assessmentVersion}/${s.theme}/${s.statement}`} data-statement={s.statement}>
                      <th scope="row">{t(`console.courses.statementTexts.v${s.assessmentVersion}.${s.statement}`, { defaultValue: s.statement })}</th>
                      <td>{formatNumber(s.pairs, lang)}</td>
                      <td>{score(s.startAverage, lang)}</td>
                      <td>{score(s.endAverage, lang)}</td>
                      <td>{s.change === null ? '–' : `${s.change > 0 ? '+' : ''}${score(s.change, lang)}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
