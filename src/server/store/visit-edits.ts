import type { Tally } from '../../shared/visit-edits';
import type { Visit } from '../../shared/visit';
import type { Queryable } from './database';
import type { AuthenticatedDevice } from './devices';
import { insertQuestions } from './visits';

/**
 * Corrections and voids of visits, and catch-up tallies. An edit names the version
 * it was based on: when the stored visit is still at that version it is applied
 * (the version it replaces goes to visit_revisions); when the visit changed
 * meanwhile, the stored record stays and the proposal is kept in visit_conflicts
 * for the coordinator. Nothing is overwritten silently.
 */

export type EditResult =
  { kind: 'applied'; version: number } | { kind: 'conflict'; currentVersion: number } | { kind: 'rejected'; reason: string };

interface LockedVisit {
  device_id: string;
  location_id: string;
  version: number;
  voided_at: string | null;
  void_reason: string | null;
  payload: unknown;
}

async function lockVisit(tx: Queryable, visitId: string): Promise<LockedVisit | undefined> {
  const { rows } = await tx.query<LockedVisit>(
    'SELECT device_id, location_id, version, voided_at, void_reason, payload FROM visits WHERE id = $1 FOR UPDATE',
    [visitId],
  );
  return rows[0];
}

function ownership(stored: LockedVisit | undefined, device: AuthenticatedDevice): string | undefined {
  if (!stored) return 'no such visit on the server (its recording was refused or never arrived)';
  if (stored.device_id !== device.id) return 'visit was recorded by another device';
  return undefined;
}

async function keepRevision(tx: Queryable, visitId: string, stored: LockedVisit, device: AuthenticatedDevice, seq: number): Promise<void> {
  await tx.query(
    `INSERT INTO visit_revisions (visit_id, version, payload, voided_at, void_reason, replaced_by_device, replaced_by_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [visitId, stored.version, JSON.stringify(stored.payload), stored.voided_at, stored.void_reason, device.id, seq],
  );
}

async function keepConflict(
  tx: Queryable,
  visitId: string,
  device: AuthenticatedDevice,
  seq: number,
  changeType: string,
  baseVersion: number,
  currentVersion: number,
  proposed: unknown,
): Promise<void> {
  await tx.query(
    `INSERT INTO visit_conflicts (visit_id, device_id, device_seq, change_type, base_version, current_version, proposed)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (device_id, device_seq) DO NOTHING`,
    [visitId, device.id, seq, changeType, baseVersion, currentVersion, JSON.stringify(proposed)],
  );
}

/** Applies a corrected visit based on baseVersion, or keeps it as a conflict. */
export async function updateVisit(
  tx: Queryable,
  device: AuthenticatedDevice,
  seq: number,
  visit: Visit,
  baseVersion: number,
): Promise<EditResult> {
  const stored = await lockVisit(tx, visit.id);
  const problem = ownership(stored, device);
  if (problem) return { kind: 'rejected', reason: problem };
  if (stored!.location_id !== visit.locationId) return { kind: 'rejected', reason: 'a correction cannot move a visit to another location' };
  const current = Number(stored!.version);
  if (baseVersion !== current || stored!.voided_at !== null) {
    await keepConflict(tx, visit.id, device, seq, 'visit.update@1', baseVersion, current, { visit, baseVersion });
    return { kind: 'conflict', currentVersion: current };
  }
  await keepRevision(tx, visit.id, stored!, device, seq);
  await tx.query(
    `UPDATE visits SET volunteer_id = $2, started_at = $3, duration_seconds = $4, channel = $5, returning_visitor = $6,
                       language = $7, note = $8, backdated = $9, payload = $10, version = version + 1
      WHERE id = $1`,
    [
      visit.id,
      visit.volunteerId,
      visit.startedAt,
      visit.durationSeconds,
      visit.channel,
      visit.returning,
      visit.language,
      visit.note,
      visit.backdated,
      JSON.stringify(visit),
    ],
  );
  await tx.query('DELETE FROM visit_questions WHERE visit_id = $1', [visit.id]);
  await insertQuestions(tx, visit);
  return { kind: 'applied', version: current + 1 };
}

/** Voids a visit based on baseVersion (a tombstone: the row stays, reports skip it), or keeps it as a conflict. */
export async function voidVisit(
  tx: Queryable,
  device: AuthenticatedDevice,
  seq: number,
  visitId: string,
  baseVersion: number,
  reason: string,
): Promise<EditResult> {
  const stored = await lockVisit(tx, visitId);
  const problem = ownership(stored, device);
  if (problem) return { kind: 'rejected', reason: problem };
  const current = Number(stored!.version);
  if (baseVersion !== current || stored!.voided_at !== null) {
    await keepConflict(tx, visitId, device, seq, 'visit.void@1', baseVersion, current, { visitId, baseVersion, reason });
    return { kind: 'conflict', currentVersion: current };
  }
  await keepRevision(tx, visitId, stored!, device, seq);
  await tx.query('UPDATE visits SET voided_at = now(), void_reason = $2, version = version + 1 WHERE id = $1', [visitId, reason]);
  return { kind: 'applied', version: current + 1 };
}

/** Stores a tally sheet and its counts; 'exists' when a tally with this id is already stored. */
export async function insertTally(tx: Queryable, tally: Tally, deviceSeq: number): Promise<'inserted' | 'exists'> {
  const { rows } = await tx.query(
    `INSERT INTO tallies (id, device_id, location_id, volunteer_id, tally_date, day_part, dimension, note, device_seq, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      tally.id,
      tally.deviceId,
      tally.locationId,
      tally.volunteerId,
      tally.date,
      tally.dayPart,
      tally.dimension,
      tally.note,
      deviceSeq,
      JSON.stringify(tally),
    ],
  );
  if (rows.length === 0) return 'exists';
  await tx.query(
    `INSERT INTO tally_counts (tally_id, topic, value, count)
     SELECT $1, c.value->>'topic', c.value->>'value', (c.value->>'count')::int FROM jsonb_array_elements($2::jsonb) AS c(value)`,
    [tally.id, JSON.stringify(tally.counts)],
  );
  return 'inserted';
}

