import { describe, expect, it } from 'vitest';
import { localMidnight, nextDay, quarterOf } from '../../src/app/console/period';

describe('console periods in Dutch time', () => {
  it('turns a date into the instant of its midnight in Amsterdam, summer and winter', () => {
    expect(localMidnight('2026-07-06')).toBe('2026-07-05T22:00:00.000Z');
    expect(localMidnight('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
    expect(localMidnight('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
  });
  it('makes an inclusive "until" date exclusive and finds the quarter', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(quarterOf(new Date(2026, 10, 25))).toEqual({ from: '2026-10-01', to: '2027-01-01', label: '2026 Q4' });
  });
});
