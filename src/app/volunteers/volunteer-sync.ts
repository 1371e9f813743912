import type { VolunteersResponse } from '../../shared/volunteers';
import type { InloopDatabase, LocalVolunteer } from '../db/database';
import { durably } from '../db/durable';
import { getFromServer } from '../sync/api';

/** When the tablet last received its volunteer list (ISO), in db.meta. */
export const VOLUNTEERS_SYNCED_AT = 'volunteersSyncedAt';

export type FetchVolunteers = (token: string) => Promise<VolunteersResponse>;

/** GET /api/sync/volunteers, with the same headers and failure words as the other sync calls. */
export function httpVolunteers(base = ''): FetchVolunteers {
  return (token) =>
    getFromServer(() => import('../../shared/volunteers').then((m) => m.volunteersResponseSchema), `${base}/api/sync/volunteers`, token);
}

/**
 * Replaces the tablet's volunteer list with the server's, in one transaction: new
 * volunteers appear, changed PINs apply, deactivated volunteers are gone. Wrong-PIN
 * counts of volunteers who left are dropped with them.
 */
export async function pullVolunteers(
  db: InloopDatabase,
  token: string,
  fetchVolunteers: FetchVolunteers = httpVolunteers(),
): Promise<number> {
  const answer = await fetchVolunteers(token);
  const rows: LocalVolunteer[] = answer.volunteers.map((v) => ({ ...v, locationId: answer.locationId }));
  await durably(db, () =>
    db.transaction('rw', db.volunteers, db.pinAttempts, db.meta, async () => {
      await db.volunteers.clear();
      if (rows.length) await db.volunteers.bulkPut(rows);
      const keep = new Set(rows.map((r) => r.id));
      const stale = (await db.pinAttempts.toCollection().primaryKeys()).filter((id) => !keep.has(id));
      if (stale.length) await db.pinAttempts.bulkDelete(stale);
      await db.meta.put({ key: VOLUNTEERS_SYNCED_AT, value: new Date().toISOString() });
    }),
  );
  return rows.length;
}

/** This location's volunteers on the tablet, by name. */
export async function localVolunteers(db: InloopDatabase, locationId: string): Promise<LocalVolunteer[]> {
  const rows = await db.volunteers.where('locationId').equals(locationId).toArray();
  return rows.sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
}

export async function volunteersSyncedAt(db: InloopDatabase): Promise<string | undefined> {
  return (await db.meta.get(VOLUNTEERS_SYNCED_AT))?.value as string | undefined;
}
