import { assessmentSchema } from '../../../shared/course-runs';
import { describeIssues } from '../../../shared/zod';
import { insertAssessment, storedAssessmentPayload } from '../course-runs';
import { refusedForRun } from './course-run-guard';
import { changedRecordReason, sameContent } from './same-record';
import type { ChangeHandler } from './types';

/** courseAssessment.create@1: a participant's self-assessment at the start or the end of the run. */
export const courseAssessmentCreate: ChangeHandler = async (tx, device, entry) => {
  const parsed = assessmentSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid self-assessment: ${describeIssues(parsed.error)}` };
  const a = parsed.data;
  if (a.id !== entry.recordId) return { ok: false, reason: 'record id does not match the self-assessment id' };
  const refused = await refusedForRun(tx, device, a.runId, a.participantId);
  if (refused) return { ok: false, reason: refused };
  if ((await insertAssessment(tx, a)) === 'inserted') return { ok: true };
  return sameContent(await storedAssessmentPayload(tx, a.id), a)
    ? { ok: true }
    : { ok: false, reason: changedRecordReason('a self-assessment') };
};
