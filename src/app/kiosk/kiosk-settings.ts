import { createStore } from 'zustand/vanilla';
import type { KioskSettings } from '../../shared/kiosk';
import { DEFAULT_IDLE_SECONDS, DEFAULT_INTEREST_RETENTION_DAYS } from '../../shared/kiosk-constants';
import type { InloopDatabase } from '../db/database';
import { durably } from '../db/durable';

const KEY = 'kioskSettings';

/** The kiosk's settings as last pulled, kept on the tablet so they hold offline. */
export const kioskSettingsStore = createStore<KioskSettings>(() => ({
  idleSeconds: DEFAULT_IDLE_SECONDS,
  exitCodeHash: null,
  interestRetentionDays: DEFAULT_INTEREST_RETENTION_DAYS,
}));

export async function saveKioskSettings(db: InloopDatabase, settings: KioskSettings): Promise<void> {
  await durably(db, () => db.meta.put({ key: KEY, value: settings }));
  kioskSettingsStore.setState(settings, true);
}

export async function loadKioskSettings(db: InloopDatabase): Promise<KioskSettings> {
  const row = await durably(db, () => db.meta.get(KEY));
  // The schema loads with its first use: zod stays out of the kiosk's first load (see sync/api.ts).
  const { kioskSettingsSchema } = await import('../../shared/kiosk');
  const parsed = kioskSettingsSchema.safeParse(row?.value);
  if (parsed.success) kioskSettingsStore.setState(parsed.data, true);
  return kioskSettingsStore.getState();
}
