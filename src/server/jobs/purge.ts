import type { Queryable } from '../store/database';
import { HELP_REQUEST_MAX_AGE_HOURS } from '../store/kiosk';
import { DEFAULT_INTEREST_RETENTION_DAYS } from '../../shared/kiosk';
import { periodFromEnv } from './period-from-env';

/** INLOOP_INTEREST_RETENTION_DAYS: how long course interest is kept (1–365 days, default 30). */
export function interestRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  return periodFromEnv(env, 'INLOOP_INTEREST_RETENTION_DAYS', DEFAULT_INTEREST_RETENTION_DAYS, 365, 'days');
}

/**
 * INLOOP_HELP_REQUEST_RETENTION_HOURS: how long a help request is kept, taken or not
 * (1–720 hours, default 24). Desks stop showing a request as open after 24 hours
 * whatever this says; this only decides when its row, with the name shown, is deleted.
 */
export function helpRequestRetentionHours(env: NodeJS.ProcessEnv = process.env): number {
  return periodFromEnv(env, 'INLOOP_HELP_REQUEST_RETENTION_HOURS', HELP_REQUEST_MAX_AGE_HOURS, 720, 'hours');
}

export interface PurgeOptions {
  /** The clock, passed in so tests can move it. */
  now?: Date;
  interestRetentionDays?: number;
  helpRequestMaxAgeHours?: number;
}

export interface PurgeResult {
  interest: number;
  helpRequests: number;
  rejectedInterest: number;
}

/**
 * Deletes personal data the kiosk collected once it is no longer needed: course
 * interest older than the retention period (also copies kept as rejected entries),
 * and help requests older than their own period (a day by default), taken or not: the visitor has long gone.
 */
export async function purgeKioskData(db: Queryable, opts: PurgeOptions = {}): Promise<PurgeResult> {
  const now = opts.now ?? new Date();
  const days = opts.interestRetentionDays ?? interestRetentionDays();
  const interestCutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const helpCutoff = new Date(now.getTime() - (opts.helpRequestMaxAgeHours ?? helpRequestRetentionHours()) * 3_600_000).toISOString();
  const interest = await db.query('DELETE FROM course_interest WHERE created_at < $1 RETURNING id', [interestCutoff]);
  const rejected = await db.query(
    `DELETE FROM rejected_entries WHERE change_type = 'interest.create@1' AND received_at < $1 RETURNING id`,
    [interestCutoff],
  );
  const help = await db.query('DELETE FROM help_requests WHERE created_at < $1 RETURNING id', [helpCutoff]);
  return { interest: interest.rows.length, helpRequests: help.rows.length, rejectedInterest: rejected.rows.length };
}

/** Runs the purge now and then every interval; the timer does not keep the process alive. */
export function schedulePurge(
  db: Queryable,
  log: (result: PurgeResult | Error) => void,
  intervalMs = 3_600_000,
  retentionDays = interestRetentionDays(),
): () => void {
  const run = () =>
    purgeKioskData(db, { interestRetentionDays: retentionDays }).then(
      (result) => log(result),
      (err: unknown) => log(err instanceof Error ? err : new Error(String(err))),
    );
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
