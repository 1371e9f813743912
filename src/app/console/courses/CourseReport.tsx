import type { ConsoleSession } from '../../../shared/console';
import type { CourseReport as Report } from '../../../shared/impact';
import { formatLibraryDate, formatNumber, formatShare } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { LocationField } from '../LocationField';
import { ensureCourseTexts } from './locales';
import { PeriodFields } from '../PeriodFields';
import { useReach, useReportData } from '../use-reach';
import { useMunicipalityName } from '../impact/MunicipalityField';
import { BarChart } from '../BarChart';

const share = (rate: number | null, lang: string) => (rate === null ? '–' : formatShare(Math.round(rate * 1000), 1000, lang));
const score = (n: number | null, lang: string) => (n === null ? '–' : formatNumber(Math.round(n * 10) / 10, lang));

const change = (n: number | null, lang: string) => (n === null ? '–' : `${n > 0 ? '+' : ''}${score(n, lang)}`);

/**
 * The course figures (#/courses): runs with a session in the period, participants,
 * attendance, completion, why people stopped and the change from start to end per
 * statement, each as a table; and the KB course-registration export of the same period.
 */
export function CourseReport({ session }: { session: ConsoleSession }) {
  ensureCourseTexts();
  const { t } = useT();
  const { reach, setReach, apply, params } = useReach({ location: '' });
  const { data: figures, error } = useReportData<Report>(`/courses/figures?${params}`);
  const k = (key: string) => t(`console.courses.${key}`);
  return (
    <section aria-labelledby="courses-title">
      <h1 id="courses-title">
        {k('title')} · {reach.from} – {reach.to}
      </h1>
      <form class="console-filters no-print" onSubmit={apply()}>
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
      {figures ? <CourseFigures figures={figures} /> : null}
    </section>
  );
}

/**
 * The course figures' tables, each beside the previous period: totals, the runs, stop
 * reasons, participants per municipality (by the names the report gives) and the
 * self-assessment per statement; stop reasons and statements each with a chart beside the
 * table. Also a section of the printable quarterly report, and (`brief`: without the split
 * by municipality, the figures being those of one) of the alderman's page.
 */
