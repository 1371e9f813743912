import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';

/**
 * Loads the desk's code only on a desk, as KioskLoader does for the kiosk, so that
 * neither carries the other's screens in its first download. The service worker
 * precaches both, so this works offline.
 */
export function DeskLoader({ device }: { device: DeviceRecord }) {
  const [Desk, setDesk] = useState<ComponentType<{ device: DeviceRecord }> | null>(null);
  useEffect(() => {
    void import('./DeskRoot').then((m) => setDesk(() => m.DeskRoot));
  }, []);
  return Desk ? <Desk device={device} /> : null;
}
