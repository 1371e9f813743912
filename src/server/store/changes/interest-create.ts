import { courseInterestSchema } from '../../../shared/kiosk';
import { describeIssues } from '../../../shared/zod';
import { insertInterest, sameInterestStored } from '../kiosk';
import { changedRecordReason } from './same-record';
import type { ChangeHandler } from './types';

/**
 * A visitor left interest in a course, after consenting: at a kiosk, or on a desk tablet
 * handed over for the survey. Either way only for the tablet's own location, from itself.
 */
export const interestCreate: ChangeHandler = async (tx, device, entry) => {
  const parsed = courseInterestSchema.safeParse(entry.payload);
  // The reason never repeats the payload: rejected entries keep no more personal data than they must.
  if (!parsed.success) return { ok: false, reason: `invalid course interest: ${describeIssues(parsed.error)}` };
  const interest = parsed.data;
  if (interest.id !== entry.recordId) return { ok: false, reason: 'record id does not match the interest id' };
  if (interest.deviceId !== device.id) return { ok: false, reason: 'interest was left on another device' };
  if (interest.locationId !== device.locationId) return { ok: false, reason: "interest is for another location than this device's" };
  if ((await insertInterest(tx, interest)) === 'inserted') return { ok: true };
  const stored = await sameInterestStored(tx, interest);
  if (stored?.deviceId !== device.id) return { ok: false, reason: 'course interest with this id already exists' };
  return stored.same ? { ok: true } : { ok: false, reason: changedRecordReason('course interest') };
};
