import { uuidv7 } from '../../src/shared/ids';
import type { VisitInput } from '../../src/shared/visit';

/** A plausible DigiD visit for a device, with overrides. */
export function makeVisit(device: { deviceId: string; location: { id: string } }, overrides: Partial<VisitInput> = {}): VisitInput {
  return {
    id: uuidv7(),
    deviceId: device.deviceId,
    locationId: device.location.id,
    volunteerId: null,
    startedAt: new Date().toISOString(),
    durationSeconds: 420,
    channel: 'walk_in',
    questions: [{ helpKind: 'digital_service', domain: 'digital_government', organisation: 'logius', topic: 'digid', outcome: 'answered' }],
    ...overrides,
  };
}
