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

/** A tally from a paper sheet: three DigiD questions helped with a digital service one morning, with overrides. */
export function makeTally(device: { deviceId: string; location: { id: string } }, overrides: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    deviceId: device.deviceId,
    locationId: device.location.id,
    volunteerId: null,
    date: '2026-11-23',
    dayPart: 'morning',
    dimension: 'help_kind',
    counts: [{ topic: 'digid', value: 'digital_service', count: 3 }],
    ...overrides,
  };
}
