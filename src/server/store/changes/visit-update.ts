import { visitUpdateSchema } from '../../../shared/visit-edits';
import { describeIssues } from '../../../shared/zod';
import { updateVisit } from '../visit-edits';
import type { ChangeHandler } from './types';

/** visit.update@1: a corrected visit and the version it was based on. A conflict is kept on the server, not refused. */
export const visitUpdate: ChangeHandler = async (tx, device, entry) => {
  if (device.kind !== 'desk') return { ok: false, reason: 'only a desk tablet corrects visits' };
  const parsed = visitUpdateSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid correction: ${describeIssues(parsed.error)}` };
  const { visit, baseVersion } = parsed.data;
  if (visit.id !== entry.recordId) return { ok: false, reason: 'record id does not match the visit id' };
  if (visit.deviceId !== device.id) return { ok: false, reason: 'visit was recorded by another device' };
  if (visit.locationId !== device.locationId) return { ok: false, reason: "visit is for another location than this device's" };
  const result = await updateVisit(tx, device, entry.seq, visit, baseVersion);
  return result.kind === 'rejected' ? { ok: false, reason: result.reason } : { ok: true };
};
