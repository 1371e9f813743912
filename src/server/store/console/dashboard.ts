import type { Figures, IdoSummary } from '../../../shared/console';
import type { Queryable } from '../database';
import { IN_SCOPE, type Scope } from './scope';
import { LIBRARY_TIME_ZONE } from '../../../shared/library-clock';

/**
 * The impact figures. Counted: synced, not voided visits in the scope, started in [from, to),
 * as the console reports them (reported_visits / reported_questions: a coordinator's latest
 * correction where there is one, else the desk's record). Days, weeks and busy hours in the libraries' time zone.
 */
export const TIME_ZONE = LIBRARY_TIME_ZONE;

/**
 * A period and what to narrow it to. `organisation` (a library organisation) narrows
 * within the scope, never widens it: a coordinator naming another organisation counts
 * nothing here (the route answers 404 before asking). With both set, the location must
 * belong to the organisation, else nothing is counted.
 */
export interface Period {
  from: string;
  to: string;
  location?: string;
  organisation?: string;
  /** The visitor's municipality: a CBS code, or 'not_asked' for visits without one. */
  municipality?: string;
}

/**
 * The counted visits of a period, as `reported_visits v JOIN locations l`. Every report
 * built on it can be split by the visit's municipality: `coalesce(v.municipality, 'not_asked')`
 * (VISIT_MUNICIPALITY) groups by it, and $6 narrows to one.
 */
export const BASE = (scopeParam: number) => `reported_visits v JOIN locations l ON l.id = v.location_id
  WHERE ${IN_SCOPE(scopeParam)} AND v.voided_at IS NULL AND v.started_at >= $1::timestamptz AND v.started_at < $2::timestamptz AND ($3::uuid IS NULL OR v.location_id = $3::uuid)
    AND ($5::uuid IS NULL OR l.organisation_id = $5::uuid) AND ($6::text IS NULL OR ${VISIT_MUNICIPALITY} = $6::text)`;

/** A visit's municipality as reports name it: its CBS code, or not_asked. */
export const VISIT_MUNICIPALITY = `coalesce(v.municipality, 'not_asked')`;

/** Parameters $1–$6 of BASE. */
export const periodParams = (period: Period, scope: Scope) => [
  period.from,
  period.to,
  period.location ?? null,
  scope,
  period.organisation ?? null,
  period.municipality ?? null,
];

/**
 * The questions of each visit v as reported: the correction's where v is corrected, else the
 * desk's. A lateral join probes both by visit id (the reported_questions view would be scanned whole).
 */
export const QUESTIONS_OF_V = `CROSS JOIN LATERAL (
    SELECT q.help_kind, q.domain, q.organisation, q.topic, q.outcome, q.referrals FROM visit_questions q WHERE q.visit_id = v.id AND NOT v.corrected
    UNION ALL
    SELECT c.help_kind, c.domain, c.organisation, c.topic, c.outcome, c.referrals FROM visit_corrected_questions c WHERE c.visit_id = v.id AND v.corrected) q`;

const counts = (rows: Array<{ key: string; count: number }>) => rows.map((r) => ({ key: String(r.key), count: Number(r.count) }));

/** What the figures are made of: visit-level counts (dim, k1, k2) and question-level counts (dim, key, warm). */
interface VisitRow {
  dim: string;
  k1: string | null;
  k2: number | null;
  count: number;
}
interface QuestionRow {
  dim: string;
  key: string | null;
  count: number;
  warm: number;
}
interface FigureRows {
  visits: VisitRow[];
  questions: QuestionRow[];
}

/**
 * Two scans for all figures: one over the period's visits with a grouping set per
 * visit-level figure, one over their questions (and referrals) with a grouping set per
 * question-level figure; the empty grouping set gives the totals.
 */
