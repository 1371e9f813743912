import type { Queryable } from '../database';
import { sha256 } from './users';

/**
 * A slow-down on wrong console passwords that grows per account, kept in the
 * database so that every server process of a network counts the same tries (the
 * per-address rate limit alone would let a guesser spread over addresses or servers).
 *
 * A few free tries for typing errors, then a wait that doubles with each further
 * wrong password, up to a ceiling: guessing becomes hopeless, while a coordinator
 * whose account is being guessed at is kept out for minutes, not for good. Unknown
 * addresses are counted like known ones, so the answers do not tell which exist.
 */
export const FREE_SIGN_IN_TRIES = 5;
export const FIRST_WAIT_SECONDS = 30;
export const MAX_WAIT_SECONDS = 15 * 60;
/** A day after the last wrong password, the count starts over. */
const FORGET_AFTER_MS = 24 * 3_600_000;

export function waitAfterFailures(failures: number): number {
  if (failures <= FREE_SIGN_IN_TRIES) return 0;
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - FREE_SIGN_IN_TRIES - 1));
}

const accountKey = (email: string) => sha256(email.trim().toLowerCase());

/** Seconds until this account may try again; 0 when it may now. */
export async function secondsUntilSignIn(db: Queryable, email: string, now = new Date()): Promise<number> {
  const { rows } = await db.query<{ locked_until: Date | string | null }>(
    'SELECT locked_until FROM sign_in_failures WHERE account_key = $1',
    [accountKey(email)],
  );
  const until = rows[0]?.locked_until;
  if (!until) return 0;
  return Math.max(0, Math.ceil((new Date(until).getTime() - now.getTime()) / 1000));
}

/**
 * Counts a wrong password and answers the wait it earns. One statement, so two
 * servers counting the same account at once both count.
 */
export async function recordFailedSignIn(db: Queryable, email: string, now = new Date()): Promise<number> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const { rows } = await db.query<{ failures: number }>(
    `INSERT INTO sign_in_failures AS f (account_key, failures, last_failed_at) VALUES ($1, 1, $2)
     ON CONFLICT (account_key) DO UPDATE
       SET failures = CASE WHEN f.last_failed_at < $3 THEN 1 ELSE f.failures + 1 END, last_failed_at = $2
     RETURNING failures`,
    [accountKey(email), now, forgetBefore],
  );
  const wait = waitAfterFailures(rows[0]!.failures);
  await db.query('UPDATE sign_in_failures SET locked_until = $2 WHERE account_key = $1', [
    accountKey(email),
    wait > 0 ? new Date(now.getTime() + wait * 1000) : null,
  ]);
  return wait;
}

/** A right password clears the count. */
export async function forgetFailedSignIns(db: Queryable, email: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE account_key = $1', [accountKey(email)]);
}

/** For the retention job: counts nobody added to for a day. */
export async function purgeStaleSignInFailures(db: Queryable, now = new Date()): Promise<number> {
  const { rows } = await db.query('DELETE FROM sign_in_failures WHERE last_failed_at < $1 RETURNING account_key', [
    new Date(now.getTime() - FORGET_AFTER_MS),
  ]);
  return rows.length;
}
