import type { Database, Queryable } from '../store/database';
import { purgeStaleSignInFailures } from '../store/console/sign-in-throttle';
import { purgeOldTombstones } from '../store/catalogue-feed';
import { helpRequestRetentionHours, interestRetentionDays, purgeKioskData, type PurgeResult } from './purge';
import { periodFromEnv } from './period-from-env';
import { purgeCourseParticipants } from '../store/course-runs';
import { DEFAULT_PARTICIPANT_RETENTION_DAYS } from '../../shared/course-runs';

/**
 * Retention periods (AVG/GDPR: keep personal data no longer than needed), from the
 * environment, in days:
 * - INLOOP_NOTE_RETENTION_DAYS (default 365): visit notes are blanked after this; the
 *   visit itself and its questions stay, for the counts funders need;
 * - INLOOP_AUDIT_RETENTION_DAYS (default 730): audit entries are deleted after this;
 * - INLOOP_INTEREST_RETENTION_DAYS (default 30): course interest (see purge.ts);
 * - INLOOP_HELP_REQUEST_RETENTION_HOURS (default 24, in hours): help requests (see purge.ts);
 * - INLOOP_TOMBSTONE_RETENTION_DAYS (default 90): catalogue deletions are kept this
 *   long for tablets to pull; a tablet that has not pulled for longer starts over from
 *   the live catalogue (no personal data: this only bounds the table's growth);
 * - INLOOP_COURSE_PARTICIPANT_RETENTION_DAYS (default 90): a course participant's first
 *   name or number is blanked this long after the run's last session; the participant,
 *   attendance, outcome and self-assessments stay, without it, for the counts.
 */
export interface RetentionPeriods {
  noteDays: number;
  auditDays: number;
  interestDays: number;
  helpRequestHours: number;
  tombstoneDays: number;
  participantDays: number;
}

const days = (env: NodeJS.ProcessEnv, name: string, fallback: number, max: number) => periodFromEnv(env, name, fallback, max, 'days');

export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionPeriods {
  return {
    noteDays: days(env, 'INLOOP_NOTE_RETENTION_DAYS', 365, 3650),
    auditDays: days(env, 'INLOOP_AUDIT_RETENTION_DAYS', 730, 3650),
    interestDays: interestRetentionDays(env),
    helpRequestHours: helpRequestRetentionHours(env),
    tombstoneDays: days(env, 'INLOOP_TOMBSTONE_RETENTION_DAYS', 90, 3650),
    participantDays: days(env, 'INLOOP_COURSE_PARTICIPANT_RETENTION_DAYS', DEFAULT_PARTICIPANT_RETENTION_DAYS, 3650),
  };
}

export interface RetentionResult extends PurgeResult {
  notes: number;
  audit: number;
  /** Counts of wrong console passwords nobody added to for a day. */
  signInFailures: number;
  /** Catalogue deletions tablets can no longer pull (see purgeOldTombstones). */
  tombstones: number;
  /** Course participants whose name or number was blanked. */
  participants: number;
}

/**
 * Blanks the notes of visits older than the note period, everywhere a copy lives
 * (the visit, its earlier versions, coordinator corrections, conflicting proposals,
 * rejected entries), deletes old audit entries, runs the kiosk purge and forgets old
 * catalogue tombstones. The notes in one transaction: a note is never left behind in one copy.
 */
export async function purgeExpiredData(db: Database, periods: RetentionPeriods, now = new Date()): Promise<RetentionResult> {
  const noteCutoff = new Date(now.getTime() - periods.noteDays * 86_400_000).toISOString();
  const auditCutoff = new Date(now.getTime() - periods.auditDays * 86_400_000).toISOString();
  const { notes, audit } = await db.transaction(async (tx: Queryable) => {
    const old = `SELECT id FROM visits WHERE started_at < $1`;
    const { rows } = await tx.query(
      `UPDATE visits SET note = NULL, payload = jsonb_set(payload, '{note}', 'null')
        WHERE started_at < $1 AND (note IS NOT NULL OR payload->>'note' IS NOT NULL) RETURNING id`,
      [noteCutoff],
    );
    await tx.query(
      `UPDATE visit_revisions SET payload = jsonb_set(payload, '{note}', 'null') WHERE payload->>'note' IS NOT NULL AND visit_id IN (${old})`,
      [noteCutoff],
    );
    await tx.query(
      `UPDATE visit_corrections SET payload = jsonb_set(payload, '{note}', 'null') WHERE payload->>'note' IS NOT NULL AND visit_id IN (${old})`,
      [noteCutoff],
    );
    await tx.query(`UPDATE visit_corrected SET note = NULL WHERE note IS NOT NULL AND visit_id IN (${old})`, [noteCutoff]);
    await tx.query(
      `UPDATE visit_conflicts SET proposed = jsonb_set(proposed, '{visit,note}', 'null') WHERE proposed->'visit'->>'note' IS NOT NULL AND visit_id IN (${old})`,
      [noteCutoff],
    );
    // A refused visit keeps its reason; its content goes with the notes' period.
    await tx.query(
      `UPDATE rejected_entries SET payload = NULL WHERE payload IS NOT NULL AND change_type LIKE 'visit.%' AND received_at < $1`,
      [noteCutoff],
    );
    const audit = await tx.query('DELETE FROM audit_log WHERE at < $1 RETURNING id', [auditCutoff]);
    return { notes: rows.length, audit: audit.rows.length };
  });
  const kiosk = await purgeKioskData(db, {
    now,
    interestRetentionDays: periods.interestDays,
    helpRequestMaxAgeHours: periods.helpRequestHours,
  });
  const signInFailures = await purgeStaleSignInFailures(db, now);
  const tombstones = await purgeOldTombstones(db, new Date(now.getTime() - periods.tombstoneDays * 86_400_000));
  const participants = await db.transaction((tx: Queryable) => purgeCourseParticipants(tx, now, periods.participantDays));
  return { ...kiosk, notes, audit, signInFailures, tombstones, participants };
}

/** Runs the purge now and then every interval; the timer does not keep the process alive. */
export function scheduleRetention(
  db: Database,
  periods: RetentionPeriods,
  log: (result: RetentionResult | Error) => void,
  intervalMs = 3_600_000,
): () => void {
  const run = () =>
    purgeExpiredData(db, periods).then(
      (result) => log(result),
      (err: unknown) => log(err instanceof Error ? err : new Error(String(err))),
    );
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
