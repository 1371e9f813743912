import { helpRequestTakeSchema } from '../../../shared/kiosk';
import { describeIssues } from '../../../shared/zod';
import { helpRequestRow, takeHelpRequest } from '../kiosk';
import type { ChangeHandler } from './types';

/** A volunteer at a desk of the same location took a help request from the queue. */
export const helpRequestTake: ChangeHandler = async (tx, device, entry) => {
  if (device.kind !== 'desk') return { ok: false, reason: 'only a desk tablet takes help requests' };
  const parsed = helpRequestTakeSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid take: ${describeIssues(parsed.error)}` };
  const take = parsed.data;
  if (take.id !== entry.recordId) return { ok: false, reason: 'record id does not match the help request id' };
  const row = await helpRequestRow(tx, take.id);
  if (!row) return { ok: false, reason: 'this help request no longer exists' };
  if (row.location_id !== device.locationId) return { ok: false, reason: 'this help request is for another location' };
  // Two desks taking the same request: the first one wins, the second changes nothing.
  await takeHelpRequest(tx, take.id, device, take.takenAt);
  return { ok: true };
};
