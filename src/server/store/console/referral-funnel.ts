import { normaliseReferralCode, type FunnelCounts } from '../../../shared/referrals';
import { FUNNEL_DIMENSIONS } from '../../../shared/referrals';
import type { Queryable } from '../database';
import { IN_SCOPE, type Scope } from './scope';
import { comparisonPeriods } from './dashboard';

/**
 * The referral funnel: referred → arrived → helped, with the partners' other answers and
 * "no response" (open longer than the configured weeks), grouped by one dimension and set
 * against the period of the same length before. Voided visits do not count.
 */

const MUNICIPALITY = "coalesce((SELECT x.municipality FROM visits x WHERE x.id = r.visit_id), 'not_asked')";

/** How each grouping reads a referral row `r` (with its location `l`): one more is one entry (e.g. municipality). */
const DIMENSIONS: Record<(typeof FUNNEL_DIMENSIONS)[number], { key: string; label: string }> = {
  partner: {
    key: "coalesce(r.partner_id::text, r.target_kind || ':' || r.target_label)",
    label:
      "coalesce((SELECT c.data->>'name' FROM catalogue_entities c WHERE c.entity = 'organization' AND c.id = r.partner_id), r.target_label)",
  },
  topic: { key: 'r.topic', label: 'r.topic' },
  location: { key: 'r.location_id::text', label: 'l.name' },
  // The visit's municipality (its CBS code, or not_asked as the other reports name it), by the
  // name the locations give it, looked up by code alone (the visit's location may have dropped
  // it since): every row of one code gets the same name, so min() never picks the bare code
  // over it. counted_visits predates visits.municipality, so read the visit.
  municipality: {
    key: MUNICIPALITY,
    label: `coalesce((SELECT m.name FROM location_municipalities m WHERE m.code = ${MUNICIPALITY} ORDER BY m.name LIMIT 1), ${MUNICIPALITY})`,
  },
};

/** Weeks after which an unanswered referral counts as "no response": INLOOP_REFERRAL_NO_RESPONSE_WEEKS, else 6. */
export function noResponseWeeks(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.INLOOP_REFERRAL_NO_RESPONSE_WEEKS);
  return Number.isInteger(n) && n > 0 && n < 520 ? n : 6;
}

/** The state a report counts: the partner's answer, or no_response once open past the weeks. */
export const STATE_SQL = (weeksParam: number) =>
  `CASE WHEN r.status = 'open' AND r.referred_at < now() - make_interval(weeks => $${weeksParam}::int) THEN 'no_response' ELSE r.status END`;

const COUNTS = `count(*)::int AS referred, count(r.code)::int AS with_code,
  count(*) FILTER (WHERE s.state IN ('arrived', 'helped', 'not_eligible', 'no_capacity'))::int AS arrived,
  count(*) FILTER (WHERE s.state = 'helped')::int AS helped,
  count(*) FILTER (WHERE s.state = 'not_eligible')::int AS not_eligible,
  count(*) FILTER (WHERE s.state = 'no_capacity')::int AS no_capacity,
  count(*) FILTER (WHERE s.state = 'no_show')::int AS no_show,
  count(*) FILTER (WHERE s.state = 'no_response')::int AS no_response,
  count(*) FILTER (WHERE s.state = 'open')::int AS open`;

interface CountRow {
  key: string;
  label: string;
  referred: number;
  with_code: number;
  arrived: number;
  helped: number;
  not_eligible: number;
  no_capacity: number;
  no_show: number;
  no_response: number;
  open: number;
}

const toCounts = (r: CountRow | undefined): FunnelCounts => ({
  referred: r?.referred ?? 0,
  withCode: r?.with_code ?? 0,
  arrived: r?.arrived ?? 0,
  helped: r?.helped ?? 0,
  notEligible: r?.not_eligible ?? 0,
  noCapacity: r?.no_capacity ?? 0,
  noShow: r?.no_show ?? 0,
  noResponse: r?.no_response ?? 0,
  open: r?.open ?? 0,
});

/**
 * What a funnel is narrowed to besides the scope: a location, a library organisation (within
 * the scope, never widening it, as the dashboard's `organisation`) and the visitor's municipality.
 */
export interface FunnelReach {
  location?: string;
  organisation?: string;
  municipality?: string;
}

