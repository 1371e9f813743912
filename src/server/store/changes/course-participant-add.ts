import { participantAddSchema } from '../../../shared/course-runs';
import { describeIssues } from '../../../shared/zod';
import { insertParticipant, storedParticipant } from '../course-runs';
import { refusedForRun } from './course-run-guard';
import { changedRecordReason, sameContent } from './same-record';
import type { ChangeHandler } from './types';

/** courseParticipant.add@1: a desk adds a participant to a run of its location, with consent, maybe from a kiosk's interest. */
export const courseParticipantAdd: ChangeHandler = async (tx, device, entry) => {
  const parsed = participantAddSchema.safeParse(entry.payload);
  // The reason never repeats the payload: rejected entries keep no more personal data than they must.
  if (!parsed.success) return { ok: false, reason: `invalid participant: ${describeIssues(parsed.error)}` };
  const p = parsed.data;
  if (p.id !== entry.recordId) return { ok: false, reason: 'record id does not match the participant id' };
  const stored = await storedParticipant(tx, p.id);
  if (stored) {
    if (stored.deviceId !== device.id) return { ok: false, reason: 'a participant with this id already exists' };
    // Once retention blanked the name, a late repeat is compared without it.
    const { display: _display, ...rest } = p;
    return sameContent(stored.payload, stored.blanked ? rest : p)
      ? { ok: true }
      : { ok: false, reason: changedRecordReason('a participant') };
  }
  const refused = await refusedForRun(tx, device, p.runId);
  if (refused) return { ok: false, reason: refused };
  // Interest already turned into a participant elsewhere, or purged: the participant still joins.
  await insertParticipant(tx, p, device.id);
  return { ok: true };
};