async function rowsCounted(db: Queryable, scope: Scope, period: Period): Promise<FigureRows> {
  const params = periodParams(period, scope);
  const local = `(v.started_at AT TIME ZONE '${TIME_ZONE}')`;
  const [visitRows, questionRows] = await Promise.all([
    db.query<VisitRow>(
      `WITH b AS (
         SELECT to_char(${local}, 'YYYY-MM-DD') AS day, to_char(${local}, 'IYYY-"W"IW') AS week, v.channel, l.name AS location,
                extract(isodow FROM ${local})::int AS weekday,
                (extract(hour FROM ${local}) * 2 + floor(extract(minute FROM ${local}) / 30))::int AS slot,
                CASE WHEN v.returning_visitor THEN 'returning' WHEN NOT v.returning_visitor THEN 'firstTime' ELSE 'unknown' END AS ret,
                ${VISIT_MUNICIPALITY} AS municipality
           FROM ${BASE(4)})
       SELECT CASE WHEN GROUPING(day) = 0 THEN 'perDay' WHEN GROUPING(week) = 0 THEN 'perWeek' WHEN GROUPING(channel) = 0 THEN 'channels'
                   WHEN GROUPING(location) = 0 THEN 'locations' WHEN GROUPING(weekday) = 0 THEN 'busyHours'
                   WHEN GROUPING(ret) = 0 THEN 'returning' WHEN GROUPING(municipality) = 0 THEN 'municipalities' ELSE 'total' END AS dim,
              coalesce(day, week, channel, location, ret, municipality, weekday::text) AS k1, slot AS k2, count(*)::int AS count
         FROM b GROUP BY GROUPING SETS ((day), (week), (channel), (location), (weekday, slot), (ret), (municipality), ())`,
      params,
    ),
    db.query<QuestionRow>(
      `WITH q AS MATERIALIZED (SELECT q.help_kind, q.organisation, q.topic, q.outcome, q.referrals FROM ${BASE(4).replace(
        `WHERE ${IN_SCOPE(4)}`,
        `${QUESTIONS_OF_V} WHERE ${IN_SCOPE(4)}`,
      )})
       SELECT CASE WHEN GROUPING(help_kind) = 0 THEN 'helpKinds' WHEN GROUPING(organisation) = 0 THEN 'organisations'
                   WHEN GROUPING(topic) = 0 THEN 'topics' WHEN GROUPING(outcome) = 0 THEN 'outcomes' ELSE 'total' END AS dim,
              coalesce(help_kind, organisation, topic, outcome) AS key, count(*)::int AS count, 0 AS warm
         FROM q GROUP BY GROUPING SETS ((help_kind), (organisation), (topic), (outcome), ())
       UNION ALL
       SELECT 'referrals', CASE r.value->'target'->>'kind' WHEN 'partner' THEN r.value->'target'->>'organisation'
                   WHEN 'catalogue' THEN 'catalogue:' || (r.value->'target'->>'label') ELSE 'text' END,
              count(*)::int, (count(*) FILTER (WHERE r.value->>'mode' = 'warm'))::int
         FROM q CROSS JOIN LATERAL jsonb_array_elements(q.referrals) AS r(value) GROUP BY 2`,
      params,
    ),
  ]);
  return { visits: visitRows.rows, questions: questionRows.rows };
}

/**
 * The figures of a period, the way they were counted before issue 18: from the visit rows
 * (reported_visits and their questions), growing with the visits in the period. Still used
 * for the parts of a period that are not whole local days, and as the benchmark's baseline.
 */
export async function countedFigures(db: Queryable, scope: Scope, period: Period): Promise<Figures> {
  return assemble(await rowsCounted(db, scope, period));
}

/**
 * Where a summary read takes its rows from, as (location_id, day, municipality, dim, key, n, warm)
 * with the dims of the month counts (migration 017), and which dim counts each visit once.
 */
interface SummarySource {
  rows: string;
  visitDim: string;
  /** The local date of a row of visitDim. */
  day: string;
  /** Rows of the whole network (no location or municipality; those as dims of their own, counting visits). */
  network?: boolean;
}

