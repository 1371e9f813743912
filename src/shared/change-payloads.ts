import { list, z } from './zod';
import { CHANGE_TYPES, MAX_PUSH_ENTRIES, outboxEntrySchema, pushRequestSchema, type ChangeType } from './sync';
import { visitSchema } from './visit';
import { courseInterestSchema, helpRequestSchema, helpRequestTakeSchema } from './kiosk';
import { tallySchema, visitUpdateSchema, visitVoidSchema } from './visit-edits';
import { followUpMarkSchema } from './referrals';
import { surveyResponseSchema } from './survey';
import { assessmentSchema, attendanceMarkSchema, participantAddSchema, participantEndSchema } from './course-runs';

/**
 * The payload of each change type, as the server's handler for it validates it
 * (src/server/store/changes/). The push route accepts any payload and rejects a wrong one
 * per entry, so this map is what the API document shows a client writer.
 */
export const CHANGE_PAYLOAD_SCHEMAS = {
  'visit.create@1': visitSchema,
  'helpRequest.create@1': helpRequestSchema,
  'interest.create@1': courseInterestSchema,
  'helpRequest.take@1': helpRequestTakeSchema,
  'visit.update@1': visitUpdateSchema,
  'visit.void@1': visitVoidSchema,
  'tally.create@1': tallySchema,
  'followUp.mark@1': followUpMarkSchema,
  'survey.create@1': surveyResponseSchema,
  'courseParticipant.add@1': participantAddSchema,
  'courseAttendance.mark@1': attendanceMarkSchema,
  'courseParticipant.end@1': participantEndSchema,
  'courseAssessment.create@1': assessmentSchema,
} as const satisfies Record<ChangeType, z.ZodMiniType>;

/** What a change of each type is, for the document: who sends it and what it records. */
export const CHANGE_TYPE_DESCRIPTIONS: Record<ChangeType, string> = {
  'visit.create@1': 'A desk tablet recorded a walk-in visit. `recordId` is the visit id.',
  'helpRequest.create@1': 'A kiosk: a visitor asked for a volunteer. `recordId` is the help request id.',
  'interest.create@1': 'A kiosk: a visitor left interest in a course, with consent. `recordId` is the interest id.',
  'helpRequest.take@1': "A desk tablet took a help request of its location's kiosks. `recordId` is the help request id.",
  'visit.update@1':
    'A desk tablet corrected a visit it recorded: the full corrected visit and the version it was based on. `recordId` is the visit id.',
  'visit.void@1': 'A desk tablet voided a visit it recorded. `recordId` is the visit id.',
  'tally.create@1': 'A desk tablet entered counts from a paper tally sheet for a day part. `recordId` is the tally id.',
  'followUp.mark@1':
    "A desk tablet marked a follow-up appointment of its location kept, missed or moved (any desk of the location may). `recordId` is the mark's own id; the latest `markedAt` counts.",
  'survey.create@1':
    'A visitor answered the short survey: on a desk tablet handed over after a visit (`visitId` is that visit, recorded by the same tablet) or on a kiosk (`visitId` null). Anonymous: no name, contact or visitor id. Desks and kiosks both send it. `recordId` is the response id.',
  'courseParticipant.add@1':
    'A desk tablet added a participant to a course run of its location: a first name or a participant number, with the consent text version agreed to; `fromInterestId` names the kiosk course interest it was made from (that interest is then deleted). `recordId` is the participant id.',
  'courseAttendance.mark@1':
    'A desk tablet marked a participant present or absent at one session of the run (one tap). `recordId` is the participant id; the latest `markedAt` per participant and session counts.',
  'courseParticipant.end@1':
    'A desk tablet recorded how a participant ended the run: `finished`, or `stopped` with a reason category. `recordId` is the participant id; the latest `endedAt` counts.',
  'courseAssessment.create@1':
    "A participant's self-assessment at the `start` or `end` of a run: scores 1–5 for the statements of the run's theme under `assessmentVersion` (skipped ones left out). `recordId` is the assessment id; per participant and moment the one answered last counts.",
};

/**
 * The push body as documented: each entry's payload with the real schema of its type.
 * The route validates with the looser pushRequestSchema, so an entry whose payload does not
 * fit is acknowledged and listed in `rejected` (kept, shown on the tablet), not refused with 400.
 */
export const documentedPushRequestSchema = z.extend(pushRequestSchema, {
  entries: list(
    z.discriminatedUnion(
      'type',
      CHANGE_TYPES.map((type) => z.extend(outboxEntrySchema, { type: z.literal(type), payload: CHANGE_PAYLOAD_SCHEMAS[type] })) as never,
    ),
    1,
    MAX_PUSH_ENTRIES,
  ),
});
