import { int, isoDateTime, list, text, z } from './zod';
import { LANGUAGES } from './i18n-text';
import { THEMES, type Theme } from './catalogue';
import { municipalityCodeSchema } from './municipality';
import { municipalityFilterSchema } from './municipality-filter';

/**
 * Course runs (a catalogue course given once, with its sessions), their participants and
 * results, for the Bibliotheekmonitor's course registration and the impact figures.
 *
 * Minimal personal data: a participant is a first name or a participant number, kept with
 * the version of the consent text they agreed to, and blanked a configurable number of days
 * after the run's last session (INLOOP_COURSE_PARTICIPANT_RETENTION_DAYS); the counts stay.
 */

/** The version of the consent text a participant agrees to; bump it when the text changes. */
export const PARTICIPANT_CONSENT_VERSION = '2026-12-1';
export const DEFAULT_PARTICIPANT_RETENTION_DAYS = 90;

/** Why a participant stopped before the end (a category, never free text). */
export const STOP_REASONS = ['health', 'work', 'too_hard', 'too_easy', 'personal', 'moved', 'no_show', 'other'] as const;
export type StopReason = (typeof STOP_REASONS)[number];
export const OUTCOMES = ['finished', 'stopped'] as const;
export const ASSESSMENT_MOMENTS = ['start', 'end'] as const;
export type AssessmentMoment = (typeof ASSESSMENT_MOMENTS)[number];

/**
 * Self-assessment statements per theme, as versioned data: every assessment stores the
 * version it was given under, so a changed set never mixes with old answers. Never edit a
 * shipped version: add one. Texts are in the locale files (courses.json), keyed by
 * version and statement id. A theme without its own set uses `general`.
 */
export const ASSESSMENT_SETS: Record<number, Partial<Record<Theme | 'general', readonly string[]>>> = {
  1: {
    digital_government: ['loginDigid', 'findLetters', 'applyOnline'],
    digital_skills: ['useDevice', 'sendEmail', 'stayOnlineSafe'],
    language: ['speakDaily', 'readLetter', 'fillForm'],
    numeracy: ['countMoney', 'readTimetable', 'understandNumbers'],
    health_skills: ['contactDoctor', 'usePatientPortal', 'understandMedicine'],
    money: ['keepBudget', 'readBill', 'knowWhereHelp'],
    work: ['searchJobs', 'writeApplication', 'knowStrengths'],
    general: ['confidentLearning', 'askForHelp', 'useInDailyLife'],
  },
};
export const ASSESSMENT_VERSION = 1;

/** The statements asked for a theme under a version. */
export function assessmentStatements(theme: string, version: number = ASSESSMENT_VERSION): readonly string[] {
  const set = ASSESSMENT_SETS[version];
  if (!set) return [];
  return set[theme as Theme] ?? set.general ?? [];
}

const uuid = z.uuid();
const statementId = z.string().check(z.regex(/^[A-Za-z]{1,40}$/));

/** How the run calls a participant: a first name, or a participant number. */
export const participantDisplaySchema = z.strictObject({
  kind: z.enum(['name', 'number']),
  value: text(1, 40),
});
export type ParticipantDisplay = z.infer<typeof participantDisplaySchema>;

/** courseParticipant.add@1: a participant joins a run, with consent (record id = participant id). */
export const participantAddSchema = z.strictObject({
  id: z.uuidv7(),
  runId: uuid,
  display: participantDisplaySchema,
  /** The participant agreed to the consent text; nothing is stored without it. */
  consent: z.literal(true),
  consentVersion: text(1, 64),
  consentLanguage: z.enum(LANGUAGES),
  consentedAt: isoDateTime(),
  municipality: z.optional(municipalityCodeSchema),
  /** The kiosk course interest this participant came from (deleted when the participant is stored). */
  fromInterestId: z._default(z.nullable(uuid), null),
});
export type ParticipantAdd = z.infer<typeof participantAddSchema>;
export type ParticipantAddInput = z.input<typeof participantAddSchema>;

/** courseAttendance.mark@1: one tap per person per session (record id = participant id); the latest markedAt counts. */
export const attendanceMarkSchema = z.strictObject({
  runId: uuid,
  participantId: uuid,
  sessionId: uuid,
  present: z.boolean(),
  markedAt: isoDateTime(),
});
export type AttendanceMark = z.infer<typeof attendanceMarkSchema>;