/** The day counts and the deltas not yet folded (migration 016), for the whole local days [$1, $2). */
const DAY_SOURCE: SummarySource = {
  rows: `SELECT location_id, day, municipality, CASE WHEN dim = 'slot' THEN 'busy' ELSE dim END AS dim,
                CASE WHEN dim = 'slot' THEN extract(isodow FROM day)::int || ':' || key ELSE key END AS key, n, warm
           FROM (SELECT location_id, day, municipality, dim, key, n, warm FROM visit_figure_counts WHERE day >= $1::date AND day < $2::date
                 UNION ALL
                 SELECT location_id, day, municipality, dim, key, n, warm FROM visit_figure_deltas WHERE day >= $1::date AND day < $2::date) d`,
  // Every visit has exactly one returning/firstTime/unknown row: 3 rows a day to sum where the slots are 48.
  visitDim: 'ret',
  day: 'c.day',
};

/** The month counts and the deltas not yet folded, mapped to months (migration 017), for the whole local months [$1, $2). */
const MONTH_SOURCE: SummarySource = {
  rows: `SELECT location_id, month AS day, municipality, dim, key, n, warm FROM visit_figure_months WHERE month >= $1::date AND month < $2::date
         UNION ALL
         SELECT d.location_id, d.day, d.municipality, k.dim, k.key, d.n, d.warm
           FROM visit_figure_deltas d CROSS JOIN LATERAL figure_month_keys(d.day, d.dim, d.key) k WHERE d.day >= $1::date AND d.day < $2::date`,
  visitDim: 'day',
  day: 'c.key::date',
};

/** The whole network's day counts and the pending deltas summed likewise (migration 017). */
const NETWORK_DAY_SOURCE: SummarySource = {
  rows: `SELECT NULL::uuid AS location_id, day, NULL::text AS municipality, CASE WHEN dim = 'slot' THEN 'busy' ELSE dim END AS dim,
                CASE WHEN dim = 'slot' THEN extract(isodow FROM day)::int || ':' || key ELSE key END AS key, n, warm
           FROM (SELECT day, dim, key, n, warm FROM visit_figure_network_days WHERE day >= $1::date AND day < $2::date
                 UNION ALL
                 SELECT d.day, k.dim, k.key, d.n, d.warm
                   FROM visit_figure_deltas d CROSS JOIN LATERAL figure_network_keys(d.location_id, d.municipality, d.dim, d.key) k
                  WHERE d.day >= $1::date AND d.day < $2::date) d`,
  visitDim: 'ret',
  day: 'c.day',
  network: true,
};

/** The whole network's month counts and the pending deltas summed likewise (migration 017). */
const NETWORK_MONTH_SOURCE: SummarySource = {
  rows: `SELECT NULL::uuid AS location_id, month AS day, NULL::text AS municipality, dim, key, n, warm
           FROM visit_figure_network_months WHERE month >= $1::date AND month < $2::date
         UNION ALL
         SELECT NULL, d.day, NULL, m.dim, m.key, d.n, d.warm
           FROM visit_figure_deltas d CROSS JOIN LATERAL figure_network_keys(d.location_id, d.municipality, d.dim, d.key) k
          CROSS JOIN LATERAL figure_month_keys(d.day, k.dim, k.key) m
          WHERE d.day >= $1::date AND d.day < $2::date`,
  visitDim: 'day',
  day: 'c.key::date',
  network: true,
};

/**
 * The same rows from the summary for the whole local days (or months) [from, to): a few rows
 * per location and day (or month), however many visits. Summed by ids and dates first, names
 * and labels only for the few result rows.
 */
