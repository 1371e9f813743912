import type { Queryable } from '../store/database';
import { createVolunteer, deskVolunteers, pinMatches } from '../store/volunteers';
import { DEMO_LOCATIONS } from './demo-ids';

/**
 * Demo volunteers at the first demo branch, with PINs printed at start-up, so a
 * newcomer can sign in on the demo desk at once. Demo only: never real people or PINs.
 */
export const DEMO_VOLUNTEERS = [
  { id: '01900000-0000-7000-8000-000000000101', displayName: 'Anna B.', pin: '2580' },
  { id: '01900000-0000-7000-8000-000000000102', displayName: 'Karim E.', pin: '1357' },
  { id: '01900000-0000-7000-8000-000000000103', displayName: 'Joke V.', pin: '8642' },
] as const;

/** Adds the demo volunteers that are missing (by id); one a coordinator deactivated or changed stays as it is. */
export async function seedDemoVolunteers(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM volunteers WHERE id = ANY($1::uuid[])', [
    DEMO_VOLUNTEERS.map((v) => v.id),
  ]);
  const present = new Set(rows.map((r) => r.id));
  for (const v of DEMO_VOLUNTEERS) {
    if (!present.has(v.id))
      await createVolunteer(db, { id: v.id, locationId: DEMO_LOCATIONS[0].id, displayName: v.displayName, pin: v.pin });
  }
}

/** The demo volunteers who can still sign in with their demo PIN, for the start-up message. */
export async function usableDemoVolunteers(db: Queryable): Promise<Array<{ displayName: string; pin: string }>> {
  const active = await deskVolunteers(db, DEMO_LOCATIONS[0].id);
  const usable: Array<{ displayName: string; pin: string }> = [];
  for (const demo of DEMO_VOLUNTEERS) {
    const row = active.find((v) => v.id === demo.id);
    if (row && (await pinMatches(demo.pin, row.pin))) usable.push({ displayName: row.displayName, pin: demo.pin });
  }
  return usable;
}
