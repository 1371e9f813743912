import { int, isoDateTime, list, z } from './zod';
import { FOLLOW_UP_MARKS } from './follow-up-marks';

/**
 * Follow-up appointments belong to the location (docs/referrals.md): every desk there pulls
 * them and may mark one kept, missed or moved. On its own, as the desk loads it at start.
 */

// The marks and keys live in follow-up-marks.ts (no zod), for the desk's pull at first load.
export * from './follow-up-marks';

/** One follow-up of the location, as a desk pulls it. `key`: visitId/question/referral. */
export const locationFollowUpSchema = z.strictObject({
  key: z.string(),
  visitId: z.uuid(),
  question: int(0, 19),
  referral: int(0, 9),
  /** When it is now (after any move). */
  at: isoDateTime(),
  topic: z.string(),
  organisation: z.string(),
  what: z.string(),
  code: z.nullable(z.string()),
  state: z.enum(['open', ...FOLLOW_UP_MARKS]),
  markedAt: z.nullable(isoDateTime()),
  visitStartedAt: isoDateTime(),
});
export type LocationFollowUp = z.infer<typeof locationFollowUpSchema>;
export const followUpsResponseSchema = z.strictObject({ followUps: list(locationFollowUpSchema, 0, 5000) });
