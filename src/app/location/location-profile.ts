import { createStore } from 'zustand/vanilla';
import type { LocationProfile } from '../../shared/municipality';

// The schema loads with its first use: zod stays out of the first load (see sync/api.ts).
const profileSchema = () => import('../../shared/municipality').then((m) => m.locationProfileSchema);
import type { InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import { getFromServer } from '../sync/api';

/**
 * What the tablet knows about its own location (the municipalities it serves), as last
 * pulled, kept in db.meta so the visit form and the kiosk's survey offer them offline.
 */
const KEY = 'locationProfile';

export const locationProfileStore = createStore<LocationProfile>(() => ({ municipalities: [] }));

export type FetchLocationProfile = (token: string) => Promise<LocationProfile>;

/** GET /api/sync/location, with the same headers and failure words as the other sync calls. */
export function httpLocationProfile(base = ''): FetchLocationProfile {
  return (token) => getFromServer(profileSchema, `${base}/api/sync/location`, token);
}

/** A desk's and a kiosk's step in each sync round. */
export async function pullLocationProfile(
  db: InloopDatabase,
  token: string,
  fetchProfile: FetchLocationProfile = httpLocationProfile(),
): Promise<void> {
  const profile = await fetchProfile(token);
  await durably(db, () => db.meta.put({ key: KEY, value: profile }));
  locationProfileStore.setState(profile, true);
}

/**
 * The address a visitor's phone opens from a QR code this tablet shows: the server's
 * INLOOP_PUBLIC_URL as last pulled (so offline too), else the origin the tablet syncs
 * with, which is its own (the app and the API share one origin). Without INLOOP_PUBLIC_URL
 * the server knows no better name than the one the tablet used to reach it.
 */
export function publicBase(profile: LocationProfile, origin: string): string {
  return profile.publicUrl ?? origin;
}

/** The profile kept on the tablet, read once at start (before the first sync round). */
export async function loadLocationProfile(db: InloopDatabase): Promise<LocationProfile> {
  const row = await durably(db, () => db.meta.get(KEY));
  const parsed = (await profileSchema()).safeParse(row?.value);
  if (parsed.success) locationProfileStore.setState(parsed.data, true);
  return locationProfileStore.getState();
}
