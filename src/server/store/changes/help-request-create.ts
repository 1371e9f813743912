import { helpRequestSchema } from '../../../shared/kiosk';
import { describeIssues } from '../../../shared/zod';
import { insertHelpRequest, sameHelpRequestStored } from '../kiosk';
import { changedRecordReason } from './same-record';
import type { ChangeHandler } from './types';

/** A visitor asked for a volunteer at the kiosk. */
export const helpRequestCreate: ChangeHandler = async (tx, device, entry) => {
  if (device.kind !== 'kiosk') return { ok: false, reason: 'only a kiosk sends help requests' };
  const parsed = helpRequestSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid help request: ${describeIssues(parsed.error)}` };
  const request = parsed.data;
  if (request.id !== entry.recordId) return { ok: false, reason: 'record id does not match the help request id' };
  if (request.deviceId !== device.id) return { ok: false, reason: 'help request was made on another device' };
  if (request.locationId !== device.locationId) return { ok: false, reason: "help request is for another location than this device's" };
  if ((await insertHelpRequest(tx, request)) === 'inserted') return { ok: true };
  const stored = await sameHelpRequestStored(tx, request);
  if (stored?.deviceId !== device.id) return { ok: false, reason: 'a help request with this id already exists' };
  return stored.same ? { ok: true } : { ok: false, reason: changedRecordReason('a help request') };
};
