import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession, Dashboard as DashboardData, Figures, IdoSummary } from '../../shared/console';
import { useT } from '../i18n/i18n';
import { get } from './api';
import { BarChart } from './BarChart';
import { FigureTable, type FigureColumn } from './FigureTable';
import { label } from './labels';
import { formatNumber, formatShare, weekdayName } from '../i18n/format';
import { quarterOf } from './period';
import { reachParams, useReportData } from './use-reach';
import { ReportImpact } from './ReportImpact';
import type { SurveyReport } from '../../shared/impact';
import { MunicipalityField, useMunicipalityName } from './impact/MunicipalityField';
import { LocationField } from './LocationField';
import { FunnelFigure } from './referrals/FunnelFigure';
import { OrganisationField, organisationsOf } from './OrganisationField';
import { PeriodFields } from './PeriodFields';

type Counts = Array<{ key: string; count: number }>;

/** Counts with their chart and table, beside the previous period and last year where given. */
function Figure({
  id,
  title,
  rows,
  dimension,
  previous,
  lastYear,
}: {
  id: string;
  title: string;
  rows: Counts;
  dimension: string;
  previous?: Counts;
  lastYear?: Counts;
}) {
  const { t, lang } = useT();
  const count = (list: Counts | undefined, key: string) => formatNumber(list?.find((r) => r.key === key)?.count ?? 0, lang);
  const columns: Array<FigureColumn<Counts[number]>> = [
    { id: 'count', heading: t('console.dashboard.count'), value: (r) => formatNumber(r.count, lang) },
  ];
  if (previous) columns.push({ id: 'previous', heading: t('console.dashboard.previous'), value: (r) => count(previous, r.key) });
  if (lastYear) columns.push({ id: 'lastYear', heading: t('console.dashboard.lastYear'), value: (r) => count(lastYear, r.key) });
  return (
    <FigureTable
      figure={id}
      headingId={`fig-${id}`}
      title={title}
      rows={rows}
      name={(key) => label(dimension, key, lang)}
      head={t('console.dashboard.item')}
      columns={columns}
      chart={[{ label: title, value: (r) => r.count }]}
      empty={t('console.dashboard.empty')}
    />
  );
}

type ReturningCounts = Figures['returning'];
const RETURNING_KINDS = ['returning', 'firstTime', 'unknown'] as const;

