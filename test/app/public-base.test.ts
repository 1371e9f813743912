// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { loadLocationProfile, locationProfileStore, publicBase, pullLocationProfile } from '../../src/app/location/location-profile';
import { uuidv7 } from '../../src/shared/ids';

const TABLET_ORIGIN = 'https://inloop.bieb.lan';

/**
 * The address a tablet's QR codes lead a visitor's phone to: the server's public one as last
 * pulled, kept in IndexedDB so it holds offline and after a restart; else the tablet's own.
 */
describe("the server's public address on the tablet", () => {
  it('is pulled with the location profile, kept in IndexedDB, and used after a restart without the network', async () => {
    const name = `public-base-${uuidv7()}`;
    const db = new InloopDatabase(name);
    await pullLocationProfile(db, 'token', async () => ({ municipalities: [], publicUrl: 'https://aanbod.bibliotheekvoorbeeld.nl' }));
    expect(publicBase(locationProfileStore.getState(), TABLET_ORIGIN)).toBe('https://aanbod.bibliotheekvoorbeeld.nl');
    db.close();

    // A restart: the store is empty until the kept profile is read; no request is made.
    locationProfileStore.setState({ municipalities: [] }, true);
    expect(publicBase(locationProfileStore.getState(), TABLET_ORIGIN)).toBe(TABLET_ORIGIN);
    const reopened = new InloopDatabase(name);
    await loadLocationProfile(reopened);
    expect(publicBase(locationProfileStore.getState(), TABLET_ORIGIN)).toBe('https://aanbod.bibliotheekvoorbeeld.nl');
    reopened.close();
  });

  it("falls back to the tablet's own origin when the server has none set, or was too old to say", async () => {
    const db = new InloopDatabase(`public-base-${uuidv7()}`);
    await pullLocationProfile(db, 'token', async () => ({ municipalities: [], publicUrl: null }));
    expect(publicBase(locationProfileStore.getState(), TABLET_ORIGIN)).toBe(TABLET_ORIGIN);
    // A profile stored by an app version from before the field still reads.
    await db.meta.put({ key: 'locationProfile', value: { municipalities: [{ code: 'GM0363', name: 'Amsterdam' }] } });
    await loadLocationProfile(db);
    expect(locationProfileStore.getState().municipalities).toHaveLength(1);
    expect(publicBase(locationProfileStore.getState(), TABLET_ORIGIN)).toBe(TABLET_ORIGIN);
    db.close();
  });

  it('refuses a public address that is not a web address, keeping what it had', async () => {
    const db = new InloopDatabase(`public-base-${uuidv7()}`);
    await pullLocationProfile(db, 'token', async () => ({ municipalities: [], publicUrl: 'https://aanbod.bibliotheekvoorbeeld.nl' }));
    await db.meta.put({ key: 'locationProfile', value: { municipalities: [], publicUrl: 'javascript:alert(1)' } });
    await loadLocationProfile(db);
    expect(publicBase(locationProfileStore.getState(), TABLET_ORIGIN)).toBe('https://aanbod.bibliotheekvoorbeeld.nl');
    db.close();
  });
});
