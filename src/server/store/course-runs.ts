import {
  PARTICIPANT_CONSENT_VERSION,
  type Assessment,
  type AttendanceMark,
  type CourseRun,
  type ParticipantAdd,
  type ParticipantEnd,
  type RunParticipant,
} from '../../shared/course-runs';
import { THEMES } from '../../shared/catalogue';
import { uuidv7 } from '../../shared/ids';
import type { Queryable } from './database';

/**
 * Course runs on the server: the runs a coordinator makes of a catalogue course, their
 * participants, attendance, outcomes and self-assessments, as desks push them
 * (store/changes/course-*.ts) or the console records them (routes/console/courses.ts).
 */

/** The item's Dutch name and the theme its self-assessment uses; undefined when it is not a live course. */
export async function courseOfItem(db: Queryable, itemId: string): Promise<{ title: string; theme: string } | undefined> {
  const { rows } = await db.query<{ data: { kind?: string; name?: Record<string, string>; themes?: string[] } }>(
    `SELECT data FROM catalogue_entities WHERE entity = 'item' AND id = $1 AND NOT deleted`,
    [itemId],
  );
  const data = rows[0]?.data;
  if (!data || data.kind !== 'course') return undefined;
  const theme = (data.themes ?? []).find((t) => t !== 'unsorted' && (THEMES as readonly string[]).includes(t)) ?? 'general';
  return { title: data.name?.nl ?? Object.values(data.name ?? {})[0] ?? '', theme };
}

export async function createRun(
  db: Queryable,
  run: { locationId: string; itemId: string; title: string; theme: string; sessions: string[] },
): Promise<string> {
  const id = uuidv7();
  await db.query('INSERT INTO course_runs (id, location_id, item_id, title, theme) VALUES ($1, $2, $3, $4, $5)', [
    id,
    run.locationId,
    run.itemId,
    run.title,
    run.theme,
  ]);
  for (const startsAt of [...run.sessions].sort())
    await db.query('INSERT INTO course_sessions (id, run_id, starts_at) VALUES ($1, $2, $3)', [uuidv7(), id, startsAt]);
  return id;
}

export async function closeRun(db: Queryable, runId: string): Promise<void> {
  await db.query('UPDATE course_runs SET closed = true WHERE id = $1', [runId]);
}

export interface StoredRun {
  id: string;
  locationId: string;
  closed: boolean;
}

/** The run, locked for this transaction so participant numbers are handed out one at a time. */
export async function lockRun(tx: Queryable, runId: string): Promise<StoredRun | undefined> {
  const { rows } = await tx.query<{ id: string; location_id: string; closed: boolean }>(
    'SELECT id, location_id, closed FROM course_runs WHERE id = $1 FOR UPDATE',
    [runId],
  );
  return rows[0] && { id: rows[0].id, locationId: rows[0].location_id, closed: rows[0].closed };
}