async function rowsSummed(
  db: Queryable,
  scope: Scope,
  period: Period,
  source: SummarySource,
  from: string,
  to: string,
): Promise<FigureRows> {
  const { rows } = await db.query<{
    part: 'key' | 'day' | 'location' | 'municipality';
    dim: string | null;
    key: string | null;
    day: string | null;
    week: string | null;
    location: string | null;
    n: number;
    warm: number;
  }>(
    `WITH locs AS (
       SELECT l.id, l.name FROM locations l
        WHERE ${IN_SCOPE(4)} AND ($3::uuid IS NULL OR l.id = $3::uuid) AND ($5::uuid IS NULL OR l.organisation_id = $5::uuid)),
     c AS MATERIALIZED (
       SELECT c.* FROM (${source.rows}) c
        WHERE ${source.network ? '$6::text IS NULL' : 'c.location_id IN (SELECT id FROM locs) AND ($6::text IS NULL OR c.municipality = $6::text)'}),
     s AS (
       SELECT 'key' AS part, dim, key, NULL::date AS day, NULL::uuid AS location_id, sum(n) AS n, sum(warm) AS warm
         FROM c WHERE dim NOT IN ('day', 'location', 'municipality') GROUP BY dim, key
       UNION ALL
       SELECT 'day', NULL, NULL, ${source.day}, NULL, sum(n), 0 FROM c WHERE dim = '${source.visitDim}' GROUP BY ${source.day}
       UNION ALL
       ${
         source.network
           ? `SELECT 'location', NULL, NULL, NULL, key::uuid, sum(n), 0 FROM c WHERE dim = 'location' GROUP BY key
              UNION ALL
              SELECT 'municipality', NULL, key, NULL, NULL, sum(n), 0 FROM c WHERE dim = 'municipality' GROUP BY key`
           : `SELECT 'location', NULL, NULL, NULL, location_id, sum(n), 0 FROM c WHERE dim = '${source.visitDim}' GROUP BY location_id
              UNION ALL
              SELECT 'municipality', NULL, municipality, NULL, NULL, sum(n), 0 FROM c WHERE dim = '${source.visitDim}' GROUP BY municipality`
       })
     SELECT s.part, s.dim, s.key, to_char(s.day, 'YYYY-MM-DD') AS day, to_char(s.day, 'IYYY-"W"IW') AS week, locs.name AS location,
            s.n::int AS n, s.warm::int AS warm
       FROM s LEFT JOIN locs ON locs.id = s.location_id WHERE s.n <> 0`,
    [from, to, period.location ?? null, scope, period.organisation ?? null, period.municipality ?? null],
  );
  const QUESTION_DIMS: Record<string, string> = {
    help_kind: 'helpKinds',
    organisation: 'organisations',
    topic: 'topics',
    outcome: 'outcomes',
    referral: 'referrals',
  };
  const visits: VisitRow[] = [];
  const questions: QuestionRow[] = [];
  for (const r of rows) {
    const count = Number(r.n);
    if (r.part === 'day')
      visits.push(
        { dim: 'total', k1: null, k2: null, count },
        { dim: 'perDay', k1: r.day, k2: null, count },
        { dim: 'perWeek', k1: r.week, k2: null, count },
      );
    else if (r.part === 'location') visits.push({ dim: 'locations', k1: r.location, k2: null, count });
    else if (r.part === 'municipality') visits.push({ dim: 'municipalities', k1: r.key, k2: null, count });
    else if (r.dim === 'busy') {
      const [weekday, slot] = r.key!.split(':');
      visits.push({ dim: 'busyHours', k1: weekday!, k2: Number(slot), count });
    } else if (r.dim === 'channel') visits.push({ dim: 'channels', k1: r.key, k2: null, count });
    else if (r.dim === 'ret') visits.push({ dim: 'returning', k1: r.key, k2: null, count });
    else {
      questions.push({ dim: QUESTION_DIMS[r.dim!]!, key: r.key, count, warm: Number(r.warm) });
      if (r.dim === 'help_kind') questions.push({ dim: 'total', key: null, count, warm: 0 });
    }
  }
  return { visits, questions };
}

