import type { FollowUpMarkChange, LocationFollowUp, PartnerStatus, ReferralState } from '../../shared/referrals';
import { followUpKey } from '../../shared/referrals';
import type { Queryable } from './database';

/**
 * The referrals table: one row per referral of a stored visit (written with the visit and
 * rewritten with a correction), its partner answers and the location's follow-ups.
 * See migrations/014_referral_loop.sql and docs/referrals.md.
 */

/**
 * Rows for the referrals of these visits, from their stored questions. A correction keeps a
 * referral's partner answers and a moved follow-up; referrals it removed go, unless a partner
 * already answered them (then they stay, so the answer is not lost).
 */
export async function writeReferralsOf(tx: Queryable, visitIds: string[]): Promise<void> {
  if (visitIds.length === 0) return;
  await tx.query(`${REFERRALS_FROM_QUESTIONS} WHERE v.id = ANY($1::uuid[]) ${UPSERT}`, [visitIds]);
  await tx.query(
    `DELETE FROM referrals r
      WHERE r.visit_id = ANY($1::uuid[]) AND r.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM visit_questions q
                         WHERE q.visit_id = r.visit_id AND q.position = r.question_position
                           AND jsonb_array_length(q.referrals) > r.referral_position)`,
    [visitIds],
  );
}

/**
 * A referral row from its visit v (id, location_id, language, started_at), its question q
 * (position, topic, organisation) and the referral r (value: the wire's referral, ordinality:
 * its place in the question, from 1). Also used by insertVisits, which writes the referrals of
 * new visits in the statement that stores them; the migration backfilled with the same.
 */
export const INSERT_REFERRAL_ROWS = `
  INSERT INTO referrals (visit_id, question_position, referral_position, location_id, code, topic, organisation, target_kind,
                         item_id, partner_id, target_label, mode, language, referred_at, follow_up_at)
  SELECT v.id, q.position, (r.ordinality - 1)::int, v.location_id, r.value->>'code', q.topic, q.organisation, r.value->'target'->>'kind',
         (r.value->'target'->>'itemId')::uuid,
         (SELECT (c.data->>'organizationId')::uuid FROM catalogue_entities c WHERE c.entity = 'item' AND c.id = (r.value->'target'->>'itemId')::uuid),
         coalesce(r.value->'target'->>'label', r.value->'target'->>'organisation', r.value->'target'->>'text'),
         r.value->>'mode', v.language, v.started_at, (r.value->>'followUpAt')::timestamptz`;

/** The SELECT that turns stored questions into referral rows. */
const REFERRALS_FROM_QUESTIONS = `${INSERT_REFERRAL_ROWS}
    FROM visits v
    JOIN visit_questions q ON q.visit_id = v.id
   CROSS JOIN LATERAL jsonb_array_elements(q.referrals) WITH ORDINALITY AS r(value, ordinality)`;

const UPSERT = `
  ON CONFLICT (visit_id, question_position, referral_position) DO UPDATE SET
    code = excluded.code, topic = excluded.topic, organisation = excluded.organisation, target_kind = excluded.target_kind,
    item_id = excluded.item_id, partner_id = excluded.partner_id, target_label = excluded.target_label, mode = excluded.mode,
    language = excluded.language, referred_at = excluded.referred_at,
    follow_up_at = CASE WHEN referrals.follow_up_state = 'moved' THEN referrals.follow_up_at ELSE excluded.follow_up_at END`;

export interface StoredReferral {
  visitId: string;
  question: number;
  referral: number;
  code: string | null;
  locationId: string;
  locationName: string;
  organisationId: string;
  topic: string;
  organisation: string;
  targetKind: 'catalogue' | 'partner' | 'text';
  itemId: string | null;
  partnerId: string | null;
  label: string;
  /** The catalogue item's Dutch name, when the referral is to an item still in the catalogue. */
  itemNameNl: string | null;
  language: string | null;
  referredAt: string;
  followUpAt: string | null;
  status: ReferralState;
  history: Array<{ status: PartnerStatus; at: string }>;
}

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());

