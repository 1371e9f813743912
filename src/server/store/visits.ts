import type { Visit } from '../../shared/visit';
import type { Queryable } from './database';
import { INSERT_REFERRAL_ROWS, writeReferralsOf } from './referrals';

/**
 * Inserts visits and their questions, as many as given, in one statement: each visit is
 * sent once (as the stored payload; the columns are read from it), and its questions are
 * inserted from the same rows in a second part of that statement, their referral rows in a
 * third. Visits whose id is already stored are skipped, with their questions and referrals (a replay after a device lost its
 * sequence bookkeeping); the returned set holds the ids actually inserted, and the caller
 * decides whether a skipped one is the same record or a clash.
 */
export async function insertVisits(tx: Queryable, items: Array<{ visit: Visit; deviceSeq: number }>): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  // One row per referral, flat (its question's place and taxonomy beside it): a lateral over the
  // questions here would make PostgreSQL expect a hundred referrals per question, plan for ten
  // thousand times the rows and compile the statement (JIT) for every push.
  const referrals = items.flatMap(({ visit }) =>
    visit.questions.flatMap((q, position) =>
      q.referrals.map((value, referral) => ({
        visit_id: visit.id,
        position,
        referral,
        topic: q.topic,
        organisation: q.organisation,
        value,
      })),
    ),
  );
  const { rows: inserted } = await tx.query<{ id: string }>(
    `WITH given AS (
       SELECT p.visit, s.seq FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS p(visit, i)
         JOIN unnest($2::bigint[]) WITH ORDINALITY AS s(seq, i) ON s.i = p.i),
     stored AS (
       INSERT INTO visits (id, device_id, location_id, volunteer_id, started_at, duration_seconds, channel,
                           returning_visitor, language, note, backdated, device_seq, payload)
       SELECT (visit->>'id')::uuid, (visit->>'deviceId')::uuid, (visit->>'locationId')::uuid, (visit->>'volunteerId')::uuid,
              (visit->>'startedAt')::timestamptz, (visit->>'durationSeconds')::integer, visit->>'channel',
              (visit->>'returning')::boolean, visit->>'language', visit->>'note', (visit->>'backdated')::boolean, seq, visit
         FROM given
       ON CONFLICT (id) DO NOTHING RETURNING id, location_id, language, started_at),
     questions AS (
       INSERT INTO visit_questions (visit_id, position, help_kind, domain, organisation, topic, actions, outcome, referrals)
       SELECT stored.id, q.ordinality - 1, q.value->>'helpKind', q.value->>'domain', q.value->>'organisation', q.value->>'topic',
              ARRAY(SELECT jsonb_array_elements_text(q.value->'actions')), q.value->>'outcome', q.value->'referrals'
         FROM given JOIN stored ON stored.id = (given.visit->>'id')::uuid
        CROSS JOIN LATERAL jsonb_array_elements(given.visit->'questions') WITH ORDINALITY AS q(value, ordinality)),
     -- The referral rows of the new visits (a skipped visit's stay as they are): new visits have none yet.
     referred AS (${INSERT_REFERRAL_ROWS}
         FROM jsonb_to_recordset($3::jsonb) AS q(visit_id uuid, position integer, referral integer, topic text, organisation text, value jsonb)
         JOIN stored v ON v.id = q.visit_id
        CROSS JOIN LATERAL (SELECT q.value, q.referral + 1 AS ordinality) r)
     SELECT id FROM stored`,
    [JSON.stringify(items.map((i) => i.visit)), items.map((i) => i.deviceSeq), JSON.stringify(referrals)],
  );
  return new Set(inserted.map((r) => r.id));
}

/** Stores a visit's questions, then its referrals' rows; a correction first deletes the old questions in the same transaction. */
export async function insertQuestions(tx: Queryable, visit: Visit): Promise<void> {
  await tx.query(
    `INSERT INTO visit_questions (visit_id, position, help_kind, domain, organisation, topic, actions, outcome, referrals)
     SELECT $1::uuid, q.ordinality - 1, q.value->>'helpKind', q.value->>'domain', q.value->>'organisation', q.value->>'topic',
            ARRAY(SELECT jsonb_array_elements_text(q.value->'actions')), q.value->>'outcome', q.value->'referrals'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS q(value, ordinality)`,
    [visit.id, JSON.stringify(visit.questions)],
  );
  await writeReferralsOf(tx, [visit.id]);
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
