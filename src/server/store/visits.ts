import type { Visit } from '../../shared/visit';
import type { Queryable } from './database';

/**
 * Inserts a visit and its questions. Returns false when a visit with this id is
 * already stored (a replay after the device lost its sequence bookkeeping); the
 * caller decides whether that is the same record or a clash.
 */
export async function insertVisit(tx: Queryable, visit: Visit, deviceSeq: number): Promise<'inserted' | 'exists'> {
  const { rows } = await tx.query(
    `INSERT INTO visits (id, device_id, location_id, volunteer_id, started_at, duration_seconds, channel,
                         returning_visitor, language, note, backdated, device_seq, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      visit.id,
      visit.deviceId,
      visit.locationId,
      visit.volunteerId,
      visit.startedAt,
      visit.durationSeconds,
      visit.channel,
      visit.returning,
      visit.language,
      visit.note,
      visit.backdated,
      deviceSeq,
      JSON.stringify(visit),
    ],
  );
  if (rows.length === 0) return 'exists';
  await insertQuestions(tx, visit);
  return 'inserted';
}

/** Stores a visit's questions; a correction first deletes the old ones in the same transaction. */
export async function insertQuestions(tx: Queryable, visit: Visit): Promise<void> {
  // One statement for all questions, however many there are.
  await tx.query(
    `INSERT INTO visit_questions (visit_id, position, help_kind, domain, organisation, topic, actions, outcome, referrals)
     SELECT $1, q.ordinality - 1, q.value->>'helpKind', q.value->>'domain', q.value->>'organisation', q.value->>'topic',
            ARRAY(SELECT jsonb_array_elements_text(q.value->'actions')), q.value->>'outcome', q.value->'referrals'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS q(value, ordinality)`,
    [visit.id, JSON.stringify(visit.questions)],
  );
}

export async function visitOwner(tx: Queryable, visitId: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ device_id: string }>('SELECT device_id FROM visits WHERE id = $1', [visitId]);
  return rows[0]?.device_id;
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
