import { helpRequestsResponseSchema, kioskSettingsSchema, type HelpRequestsResponse, type KioskSettings } from '../../shared/kiosk';
import type { DeviceRecord, InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import { deleteRejected } from '../db/outbox';
import { storeOpenHelpRequests } from '../help/help-requests';
import { getFromServer } from '../sync/api';
import { saveKioskSettings } from './kiosk-settings';

/** What a sync round pulls besides the catalogue, by the device's kind. */
export interface KindApi {
  helpRequests(token: string): Promise<HelpRequestsResponse>;
  kioskSettings(token: string): Promise<KioskSettings>;
}

export function createKindApi(base = ''): KindApi {
  return {
    helpRequests: (token) => getFromServer(helpRequestsResponseSchema, `${base}/api/sync/help-requests`, token),
    kioskSettings: (token) => getFromServer(kioskSettingsSchema, `${base}/api/sync/kiosk-settings`, token),
  };
}

const defaultApi = createKindApi();

/** A desk pulls its location's open help requests; a kiosk its settings (idle time, exit code). */
export async function pullForKind(db: InloopDatabase, device: DeviceRecord, api: KindApi = defaultApi): Promise<void> {
  if (device.kind === 'desk') await pullHelpRequests(db, device.token, api);
  else {
    await saveKioskSettings(db, await api.kioskSettings(device.token));
    await dropRejected(db);
  }
}

/**
 * A desk's copy of its location's open help requests, from the server: in each sync
 * round, and between rounds from watchHelpRequests. `overtaken` is asked once the
 * answer is in; when it says yes, the answer is dropped (something fresher is coming).
 */
export async function pullHelpRequests(
  db: InloopDatabase,
  token: string,
  api: Pick<KindApi, 'helpRequests'> = defaultApi,
  overtaken: () => boolean = () => false,
): Promise<void> {
  const { requests } = await api.helpRequests(token);
  if (!overtaken()) await storeOpenHelpRequests(db, requests);
}

/**
 * On a kiosk nobody reads rejected entries, and they may hold a visitor's name and
 * phone number: the server keeps its copy (purged with the interest), the tablet none.
 */
export async function dropRejected(db: InloopDatabase): Promise<number> {
  return durably(db, () => deleteRejected(db));
}
