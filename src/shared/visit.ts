import { int, isoDateTime, list, text, z } from './zod';
import { ACTIONS, CHANNELS, DOMAINS, HELP_KINDS, ORGANISATIONS, OUTCOMES, REFERRAL_MODES, TOPICS, ids } from './taxonomy';
import { personalDataKinds } from './privacy';
import { REFERRAL_CODE_PATTERN } from './referral-code';
import { municipalityCodeSchema } from './municipality';
import { MAX_DURATION_SECONDS, MAX_NOTE_LENGTH } from './visit-constants';

/** The privacy guard on free text: a record whose text holds personal data is refused, with the kinds found. */
export const noPersonalData = z.superRefine((value: string | null, ctx) => {
  const kinds = personalDataKinds(value);
  if (kinds.length) ctx.addIssue({ code: 'custom', message: `contains personal data: ${kinds.join(', ')}`, input: value });
});

/**
 * A walk-in visit as recorded on a desk tablet. It deliberately holds no
 * visitor name, number or contact detail (AVG/GDPR: privacy by design).
 */

// Its limits live in visit-constants.ts (no zod), for the desk's first load.
export { MAX_DURATION_SECONDS, MAX_NOTE_LENGTH } from './visit-constants';

export const referralCodeSchema = z.string().check(z.regex(REFERRAL_CODE_PATTERN, 'expected an 8-character referral code'));

const referralTargetSchema = z.discriminatedUnion('kind', [
  // The label is the item's name as the tablet knew it: free text on the wire, so guarded like any other.
  z.strictObject({ kind: z.literal('catalogue'), itemId: z.uuid(), label: text(1, 200).check(noPersonalData) }),
  z.strictObject({ kind: z.literal('partner'), organisation: z.enum(ids(ORGANISATIONS)) }),
  z.strictObject({ kind: z.literal('text'), text: text(1, 200).check(noPersonalData) }),
]);

export const referralSchema = z.strictObject({
  target: referralTargetSchema,
  mode: z.enum(ids(REFERRAL_MODES)),
  /** A follow-up appointment, when one was set. */
  followUpAt: z.optional(isoDateTime()),
  /**
   * The referral code on the visitor's card, made on the tablet (shared/referrals.ts). Optional:
   * tablets before it send none; such a referral counts as referred but cannot be confirmed.
   */
  code: z.optional(referralCodeSchema),
});
export type Referral = z.infer<typeof referralSchema>;

export const questionSchema = z.strictObject({
  helpKind: z.enum(ids(HELP_KINDS)),
  domain: z.enum(ids(DOMAINS)),
  organisation: z.enum(ids(ORGANISATIONS)),
  topic: z.enum(ids(TOPICS)),
  actions: z._default(list(z.enum(ids(ACTIONS)), 0, ACTIONS.length), []),
  outcome: z.enum(ids(OUTCOMES)),
  referrals: z._default(list(referralSchema, 0, 10), []),
});
export type Question = z.infer<typeof questionSchema>;

export const visitSchema = z.strictObject({
  id: z.uuidv7(),
  deviceId: z.uuid(),
  locationId: z.uuid(),
  /** The signed-in volunteer's id, not a name; null before volunteer sign-in exists on the tablet. */
  volunteerId: z.nullable(z.uuid()),
  startedAt: isoDateTime(),
  durationSeconds: int(0, MAX_DURATION_SECONDS),
  channel: z.enum(ids(CHANNELS)),
  returning: z._default(z.nullable(z.boolean()), null),
  /** Language the help was given in, a BCP 47 primary tag. */
  language: z._default(z.nullable(z.string().check(z.regex(/^[a-z]{2,3}$/))), null),
  note: z._default(z.nullable(text(0, MAX_NOTE_LENGTH).check(noPersonalData)), null),
  /** Entered afterwards, e.g. from a paper tally sheet after an outage. */
  backdated: z._default(z.boolean(), false),
  questions: list(questionSchema, 1, 20),
  /**
   * The visitor's municipality (CBS code), one the location serves; left out when not asked.
   * Optional without a default, so a visit sent before this field existed stays the same record.
   */
  municipality: z.optional(municipalityCodeSchema),
});
export type Visit = z.infer<typeof visitSchema>;
export type VisitInput = z.input<typeof visitSchema>;
