import type { ConsoleSession, IdoSummary } from '../../../shared/console';
import { NOT_ASKED } from '../../../shared/municipality';
import type { CourseReport, SurveyReport as Report, SurveyRow } from '../../../shared/impact';
import { formatNumber, formatShare } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { FigureTable, type FigureColumn } from '../FigureTable';
import { label } from '../labels';
import { LocationField } from '../LocationField';
import { useReach, useReportData } from '../use-reach';
import { ensureImpactTexts } from './locales';
import { PeriodFields } from '../PeriodFields';
import { MunicipalityField, useMunicipalityName } from './MunicipalityField';
import { CourseFigures } from '../courses/CourseReport';

type T = ReturnType<typeof useT>['t'];

/** The four shares the programme reports, each over those who answered that question. */
const SHARES: Array<{ id: string; part: (r: SurveyRow) => number; whole: (r: SurveyRow) => number }> = [
  { id: 'answeredShare', part: (r) => r.answered, whole: (r) => r.visits },
  { id: 'helpedShare', part: (r) => r.helpedYes, whole: (r) => r.helpedAnswered },
  { id: 'selfShare', part: (r) => r.selfYes, whole: (r) => r.selfAnswered },
  { id: 'confidentShare', part: (r) => r.confidentHigh, whole: (r) => r.confidenceAnswered },
];

function average(r: SurveyRow, lang: string): string {
  return r.confidenceAnswered ? formatNumber(Math.round((r.confidenceSum / r.confidenceAnswered) * 10) / 10, lang) : '–';
}