/** Rows of several parts of a period added up, figure by figure and key by key. */
function addRows(parts: FigureRows[]): FigureRows {
  const visits = new Map<string, VisitRow>();
  const questions = new Map<string, QuestionRow>();
  for (const part of parts) {
    for (const r of part.visits) {
      const k = `${r.dim}|${r.k1}|${r.k2}`;
      const had = visits.get(k);
      visits.set(k, { ...r, count: (had?.count ?? 0) + Number(r.count) });
    }
    for (const r of part.questions) {
      const k = `${r.dim}|${r.key}`;
      const had = questions.get(k);
      questions.set(k, { ...r, count: (had?.count ?? 0) + Number(r.count), warm: (had?.warm ?? 0) + Number(r.warm) });
    }
  }
  return { visits: [...visits.values()], questions: [...questions.values()] };
}

/**
 * The impact figures of a period: its whole local months from the month counts (the whole
 * network's, when the scope and the filters narrow to nothing), its other
 * whole local days from the day counts, the hours before the first and after the last whole
 * day (a period that does not start or end at midnight) counted from the rows. Equal to countedFigures at every moment (test/storage/dashboard-summary.test.ts).
 */
export async function figures(db: Queryable, scope: Scope, period: Period): Promise<Figures> {
  // The whole local days [from_day, to_day) and within them the whole local months [from_month, to_month).
  const { rows } = await db.query<{
    from_day: string;
    to_day: string;
    from_month: string;
    to_month: string;
    from_start: Date;
    to_start: Date;
  }>(
    `WITH b AS (SELECT ($1::timestamptz AT TIME ZONE '${TIME_ZONE}') AS f, ($2::timestamptz AT TIME ZONE '${TIME_ZONE}') AS t),
          d AS (SELECT CASE WHEN f = date_trunc('day', f) THEN f::date ELSE f::date + 1 END AS fd, t::date AS td FROM b)
     SELECT to_char(fd, 'YYYY-MM-DD') AS from_day, to_char(td, 'YYYY-MM-DD') AS to_day,
            to_char(CASE WHEN fd = date_trunc('month', fd::timestamp) THEN fd ELSE date_trunc('month', fd::timestamp) + interval '1 month' END, 'YYYY-MM-DD') AS from_month,
            to_char(date_trunc('month', td::timestamp), 'YYYY-MM-DD') AS to_month,
            (fd::timestamp AT TIME ZONE '${TIME_ZONE}') AS from_start, (td::timestamp AT TIME ZONE '${TIME_ZONE}') AS to_start
       FROM b, d`,
    [period.from, period.to],
  );
  const b = rows[0]!;
  const from = new Date(period.from);
  const to = new Date(period.to);
  const fromStart = new Date(b.from_start);
  const toStart = new Date(b.to_start);
  if (!(b.from_day < b.to_day)) return countedFigures(db, scope, period);
  // Narrowed to nothing (the whole network): the network's counts, a few rows a day or month however many branches.
  const network = scope === null && !period.location && !period.organisation && !period.municipality;
  const [days, months] = network ? [NETWORK_DAY_SOURCE, NETWORK_MONTH_SOURCE] : [DAY_SOURCE, MONTH_SOURCE];
  const parts: Array<Promise<FigureRows>> = [];
  if (b.from_month < b.to_month) {
    parts.push(rowsSummed(db, scope, period, months, b.from_month, b.to_month));
    if (b.from_day < b.from_month) parts.push(rowsSummed(db, scope, period, days, b.from_day, b.from_month));
    if (b.to_month < b.to_day) parts.push(rowsSummed(db, scope, period, days, b.to_month, b.to_day));
  } else parts.push(rowsSummed(db, scope, period, days, b.from_day, b.to_day));
  if (from < fromStart) parts.push(rowsCounted(db, scope, { ...period, to: fromStart.toISOString() }));
  if (toStart < to) parts.push(rowsCounted(db, scope, { ...period, from: toStart.toISOString() }));
  return assemble(addRows(await Promise.all(parts)));
}

