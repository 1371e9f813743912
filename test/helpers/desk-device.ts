import type { DeviceRecord } from '../../src/app/db/database';
import { uuidv7 } from '../../src/shared/ids';

/** A desk tablet's enrolment as the app keeps it, with fresh ids; pass `location` to share one. */
export function deskDevice(overrides: Partial<DeviceRecord> = {}): DeviceRecord {
  return {
    deviceId: uuidv7(),
    token: 't'.repeat(43),
    kind: 'desk',
    location: { id: uuidv7(), name: 'Centrale Bibliotheek (demo)' },
    organisation: { id: uuidv7(), name: 'Bibliotheek Voorbeeldstad (demo)' },
    enrolledAt: new Date().toISOString(),
    ...overrides,
  };
}