export function CourseFigures({ figures, brief = false }: { figures: Report; brief?: boolean }) {
  ensureCourseTexts();
  const { t, lang } = useT();
  const municipalityName = useMunicipalityName(figures);
  const k = (key: string) => t(`console.courses.${key}`);
  const before = figures.previous;
  const reasonCount = (list: Report['stopReasons'], key: string) => list.find((r) => r.key === key)?.count ?? 0;
  const reasons = [...new Set([...figures.stopReasons, ...before.stopReasons].map((r) => r.key))];
  const place = (list: Report['municipalities'], key: string) => list.find((m) => m.key === key);
  const places = [...new Set([...figures.municipalities, ...before.municipalities].map((m) => m.key))];
  const statementKey = (s: Report['statements'][number]) => `${s.assessmentVersion}/${s.theme}/${s.statement}`;
  const previousChange = (s: Report['statements'][number]) =>
    before.statements.find((p) => statementKey(p) === statementKey(s))?.change ?? null;
  const n = (x: number) => formatNumber(x, lang);
  const statementText = (s: Report['statements'][number]) =>
    t(`console.courses.statementTexts.v${s.assessmentVersion}.${s.statement}`, { defaultValue: s.statement });
  const withScores = figures.statements.filter((s) => s.pairs > 0);
  return (
    <>
      <table class="console-table" data-figure="course-totals">
        <caption class="visually-hidden">{k('title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.dashboard.item')}</th>
            <th scope="col">{k('current')}</th>
            <th scope="col">{t('console.dashboard.previous')}</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['runs', n(figures.total.runs), n(before.total.runs)],
              ['participants', n(figures.total.participants), n(before.total.participants)],
              ['finished', n(figures.total.finished), n(before.total.finished)],
              ['stopped', n(figures.total.stopped), n(before.total.stopped)],
              ['attendance', share(figures.total.attendanceRate, lang), share(before.total.attendanceRate, lang)],
              ['completion', share(figures.total.completionRate, lang), share(before.total.completionRate, lang)],
            ] as const
          ).map(([key, value, previous]) => (
            <tr key={key} data-row={key}>
              <th scope="row">{k(key)}</th>
              <td>{value}</td>
              <td data-column="previous">{previous}</td>
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
              <td>{n(r.sessions)}</td>
              <td>{n(r.participants)}</td>
              <td>{n(r.finished)}</td>
              <td>{n(r.stopped)}</td>
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
      {reasons.length > 0 ? (
        <section class="figure" aria-labelledby="course-stop-reasons">
          <h2 id="course-stop-reasons">{k('stopReasons')}</h2>
          <div class="figure-body">
            <BarChart
              labels={reasons.map((key) => k(`reasons.${key}`))}
              series={[
                { label: k('current'), values: reasons.map((key) => reasonCount(figures.stopReasons, key)) },
                { label: t('console.dashboard.previous'), values: reasons.map((key) => reasonCount(before.stopReasons, key)) },
              ]}
              horizontal={reasons.length > 8}
            />
            <table class="console-table figure-table" data-figure="stop-reasons">
              <caption class="visually-hidden">{k('stopReasons')}</caption>
              <thead>
                <tr>
                  <th scope="col">{k('reason')}</th>
                  <th scope="col">{k('count')}</th>
                  <th scope="col">{t('console.dashboard.previous')}</th>
                </tr>
              </thead>
              <tbody>
                {reasons.map((key) => (
                  <tr key={key}>
                    <th scope="row">{k(`reasons.${key}`)}</th>
                    <td>{n(reasonCount(figures.stopReasons, key))}</td>
                    <td data-column="previous">{n(reasonCount(before.stopReasons, key))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {!brief && places.length > 0 ? (
        <>
          <h2>{k('municipalities')}</h2>
          <table class="console-table" data-figure="course-municipalities">
            <thead>
              <tr>
                {['municipality', 'participants', 'finished', 'stopped'].map((c) => (
                  <th key={c} scope="col">
                    {k(c)}
                  </th>
                ))}
                <th scope="col">
                  {k('participants')} · {t('console.dashboard.previous')}
                </th>
              </tr>
            </thead>
            <tbody>
              {places.map((key) => (
                <tr key={key} data-key={key}>
                  <th scope="row">{municipalityName(key)}</th>
                  <td>{n(place(figures.municipalities, key)?.participants ?? 0)}</td>
                  <td>{n(place(figures.municipalities, key)?.finished ?? 0)}</td>
                  <td>{n(place(figures.municipalities, key)?.stopped ?? 0)}</td>
                  <td data-column="previous">{n(place(before.municipalities, key)?.participants ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {figures.statements.length > 0 ? (
        <section class="figure" aria-labelledby="course-statements">
          <h2 id="course-statements">{k('statements')}</h2>
          <div class="figure-body">
            {withScores.length > 0 ? (
              <BarChart
                labels={withScores.map(statementText)}
                series={[
                  { label: k('start'), values: withScores.map((s) => s.startAverage ?? 0) },
                  { label: k('end'), values: withScores.map((s) => s.endAverage ?? 0) },
                ]}
                horizontal={withScores.length > 4}
              />
            ) : null}
            <table class="console-table figure-table" data-figure="statements">
              <caption class="visually-hidden">{k('statements')}</caption>
              <thead>
                <tr>
                  {['statement', 'pairs', 'start', 'end', 'change'].map((c) => (
                    <th key={c} scope="col">
                      {k(c)}
                    </th>
                  ))}
                  <th scope="col">
                    {k('change')} · {t('console.dashboard.previous')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures.statements.map((s) => (
                  <tr key={statementKey(s)} data-statement={s.statement}>
                    <th scope="row">{statementText(s)}</th>
                    <td>{n(s.pairs)}</td>
                    <td>{score(s.startAverage, lang)}</td>
                    <td>{score(s.endAverage, lang)}</td>
                    <td>{change(s.change, lang)}</td>
                    <td data-column="previous">{change(previousChange(s), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
