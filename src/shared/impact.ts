import { z } from './zod';
import { MAX_LOCATION_MUNICIPALITIES, municipalitySchema } from './municipality';
import { reportQuery } from './console';
import { periodFigures, runFiguresSchema } from './course-runs';

/**
 * The console's impact contract (routes under /api/console): the municipalities each
 * location serves, and the survey figures. Console only; the tablets never import it.
 */

export const locationMunicipalitiesSchema = z.strictObject({
  municipalities: z.array(municipalitySchema).check(
    z.maxLength(MAX_LOCATION_MUNICIPALITIES),
    z.refine((list) => new Set(list.map((m) => m.code)).size === list.length, 'each municipality once'),
  ),
});
export type LocationMunicipalities = z.infer<typeof locationMunicipalitiesSchema>;

/**
 * One row of survey figures: visits counted, visits with an answer, and per question
 * how many answered it and how many answered the positive end ("yes"; confidence 4 or 5).
 * Shares are worked out by the reader, each over those who answered that question.
 */
const surveyRow = z.strictObject({
  key: z.string(),
  /** Visits of the period in this group (0 for the kiosk row: kiosk answers belong to no visit). */
  visits: z.number(),
  /** Visits with an answer (the kiosk row: answers given on kiosks). */
  answered: z.number(),
  helpedYes: z.number(),
  helpedAnswered: z.number(),
  selfYes: z.number(),
  selfAnswered: z.number(),
  /** Confidence 4 or 5 of 5. */
  confidentHigh: z.number(),
  confidenceAnswered: z.number(),
  confidenceSum: z.number(),
});
export type SurveyRow = z.infer<typeof surveyRow>;

export const surveyFiguresSchema = z.strictObject({
  total: surveyRow,
  /** Answers given on a kiosk, linked to no visit. */
  kiosk: surveyRow,
  topics: z.array(surveyRow),
  helpKinds: z.array(surveyRow),
  locations: z.array(surveyRow),
  municipalities: z.array(surveyRow),
});
export type SurveyFigures = z.infer<typeof surveyFiguresSchema>;

export const impactQuerySchema = z.strictObject(reportQuery);
export const surveyReportSchema = z.strictObject({
  period: z.strictObject({ from: z.string(), to: z.string() }),
  current: surveyFiguresSchema,
  previous: surveyFiguresSchema,
  lastYear: surveyFiguresSchema,
  /** Names of the municipalities the reported locations serve: code → name. */
  municipalityNames: z.record(z.string(), z.string()),
});
export type SurveyReport = z.infer<typeof surveyReportSchema>;

/**
 * GET /api/console/courses/figures: this period's course figures, and the previous period's
 * (of the same length) without its runs. Here, not in course-runs.ts (which desks load):
 * z.record would join the tablets' shared zod chunk and the desk's first-load budget.
 */
export const courseReportSchema = z.strictObject({
  runs: z.array(runFiguresSchema),
  ...periodFigures,
  previous: z.strictObject({ period: z.strictObject({ from: z.string(), to: z.string() }), ...periodFigures }),
  /** Names of the municipalities the reported locations serve: code → name. */
  municipalityNames: z.record(z.string(), z.string()),
});
export type CourseReport = z.infer<typeof courseReportSchema>;