/** courseParticipant.end@1: finished, or stopped with a reason category (record id = participant id); the latest endedAt counts. */
export const participantEndSchema = z
  .strictObject({
    runId: uuid,
    participantId: uuid,
    outcome: z.enum(OUTCOMES),
    stopReason: z._default(z.nullable(z.enum(STOP_REASONS)), null),
    endedAt: isoDateTime(),
  })
  .check(
    z.refine((e) => (e.outcome === 'stopped') === (e.stopReason !== null), {
      message: 'a stopped participant needs a stop reason, a finished one none',
      path: ['stopReason'],
    }),
  );
export type ParticipantEnd = z.infer<typeof participantEndSchema>;
export type ParticipantEndInput = z.input<typeof participantEndSchema>;

/** courseAssessment.create@1: a participant's self-assessment at the start or the end (record id = assessment id). */
export const assessmentSchema = z
  .strictObject({
    id: z.uuidv7(),
    runId: uuid,
    participantId: uuid,
    moment: z.enum(ASSESSMENT_MOMENTS),
    assessmentVersion: int(1, 1000),
    theme: z.enum([...THEMES, 'general']),
    language: z.enum(LANGUAGES),
    /** 1 (not at all) to 5 (very well), per statement answered; a skipped one is left out. */
    answers: list(z.strictObject({ statement: statementId, score: int(1, 5) }), 0, 20),
    answeredAt: isoDateTime(),
  })
  .check(
    z.superRefine((a, ctx) => {
      const set = ASSESSMENT_SETS[a.assessmentVersion];
      if (!set) {
        ctx.addIssue({
          code: 'custom',
          path: ['assessmentVersion'],
          message: `unknown assessment version ${a.assessmentVersion}`,
          input: a.assessmentVersion,
        });
        return;
      }
      const statements = assessmentStatements(a.theme, a.assessmentVersion);
      const seen = new Set<string>();
      a.answers.forEach(({ statement }, i) => {
        if (!statements.includes(statement))
          ctx.addIssue({
            code: 'custom',
            path: ['answers', i, 'statement'],
            message: `no statement "${statement}" for theme ${a.theme} in version ${a.assessmentVersion}`,
            input: statement,
          });
        if (seen.has(statement))
          ctx.addIssue({
            code: 'custom',
            path: ['answers', i, 'statement'],
            message: `statement "${statement}" answered twice`,
            input: statement,
          });
        seen.add(statement);
      });
    }),
  );
export type Assessment = z.infer<typeof assessmentSchema>;
export type AssessmentInput = z.input<typeof assessmentSchema>;

/** A session of a run: when it starts. */
export const runSessionSchema = z.strictObject({ id: uuid, startsAt: isoDateTime() });

/** A participant as desks and the console see them; display is null once retention blanked it. */
export const runParticipantSchema = z.strictObject({
  id: uuid,
  /** 1, 2, 3, … in the order they joined: how a participant is shown once the name is gone. */
  number: int(1, 10_000),
  display: z.nullable(participantDisplaySchema),
  municipality: z.nullable(z.string()),
  outcome: z.nullable(z.enum(OUTCOMES)),
  stopReason: z.nullable(z.enum(STOP_REASONS)),
  /** The sessions this participant was marked present at. */
  present: z.array(uuid),
  /** The self-assessments given so far. */
  assessed: z.array(z.enum(ASSESSMENT_MOMENTS)),
});
export type RunParticipant = z.infer<typeof runParticipantSchema>;

export const courseRunSchema = z.strictObject({
  id: uuid,
  itemId: uuid,
  /** The course's name in Dutch, as the catalogue had it when the run was made. */
  title: z.string(),
  theme: z.enum([...THEMES, 'general']),
  locationId: uuid,
  sessions: z.array(runSessionSchema),
  participants: z.array(runParticipantSchema),
  /** A coordinator closed the run: no more changes from desks. */
  closed: z.boolean(),
});
export type CourseRun = z.infer<typeof courseRunSchema>;

