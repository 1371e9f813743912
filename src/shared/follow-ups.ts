import { int, isoDateTime, list, z } from './zod';

/**
 * Follow-up appointments belong to the location (docs/referrals.md): every desk there pulls
 * them and may mark one kept, missed or moved. On its own, as the desk loads it at start.
 */

export const FOLLOW_UP_MARKS = ['kept', 'missed', 'moved'] as const;
export type FollowUpMark = (typeof FOLLOW_UP_MARKS)[number];

/** followUp.mark@1's payload (its schema, followUpMarkSchema, is in referrals.ts: the desk's first load needs only the type). */
export interface FollowUpMarkChange {
  id: string;
  visitId: string;
  question: number;
  referral: number;
  mark: FollowUpMark;
  movedTo?: string;
  markedAt: string;
}

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

export function followUpKey(visitId: string, question: number, referral: number): string {
  return `${visitId}/${question}/${referral}`;
}

