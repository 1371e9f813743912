import { int, isoDateTime, list, text, z } from './zod';
import { LANGUAGES } from './i18n-text';
import { municipalityCodeSchema } from './municipality';
import { noPersonalData } from './visit';

/**
 * The visitor survey (IDO impact measurement that visitors fill in themselves): after a
 * walk-in visit on the desk tablet handed over, or on a kiosk's start screen. One question
 * per screen, answered with large pictograms; any question may be skipped.
 *
 * The question set is versioned data: every answer stores the version it was given under,
 * so when questions change, a new version is added here and old answers stay comparable
 * (reports count a question by its id within its version). Never edit a shipped version.
 * The texts are in the app's locale files (survey.json), keyed by version and question id.
 */

/** Three pictograms (faces or thumbs): no, partly / maybe, yes. */
export const THREE_CHOICES = ['no', 'partly', 'yes'] as const;
/** Five faces, from very unhappy (1) to very happy (5). */
export const FIVE_CHOICES = ['1', '2', '3', '4', '5'] as const;

export type SurveyScale = 'faces3' | 'thumbs3' | 'faces5';

export interface SurveyQuestion {
  id: string;
  scale: SurveyScale;
  /** A "yes" to this question offers the course-interest flow right there. */
  offersCourses?: boolean;
}

export const SURVEY_SETS: Record<number, readonly SurveyQuestion[]> = {
  1: [
    { id: 'helped', scale: 'faces3' },
    { id: 'selfNextTime', scale: 'thumbs3' },
    { id: 'confidence', scale: 'faces5' },
    { id: 'learnMore', scale: 'thumbs3', offersCourses: true },
    { id: 'recommend', scale: 'faces3' },
  ],
};

/** The version a tablet asks now. */
export const SURVEY_VERSION = 1;

export function surveyQuestions(version: number = SURVEY_VERSION): readonly SurveyQuestion[] {
  return SURVEY_SETS[version] ?? [];
}

export function choicesOf(scale: SurveyScale): readonly string[] {
  return scale === 'faces5' ? FIVE_CHOICES : THREE_CHOICES;
}

export const MAX_SURVEY_COMMENT = 300;

/**
 * One visitor's answers. Anonymous by construction: no name, no contact, no visitor
 * identifier; linked only to the visit it followed (null on a kiosk), so results can be
 * broken down by the visit's topic, help kind, location and period, and nothing ties two
 * answers of one person together. The optional comment goes through the privacy guard.
 */
export const surveyResponseSchema = z
  .strictObject({
    id: z.uuidv7(),
    deviceId: z.uuid(),
    locationId: z.uuid(),
    /** The visit the desk recorded just before handing the tablet over; null when given on a kiosk. */
    visitId: z.nullable(z.uuidv7()),
    surveyVersion: int(1, 1000),
    /** The language the visitor answered in. */
    language: z.enum(LANGUAGES),
    /** The visitor's municipality: the visit's, or chosen on the kiosk; left out when not asked. */
    municipality: z.optional(municipalityCodeSchema),
    /** One per question answered, in the order asked; a skipped question is left out. */
    answers: list(
      z.strictObject({ question: z.string().check(z.regex(/^[A-Za-z]{1,40}$/)), choice: z.string().check(z.maxLength(10)) }),
      0,
      20,
    ),
    comment: z._default(z.nullable(text(0, MAX_SURVEY_COMMENT).check(noPersonalData)), null),
    answeredAt: isoDateTime(),
  })
  .check(
    z.superRefine((r, ctx) => {
      const set = SURVEY_SETS[r.surveyVersion];
      if (!set) {
        ctx.addIssue({
          code: 'custom',
          path: ['surveyVersion'],
          message: `unknown survey version ${r.surveyVersion}`,
          input: r.surveyVersion,
        });
        return;
      }
      const seen = new Set<string>();
      r.answers.forEach(({ question, choice }, i) => {
        const q = set.find((s) => s.id === question);
        if (!q)
          ctx.addIssue({
            code: 'custom',
            path: ['answers', i, 'question'],
            message: `no question "${question}" in survey version ${r.surveyVersion}`,
            input: question,
          });
        else if (!choicesOf(q.scale).includes(choice))
          ctx.addIssue({
            code: 'custom',
            path: ['answers', i, 'choice'],
            message: `"${choice}" is not a choice of question "${question}"`,
            input: choice,
          });
        if (seen.has(question))
          ctx.addIssue({
            code: 'custom',
            path: ['answers', i, 'question'],
            message: `question "${question}" answered twice`,
            input: question,
          });
        seen.add(question);
      });
    }),
  );
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;
export type SurveyResponseInput = z.input<typeof surveyResponseSchema>;

/** The answers as question id → choice (how the server stores them, for counting). */
export function answersByQuestion(response: Pick<SurveyResponse, 'answers'>): Record<string, string> {
  return Object.fromEntries(response.answers.map((a) => [a.question, a.choice]));
}
