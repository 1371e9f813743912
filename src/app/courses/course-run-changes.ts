import type { Assessment, AttendanceMark, ParticipantAdd, ParticipantEnd } from '../../shared/course-runs';
import type { ChangeType } from '../../shared/sync';
import type { LocalCourseRun, OutboxEntry } from '../db/database';

/**
 * What a desk's own course changes do to its copy of a run. The same function runs when
 * the volunteer taps (the change and the copy saved in one transaction) and after each
 * pull, over the changes still waiting in the outbox, so a pull never undoes a tap the
 * server has not seen yet.
 */
export const COURSE_CHANGE_TYPES = [
  'courseParticipant.add@1',
  'courseAttendance.mark@1',
  'courseParticipant.end@1',
  'courseAssessment.create@1',
] as const satisfies readonly ChangeType[];
export type CourseChangeType = (typeof COURSE_CHANGE_TYPES)[number];

export type CourseChange =
  | { type: 'courseParticipant.add@1'; payload: ParticipantAdd }
  | { type: 'courseAttendance.mark@1'; payload: AttendanceMark }
  | { type: 'courseParticipant.end@1'; payload: ParticipantEnd }
  | { type: 'courseAssessment.create@1'; payload: Assessment };

export function isCourseChange(entry: Pick<OutboxEntry, 'type'>): boolean {
  return (COURSE_CHANGE_TYPES as readonly string[]).includes(entry.type);
}

/** The run with one change applied; a change for another run, or an unknown participant, leaves it as it was (but for the kiosk interest a participant came from). */
export function applyCourseChange(run: LocalCourseRun, change: CourseChange): LocalCourseRun {
  const { type, payload } = change;
  // Interest turned into a participant is done with, in every run of that course.
  if (type === 'courseParticipant.add@1' && payload.fromInterestId && run.interest?.some((i) => i.id === payload.fromInterestId))
    run = { ...run, interest: run.interest.filter((i) => i.id !== payload.fromInterestId) };
  if (payload.runId !== run.id) return run;
  if (type === 'courseParticipant.add@1') {
    if (run.participants.some((p) => p.id === payload.id)) return run;
    const added = {
      id: payload.id,
      number: 0,
      display: payload.display,
      municipality: payload.municipality ?? null,
      outcome: null,
      stopReason: null,
      present: [],
      assessed: [],
    };
    return { ...run, participants: [...run.participants, added] };
  }
  const participants = run.participants.map((p) => {
    if (p.id !== payload.participantId) return p;
    if (type === 'courseAttendance.mark@1') {
      const others = p.present.filter((s) => s !== payload.sessionId);
      return { ...p, present: payload.present ? [...others, payload.sessionId] : others };
    }
    if (type === 'courseParticipant.end@1') return { ...p, outcome: payload.outcome, stopReason: payload.stopReason };
    return p.assessed.includes(payload.moment) ? p : { ...p, assessed: [...p.assessed, payload.moment] };
  });
  return { ...run, participants };
}

/** The pulled runs with the desk's waiting course changes applied, oldest change first. */
export function withWaitingChanges(runs: LocalCourseRun[], waiting: OutboxEntry[]): LocalCourseRun[] {
  const changes = waiting.filter(isCourseChange).sort((a, b) => a.seq - b.seq) as unknown as CourseChange[];
  return runs.map((run) => changes.reduce(applyCourseChange, run));
}
