import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids';
import { CHANGE_TYPES } from '../../src/shared/sync';
import { tallySchema, visitUpdateSchema, visitVoidSchema } from '../../src/shared/visit-edits';
import { makeVisit } from '../helpers/visits';

const device = { deviceId: uuidv7(), location: { id: uuidv7() } };

describe('edit, void and tally change types', () => {
  it('are versioned change types of the protocol', () => {
    expect(CHANGE_TYPES).toEqual(expect.arrayContaining(['visit.update@1', 'visit.void@1', 'tally.create@1']));
  });

  it('carry the full corrected visit and the version it was based on', () => {
    expect(visitUpdateSchema.safeParse({ visit: makeVisit(device), baseVersion: 1 }).success).toBe(true);
    expect(visitUpdateSchema.safeParse({ visit: makeVisit(device), baseVersion: 0 }).success).toBe(false);
    expect(visitUpdateSchema.safeParse({ visit: makeVisit(device, { questions: [] }), baseVersion: 1 }).success).toBe(false);
    expect(visitVoidSchema.safeParse({ visitId: uuidv7(), baseVersion: 3, reason: 'duplicate' }).success).toBe(true);
    expect(visitVoidSchema.safeParse({ visitId: uuidv7(), baseVersion: 3, reason: 'because' }).success).toBe(false);
  });

  it('accept tally counts from 0 to 500 that fit the tally dimension, each category once', () => {
    const tally = {
      id: uuidv7(),
      deviceId: device.deviceId,
      locationId: device.location.id,
      volunteerId: null,
      date: '2026-11-24',
      dayPart: 'morning',
      dimension: 'outcome',
    };
    const ok = (counts: unknown[]) => tallySchema.safeParse({ ...tally, counts }).success;
    expect(
      ok([
        { topic: 'digid', value: 'answered', count: 0 },
        { topic: 'digid', value: 'referred', count: 500 },
      ]),
    ).toBe(true);
    expect(ok([{ topic: 'digid', value: 'answered', count: 501 }])).toBe(false);
    expect(ok([{ topic: 'digid', value: 'answered', count: 2.5 }])).toBe(false);
    expect(ok([{ topic: 'digid', value: 'digital_service', count: 1 }])).toBe(false);
    expect(
      ok([
        { topic: 'digid', value: 'answered', count: 1 },
        { topic: 'digid', value: 'answered', count: 2 },
      ]),
    ).toBe(false);
    expect(ok([])).toBe(false);
    expect(tallySchema.safeParse({ ...tally, dayPart: 'night', counts: [{ topic: 'digid', value: 'answered', count: 1 }] }).success).toBe(
      false,
    );
  });
});
