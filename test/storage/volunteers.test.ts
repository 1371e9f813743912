import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { DEMO_VOLUNTEERS, seedDemoVolunteers, usableDemoVolunteers } from '../../src/server/seed/demo-volunteers';
import {
  VolunteerInputError,
  createVolunteer,
  deactivateVolunteer,
  deskVolunteers,
  getPinHash,
  listVolunteers,
  pinMatches,
  setVolunteerPin,
} from '../../src/server/store/volunteers';
import { verifyPin } from '../../src/app/volunteers/pin-verify';
import { uuidv7 } from '../../src/shared/ids';
import { STORAGE_TARGETS } from '../helpers/databases';

describe.each(STORAGE_TARGETS)('volunteer store on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db);
  });
  afterAll(async () => db?.close());

  const [centrale, noord] = DEMO_LOCATIONS;
  const fast = { iterations: 1_000 };

  it('seeds the demo volunteers at the first branch, once, with working demo PINs', async () => {
    await seedDemoVolunteers(db);
    const demo = await deskVolunteers(db, centrale.id);
    expect(demo.map((v) => v.id).sort()).toEqual(DEMO_VOLUNTEERS.map((v) => v.id).sort());
    expect((await usableDemoVolunteers(db)).map((v) => v.pin).sort()).toEqual(DEMO_VOLUNTEERS.map((v) => v.pin).sort());
  });

  it('adds a volunteer whose PIN only the hash knows, checkable by the server and by the tablet', async () => {
    const { id } = await createVolunteer(db, { locationId: noord.id, displayName: '  Anna B. ', pin: '2580', ...fast });
    const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM volunteers WHERE id = $1', [id]);
    expect(rows[0]).toMatchObject({ display_name: 'Anna B.', active: true, pin_algorithm: 'pbkdf2-sha256', pin_iterations: 1_000 });
    expect(JSON.stringify(rows[0])).not.toContain('2580');
    const stored = (await getPinHash(db, id))!;
    expect(await pinMatches('2580', stored)).toBe(true);
    expect(await pinMatches('2581', stored)).toBe(false);
    expect(await verifyPin('2580', stored)).toBe(true);
  });

  it('refuses trivial and malformed PINs and names', async () => {
    for (const pin of ['1234', '1111', '12', 'abcd']) {
      await expect(createVolunteer(db, { locationId: noord.id, displayName: 'Kees P.', pin, ...fast })).rejects.toBeInstanceOf(
        VolunteerInputError,
      );
    }
    await expect(createVolunteer(db, { locationId: noord.id, displayName: ' ', pin: '2580', ...fast })).rejects.toBeInstanceOf(
      VolunteerInputError,
    );
    await expect(createVolunteer(db, { locationId: uuidv7(), displayName: 'Kees P.', pin: '2580', ...fast })).rejects.toThrow();
  });

  it('changes a PIN with a new salt', async () => {
    const { id } = await createVolunteer(db, { locationId: noord.id, displayName: 'Piet Z.', pin: '3691', ...fast });
    const before = (await getPinHash(db, id))!;
    expect(await setVolunteerPin(db, id, '7410', 1_000)).toBe(true);
    const after = (await getPinHash(db, id))!;
    expect(after.salt).not.toBe(before.salt);
    expect(await pinMatches('7410', after)).toBe(true);
    expect(await pinMatches('3691', after)).toBe(false);
    expect(await setVolunteerPin(db, uuidv7(), '7410', 1_000)).toBe(false);
    await expect(setVolunteerPin(db, id, '0000')).rejects.toBeInstanceOf(VolunteerInputError);
  });

  it('gives a desk only the active volunteers of its own location', async () => {
    const { id } = await createVolunteer(db, { locationId: noord.id, displayName: 'Zoë V.', pin: '9513', ...fast });
    expect((await deskVolunteers(db, noord.id)).map((v) => v.id)).toContain(id);
    expect((await deskVolunteers(db, centrale.id)).map((v) => v.id)).not.toContain(id);
    expect(await deactivateVolunteer(db, id)).toBe(true);
    expect(await deactivateVolunteer(db, id)).toBe(false);
    expect((await deskVolunteers(db, noord.id)).map((v) => v.id)).not.toContain(id);
    const listed = await listVolunteers(db, { locationId: noord.id });
    expect(listed.find((v) => v.id === id)).toMatchObject({ active: false, display_name: 'Zoë V.', location_name: noord.name });
    expect((await listVolunteers(db, { locationId: noord.id, includeInactive: false })).map((v) => v.id)).not.toContain(id);
    // The demo volunteers are not touched by seeding again.
    await seedDemoVolunteers(db);
    expect((await listVolunteers(db, { locationId: centrale.id })).length).toBe(DEMO_VOLUNTEERS.length);
  });
});