/** Returning visitors as a share of all visits, beside the previous period; unknown counts as its own row, never guessed. */
export function Returning({ current, previous }: { current: ReturningCounts; previous: ReturningCounts }) {
  const { t, lang } = useT();
  const total = (r: ReturningCounts) => r.returning + r.firstTime + r.unknown;
  const title = t('console.dashboard.returningTitle');
  return (
    <section class="figure" aria-labelledby="fig-returning" data-figure="returning">
      <h2 id="fig-returning">{title}</h2>
      <table class="console-table figure-table">
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.dashboard.item')}</th>
            <th scope="col">{t('console.dashboard.count')}</th>
            <th scope="col">{t('console.dashboard.share')}</th>
            <th scope="col">{t('console.dashboard.previous')}</th>
            <th scope="col">{t('console.dashboard.previousShare')}</th>
          </tr>
        </thead>
        <tbody>
          {RETURNING_KINDS.map((kind) => (
            <tr key={kind} data-kind={kind}>
              <th scope="row">{t(`console.dashboard.returningKinds.${kind}`)}</th>
              <td>{formatNumber(current[kind], lang)}</td>
              <td>{formatShare(current[kind], total(current), lang)}</td>
              <td>{formatNumber(previous[kind], lang)}</td>
              <td>{formatShare(previous[kind], total(previous), lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function BusyHours({ figures }: { figures: Figures }) {
  const { t, lang } = useT();
  const slots = [...new Set(figures.busyHours.map((b) => b.slot))].sort((a, b) => a - b);
  const dayName = (d: number) => weekdayName(d, lang, 'short');
  const slotName = (s: number) => `${String(Math.floor(s / 2)).padStart(2, '0')}:${s % 2 ? '30' : '00'}`;
  const count = (d: number, s: number) => figures.busyHours.find((b) => b.weekday === d && b.slot === s)?.count ?? 0;
  const max = Math.max(1, ...figures.busyHours.map((b) => b.count));
  return (
    <section class="figure" aria-labelledby="fig-busy" data-figure="busyHours">
      <h2 id="fig-busy">{t('console.dashboard.busyHours')}</h2>
      <BarChart
        labels={slots.map(slotName)}
        series={WEEKDAYS.filter((d) => figures.busyHours.some((b) => b.weekday === d)).map((d) => ({
          label: dayName(d),
          values: slots.map((s) => count(d, s)),
        }))}
        stacked
      />
      <table class="console-table busy-table">
        <caption class="visually-hidden">{t('console.dashboard.busyHours')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.dashboard.halfHour')}</th>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {dayName(d)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {slots.map((s) => (
            <tr key={s}>
              <th scope="row">{slotName(s)}</th>
              {WEEKDAYS.map((d) => (
                <td key={d} class={`heat-${Math.ceil((count(d, s) / max) * 4)}`}>
                  {formatNumber(count(d, s), lang)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Whose figures the heading names: the organisation (the one chosen, the chosen location's,
 * or the coordinator's own), then the location if one is chosen; the whole network for
 * an administrator who chose neither.
 */
function reportSubject(session: ConsoleSession, reach: { organisation: string; location: string }, network: string): string {
  const location = reach.location ? session.locations.find((l) => l.id === reach.location) : undefined;
  const organisation = reach.organisation || location?.organisationId || session.user.organisationId;
  const organisationName = organisation ? organisationsOf(session).find((o) => o.id === organisation)?.name : network;
  return [organisationName, location?.name].filter(Boolean).join(' · ');
}

export function Dashboard({ session, printable }: { session: ConsoleSession; printable: boolean }) {
  const { t, lang } = useT();
  const quarter = quarterOf(new Date());
  const isAdmin = session.user.role === 'admin';
  const [period, setPeriod] = useState({ from: quarter.from, to: quarter.to, organisation: '', location: '', municipality: '' });
  // The organisation and location chosen in the form but not yet applied: choosing an organisation narrows the locations offered.
  const [choice, setChoice] = useState({ organisation: '', location: '' });
  const [data, setData] = useState<DashboardData | null>(null);
  const [ido, setIdo] = useState<IdoSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const params = reachParams(period);
  // The report's survey part; its municipality names also fill the report's municipality filter.
  const survey = useReportData<SurveyReport>(printable ? `/impact/survey?${params}` : null).data;
  const municipalityName = useMunicipalityName(survey);
  useEffect(() => {
    Promise.all([get<DashboardData>(`/dashboard?${params}`), get<IdoSummary>(`/ido-summary?${params}`)])
      .then(([d, s]) => {
        setData(d);
        setIdo(s);
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, [params]);
  const change = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setPeriod({
      from: String(form.get('from')),
      to: String(form.get('to')),
      organisation: isAdmin ? choice.organisation : '',
      location: choice.location,
      municipality: String(form.get('municipality') ?? ''),
    });
  };
  const chooseOrganisation = (organisation: string) => {
    const location = session.locations.find((l) => l.id === choice.location);
    setChoice({ organisation, location: location && (!organisation || location.organisationId === organisation) ? location.id : '' });
  };
  const where = [
    reportSubject(session, period, t('console.dashboard.network')),
    period.municipality ? municipalityName(period.municipality) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const c = data?.current;
  return (
    <section class={printable ? 'report' : undefined} aria-labelledby="dash-title">
      <h1 id="dash-title">
        {printable ? t('console.report.title') : t('console.dashboard.title')} · {where} · {period.from} – {period.to}
      </h1>
      <form class="console-filters no-print" onSubmit={change}>
        <PeriodFields from={period.from} to={period.to} />
        {isAdmin ? <OrganisationField session={session} value={choice.organisation} onChange={chooseOrganisation} /> : null}
        <LocationField
          session={session}
          all
          value={choice.location}
          organisation={choice.organisation || undefined}
          onChange={(location) => setChoice({ ...choice, location })}
        />
        {printable ? <MunicipalityField names={survey?.municipalityNames ?? {}} value={period.municipality} /> : null}
        <button type="submit" class="primary">
          {t('console.filter.apply')}
        </button>
        {printable ? (
          <button type="button" onClick={() => window.print()}>
            {t('console.report.print')}
          </button>
        ) : (
          <a href="#/report">{t('console.report.open')}</a>
        )}
        <a href={`/api/console/ido-summary?${params}&format=csv`}>{t('console.ido.download')}</a>
        <a href={`/api/console/exports/report?${params}&format=xlsx`} download>
          {t('console.report.downloadXlsx')}
        </a>
        <a href={`/api/console/exports/report?${params}&format=csv`} download>
          {t('console.report.downloadCsv')}
        </a>
      </form>
      {error ? (
        <p role="alert" class="form-error">
          {error}
        </p>
      ) : null}
      {c && data ? (
        <>
          <dl class="totals" data-figure="totals">
            <div>
              <dt>{t('console.dashboard.visits')}</dt>
              <dd>{formatNumber(c.visits, lang)}</dd>
            </div>
            <div>
              <dt>{t('console.dashboard.questions')}</dt>
              <dd>{formatNumber(c.questions, lang)}</dd>
            </div>
            <div>
              <dt>{t('console.dashboard.previous')}</dt>
              <dd>{formatNumber(data.previous.visits, lang)}</dd>
            </div>
            <div>
              <dt>{t('console.dashboard.lastYear')}</dt>
              <dd>{formatNumber(data.lastYear.visits, lang)}</dd>
            </div>
          </dl>
          <Figure id="perDay" title={t('console.dashboard.perDay')} rows={c.perDay} dimension="day" />
          <Figure id="perWeek" title={t('console.dashboard.perWeek')} rows={c.perWeek} dimension="week" previous={data.previous.perWeek} />
          <Figure
            id="helpKinds"
            title={t('console.dashboard.helpKinds')}
            rows={c.helpKinds}
            dimension="helpKinds"
            previous={data.previous.helpKinds}
            lastYear={data.lastYear.helpKinds}
          />
          <Figure
            id="organisations"
            title={t('console.dashboard.organisations')}
            rows={c.organisations}
            dimension="organisations"
            previous={data.previous.organisations}
            lastYear={data.lastYear.organisations}
          />
          <Figure
            id="topics"
            title={t('console.dashboard.topics')}
            rows={c.topics}
            dimension="topics"
            previous={data.previous.topics}
            lastYear={data.lastYear.topics}
          />
          <Figure
            id="outcomes"
            title={t('console.dashboard.outcomes')}
            rows={c.outcomes}
            dimension="outcomes"
            previous={data.previous.outcomes}
            lastYear={data.lastYear.outcomes}
          />
          <Figure
            id="channels"
            title={t('console.dashboard.channels')}
            rows={c.channels}
            dimension="channels"
            previous={data.previous.channels}
            lastYear={data.lastYear.channels}
          />
          <section class="figure" aria-labelledby="fig-referrals" data-figure="referrals">
            <h2 id="fig-referrals">{t('console.dashboard.referrals')}</h2>
            <BarChart
              labels={c.referrals.map((r) => (r.key === 'text' ? t('console.filter.referralText') : label('referrals', r.key, lang)))}
              series={[
                { label: t('console.dashboard.warm'), values: c.referrals.map((r) => r.warm) },
                { label: t('console.dashboard.logged'), values: c.referrals.map((r) => r.logged) },
              ]}
              stacked
            />
            <table class="console-table">
              <caption class="visually-hidden">{t('console.dashboard.referrals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('console.dashboard.item')}</th>
                  <th scope="col">{t('console.dashboard.warm')}</th>
                  <th scope="col">{t('console.dashboard.logged')}</th>
                  <th scope="col">{t('console.dashboard.previous')}</th>
                  <th scope="col">{t('console.dashboard.lastYear')}</th>
                </tr>
              </thead>
              <tbody>
                {c.referrals.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.key === 'text' ? t('console.filter.referralText') : label('referrals', r.key, lang)}</th>
                    <td>{formatNumber(r.warm, lang)}</td>
                    <td>{formatNumber(r.logged, lang)}</td>
                    <td>{formatNumber(referralTotal(data.previous.referrals, r.key), lang)}</td>
                    <td>{formatNumber(referralTotal(data.lastYear.referrals, r.key), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <FunnelFigure params={params} />
          <BusyHours figures={c} />
          <Returning current={c.returning} previous={data.previous.returning} />
          <Figure
            id="locations"
            title={t('console.dashboard.locations')}
            rows={c.locations}
            dimension="location"
            previous={data.previous.locations}
            lastYear={data.lastYear.locations}
          />
          {printable ? <ReportImpact params={params} survey={survey} /> : null}
        </>
      ) : null}
      {ido ? <IdoTable summary={ido} /> : null}
    </section>
  );
}

/** Referrals of one target in a comparison period, warm and information-given together. */
function referralTotal(rows: Array<{ key: string; warm: number; logged: number }>, key: string): number {
  const row = rows.find((r) => r.key === key);
  return row ? row.warm + row.logged : 0;
}

function IdoTable({ summary }: { summary: IdoSummary }) {
  const { t, lang } = useT();
  const section = (title: string, rows: Counts, dimension: string) => (
    <>
      <tr>
        <th colSpan={2} scope="rowgroup" class="group">
          {title}
        </th>
      </tr>
      {rows.map((r) => (
        <tr key={`${title}-${r.key}`}>
          <th scope="row">{dimension === 'durations' ? t(`console.ido.bands.${r.key}`) : label(dimension, r.key, lang)}</th>
          <td>{formatNumber(r.count, lang)}</td>
        </tr>
      ))}
    </>
  );
  return (
    <section class="figure" aria-labelledby="ido-title" data-figure="ido">
      <h2 id="ido-title">{t('console.ido.title')}</h2>
      <p>{t('console.ido.explain')}</p>
      <table class="console-table ido-table">
        <tbody>
          <tr>
            <th scope="row">{t('console.dashboard.visits')}</th>
            <td>{formatNumber(summary.visits, lang)}</td>
          </tr>
          <tr>
            <th scope="row">{t('console.dashboard.questions')}</th>
            <td>{formatNumber(summary.questions, lang)}</td>
          </tr>
          {section(t('console.ido.domains'), summary.domains, 'domains')}
          {section(t('console.dashboard.topics'), summary.topics, 'topics')}
          {section(t('console.dashboard.organisations'), summary.organisations, 'organisations')}
          {section(t('console.dashboard.helpKinds'), summary.helpKinds, 'helpKinds')}
          {section(
            t('console.dashboard.referrals'),
            [
              { key: t('console.ido.referred'), count: summary.referrals.questionsReferred },
              { key: t('console.dashboard.warm'), count: summary.referrals.warm },
              { key: t('console.dashboard.logged'), count: summary.referrals.logged },
            ],
            'plain',
          )}
          {section(t('console.dashboard.channels'), summary.channels, 'channels')}
          {section(t('console.ido.durations'), summary.durations, 'durations')}
        </tbody>
      </table>
    </section>
  );
}