const REFERRAL_COLUMNS = `
  r.visit_id, r.question_position, r.referral_position, r.code, r.location_id, l.name AS location_name, l.organisation_id, r.topic,
  r.organisation, r.target_kind, r.item_id, r.partner_id, r.target_label, r.language, r.referred_at, r.follow_up_at, r.status,
  (SELECT c.data->'name'->>'nl' FROM catalogue_entities c WHERE c.entity = 'item' AND c.id = r.item_id) AS item_name_nl,
  coalesce((SELECT jsonb_agg(jsonb_build_object('status', h.status, 'at', h.at) ORDER BY h.id) FROM referral_status_history h
             WHERE h.visit_id = r.visit_id AND h.question_position = r.question_position AND h.referral_position = r.referral_position), '[]'::jsonb) AS history`;

interface ReferralRow {
  visit_id: string;
  question_position: number;
  referral_position: number;
  code: string | null;
  location_id: string;
  location_name: string;
  organisation_id: string;
  topic: string;
  organisation: string;
  target_kind: StoredReferral['targetKind'];
  item_id: string | null;
  partner_id: string | null;
  target_label: string;
  item_name_nl: string | null;
  language: string | null;
  referred_at: string;
  follow_up_at: string | null;
  status: ReferralState;
  history: Array<{ status: PartnerStatus; at: string }>;
}

function fromRow(r: ReferralRow): StoredReferral {
  return {
    visitId: r.visit_id,
    question: r.question_position,
    referral: r.referral_position,
    code: r.code,
    locationId: r.location_id,
    locationName: r.location_name,
    organisationId: r.organisation_id,
    topic: r.topic,
    organisation: r.organisation,
    targetKind: r.target_kind,
    itemId: r.item_id,
    partnerId: r.partner_id,
    label: r.target_label,
    itemNameNl: r.item_name_nl,
    language: r.language,
    referredAt: iso(r.referred_at)!,
    followUpAt: iso(r.follow_up_at),
    status: r.status,
    history: r.history.map((h) => ({ status: h.status, at: iso(h.at)! })),
  };
}

/**
 * A referral by its code, of a visit still counted (not voided). Optionally only those a
 * partner link may confirm: its library organisation's locations, referred to its partner.
 * Codes are random and 40 bits long; should two ever match, the newest counts.
 */
export async function referralByCode(
  db: Queryable,
  code: string,
  link?: { organisationId: string; partnerId: string },
): Promise<StoredReferral | undefined> {
  const { rows } = await db.query<ReferralRow>(
    `SELECT ${REFERRAL_COLUMNS}
       FROM referrals r JOIN counted_visits v ON v.id = r.visit_id JOIN locations l ON l.id = r.location_id
      WHERE r.code = $1 AND ($2::uuid IS NULL OR (l.organisation_id = $2 AND r.partner_id = $3))
      ORDER BY r.referred_at DESC LIMIT 1`,
    [code, link?.organisationId ?? null, link?.partnerId ?? null],
  );
  return rows[0] && fromRow(rows[0]);
}

/** Records a partner's answer: the referral's status and one line of its history. */
export async function recordPartnerStatus(tx: Queryable, referral: StoredReferral, status: PartnerStatus, linkId: string): Promise<void> {
  await tx.query(
    `UPDATE referrals SET status = $4, status_at = now() WHERE visit_id = $1 AND question_position = $2 AND referral_position = $3`,
    [referral.visitId, referral.question, referral.referral, status],
  );
  await tx.query(
    `INSERT INTO referral_status_history (visit_id, question_position, referral_position, status, partner_link_id) VALUES ($1, $2, $3, $4, $5)`,
    [referral.visitId, referral.question, referral.referral, status, linkId],
  );
}

// --- Follow-ups -----------------------------------------------------------------------

/** How far back a desk still sees follow-ups that were due (missed ones get marked late). */
export const FOLLOW_UP_PAST_DAYS = 14;

