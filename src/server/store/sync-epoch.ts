import { randomBytes } from 'node:crypto';
import type { Queryable } from './database';

/**
 * The epoch: which history of the database a pull cursor belongs to (see
 * migrations/010_sync_epoch.sql and docs/sync-protocol.md). Made when the database is
 * created; renewed by every restore, so tablets that pulled from the database before it
 * was taken back to a backup get a reset instead of waiting for versions that now mean
 * other changes. Renewing costs each tablet one full catalogue download and loses nothing.
 */
export function newEpoch(): string {
  return randomBytes(8).toString('hex');
}

export async function currentEpoch(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ epoch: string }>('SELECT epoch FROM sync_state WHERE id = 1');
  return rows[0]!.epoch;
}

/** A new epoch, after a restore. Returns it. */
export async function renewEpoch(db: Queryable): Promise<string> {
  const epoch = newEpoch();
  await db.query('UPDATE sync_state SET epoch = $1, epoch_identity = $2 WHERE id = 1', [epoch, await databaseIdentity(db)]);
  return epoch;
}

/**
 * Where this database lives: the cluster (its system identifier, new with every initdb), the
 * database's oid and the sync_state table's oid (both new when pg_restore recreates them).
 * A copy of the data files (a PGlite snapshot) keeps all three: the restore command renews
 * the epoch itself. A cluster that hides its system identifier is identified by the rest.
 */
async function databaseIdentity(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ identity: string }>(
    `SELECT (SELECT oid::text FROM pg_database WHERE datname = current_database()) || '/' || 'sync_state'::regclass::oid::text AS identity`,
  );
  let cluster = '-';
  try {
    const system = await db.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
    cluster = system.rows[0]?.id ?? '-';
  } catch {
    // Not readable for this role: the database and table are identity enough.
  }
  return `${cluster}/${rows[0]!.identity}`;
}

/**
 * At every start (after the migrations): a database that moved since it was last opened
 * was restored by hand (pg_restore into a new database or cluster), so its history forks
 * here and it gets a new epoch. The first start after the epoch's migration only notes
 * where it lives. Two servers starting at once renew once: the second sees the first's identity.
 */
export async function renewEpochIfMoved(db: Queryable): Promise<boolean> {
  const identity = await databaseIdentity(db);
  const { rows } = await db.query<{ renewed: boolean }>(
    `UPDATE sync_state s SET epoch = CASE WHEN s.epoch_identity IS NULL THEN s.epoch ELSE $2 END, epoch_identity = $1
       FROM (SELECT epoch_identity AS before FROM sync_state WHERE id = 1) o
      WHERE s.id = 1 AND s.epoch_identity IS DISTINCT FROM $1
      RETURNING o.before IS NOT NULL AS renewed`,
    [identity, newEpoch()],
  );
  return rows[0]?.renewed === true;
}
