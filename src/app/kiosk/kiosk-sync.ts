import { helpRequestsResponseSchema, kioskSettingsSchema, type HelpRequestsResponse, type KioskSettings } from '../../shared/kiosk';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync';
import type { z } from '../../shared/zod';
import type { DeviceRecord, InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import { storeOpenHelpRequests } from '../help/help-requests';
import { SyncError } from '../sync/api';
import { saveKioskSettings } from './kiosk-settings';

/** What a sync round pulls besides the catalogue, by the device's kind. */
export interface KindApi {
  helpRequests(token: string): Promise<HelpRequestsResponse>;
  kioskSettings(token: string): Promise<KioskSettings>;
}

async function get<S extends z.ZodMiniType>(schema: S, url: string, token: string): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(20_000),
      cache: 'no-store',
    });
  } catch {
    throw new SyncError('network', 'no connection to the server');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (body as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
    throw new SyncError(response.status === 401 ? 'unenrolled' : response.status >= 500 ? 'server' : 'refused', message, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SyncError('network', 'unreadable answer from the server');
  return parsed.data;
}

export function createKindApi(base = ''): KindApi {
  return {
    helpRequests: (token) => get(helpRequestsResponseSchema, `${base}/api/sync/help-requests`, token),
    kioskSettings: (token) => get(kioskSettingsSchema, `${base}/api/sync/kiosk-settings`, token),
  };
}

const defaultApi = createKindApi();

/** A desk pulls its location's open help requests; a kiosk its settings (idle time, exit code). */
export async function pullForKind(db: InloopDatabase, device: DeviceRecord, api: KindApi = defaultApi): Promise<void> {
  if (device.kind === 'desk') await storeOpenHelpRequests(db, (await api.helpRequests(device.token)).requests);
  else {
    await saveKioskSettings(db, await api.kioskSettings(device.token));
    await dropRejected(db);
  }
}

/**
 * On a kiosk nobody reads rejected entries, and they may hold a visitor's name and
 * phone number: the server keeps its copy (purged with the interest), the tablet none.
 */
export async function dropRejected(db: InloopDatabase): Promise<number> {
  return durably(db, () => db.outbox.where('state').equals('rejected').delete());
}
