import { attendanceMarkSchema } from '../../../shared/course-runs';
import { describeIssues } from '../../../shared/zod';
import { markAttendance, sessionInRun } from '../course-runs';
import { refusedForRun } from './course-run-guard';
import type { ChangeHandler } from './types';

/** courseAttendance.mark@1: present or not at one session; the latest markedAt counts, so a replay changes nothing. */
export const courseAttendanceMark: ChangeHandler = async (tx, device, entry) => {
  const parsed = attendanceMarkSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid attendance: ${describeIssues(parsed.error)}` };
  const mark = parsed.data;
  if (mark.participantId !== entry.recordId) return { ok: false, reason: 'record id does not match the participant id' };
  const refused = await refusedForRun(tx, device, mark.runId, mark.participantId);
  if (refused) return { ok: false, reason: refused };
  if (!(await sessionInRun(tx, mark.runId, mark.sessionId))) return { ok: false, reason: 'no such session in this course run' };
  await markAttendance(tx, mark);
  return { ok: true };
};