/** Who recorded a stored tally, and the tally as it was received. */
export async function storedTally(tx: Queryable, tallyId: string): Promise<{ deviceId: string; payload: unknown } | undefined> {
  const { rows } = await tx.query<{ device_id: string; payload: unknown }>('SELECT device_id, payload FROM tallies WHERE id = $1', [
    tallyId,
  ]);
  return rows[0] && { deviceId: rows[0].device_id, payload: rows[0].payload };
}

export interface VisitCountFilter {
  locationId?: string;
  deviceId?: string;
  /** Inclusive lower bound of started_at, ISO. */
  from?: string;
  /** Exclusive upper bound of started_at, ISO. */
  to?: string;
}

/** Counts visits and their questions for reports; voided visits are never counted. */
export async function countVisits(db: Queryable, filter: VisitCountFilter = {}): Promise<{ visits: number; questions: number }> {
  const { rows } = await db.query<{ visits: number; questions: number }>(
    `SELECT count(*)::int AS visits, coalesce(sum((SELECT count(*) FROM visit_questions q WHERE q.visit_id = v.id)), 0)::int AS questions
       FROM counted_visits v
      WHERE ($1::uuid IS NULL OR v.location_id = $1) AND ($2::uuid IS NULL OR v.device_id = $2)
        AND ($3::timestamptz IS NULL OR v.started_at >= $3) AND ($4::timestamptz IS NULL OR v.started_at < $4)`,
    [filter.locationId ?? null, filter.deviceId ?? null, filter.from ?? null, filter.to ?? null],
  );
  return rows[0]!;
}

export interface StoredVisitState {
  version: number;
  voided: boolean;
  voidReason: string | null;
  payload: Visit;
  topics: string[];
}

/** The stored state of one visit, with its questions' topics in order. */
export async function loadVisitState(db: Queryable, visitId: string): Promise<StoredVisitState | undefined> {
  const { rows } = await db.query<{
    version: number;
    voided_at: string | null;
    void_reason: string | null;
    payload: Visit;
    topics: string[];
  }>(
    `SELECT v.version, v.voided_at, v.void_reason, v.payload,
            ARRAY(SELECT q.topic FROM visit_questions q WHERE q.visit_id = v.id ORDER BY q.position) AS topics
       FROM visits v WHERE v.id = $1`,
    [visitId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    version: Number(row.version),
    voided: row.voided_at !== null,
    voidReason: row.void_reason,
    payload: row.payload,
    topics: row.topics,
  };
}

export async function listRevisions(db: Queryable, visitId: string): Promise<Array<{ version: number; payload: Visit }>> {
  const { rows } = await db.query<{ version: number; payload: Visit }>(
    'SELECT version, payload FROM visit_revisions WHERE visit_id = $1 ORDER BY version',
    [visitId],
  );
  return rows.map((r) => ({ version: Number(r.version), payload: r.payload }));
}

export interface VisitConflictRow {
  visit_id: string;
  device_id: string;
  change_type: string;
  base_version: number;
  current_version: number;
  proposed: unknown;
  created_at: string;
  resolved_at: string | null;
}

/** Conflicts waiting for the coordinator (or all of one visit's). */
export async function listOpenConflicts(db: Queryable, visitId?: string): Promise<VisitConflictRow[]> {
  const { rows } = await db.query<VisitConflictRow>(
    `SELECT visit_id, device_id, change_type, base_version, current_version, proposed, created_at, resolved_at
       FROM visit_conflicts WHERE resolved_at IS NULL AND ($1::uuid IS NULL OR visit_id = $1) ORDER BY id`,
    [visitId ?? null],
  );
  return rows;
}
