import { tallySchema } from '../../../shared/visit-edits';
import { describeIssues } from '../../../shared/zod';
import { insertTally, storedTally } from '../visit-edits';
import { changedRecordReason, sameContent } from './same-record';
import type { ChangeHandler } from './types';

/** tally.create@1: counts per category from a paper tally sheet, for one day part. */
export const tallyCreate: ChangeHandler = async (tx, device, entry) => {
  if (device.kind !== 'desk') return { ok: false, reason: 'only a desk tablet records tallies' };
  const parsed = tallySchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid tally: ${describeIssues(parsed.error)}` };
  const tally = parsed.data;
  if (tally.id !== entry.recordId) return { ok: false, reason: 'record id does not match the tally id' };
  if (tally.deviceId !== device.id) return { ok: false, reason: 'tally was recorded by another device' };
  if (tally.locationId !== device.locationId) return { ok: false, reason: "tally is for another location than this device's" };
  if ((await insertTally(tx, tally, entry.seq)) === 'inserted') return { ok: true };
  const stored = await storedTally(tx, tally.id);
  if (stored?.deviceId !== device.id) return { ok: false, reason: 'a tally with this id already exists' };
  return sameContent(stored.payload, tally) ? { ok: true } : { ok: false, reason: changedRecordReason('a tally') };
};
