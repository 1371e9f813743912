import { followUpMarkSchema } from '../../../shared/referrals';
import { describeIssues } from '../../../shared/zod';
import { markFollowUp, storedMark } from '../referrals';
import { changedRecordReason, sameContent } from './same-record';
import type { ChangeHandler } from './types';

/** followUp.mark@1: a desk of the follow-up's location marked it kept, missed or moved. */
export const followUpMark: ChangeHandler = async (tx, device, entry) => {
  if (device.kind !== 'desk') return { ok: false, reason: 'only a desk tablet marks follow-ups' };
  const parsed = followUpMarkSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid follow-up mark: ${describeIssues(parsed.error)}` };
  const mark = parsed.data;
  if (mark.id !== entry.recordId) return { ok: false, reason: 'record id does not match the mark id' };
  const result = await markFollowUp(tx, device, entry.seq, mark);
  if (result === 'applied') return { ok: true };
  if (result !== 'exists') return { ok: false, reason: result.rejected };
  const stored = await storedMark(tx, mark.id);
  if (stored?.deviceId !== device.id) return { ok: false, reason: 'a follow-up mark with this id already exists' };
  return sameContent(stored.payload, mark) ? { ok: true } : { ok: false, reason: changedRecordReason('a follow-up mark') };
};