/** GET /api/sync/course-runs: the location's open runs and the kiosk interest a desk may turn into participants. */
export const courseRunsResponseSchema = z.strictObject({
  runs: z.array(courseRunSchema),
  interest: z.array(z.strictObject({ id: uuid, itemId: uuid, firstName: z.string(), createdAt: isoDateTime() })),
});
export type CourseRunsResponse = z.infer<typeof courseRunsResponseSchema>;

/** Console: make a run of a catalogue course, with its sessions. */
export const courseRunCreateSchema = z.strictObject({
  itemId: uuid,
  locationId: uuid,
  sessions: list(isoDateTime(), 1, 100),
});
export type CourseRunCreate = z.infer<typeof courseRunCreateSchema>;

/** Console: add a participant (the coordinator records the consent given). */
export const consoleParticipantSchema = z.strictObject({
  display: participantDisplaySchema,
  consent: z.literal(true),
  consentLanguage: z._default(z.enum(LANGUAGES), 'nl'),
  municipality: z.optional(municipalityCodeSchema),
});

/** Console: turn a kiosk's course interest into a participant of a run in one step. */
export const interestToParticipantSchema = z.strictObject({
  interestId: uuid,
  /** The visitor agreed to the participant consent text (on the phone or at the desk). */
  consent: z.literal(true),
});

export const courseFiguresQuerySchema = z.strictObject({
  from: isoDateTime(),
  to: isoDateTime(),
  location: z.optional(uuid),
  /** A library organisation (uuid): narrows within the console's scope, never widens it (out of scope: 404). */
  organisation: z.optional(uuid),
  /** The participants' municipality: a CBS code, or not_asked for those recorded without one. */
  municipality: z.optional(municipalityFilterSchema),
});

const statementChange = z.strictObject({
  statement: z.string(),
  assessmentVersion: z.number(),
  theme: z.string(),
  /** Participants with both a start and an end score for the statement. */
  pairs: z.number(),
  startAverage: z.nullable(z.number()),
  endAverage: z.nullable(z.number()),
  change: z.nullable(z.number()),
});

export const runFiguresSchema = z.strictObject({
  id: uuid,
  title: z.string(),
  locationName: z.string(),
  firstSession: isoDateTime(),
  lastSession: isoDateTime(),
  sessions: z.number(),
  participants: z.number(),
  finished: z.number(),
  stopped: z.number(),
  /** Present marks / (participants × sessions held so far); null before the first session. */
  attendanceRate: z.nullable(z.number()),
});

/** GET /api/console/courses/figures: runs with a session in the period. */
/** The figures of a period but its runs (also those of the previous period, src/shared/impact.ts). */
export const periodFigures = {
  total: z.strictObject({
    runs: z.number(),
    participants: z.number(),
    finished: z.number(),
    stopped: z.number(),
    attendanceRate: z.nullable(z.number()),
    /** finished / (finished + stopped); null while nobody ended. */
    completionRate: z.nullable(z.number()),
  }),
  stopReasons: z.array(z.strictObject({ key: z.enum(STOP_REASONS), count: z.number() })),
  /** Participants per municipality (CBS code, or not_asked), with how many finished and stopped. */
  municipalities: z.array(z.strictObject({ key: z.string(), participants: z.number(), finished: z.number(), stopped: z.number() })),
  statements: z.array(statementChange),
};
export const courseFiguresSchema = z.strictObject({ runs: z.array(runFiguresSchema), ...periodFigures });
export type CourseFigures = z.infer<typeof courseFiguresSchema>;

/** GET /api/console/courses/runs: the runs in scope, newest first. */
export const courseRunListSchema = z.strictObject({ runs: z.array(courseRunSchema) });

/** Console: a tap on the attendance list. */
export const consoleAttendanceSchema = z.strictObject({ participantId: uuid, sessionId: uuid, present: z.boolean() });
/** Console: how a participant ended. */
export const consoleParticipantEndSchema = z
  .strictObject({ participantId: uuid, outcome: z.enum(OUTCOMES), stopReason: z._default(z.nullable(z.enum(STOP_REASONS)), null) })
  .check(
    z.refine((e) => (e.outcome === 'stopped') === (e.stopReason !== null), {
      message: 'a stopped participant needs a stop reason, a finished one none',
      path: ['stopReason'],
    }),
  );
