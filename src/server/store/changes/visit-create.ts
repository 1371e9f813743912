import { visitSchema } from '../../../shared/visit';
import { describeIssues } from '../../../shared/zod';
import { insertVisit, visitOwner } from '../visits';
import type { ChangeHandler } from './types';

export const visitCreate: ChangeHandler = async (tx, device, entry) => {
  if (device.kind !== 'desk') return { ok: false, reason: 'only a desk tablet records visits' };
  const parsed = visitSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid visit: ${describeIssues(parsed.error)}` };
  const visit = parsed.data;
  if (visit.id !== entry.recordId) return { ok: false, reason: 'record id does not match the visit id' };
  if (visit.deviceId !== device.id) return { ok: false, reason: 'visit was recorded by another device' };
  if (visit.locationId !== device.locationId) return { ok: false, reason: "visit is for another location than this device's" };
  if ((await insertVisit(tx, visit, entry.seq)) === 'exists') {
    // Same id from the same device is a harmless replay; from another device it is a clash.
    if ((await visitOwner(tx, visit.id)) !== device.id) return { ok: false, reason: 'a visit with this id already exists' };
  }
  return { ok: true };
};