/** Stores a participant with the next number of the run (the run locked by lockRun); a replay of the same id is 'exists'. */
export async function insertParticipant(tx: Queryable, p: ParticipantAdd, deviceId: string | null): Promise<'inserted' | 'exists'> {
  const { rows } = await tx.query(
    `INSERT INTO course_participants (id, run_id, number, display_kind, display_value, consent_text_version, consent_language, consented_at, municipality, from_interest, device_id, payload)
     SELECT $1, $2, coalesce(max(number), 0) + 1, $3, $4, $5, $6, LEAST($7::timestamptz, now()), $8, $9, $10, $11 FROM course_participants WHERE run_id = $2
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      p.id,
      p.runId,
      p.display.kind,
      p.display.value,
      p.consentVersion,
      p.consentLanguage,
      p.consentedAt,
      p.municipality ?? null,
      p.fromInterestId !== null,
      deviceId,
      JSON.stringify(p),
    ],
  );
  if (rows.length === 0) return 'exists';
  // The interest did its work: its contact details are not kept beside the participant.
  // Only interest left at the run's own location: an id from elsewhere deletes nothing.
  if (p.fromInterestId)
    await tx.query('DELETE FROM course_interest WHERE id = $1 AND location_id = (SELECT location_id FROM course_runs WHERE id = $2)', [
      p.fromInterestId,
      p.runId,
    ]);
  return 'inserted';
}

export async function storedParticipant(
  tx: Queryable,
  id: string,
): Promise<{ runId: string; deviceId: string | null; payload: unknown; blanked: boolean } | undefined> {
  const { rows } = await tx.query<{ run_id: string; device_id: string | null; payload: unknown; display_value: string | null }>(
    'SELECT run_id, device_id, payload, display_value FROM course_participants WHERE id = $1',
    [id],
  );
  const r = rows[0];
  return r && { runId: r.run_id, deviceId: r.device_id, payload: r.payload, blanked: r.display_value === null };
}

/** Kiosk interest of this location, for a participant made from it (undefined: gone or elsewhere). */
export async function interestAt(
  tx: Queryable,
  interestId: string,
  locationId: string,
): Promise<{ firstName: string; consentLanguage: string } | undefined> {
  const { rows } = await tx.query<{ first_name: string; consent_language: string }>(
    'SELECT first_name, consent_language FROM course_interest WHERE id = $1 AND location_id = $2',
    [interestId, locationId],
  );
  return rows[0] && { firstName: rows[0].first_name, consentLanguage: rows[0].consent_language };
}

/** Whether a participant and a session belong to the run. */
export async function participantInRun(tx: Queryable, runId: string, participantId: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM course_participants WHERE id = $1 AND run_id = $2', [participantId, runId]);
  return rows.length > 0;
}
export async function sessionInRun(tx: Queryable, runId: string, sessionId: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM course_sessions WHERE id = $1 AND run_id = $2', [sessionId, runId]);
  return rows.length > 0;
}

/** A tap: the latest markedAt counts (at the same instant, the one applied last), so an older tap arriving late changes nothing. */
export async function markAttendance(tx: Queryable, mark: AttendanceMark): Promise<void> {
  await tx.query(
    `INSERT INTO course_attendance (participant_id, session_id, present, marked_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (participant_id, session_id) DO UPDATE SET present = excluded.present, marked_at = excluded.marked_at
       WHERE course_attendance.marked_at <= excluded.marked_at`,
    [mark.participantId, mark.sessionId, mark.present, mark.markedAt],
  );
}

/** How the participant ended; the latest endedAt counts (a correction on another desk, say). */
export async function endParticipant(tx: Queryable, end: ParticipantEnd): Promise<void> {
  await tx.query(
    `UPDATE course_participants SET outcome = $2, stop_reason = $3, ended_at = $4
      WHERE id = $1 AND (ended_at IS NULL OR ended_at <= $4)`,
    [end.participantId, end.outcome, end.stopReason, end.endedAt],
  );
}

/**
 * Stores a self-assessment. The same id again is 'exists' (compared by the caller); another
 * assessment for the same moment replaces it when answered later (the one answered last counts).
 */
export async function insertAssessment(tx: Queryable, a: Assessment): Promise<'inserted' | 'exists'> {
  const existing = await tx.query<{ id: string }>('SELECT id FROM course_assessments WHERE id = $1', [a.id]);
  if (existing.rows.length > 0) return 'exists';
  await tx.query(
    `INSERT INTO course_assessments (id, participant_id, moment, assessment_version, theme, language, answers, answered_at, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, LEAST($8::timestamptz, now()), $9)
     ON CONFLICT (participant_id, moment) DO UPDATE SET id = excluded.id, assessment_version = excluded.assessment_version, theme = excluded.theme,
       language = excluded.language, answers = excluded.answers, answered_at = excluded.answered_at, payload = excluded.payload
       WHERE course_assessments.answered_at < excluded.answered_at`,
    [
      a.id,
      a.participantId,
      a.moment,
      a.assessmentVersion,
      a.theme,
      a.language,
      JSON.stringify(Object.fromEntries(a.answers.map((x) => [x.statement, x.score]))),
      a.answeredAt,
      JSON.stringify(a),
    ],
  );
  return 'inserted';
}

export async function storedAssessmentPayload(tx: Queryable, id: string): Promise<unknown> {
  const { rows } = await tx.query<{ payload: unknown }>('SELECT payload FROM course_assessments WHERE id = $1', [id]);
  return rows[0]?.payload;
}

/** Runs with their sessions and participants: of one location (desks), or of the console's scope. */
export async function listRuns(
  db: Queryable,
  where: { locationId?: string; scope?: string[] | null; runId?: string; openOnly?: boolean },
): Promise<CourseRun[]> {
  const { rows: runs } = await db.query<{
    id: string;
    item_id: string;
    title: string;
    theme: string;
    location_id: string;
    closed: boolean;
  }>(
    `SELECT r.id, r.item_id, r.title, r.theme, r.location_id, r.closed FROM course_runs r JOIN locations l ON l.id = r.location_id
      WHERE ($1::uuid IS NULL OR r.location_id = $1) AND ($2::uuid[] IS NULL OR l.organisation_id = ANY($2::uuid[]))
        AND ($3::uuid IS NULL OR r.id = $3) AND (NOT $4 OR NOT r.closed)
      ORDER BY r.created_at DESC, r.id`,
    [where.locationId ?? null, where.scope ?? null, where.runId ?? null, where.openOnly ?? false],
  );
  if (runs.length === 0) return [];
  const ids = runs.map((r) => r.id);
  const { rows: sessions } = await db.query<{ id: string; run_id: string; starts_at: string | Date }>(
    'SELECT id, run_id, starts_at FROM course_sessions WHERE run_id = ANY($1::uuid[]) ORDER BY starts_at, id',
    [ids],
  );
  const { rows: people } = await db.query<{
    id: string;
    run_id: string;
    number: number;
    display_kind: 'name' | 'number';
    display_value: string | null;
    municipality: string | null;
    outcome: 'finished' | 'stopped' | null;
    stop_reason: RunParticipant['stopReason'];
    present: string[] | null;
    assessed: Array<'start' | 'end'> | null;
  }>(
    `SELECT p.id, p.run_id, p.number, p.display_kind, p.display_value, p.municipality, p.outcome, p.stop_reason,
            (SELECT array_agg(a.session_id::text ORDER BY a.session_id) FROM course_attendance a WHERE a.participant_id = p.id AND a.present) AS present,
            (SELECT array_agg(s.moment ORDER BY s.moment DESC) FROM course_assessments s WHERE s.participant_id = p.id) AS assessed
       FROM course_participants p WHERE p.run_id = ANY($1::uuid[]) ORDER BY p.number`,
    [ids],
  );
  return runs.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    title: r.title,
    theme: r.theme as CourseRun['theme'],
    locationId: r.location_id,
    closed: r.closed,
    sessions: sessions.filter((s) => s.run_id === r.id).map((s) => ({ id: s.id, startsAt: new Date(s.starts_at).toISOString() })),
    participants: people
      .filter((p) => p.run_id === r.id)
      .map((p) => ({
        id: p.id,
        number: p.number,
        display: p.display_value === null ? null : { kind: p.display_kind, value: p.display_value },
        municipality: p.municipality,
        outcome: p.outcome,
        stopReason: p.stop_reason,
        present: p.present ?? [],
        assessed: p.assessed ?? [],
      })),
  }));
}

/** The console's participant: the consent the coordinator records is the current text's. */
export function consoleParticipant(
  runId: string,
  input: { display: ParticipantAdd['display']; consentLanguage: ParticipantAdd['consentLanguage']; municipality?: string },
  fromInterestId: string | null = null,
): ParticipantAdd {
  return {
    id: uuidv7(),
    runId,
    display: input.display,
    consent: true,
    consentVersion: PARTICIPANT_CONSENT_VERSION,
    consentLanguage: input.consentLanguage,
    consentedAt: new Date().toISOString(),
    ...(input.municipality ? { municipality: input.municipality } : {}),
    fromInterestId,
  };
}

/**
 * Blanks the names and numbers of participants whose run's last session is more than
 * `days` ago, also in the stored record and in refused copies; the participant rows (and so
 * every count) stay. Returns how many participants were blanked.
 */
export async function purgeCourseParticipants(db: Queryable, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const { rows } = await db.query(
    `UPDATE course_participants p SET display_value = NULL, payload = p.payload - 'display'
      WHERE p.display_value IS NOT NULL
        AND (SELECT max(s.starts_at) FROM course_sessions s WHERE s.run_id = p.run_id) < $1
      RETURNING p.id`,
    [cutoff],
  );
  await db.query(
    `UPDATE rejected_entries SET payload = NULL WHERE payload IS NOT NULL AND change_type = 'courseParticipant.add@1' AND received_at < $1`,
    [cutoff],
  );
  return rows.length;
}
