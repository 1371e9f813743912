import type { KioskSettings } from '../../shared/kiosk';
import type { InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import { deleteRejected } from '../db/outbox';
import { getFromServer } from '../sync/api';
import { saveKioskSettings } from './kiosk-settings';

export type FetchKioskSettings = (token: string) => Promise<KioskSettings>;

/** GET /api/sync/kiosk-settings, with the same headers and failure words as the other sync calls. */
export function httpKioskSettings(base = ''): FetchKioskSettings {
  return (token) =>
    getFromServer(() => import('../../shared/kiosk').then((m) => m.kioskSettingsSchema), `${base}/api/sync/kiosk-settings`, token);
}

const defaultFetch = httpKioskSettings();

/** A kiosk's step in each sync round: its settings (idle time, exit code), then no rejected entries kept. */
export async function pullKioskSettings(
  db: InloopDatabase,
  token: string,
  fetchSettings: FetchKioskSettings = defaultFetch,
): Promise<void> {
  await saveKioskSettings(db, await fetchSettings(token));
  await dropRejected(db);
}

/**
 * On a kiosk nobody reads rejected entries, and they may hold a visitor's name and
 * phone number: the server keeps its copy (purged with the interest), the tablet none.
 */
export async function dropRejected(db: InloopDatabase): Promise<number> {
  return durably(db, () => deleteRejected(db));
}
