import type { Visit } from '../../shared/visit';
import type { Queryable } from './database';
import { writeReferralsOf } from './referrals';

/**
 * Inserts visits and their questions, as many as given, in two statements. Visits
 * whose id is already stored are skipped (a replay after a device lost its sequence
 * bookkeeping); the returned set holds the ids actually inserted, and the caller
 * decides whether a skipped one is the same record or a clash.
 */
export async function insertVisits(tx: Queryable, items: Array<{ visit: Visit; deviceSeq: number }>): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const rows = items.map(({ visit, deviceSeq }) => ({
    id: visit.id,
    device_id: visit.deviceId,
    location_id: visit.locationId,
    volunteer_id: visit.volunteerId,
    started_at: visit.startedAt,
    duration_seconds: visit.durationSeconds,
    channel: visit.channel,
    returning_visitor: visit.returning,
    language: visit.language,
    note: visit.note,
    backdated: visit.backdated,
    device_seq: deviceSeq,
    payload: visit,
  }));
  const { rows: inserted } = await tx.query<{ id: string }>(
    `INSERT INTO visits (id, device_id, location_id, volunteer_id, started_at, duration_seconds, channel,
                         returning_visitor, language, note, backdated, device_seq, payload)
     SELECT r.id, r.device_id, r.location_id, r.volunteer_id, r.started_at, r.duration_seconds, r.channel,
            r.returning_visitor, r.language, r.note, r.backdated, r.device_seq, r.payload
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, device_id uuid, location_id uuid, volunteer_id uuid, started_at timestamptz,
            duration_seconds integer, channel text, returning_visitor boolean, language text, note text, backdated boolean,
            device_seq bigint, payload jsonb)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [JSON.stringify(rows)],
  );
  const ids = new Set(inserted.map((r) => r.id));
  await insertQuestionsOf(
    tx,
    items.map((i) => i.visit).filter((v) => ids.has(v.id)),
    true,
  );
  return ids;
}

/** Stores a visit's questions; a correction first deletes the old ones in the same transaction. */
export async function insertQuestions(tx: Queryable, visit: Visit): Promise<void> {
  await insertQuestionsOf(tx, [visit]);
}

/**
 * The questions of many visits in one statement, however many there are; then their referrals' rows.
 * fresh: the visits are new, so there are no earlier referral rows to drop, and visits without referrals need no statement.
 */
async function insertQuestionsOf(tx: Queryable, visits: Visit[], fresh = false): Promise<void> {
  if (visits.length === 0) return;
  await tx.query(
    `INSERT INTO visit_questions (visit_id, position, help_kind, domain, organisation, topic, actions, outcome, referrals)
     SELECT v.id, q.ordinality - 1, q.value->>'helpKind', q.value->>'domain', q.value->>'organisation', q.value->>'topic',
            ARRAY(SELECT jsonb_array_elements_text(q.value->'actions')), q.value->>'outcome', q.value->'referrals'
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, questions jsonb)
      CROSS JOIN LATERAL jsonb_array_elements(v.questions) WITH ORDINALITY AS q(value, ordinality)`,
    [JSON.stringify(visits.map((v) => ({ id: v.id, questions: v.questions })))],
  );
  const referring = fresh ? visits.filter((v) => v.questions.some((q) => q.referrals.length > 0)) : visits;
  await writeReferralsOf(
    tx,
    referring.map((v) => v.id),
    fresh,
  );
}

/** Who recorded each of these visits, and the visit as it was first received (before any correction). */
export async function storedVisitOriginals(
  tx: Queryable,
  visitIds: string[],
): Promise<Map<string, { deviceId: string; original: unknown }>> {
  if (visitIds.length === 0) return new Map();
  const { rows } = await tx.query<{ id: string; device_id: string; original: unknown }>(
    `SELECT v.id, v.device_id, coalesce(r.payload, v.payload) AS original
       FROM visits v LEFT JOIN visit_revisions r ON r.visit_id = v.id AND r.version = 1
      WHERE v.id = ANY($1::uuid[])`,
    [visitIds],
  );
  return new Map(rows.map((r) => [r.id, { deviceId: r.device_id, original: r.original }]));
}

export interface StoredVisitSummary {
  id: string;
  device_id: string;
  started_at: string;
  questions: number;
}

export async function listVisitsOfDevice(db: Queryable, deviceId: string): Promise<StoredVisitSummary[]> {
  const { rows } = await db.query<StoredVisitSummary>(
    `SELECT v.id, v.device_id, v.started_at, (SELECT count(*)::int FROM visit_questions q WHERE q.visit_id = v.id) AS questions
       FROM visits v WHERE v.device_id = $1 ORDER BY v.id`,
    [deviceId],
  );
  return rows;
}
