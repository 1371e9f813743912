import { participantEndSchema } from '../../../shared/course-runs';
import { describeIssues } from '../../../shared/zod';
import { endParticipant } from '../course-runs';
import { refusedForRun } from './course-run-guard';
import type { ChangeHandler } from './types';

/** courseParticipant.end@1: finished, or stopped with a reason category; the latest endedAt counts. */
export const courseParticipantEnd: ChangeHandler = async (tx, device, entry) => {
  const parsed = participantEndSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid end of participation: ${describeIssues(parsed.error)}` };
  const end = parsed.data;
  if (end.participantId !== entry.recordId) return { ok: false, reason: 'record id does not match the participant id' };
  const refused = await refusedForRun(tx, device, end.runId, end.participantId);
  if (refused) return { ok: false, reason: refused };
  await endParticipant(tx, end);
  return { ok: true };
};
