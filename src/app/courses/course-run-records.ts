import {
  ASSESSMENT_VERSION,
  PARTICIPANT_CONSENT_VERSION,
  assessmentSchema,
  attendanceMarkSchema,
  participantAddSchema,
  participantEndSchema,
  type AssessmentMoment,
  type ParticipantDisplay,
  type StopReason,
} from '../../shared/course-runs';
import { uuidv7 } from '../../shared/ids';
import type { Language } from '../../shared/i18n-text';
import type { InloopDatabase, LocalCourseRun } from '../db/database';
import { durably } from '../db/durable';
import { enqueue, outboxTables } from '../db/outbox';
import { applyCourseChange, type CourseChange } from './course-run-changes';

/**
 * What a volunteer records about a course run on the desk, offline first: each change goes
 * into the outbox (db/outbox.ts) and onto the desk's copy of the run in one transaction,
 * and resolves once that committed. The record id of each is the one the protocol names
 * (docs/sync-protocol.md): the participant for add, attendance and end; the assessment's own id.
 */
async function recordCourseChange(db: InloopDatabase, change: CourseChange, recordId: string, at: string): Promise<LocalCourseRun> {
  return durably(db, () =>
    db.transaction('rw', [...outboxTables(db), db.courseRuns], async () => {
      const run = await db.courseRuns.get(change.payload.runId);
      if (!run) throw new Error('this course run is no longer on the tablet');
      const changed = applyCourseChange(run, change);
      await db.courseRuns.put(changed);
      // The kiosk interest a participant came from leaves the other runs of the course too.
      if (change.type === 'courseParticipant.add@1' && change.payload.fromInterestId) {
        const others = (await db.courseRuns.toArray()).filter((r) => r.id !== run.id);
        const updated = others.map((r) => applyCourseChange(r, change)).filter((r, i) => r !== others[i]);
        if (updated.length) await db.courseRuns.bulkPut(updated);
      }
      await enqueue(db, change.type, recordId, change.payload, at);
      return changed;
    }),
  );
}

export interface NewParticipant {
  display: ParticipantDisplay;
  /** The language the consent text was read out in. */
  consentLanguage: Language;
  municipality?: string;
  /** The kiosk course interest this participant comes from (the server then deletes it). */
  fromInterestId?: string;
}

/** A participant joins, with consent (the form does not let a volunteer add one without it). */
export async function addParticipant(db: InloopDatabase, runId: string, who: NewParticipant, now = new Date()): Promise<string> {
  const at = now.toISOString();
  const payload = participantAddSchema.parse({
    id: uuidv7(now.getTime()),
    runId,
    display: { kind: who.display.kind, value: who.display.value.trim() },
    consent: true,
    consentVersion: PARTICIPANT_CONSENT_VERSION,
    consentLanguage: who.consentLanguage,
    consentedAt: at,
    ...(who.municipality ? { municipality: who.municipality } : {}),
    fromInterestId: who.fromInterestId ?? null,
  });
  await recordCourseChange(db, { type: 'courseParticipant.add@1', payload }, payload.id, at);
  return payload.id;
}

/** One tap: present (or, tapped again, not present) at one session. */
export async function markAttendance(
  db: InloopDatabase,
  runId: string,
  participantId: string,
  sessionId: string,
  present: boolean,
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  const payload = attendanceMarkSchema.parse({ runId, participantId, sessionId, present, markedAt: at });
  await recordCourseChange(db, { type: 'courseAttendance.mark@1', payload }, participantId, at);
}

/** Finished, or stopped with a reason category. */
export async function endParticipation(
  db: InloopDatabase,
  runId: string,
  participantId: string,
  end: { outcome: 'finished' } | { outcome: 'stopped'; stopReason: StopReason },
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  const payload = participantEndSchema.parse({
    runId,
    participantId,
    outcome: end.outcome,
    stopReason: end.outcome === 'stopped' ? end.stopReason : null,
    endedAt: at,
  });
  await recordCourseChange(db, { type: 'courseParticipant.end@1', payload }, participantId, at);
}

/** The participant's own self-assessment: scores 1–5 per statement answered (skipped ones left out). */
export async function saveAssessment(
  db: InloopDatabase,
  run: Pick<LocalCourseRun, 'id' | 'theme'>,
  participantId: string,
  moment: AssessmentMoment,
  language: Language,
  answers: Array<{ statement: string; score: number }>,
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  const payload = assessmentSchema.parse({
    id: uuidv7(now.getTime()),
    runId: run.id,
    participantId,
    moment,
    assessmentVersion: ASSESSMENT_VERSION,
    theme: run.theme,
    language,
    answers,
    answeredAt: at,
  });
  await recordCourseChange(db, { type: 'courseAssessment.create@1', payload }, payload.id, at);
}

/** The desk's runs, soonest first session first. */
export async function deskCourseRuns(db: InloopDatabase): Promise<LocalCourseRun[]> {
  const runs = await db.courseRuns.toArray();
  const first = (r: LocalCourseRun) => r.sessions[0]?.startsAt ?? '';
  return runs.sort((a, b) => first(a).localeCompare(first(b)) || a.title.localeCompare(b.title));
}
