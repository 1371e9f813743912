/**
 * A follow-up's marks and key, without zod: what the desk's first load needs (its pull
 * keeps waiting marks). follow-ups.ts holds the schemas and re-exports this.
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

export function followUpKey(visitId: string, question: number, referral: number): string {
  return `${visitId}/${question}/${referral}`;
}