/** A desk's location's follow-ups: those due from FOLLOW_UP_PAST_DAYS ago on, soonest first. */
export async function locationFollowUps(
  db: Queryable,
  locationId: string | null,
  now = new Date(),
  scope: string[] | null = null,
): Promise<Array<LocationFollowUp & { location: string }>> {
  const since = new Date(now.getTime() - FOLLOW_UP_PAST_DAYS * 86_400_000).toISOString();
  const { rows } = await db.query<{
    visit_id: string;
    question_position: number;
    referral_position: number;
    follow_up_at: string;
    topic: string;
    organisation: string;
    target_label: string;
    code: string | null;
    follow_up_state: LocationFollowUp['state'];
    follow_up_marked_at: string | null;
    started_at: string;
    location_name: string;
  }>(
    `SELECT r.visit_id, r.question_position, r.referral_position, r.follow_up_at, r.topic, r.organisation, r.target_label, r.code,
            r.follow_up_state, r.follow_up_marked_at, v.started_at, l.name AS location_name
       FROM referrals r JOIN counted_visits v ON v.id = r.visit_id JOIN locations l ON l.id = r.location_id
      WHERE ($1::uuid IS NULL OR r.location_id = $1) AND ($3::uuid[] IS NULL OR l.organisation_id = ANY($3::uuid[]))
        AND r.follow_up_at IS NOT NULL AND r.follow_up_at >= $2
      ORDER BY r.follow_up_at, r.visit_id, r.question_position, r.referral_position LIMIT 5000`,
    [locationId, since, scope],
  );
  return rows.map((r) => ({
    key: followUpKey(r.visit_id, r.question_position, r.referral_position),
    visitId: r.visit_id,
    question: r.question_position,
    referral: r.referral_position,
    at: iso(r.follow_up_at)!,
    topic: r.topic,
    organisation: r.organisation,
    what: r.target_label,
    code: r.code,
    state: r.follow_up_state,
    markedAt: iso(r.follow_up_marked_at),
    visitStartedAt: iso(r.started_at)!,
    location: r.location_name,
  }));
}

export type MarkResult = 'applied' | 'exists' | { rejected: string };

/**
 * Stores a desk's mark of a follow-up of its own location. The latest mark by the time it
 * was made counts, so two desks marking offline end up agreeing whatever order they sync in.
 */
export async function markFollowUp(
  tx: Queryable,
  device: { id: string; locationId: string },
  seq: number,
  mark: FollowUpMarkChange,
): Promise<MarkResult> {
  const { rows } = await tx.query<{ location_id: string }>(
    `SELECT location_id FROM referrals WHERE visit_id = $1 AND question_position = $2 AND referral_position = $3 AND follow_up_at IS NOT NULL FOR UPDATE`,
    [mark.visitId, mark.question, mark.referral],
  );
  if (!rows[0]) return { rejected: 'no such follow-up on the server (its visit was refused, voided or never arrived)' };
  if (rows[0].location_id !== device.locationId) return { rejected: 'this follow-up is for another location' };
  const inserted = await tx.query(
    `INSERT INTO follow_up_marks (id, visit_id, question_position, referral_position, device_id, mark, moved_to, marked_at, device_seq, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, LEAST($8::timestamptz, now()), $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      mark.id,
      mark.visitId,
      mark.question,
      mark.referral,
      device.id,
      mark.mark,
      mark.movedTo ?? null,
      mark.markedAt,
      seq,
      JSON.stringify(mark),
    ],
  );
  if (inserted.rows.length === 0) return 'exists';
  await tx.query(
    `UPDATE referrals SET follow_up_state = $4, follow_up_marked_at = LEAST($5::timestamptz, now()),
            follow_up_at = CASE WHEN $4 = 'moved' THEN $6::timestamptz ELSE follow_up_at END
      WHERE visit_id = $1 AND question_position = $2 AND referral_position = $3
        AND (follow_up_marked_at IS NULL OR follow_up_marked_at <= LEAST($5::timestamptz, now()))`,
    [mark.visitId, mark.question, mark.referral, mark.mark, mark.markedAt, mark.movedTo ?? null],
  );
  return 'applied';
}

/** A stored mark as it was received, to tell a repeat from a clash. */
export async function storedMark(tx: Queryable, id: string): Promise<{ deviceId: string; payload: unknown } | undefined> {
  const { rows } = await tx.query<{ device_id: string; payload: unknown }>('SELECT device_id, payload FROM follow_up_marks WHERE id = $1', [
    id,
  ]);
  return rows[0] && { deviceId: rows[0].device_id, payload: rows[0].payload };
}
