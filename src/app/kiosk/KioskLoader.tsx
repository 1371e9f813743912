import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { setKioskLanguage } from '../i18n/i18n';

/** Loads the kiosk's code and texts only on a kiosk, so the desk bundle does not carry it (the service worker precaches it anyway). */
export function KioskLoader({ device }: { device: DeviceRecord }) {
  const [Kiosk, setKiosk] = useState<ComponentType<{ device: DeviceRecord }> | null>(null);
  useEffect(() => {
    // The kiosk starts in Dutch; its texts come with its code.
    void Promise.all([import('./KioskApp'), setKioskLanguage('nl')]).then(([m]) => setKiosk(() => m.KioskApp));
  }, []);
  return Kiosk ? <Kiosk device={device} /> : null;
}
