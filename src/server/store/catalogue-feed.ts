import type { CatalogueEntityType } from '../../shared/catalogue';
import type { CatalogueChange, PullResponse } from '../../shared/sync';
import type { Database, Queryable } from './database';

/**
 * The versioned feed tablets pull from. Every writing transaction first bumps
 * the single sync_state row: that takes its row lock, so versions are handed out
 * in commit order and a pull "after version V" can never skip a row that commits
 * late (which a sequence or a timestamp would allow).
 */
export async function nextVersion(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ version: number }>('UPDATE sync_state SET version = version + 1 WHERE id = 1 RETURNING version');
  return Number(rows[0]!.version);
}

export interface EntityWrite {
  entity: CatalogueEntityType;
  id: string;
  data: unknown;
}

/**
 * Writes entities and tombstones in the caller's transaction. Documents that did
 * not change keep their version, so re-importing the same file sends tablets nothing.
 * Returns how many rows changed.
 */
export async function writeEntities(tx: Queryable, writes: EntityWrite[], deletes: string[] = []): Promise<number> {
  if (writes.length === 0 && deletes.length === 0) return 0;
  const version = await nextVersion(tx);
  let changed = 0;
  if (writes.length > 0) {
    const { rows } = await tx.query(
      `INSERT INTO catalogue_entities (entity, id, version, deleted, data, updated_at)
       SELECT w.entity, w.id, $2, false, w.data, now()
         FROM jsonb_to_recordset($1::jsonb) AS w(entity text, id uuid, data jsonb)
       ON CONFLICT (id) DO UPDATE SET entity = EXCLUDED.entity, version = EXCLUDED.version, deleted = false,
                                      data = EXCLUDED.data, updated_at = now()
        WHERE catalogue_entities.deleted OR catalogue_entities.data IS DISTINCT FROM EXCLUDED.data
       RETURNING id`,
      [JSON.stringify(writes), version],
    );
    changed += rows.length;
  }
  if (deletes.length > 0) {
    const { rows } = await tx.query(
      `UPDATE catalogue_entities SET deleted = true, data = NULL, version = $2, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND NOT deleted RETURNING id`,
      [deletes, version],
    );
    changed += rows.length;
  }
  return changed;
}

const ZERO_ID = '00000000-0000-0000-0000-000000000000';
/** Sorts after every id: "everything of this version seen". */
const LAST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** How the cursors of a pull are written: with the epoch (protocol 2) or without it (protocol 1 clients). */
export type CursorFormat = 'epoch' | 'legacy';

/**
 * One page of changes after the cursor. The tablet gets a reset, the live rows from the
 * start, when its cursor cannot be trusted to lead to every change it has not seen:
 * - issued before the last tombstone purge, and older than it: the tablet may hold rows
 *   whose deletion it can no longer learn of;
 * - of another epoch (the database was restored since, or it is another database), or of no
 *   epoch at all (a protocol 1 cursor sent by a protocol 2 client, after an app update);
 * - from the future: a version or horizon higher than the server's, which only a restored
 *   (or another) database can meet. Never answered "no changes" with the same cursor back.
 */
export async function pullCatalogueChanges(
  db: Queryable,
  cursor: string,
  limit: number,
  format: CursorFormat = 'epoch',
): Promise<PullResponse> {
  // Read the counter before the rows: a change committing in between has a higher version and comes next time.
  const { rows: state } = await db.query<{ version: number; horizon: number; epoch: string }>(
    'SELECT version, horizon, epoch FROM sync_state WHERE id = 1',
  );
  const current = Number(state[0]!.version);
  const horizon = Number(state[0]!.horizon);
  const epoch = state[0]!.epoch;
  const parsed = parseCursor(cursor);
  const reset =
    parsed !== 'start' &&
    ((parsed.horizon < horizon && parsed.version < horizon) ||
      parsed.version > current ||
      parsed.horizon > horizon ||
      (format === 'epoch' && parsed.epoch !== epoch));
  const from = parsed === 'start' || reset ? { version: 0, id: ZERO_ID } : parsed;
  // From scratch a tablet has nothing to delete, so tombstones are left out.
  const { rows } = await db.query<{ entity: CatalogueEntityType; id: string; version: number; deleted: boolean; data: unknown }>(
    `SELECT entity, id, version, deleted, data FROM catalogue_entities
      WHERE (version, id) > ($1, $2::uuid) ${from.version === 0 ? 'AND NOT deleted' : ''}
      ORDER BY version, id LIMIT $3`,
    [from.version, from.id, limit + 1],
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const lastRow = page.at(-1);
  const changes: CatalogueChange[] = page.map((r) =>
    r.deleted ? { entity: r.entity, id: r.id, deleted: true } : { entity: r.entity, id: r.id, deleted: false, data: r.data },
  );
  let next: { version: number; id: string };
  if (more) next = { version: Number(lastRow!.version), id: lastRow!.id };
  else if (!lastRow || Number(lastRow.version) <= current) next = { version: Math.max(current, from.version), id: LAST_ID };
  else next = { version: Number(lastRow.version), id: lastRow.id };
  const written = `${next.version}.${horizon}.${next.id}`;
  return { reset, changes, cursor: format === 'epoch' ? `${epoch}.${written}` : written, more };
}

/** "0", or the parts of a cursor; a protocol 1 cursor has no epoch. The shape was checked by cursorSchema. */
function parseCursor(cursor: string): 'start' | { epoch?: string; version: number; horizon: number; id: string } {
  if (cursor === '0') return 'start';
  const parts = cursor.split('.');
  const [epoch, version, issuedUnder, id] = parts.length === 4 ? parts : [undefined, ...parts];
  return { epoch, version: Number(version), horizon: Number(issuedUnder), id: id! };
}

/**
 * Forgets tombstones up to the current version. Tablets whose cursor is older
 * get a reset on their next pull, since they can no longer learn of those deletions.
 */
export async function purgeTombstones(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    const { rows } = await tx.query('DELETE FROM catalogue_entities WHERE deleted AND version < $1 RETURNING id', [version]);
    await tx.query('UPDATE sync_state SET horizon = $1 WHERE id = 1', [version]);
    return rows.length;
  });
}

/**
 * The retention job's tombstone purge, in two steps a run apart: each run forgets the
 * tombstones below the horizon the previous run set, then moves the horizon just past
 * the newest tombstone of a deletion made before `deletedBefore`. Unlike
 * purgeTombstones, only tablets whose cursor is older than that get a reset; those
 * that pulled any later change keep their place, so an hourly run does not make every
 * tablet download the catalogue again. Forgetting only what an earlier run announced
 * keeps it safe: a pull reads the horizon before the rows, and one that read the old
 * horizon must still find every tombstone at or above it.
 * Returns how many tombstones were forgotten.
 */
export async function purgeOldTombstones(db: Database, deletedBefore: Date): Promise<number> {
  return db.transaction(async (tx) => {
    // The counter row's lock, which every writer takes first: no lower version is still uncommitted.
    const { rows: state } = await tx.query<{ horizon: number }>('SELECT horizon FROM sync_state WHERE id = 1 FOR UPDATE');
    const { rows: forgotten } = await tx.query('DELETE FROM catalogue_entities WHERE deleted AND version < $1 RETURNING id', [
      Number(state[0]!.horizon),
    ]);
    await tx.query(
      `UPDATE sync_state
          SET horizon = GREATEST(horizon, (SELECT max(version) + 1 FROM catalogue_entities WHERE deleted AND updated_at < $1))
        WHERE id = 1`,
      [deletedBefore.toISOString()],
    );
    return forgotten.length;
  });
}