function assemble(rows: FigureRows): Figures {
  const byCount = (a: { key: string; count: number }, b: { key: string; count: number }) =>
    b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const visitDim = (dim: string) => rows.visits.filter((r) => r.dim === dim).map((r) => ({ key: String(r.k1), count: Number(r.count) }));
  const byKey = (rows: Array<{ key: string; count: number }>) => rows.sort((a, b) => (a.key < b.key ? -1 : 1));
  const questionDim = (dim: string) =>
    rows.questions
      .filter((r) => r.dim === dim)
      .map((r) => ({ key: String(r.key), count: Number(r.count) }))
      .sort(byCount);
  const returning = Object.fromEntries(visitDim('returning').map((r) => [r.key, r.count]));
  return {
    visits: Number(rows.visits.find((r) => r.dim === 'total')?.count ?? 0),
    questions: Number(rows.questions.find((r) => r.dim === 'total')?.count ?? 0),
    perDay: byKey(visitDim('perDay')),
    perWeek: byKey(visitDim('perWeek')),
    helpKinds: questionDim('helpKinds'),
    organisations: questionDim('organisations'),
    topics: questionDim('topics'),
    outcomes: questionDim('outcomes'),
    channels: visitDim('channels').sort(byCount),
    referrals: rows.questions
      .filter((r) => r.dim === 'referrals')
      .map((r) => ({ key: String(r.key), warm: Number(r.warm), logged: Number(r.count) - Number(r.warm), total: Number(r.count) }))
      .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1))
      .map(({ key, warm, logged }) => ({ key, warm, logged })),
    busyHours: rows.visits
      .filter((r) => r.dim === 'busyHours')
      .map((r) => ({ weekday: Number(r.k1), slot: Number(r.k2), count: Number(r.count) }))
      .sort((a, b) => a.weekday - b.weekday || a.slot - b.slot),
    returning: { returning: returning.returning ?? 0, firstTime: returning.firstTime ?? 0, unknown: returning.unknown ?? 0 },
    locations: visitDim('locations').sort(byCount),
    municipalities: visitDim('municipalities').sort(byCount),
  };
}

/** The period of the same length just before, and the same period a year earlier. */
export function comparisonPeriods(from: string, to: string): { previous: Period; lastYear: Period } {
  const f = new Date(from);
  const t = new Date(to);
  const length = t.getTime() - f.getTime();
  const yearBack = (d: Date) => {
    const c = new Date(d);
    c.setUTCFullYear(c.getUTCFullYear() - 1);
    return c.toISOString();
  };
  return {
    previous: { from: new Date(f.getTime() - length).toISOString(), to: f.toISOString() },
    lastYear: { from: yearBack(f), to: yearBack(t) },
  };
}

export async function dashboard(db: Queryable, scope: Scope, period: Period) {
  const { previous, lastYear } = comparisonPeriods(period.from, period.to);
  const [current, prev, last] = await Promise.all([
    figures(db, scope, period),
    figures(db, scope, { ...previous, location: period.location, organisation: period.organisation, municipality: period.municipality }),
    figures(db, scope, { ...lastYear, location: period.location, organisation: period.organisation, municipality: period.municipality }),
  ]);
  return {
    period: { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() },
    current,
    previous: prev,
    lastYear: last,
  };
}

/**
 * The period summary laid out like the KB's national IDO registration: questions per
 * group (domain), topic, organisation and kind of help (the five IDO functions);
 * referrals; and per visit (contact) the channel and the duration band.
 */
