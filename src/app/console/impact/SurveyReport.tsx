import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession, IdoSummary } from '../../../shared/console';
import type { SurveyReport as Report, SurveyRow } from '../../../shared/impact';
import { NOT_ASKED } from '../../../shared/municipality';
import { formatNumber, formatShare } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { get, query } from '../api';
import { BarChart } from '../BarChart';
import { label } from '../labels';
import { LocationField } from '../LocationField';
import { localMidnight, quarterOf } from '../period';
import { ensureImpactTexts } from './locales';
import { PeriodFields } from '../PeriodFields';

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

/** One breakdown: the helped share as a chart, and every figure in the table beside it (with the previous period's helped share). */
function Breakdown({ id, title, rows, previous, name, t, lang }: { id: string; title: string; rows: SurveyRow[]; previous: SurveyRow[]; name: (key: string) => string; t: T; lang: string }) {
  const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);
  return (
    <section class="figure" aria-labelledby={`survey-${id}`} data-figure={`survey-${id}`}>
      <h2 id={`survey-${id}`}>{title}</h2>
      <div class="figure-body">
        {rows.length ? (
          <BarChart
            labels={rows.map((r) => name(r.key))}
            series={[
              { label: `${t('console.impact.survey.helpedShare')} (%)`, values: rows.map((r) => share(r.helpedYes, r.helpedAnswered)) },
              { label: `${t('console.impact.survey.selfShare')} (%)`, values: rows.map((r) => share(r.selfYes, r.selfAnswered)) },
            ]}
            horizontal={rows.length > 8}
          />
        ) : null}
        <table class="console-table figure-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.impact.survey.group')}</th>
              <th scope="col">{t('console.impact.survey.visits')}</th>
              {SHARES.map((s) => (
                <th key={s.id} scope="col">
                  {t(`console.impact.survey.${s.id}`)}
                </th>
              ))}
              <th scope="col">
                {t('console.impact.survey.helpedShare')} · {t('console.impact.survey.previous')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const before = previous.find((p) => p.key === r.key);
              return (
                <tr key={r.key} data-key={r.key}>
                  <th scope="row">{name(r.key)}</th>
                  <td>{formatNumber(r.visits, lang)}</td>
                  {SHARES.map((s) => (
                    <td key={s.id}>{formatShare(s.part(r), s.whole(r), lang)}</td>
                  ))}
                  <td>{before ? formatShare(before.helpedYes, before.helpedAnswered, lang) : '–'}</td>
                </tr>
              );
            })}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7}>{t('console.impact.survey.empty')}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * The visitor survey's figures (#/survey), and per municipality one printable page for the
 * alderman (#/survey/alderman): the IDO counts and the survey outcomes of the period.
 */
export function SurveyReport({ session, alderman }: { session: ConsoleSession; alderman: boolean }) {
  ensureImpactTexts();
  const { t, lang } = useT();
  const quarter = quarterOf(new Date());
  const [reach, setReach] = useState({ from: quarter.from, to: quarter.to, location: '', municipality: '' });
  const [report, setReport] = useState<Report | null>(null);
  const [ido, setIdo] = useState<IdoSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const params = query({ from: localMidnight(reach.from), to: localMidnight(reach.to), location: reach.location || undefined, municipality: reach.municipality || undefined });
  useEffect(() => {
    // An answer for an earlier choice that arrives late must not replace the figures of the current one.
    let current = true;
    Promise.all([get<Report>(`/impact/survey?${params}`), alderman ? get<IdoSummary>(`/ido-summary?${params}`) : Promise.resolve(null)])
      .then(([r, s]) => {
        if (!current) return;
        setReport(r);
        setIdo(s);
        setError(null);
      })
      .catch((err: Error) => current && setError(err.message));
    return () => {
      current = false;
    };
  }, [params, alderman]);
  const names = report?.municipalityNames ?? {};
  const municipalityName = (key: string) => (key === NOT_ASKED ? t('console.impact.survey.notAsked') : (names[key] ?? key));
  const apply = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setReach({ from: String(form.get('from')), to: String(form.get('to')), location: reach.location, municipality: String(form.get('municipality') ?? '') });
  };
  const title = alderman && reach.municipality ? t('console.impact.survey.aldermanTitle', { name: municipalityName(reach.municipality) }) : t('console.impact.survey.title');
  return (
    <section class={alderman ? 'report' : undefined} aria-labelledby="survey-title">
      <h1 id="survey-title">
        {title} · {reach.from} – {reach.to}
      </h1>
      <form class="console-filters no-print" onSubmit={apply}>
        <PeriodFields from={reach.from} to={reach.to} />
        <LocationField session={session} all value={reach.location} onChange={(location) => setReach({ ...reach, location })} />
        <label>
          {t('console.impact.survey.municipality')}
          <select name="municipality" value={reach.municipality}>
            <option value="">{t('console.impact.survey.allMunicipalities')}</option>
            {Object.entries(names).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
            <option value={NOT_ASKED}>{t('console.impact.survey.notAsked')}</option>
          </select>
        </label>
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
      {report ? (
        <>
          <Totals report={report} t={t} lang={lang} />
          <Breakdown id="topics" title={t('console.impact.survey.byTopic')} rows={report.current.topics} previous={report.previous.topics} name={(k) => label('topics', k, lang)} t={t} lang={lang} />
          <Breakdown id="helpKinds" title={t('console.impact.survey.byHelpKind')} rows={report.current.helpKinds} previous={report.previous.helpKinds} name={(k) => label('helpKinds', k, lang)} t={t} lang={lang} />
          {alderman ? null : (
            <>
              <Breakdown id="locations" title={t('console.impact.survey.byLocation')} rows={report.current.locations} previous={report.previous.locations} name={(k) => k} t={t} lang={lang} />
              <Breakdown id="municipalities" title={t('console.impact.survey.byMunicipality')} rows={report.current.municipalities} previous={report.previous.municipalities} name={municipalityName} t={t} lang={lang} />
            </>
          )}
        </>
      ) : null}
    </section>
  );
}
