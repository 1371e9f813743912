import type { SurveyFigures, SurveyRow } from '../../../shared/impact';
import type { Queryable } from '../database';
import { BASE, QUESTIONS_OF_V, VISIT_MUNICIPALITY, comparisonPeriods, periodParams, type Period } from './dashboard';
import { IN_SCOPE, type Scope } from './scope';

/** The answer counts of a set of survey responses `s` (null rows: a visit without an answer). */
const ANSWER_COUNTS = `count(s.id)::int AS answered,
  (count(*) FILTER (WHERE s.answers->>'helped' = 'yes'))::int AS helped_yes, count(s.answers->>'helped')::int AS helped_answered,
  (count(*) FILTER (WHERE s.answers->>'selfNextTime' = 'yes'))::int AS self_yes, count(s.answers->>'selfNextTime')::int AS self_answered,
  (count(*) FILTER (WHERE (s.answers->>'confidence')::int >= 4))::int AS confident_high, count(s.answers->>'confidence')::int AS confidence_answered,
  coalesce(sum((s.answers->>'confidence')::int), 0)::int AS confidence_sum`;

type Row = {
  dim: string;
  key: string;
  visits: number;
  answered: number;
  helped_yes: number;
  helped_answered: number;
  self_yes: number;
  self_answered: number;
  confident_high: number;
  confidence_answered: number;
  confidence_sum: number;
};

const toRow = (r: Row | undefined, key: string): SurveyRow => ({
  key: r?.key ?? key,
  visits: Number(r?.visits ?? 0),
  answered: Number(r?.answered ?? 0),
  helpedYes: Number(r?.helped_yes ?? 0),
  helpedAnswered: Number(r?.helped_answered ?? 0),
  selfYes: Number(r?.self_yes ?? 0),
  selfAnswered: Number(r?.self_answered ?? 0),
  confidentHigh: Number(r?.confident_high ?? 0),
  confidenceAnswered: Number(r?.confidence_answered ?? 0),
  confidenceSum: Number(r?.confidence_sum ?? 0),
});

/**
 * The survey figures of a period. Desk answers count with the visit they followed (the
 * visit's period, topic, help kind, location and municipality; a visit answered twice counts
 * once, by its latest answer); kiosk answers, linked to no visit, count on their own by the
 * time they were given. Visits with questions on two topics count under both topics.
 */
export async function surveyFigures(db: Queryable, scope: Scope, period: Period): Promise<SurveyFigures> {
  const params = periodParams(period, scope);
  const [visitRows, kioskRows] = await Promise.all([
    db.query<Row>(
      `WITH v AS MATERIALIZED (SELECT v.id, v.corrected, l.name AS location, ${VISIT_MUNICIPALITY} AS municipality FROM ${BASE(4)}),
            s AS MATERIALIZED (SELECT DISTINCT ON (r.visit_id) r.visit_id, r.id, r.answers FROM survey_responses r JOIN v ON v.id = r.visit_id ORDER BY r.visit_id, r.answered_at DESC, r.id),
            q AS MATERIALIZED (SELECT v.id, q.topic, q.help_kind FROM v ${QUESTIONS_OF_V}),
            g AS (SELECT 'total' AS dim, 'total' AS key, v.id FROM v
                  UNION ALL SELECT 'locations', v.location, v.id FROM v
                  UNION ALL SELECT 'municipalities', v.municipality, v.id FROM v
                  UNION ALL SELECT DISTINCT 'topics', q.topic, q.id FROM q
                  UNION ALL SELECT DISTINCT 'helpKinds', q.help_kind, q.id FROM q)
       SELECT g.dim, g.key, count(*)::int AS visits, ${ANSWER_COUNTS}
         FROM g LEFT JOIN s ON s.visit_id = g.id GROUP BY g.dim, g.key`,
      params,
    ),
    db.query<Row>(
      `SELECT 'kiosk' AS dim, 'kiosk' AS key, 0 AS visits, ${ANSWER_COUNTS}
         FROM survey_responses s JOIN locations l ON l.id = s.location_id
        WHERE s.visit_id IS NULL AND ${IN_SCOPE(4)} AND s.answered_at >= $1::timestamptz AND s.answered_at < $2::timestamptz
          AND ($3::uuid IS NULL OR s.location_id = $3::uuid) AND ($5::uuid IS NULL OR l.organisation_id = $5::uuid)
          AND ($6::text IS NULL OR coalesce(s.municipality, 'not_asked') = $6::text)`,
      params,
    ),
  ]);
  const dim = (name: string) =>
    visitRows.rows
      .filter((r) => r.dim === name)
      .map((r) => toRow(r, r.key))
      .sort((a, b) => b.visits - a.visits || (a.key < b.key ? -1 : 1));
  return {
    total: toRow(
      visitRows.rows.find((r) => r.dim === 'total'),
      'total',
    ),
    kiosk: toRow(kioskRows.rows[0], 'kiosk'),
    topics: dim('topics'),
    helpKinds: dim('helpKinds'),
    locations: dim('locations'),
    municipalities: dim('municipalities'),
  };
}

/** The survey figures against the previous period and the same period last year, as the dashboard compares visits. */
export async function surveyReport(db: Queryable, scope: Scope, period: Period) {
  const { previous, lastYear } = comparisonPeriods(period.from, period.to);
  const reach = { location: period.location, organisation: period.organisation, municipality: period.municipality };
  const [current, prev, last] = await Promise.all([
    surveyFigures(db, scope, period),
    surveyFigures(db, scope, { ...previous, ...reach }),
    surveyFigures(db, scope, { ...lastYear, ...reach }),
  ]);
  return {
    period: { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() },
    current,
    previous: prev,
    lastYear: last,
  };
}
