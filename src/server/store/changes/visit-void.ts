import { visitVoidSchema } from '../../../shared/visit-edits';
import { describeIssues } from '../../../shared/zod';
import { voidVisit } from '../visit-edits';
import type { ChangeHandler } from './types';

/** visit.void@1: the visit stays as a tombstone and is no longer counted. */
export const visitVoid: ChangeHandler = async (tx, device, entry) => {
  if (device.kind !== 'desk') return { ok: false, reason: 'only a desk tablet voids visits' };
  const parsed = visitVoidSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid void: ${describeIssues(parsed.error)}` };
  const { visitId, baseVersion, reason } = parsed.data;
  if (visitId !== entry.recordId) return { ok: false, reason: 'record id does not match the visit id' };
  const result = await voidVisit(tx, device, entry.seq, visitId, baseVersion, reason);
  return result.kind === 'rejected' ? { ok: false, reason: result.reason } : { ok: true };
};