async function countsBy(
  db: Queryable,
  scope: Scope,
  by: keyof typeof DIMENSIONS | null,
  from: string,
  to: string,
  reach: FunnelReach,
  weeks: number,
): Promise<CountRow[]> {
  const dim = by ? DIMENSIONS[by] : { key: "'all'", label: "'all'" };
  const { rows } = await db.query<CountRow>(
    `SELECT ${dim.key} AS key, min(${dim.label}) AS label, ${COUNTS}
       FROM referrals r JOIN counted_visits v ON v.id = r.visit_id JOIN locations l ON l.id = r.location_id
      CROSS JOIN LATERAL (SELECT ${STATE_SQL(5)} AS state) s
      WHERE ${IN_SCOPE(1)} AND r.referred_at >= $2 AND r.referred_at < $3 AND ($4::uuid IS NULL OR r.location_id = $4)
        AND ($6::uuid IS NULL OR l.organisation_id = $6) AND ($7::text IS NULL OR ${MUNICIPALITY} = $7)
      GROUP BY 1 ORDER BY 3 DESC, 1`,
    [scope, from, to, reach.location ?? null, weeks, reach.organisation ?? null, reach.municipality ?? null],
  );
  return rows;
}

export async function referralFunnel(
  db: Queryable,
  scope: Scope,
  q: { from: string; to: string; by: keyof typeof DIMENSIONS } & FunnelReach,
  weeks = noResponseWeeks(),
) {
  const { previous } = comparisonPeriods(q.from, q.to);
  const reach = { location: q.location, organisation: q.organisation, municipality: q.municipality };
  const [current, before, total, totalBefore] = await Promise.all([
    countsBy(db, scope, q.by, q.from, q.to, reach, weeks),
    countsBy(db, scope, q.by, previous.from, previous.to, reach, weeks),
    countsBy(db, scope, null, q.from, q.to, reach, weeks),
    countsBy(db, scope, null, previous.from, previous.to, reach, weeks),
  ]);
  const keys = [...current.map((r) => r.key), ...before.map((r) => r.key).filter((k) => !current.some((r) => r.key === k))];
  return {
    by: q.by,
    period: { from: q.from, to: q.to },
    previous,
    noResponseWeeks: weeks,
    rows: keys.map((key) => {
      const now = current.find((r) => r.key === key);
      const then = before.find((r) => r.key === key);
      return { key, label: (now ?? then)!.label, current: toCounts(now), previous: toCounts(then) };
    }),
    total: { current: toCounts(total[0]), previous: toCounts(totalBefore[0]) },
  };
}

/** Referrals of a period (or with one code), newest first, each with its partner answers and who gave them. */
export async function listReferrals(
  db: Queryable,
  scope: Scope,
  q: { from: string; to: string; location?: string; code?: string },
  weeks = noResponseWeeks(),
) {
  const { rows } = await db.query<{
    code: string | null;
    visit_id: string;
    referred_at: string;
    location: string;
    topic: string;
    what: string;
    partner: string | null;
    state: string;
    follow_up_at: string | null;
    history: Array<{ status: string; at: string; by: string | null }>;
  }>(
    `SELECT r.code, r.visit_id, r.referred_at, l.name AS location, r.topic, r.target_label AS what,
            (SELECT c.data->>'name' FROM catalogue_entities c WHERE c.entity = 'organization' AND c.id = r.partner_id) AS partner,
            ${STATE_SQL(6)} AS state, r.follow_up_at,
            coalesce((SELECT jsonb_agg(jsonb_build_object('status', h.status, 'at', h.at, 'by', coalesce(p.label, pc.data->>'name')) ORDER BY h.id)
                        FROM referral_status_history h LEFT JOIN partner_links p ON p.id = h.partner_link_id
                        LEFT JOIN catalogue_entities pc ON pc.entity = 'organization' AND pc.id = p.partner_id
                       WHERE h.visit_id = r.visit_id AND h.question_position = r.question_position AND h.referral_position = r.referral_position), '[]'::jsonb) AS history
       FROM referrals r JOIN counted_visits v ON v.id = r.visit_id JOIN locations l ON l.id = r.location_id
      WHERE ${IN_SCOPE(1)} AND ($5::text IS NULL OR r.code = $5)
        AND ($5::text IS NOT NULL OR (r.referred_at >= $2 AND r.referred_at < $3)) AND ($4::uuid IS NULL OR r.location_id = $4)
      ORDER BY r.referred_at DESC, r.visit_id, r.question_position, r.referral_position LIMIT 500`,
    [scope, q.from, q.to, q.location ?? null, q.code ? normaliseReferralCode(q.code) : null, weeks],
  );
  const iso = (d: string | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((r) => ({
    code: r.code,
    visitId: r.visit_id,
    referredAt: iso(r.referred_at)!,
    location: r.location,
    topic: r.topic,
    what: r.what,
    partner: r.partner,
    state: r.state as never,
    followUpAt: iso(r.follow_up_at),
    history: r.history.map((h) => ({ status: h.status as never, at: iso(h.at)!, by: h.by })),
  }));
}