/** The headline shares this period, the previous one and last year. */
function Totals({ report, t, lang }: { report: Report; t: T; lang: string }) {
  const periods = [report.current.total, report.previous.total, report.lastYear.total];
  return (
    <table class="console-table" data-figure="survey-totals">
      <caption class="visually-hidden">{t('console.impact.survey.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('console.dashboard.item')}</th>
          <th scope="col">{t('console.impact.survey.current')}</th>
          <th scope="col">{t('console.impact.survey.previous')}</th>
          <th scope="col">{t('console.impact.survey.lastYear')}</th>
        </tr>
      </thead>
      <tbody>
        <tr data-row="visits">
          <th scope="row">{t('console.impact.survey.visits')}</th>
          {periods.map((r, i) => (
            <td key={i}>{formatNumber(r.visits, lang)}</td>
          ))}
        </tr>
        {SHARES.map((s) => (
          <tr key={s.id} data-row={s.id}>
            <th scope="row">{t(`console.impact.survey.${s.id}`)}</th>
            {periods.map((r, i) => (
              <td key={i}>{formatShare(s.part(r), s.whole(r), lang)}</td>
            ))}
          </tr>
        ))}
        <tr data-row="confidenceAverage">
          <th scope="row">{t('console.impact.survey.confidenceAverage')}</th>
          {periods.map((r, i) => (
            <td key={i}>{average(r, lang)}</td>
          ))}
        </tr>
        <tr data-row="kiosk">
          <th scope="row">{t('console.impact.survey.kiosk')}</th>
          {[report.current.kiosk, report.previous.kiosk, report.lastYear.kiosk].map((r, i) => (
            <td key={i}>{formatNumber(r.answered, lang)}</td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

/** One breakdown: the helped and self shares as a chart, and every figure in the table beside it (with the previous period's helped share). */
function Breakdown({
  id,
  title,
  rows,
  previous,
  name,
  t,
  lang,
}: {
  id: string;
  title: string;
  rows: SurveyRow[];
  previous: SurveyRow[];
  name: (key: string) => string;
  t: T;
  lang: string;
}) {
  const columns: Array<FigureColumn<SurveyRow>> = [
    { id: 'visits', heading: t('console.impact.survey.visits'), value: (r) => formatNumber(r.visits, lang) },
    ...SHARES.map((s) => ({
      id: s.id,
      heading: t(`console.impact.survey.${s.id}`),
      value: (r: SurveyRow) => formatShare(s.part(r), s.whole(r), lang),
    })),
    {
      id: 'helpedPrevious',
      heading: `${t('console.impact.survey.helpedShare')} · ${t('console.impact.survey.previous')}`,
      value: (r) => {
        const before = previous.find((p) => p.key === r.key);
        return before ? formatShare(before.helpedYes, before.helpedAnswered, lang) : '–';
      },
    },
  ];
  return (
    <FigureTable
      figure={`survey-${id}`}
      headingId={`survey-${id}`}
      title={title}
      rows={rows}
      name={name}
      head={t('console.impact.survey.group')}
      columns={columns}
      chart={[
        { label: `${t('console.impact.survey.helpedShare')} (%)`, value: (r) => percent(r.helpedYes, r.helpedAnswered) },
        { label: `${t('console.impact.survey.selfShare')} (%)`, value: (r) => percent(r.selfYes, r.selfAnswered) },
      ]}
      empty={t('console.impact.survey.empty')}
    />
  );
}

/**
 * The survey's figures: the headline shares, then by topic and kind of help, and (unless
 * `brief`, as on the alderman's page of one municipality) by location and municipality.
 * Also a section of the printable quarterly report.
 */
export function SurveyFigures({ report, brief = false }: { report: Report; brief?: boolean }) {
  ensureImpactTexts();
  const { t, lang } = useT();
  const municipalityName = useMunicipalityName(report);
  return (
    <>
      <Totals report={report} t={t} lang={lang} />
      <Breakdown
        id="topics"
        title={t('console.impact.survey.byTopic')}
        rows={report.current.topics}
        previous={report.previous.topics}
        name={(k) => label('topics', k, lang)}
        t={t}
        lang={lang}
      />
      <Breakdown
        id="helpKinds"
        title={t('console.impact.survey.byHelpKind')}
        rows={report.current.helpKinds}
        previous={report.previous.helpKinds}
        name={(k) => label('helpKinds', k, lang)}
        t={t}
        lang={lang}
      />
      {brief ? null : (
        <>
          <Breakdown
            id="locations"
            title={t('console.impact.survey.byLocation')}
            rows={report.current.locations}
            previous={report.previous.locations}
            name={(k) => k}
            t={t}
            lang={lang}
          />
          <Breakdown
            id="municipalities"
            title={t('console.impact.survey.byMunicipality')}
            rows={report.current.municipalities}
            previous={report.previous.municipalities}
            name={municipalityName}
            t={t}
            lang={lang}
          />
        </>
      )}
    </>
  );
}

/**
 * The visitor survey's figures (#/survey), and per municipality one printable page for the
 * alderman (#/survey/alderman): the IDO counts, the survey outcomes and the course results
 * of the period, the courses counting only the participants from the municipality.
 */
export function SurveyReport({ session, alderman }: { session: ConsoleSession; alderman: boolean }) {
  ensureImpactTexts();
  const { t, lang } = useT();
  const { reach, setReach, apply, params } = useReach({ location: '', municipality: '' });
  const survey = useReportData<Report>(`/impact/survey?${params}`);
  const idoData = useReportData<IdoSummary>(alderman ? `/ido-summary?${params}` : null);
  // Course results only for a municipality chosen: without one they would count everybody's.
  const courseData = useReportData<CourseReport>(alderman && reach.municipality ? `/courses/figures?${params}` : null);
  const report = survey.data;
  const ido = idoData.data;
  const courses = courseData.data;
  const error = survey.error ?? idoData.error ?? courseData.error;
  const names = report?.municipalityNames ?? {};
  const municipalityName = useMunicipalityName(report);
  const title =
    alderman && reach.municipality
      ? t('console.impact.survey.aldermanTitle', { name: municipalityName(reach.municipality) })
      : t('console.impact.survey.title');
  return (
    <section class={alderman ? 'report' : undefined} aria-labelledby="survey-title">
      <h1 id="survey-title">
        {title} · {reach.from} – {reach.to}
      </h1>
      <form class="console-filters no-print" onSubmit={apply((form) => ({ municipality: String(form.get('municipality') ?? '') }))}>
        <PeriodFields from={reach.from} to={reach.to} />
        <LocationField session={session} all value={reach.location} onChange={(location) => setReach({ ...reach, location })} />
        <MunicipalityField names={names} value={reach.municipality} />
        <button type="submit" class="primary">
          {t('console.filter.apply')}
        </button>
        {alderman ? (
          <button type="button" onClick={() => window.print()}>
            {t('console.impact.survey.print')}
          </button>
        ) : (
          <a href="#/survey/alderman">{t('console.impact.survey.alderman')}</a>
        )}
      </form>
      <p class="no-print">{t('console.impact.survey.explain')}</p>
      {error ? (
        <p role="alert" class="form-error">
          {error}
        </p>
      ) : null}
      {alderman && !reach.municipality ? <p class="no-print">{t('console.impact.survey.chooseMunicipality')}</p> : null}
      {alderman && ido ? (
        <section class="figure" aria-labelledby="alderman-ido" data-figure="alderman-ido">
          <h2 id="alderman-ido">{t('console.impact.survey.aldermanIdo')}</h2>
          <table class="console-table">
            <tbody>
              <tr>
                <th scope="row">{t('console.dashboard.visits')}</th>
                <td>{formatNumber(ido.visits, lang)}</td>
              </tr>
              <tr>
                <th scope="row">{t('console.dashboard.questions')}</th>
                <td>{formatNumber(ido.questions, lang)}</td>
              </tr>
              {ido.helpKinds.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{label('helpKinds', r.key, lang)}</th>
                  <td>{formatNumber(r.count, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {alderman && report ? <h2 id="alderman-survey">{t('console.impact.survey.aldermanSurvey')}</h2> : null}
      {report ? <SurveyFigures report={report} brief={alderman} /> : null}
      {courses ? (
        <section class="report-part" aria-labelledby="alderman-courses" data-part="alderman-courses">
          <h2 id="alderman-courses">{t('console.impact.survey.aldermanCourses')}</h2>
          <p>
            {reach.municipality === NOT_ASKED
              ? t('console.impact.survey.aldermanCoursesExplainNotAsked')
              : t('console.impact.survey.aldermanCoursesExplain', { name: municipalityName(reach.municipality) })}
          </p>
          <CourseFigures figures={courses} brief />
        </section>
      ) : null}
    </section>
  );
}