export async function idoSummary(db: Queryable, scope: Scope, period: Period): Promise<IdoSummary> {
  const params = periodParams(period, scope);
  const q = <T>(sql: string) => db.query<T>(sql, params).then((r) => r.rows);
  const withQuestions = (sql: string) => sql.replace(`WHERE ${IN_SCOPE(4)}`, `${QUESTIONS_OF_V} WHERE ${IN_SCOPE(4)}`);
  const [totals, dims, referred, targets, channels, durations] = await Promise.all([
    q<{ visits: number; questions: number }>(
      `SELECT count(*)::int AS visits, coalesce(sum(CASE WHEN v.corrected THEN (SELECT count(*) FROM visit_corrected_questions c WHERE c.visit_id = v.id) ELSE (SELECT count(*) FROM visit_questions q WHERE q.visit_id = v.id) END), 0)::int AS questions FROM ${BASE(4)}`,
    ),
    q<{ dim: string; key: string; count: number }>(
      withQuestions(`SELECT CASE WHEN GROUPING(q.domain) = 0 THEN 'domains' WHEN GROUPING(q.topic) = 0 THEN 'topics'
                   WHEN GROUPING(q.organisation) = 0 THEN 'organisations' ELSE 'helpKinds' END AS dim,
              coalesce(q.domain, q.topic, q.organisation, q.help_kind) AS key, count(*)::int AS count
         FROM ${BASE(4)} GROUP BY GROUPING SETS ((q.domain), (q.topic), (q.organisation), (q.help_kind)) ORDER BY count DESC, key`),
    ),
    q<{ referred: number; warm: number; logged: number }>(
      withQuestions(`SELECT count(*) FILTER (WHERE jsonb_array_length(q.referrals) > 0)::int AS referred,
              coalesce(sum((SELECT count(*) FROM jsonb_array_elements(q.referrals) r WHERE r->>'mode' = 'warm')), 0)::int AS warm,
              coalesce(sum((SELECT count(*) FROM jsonb_array_elements(q.referrals) r WHERE r->>'mode' <> 'warm')), 0)::int AS logged
         FROM ${BASE(4)}`),
    ),
    q<{ key: string; count: number }>(
      `SELECT CASE r.value->'target'->>'kind' WHEN 'partner' THEN r.value->'target'->>'organisation' WHEN 'catalogue' THEN 'catalogue' ELSE 'text' END AS key,
              count(*)::int AS count FROM ${BASE(4)} GROUP BY 1 ORDER BY 2 DESC, 1`.replace(
        `WHERE ${IN_SCOPE(4)}`,
        `${QUESTIONS_OF_V} CROSS JOIN LATERAL jsonb_array_elements(q.referrals) AS r(value) WHERE ${IN_SCOPE(4)}`,
      ),
    ),
    q<{ key: string; count: number }>(`SELECT v.channel AS key, count(*)::int AS count FROM ${BASE(4)} GROUP BY 1 ORDER BY 2 DESC, 1`),
    q<{ key: string; count: number }>(
      `SELECT CASE WHEN v.duration_seconds < 900 THEN 'lt15' WHEN v.duration_seconds < 1800 THEN '15to30'
                   WHEN v.duration_seconds < 3600 THEN '30to60' ELSE 'gt60' END AS key, count(*)::int AS count
         FROM ${BASE(4)} GROUP BY 1`,
    ),
  ]);
  const byDim = (dim: string) => counts(dims.filter((d) => d.dim === dim));
  const bandOrder = ['lt15', '15to30', '30to60', 'gt60'];
  return {
    period: { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() },
    visits: Number(totals[0]!.visits),
    questions: Number(totals[0]!.questions),
    domains: byDim('domains'),
    topics: byDim('topics'),
    organisations: byDim('organisations'),
    helpKinds: byDim('helpKinds'),
    referrals: {
      questionsReferred: Number(referred[0]!.referred),
      warm: Number(referred[0]!.warm),
      logged: Number(referred[0]!.logged),
      targets: counts(targets),
    },
    channels: counts(channels),
    durations: bandOrder.map((key) => ({ key, count: Number(durations.find((d) => d.key === key)?.count ?? 0) })),
  };
}
