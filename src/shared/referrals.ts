import { int, isoDateTime, text, z } from './zod';
import { municipalityFilterSchema } from './municipality-filter';
export {
  FOLLOW_UP_MARKS,
  followUpKey,
  followUpsResponseSchema,
  locationFollowUpSchema,
  type FollowUpMark,
  type FollowUpMarkChange,
  type LocationFollowUp,
} from './follow-ups';
import { FOLLOW_UP_MARKS, type FollowUpMarkChange } from './follow-ups';
import { REFERRAL_CODE_ALPHABET, REFERRAL_CODE_LENGTH, formatReferralCode, newReferralCode, normaliseReferralCode } from './referral-code';
import { referralCodeSchema } from './visit';

export { REFERRAL_CODE_ALPHABET, REFERRAL_CODE_LENGTH, formatReferralCode, newReferralCode, normaliseReferralCode, referralCodeSchema };

/**
 * Referrals that close the loop without knowing the visitor (docs/referrals.md): each
 * referral gets a short code on the tablet, printed on the visitor's card; the partner
 * confirms it with that code on its partner link; follow-up appointments belong to the
 * location and reach every desk there.
 */

/** What a person may type for a code: checked loosely here, normalised and matched by the server. */
export const typedCodeSchema = text(1, 40);

/** What the partner can mark. */
export const PARTNER_STATUSES = ['arrived', 'helped', 'not_eligible', 'no_capacity', 'no_show'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];
export const partnerStatusSchema = z.enum(PARTNER_STATUSES);
/** A referral's state as reports count it: open until the partner answers; no_response once open past the configured weeks. */
export const REFERRAL_STATES = ['open', ...PARTNER_STATUSES, 'no_response'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/** What a partner sees of a referral: never anything about the visitor. */
export const partnerReferralSchema = z.strictObject({
  code: z.string(),
  topic: z.string(),
  /** The course or service (or partner) referred to, as named in the catalogue. */
  what: z.string(),
  referredAt: isoDateTime(),
  location: z.string(),
  status: z.enum(REFERRAL_STATES),
  history: z.array(z.strictObject({ status: partnerStatusSchema, at: isoDateTime() })),
});
export type PartnerReferral = z.infer<typeof partnerReferralSchema>;

export const partnerLookupSchema = z.strictObject({ code: typedCodeSchema });
export const partnerStatusRequestSchema = z.strictObject({ code: typedCodeSchema, status: partnerStatusSchema });
export const partnerLinkInfoSchema = z.strictObject({ organisation: z.string() });

/** followUp.mark@1: a desk marked a follow-up of its location kept, missed or moved. */
export const followUpMarkSchema = z
  .strictObject({
    /** The mark's own id (a UUIDv7 made on the tablet). */
    id: z.uuidv7(),
    visitId: z.uuid(),
    question: int(0, 19),
    referral: int(0, 9),
    mark: z.enum(FOLLOW_UP_MARKS),
    /** The new appointment, for moved. */
    movedTo: z.optional(isoDateTime()),
    markedAt: isoDateTime(),
  })
  .check(
    z.refine((m) => (m.mark === 'moved') === (m.movedTo !== undefined), {
      message: 'movedTo is given for moved, and only then',
      path: ['movedTo'],
    }),
  );
// The shape follow-ups.ts declares for the desk.
const _sameShape: z.infer<typeof followUpMarkSchema> extends FollowUpMarkChange
  ? FollowUpMarkChange extends z.infer<typeof followUpMarkSchema>
    ? true
    : never
  : never = true;
void _sameShape;

// --- Console -----------------------------------------------------------------------

export const partnerLinkCreateSchema = z.strictObject({
  /** The library organisation whose locations' referrals the link confirms. */
  organisationId: z.uuid(),
  /** The partner: an organisation of the catalogue. */
  partnerId: z.uuid(),
  label: z.optional(text(0, 100)),
});
export const partnerLinkSchema = z.strictObject({
  id: z.uuid(),
  organisationId: z.uuid(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  label: z.nullable(z.string()),
  createdAt: isoDateTime(),
  revokedAt: z.nullable(isoDateTime()),
  lastUsedAt: z.nullable(isoDateTime()),
});
export const partnerLinkListSchema = z.strictObject({
  links: z.array(partnerLinkSchema),
  /** The catalogue's organisations a link can be made for (not the library itself). */
  partners: z.array(z.strictObject({ id: z.uuid(), name: z.string() })),
});
/** Made once: the secret is in the link and stored only hashed. */
export const partnerLinkCreatedSchema = z.strictObject({ id: z.uuid(), link: z.string() });

/** The funnel's groupings; one more is one entry here and in the server's DIMENSIONS (store/console/referral-funnel.ts). */
export const FUNNEL_DIMENSIONS = ['partner', 'topic', 'location', 'municipality'] as const;
/** A period as the other reports take it: ISO instants, `to` exclusive; compared with the period of the same length before. */
export const funnelQuerySchema = z.strictObject({
  from: isoDateTime(),
  to: isoDateTime(),
  by: z._default(z.enum(FUNNEL_DIMENSIONS), 'partner'),
  location: z.optional(z.uuid()),
  /** A library organisation (uuid): narrows within the console's scope, never widens it (out of scope: 404). */
  organisation: z.optional(z.uuid()),
  /** The visitor's municipality: a CBS code, or not_asked. */
  municipality: z.optional(municipalityFilterSchema),
  format: z.optional(z.enum(['json', 'csv'])),
});
export const funnelCountsSchema = z.strictObject({
  referred: z.number(),
  /** Referrals with a code the partner could confirm. */
  withCode: z.number(),
  arrived: z.number(),
  helped: z.number(),
  notEligible: z.number(),
  noCapacity: z.number(),
  noShow: z.number(),
  noResponse: z.number(),
  open: z.number(),
});
export type FunnelCounts = z.infer<typeof funnelCountsSchema>;
export const funnelSchema = z.strictObject({
  by: z.enum(FUNNEL_DIMENSIONS),
  period: z.strictObject({ from: z.string(), to: z.string() }),
  previous: z.strictObject({ from: z.string(), to: z.string() }),
  noResponseWeeks: z.number(),
  rows: z.array(z.strictObject({ key: z.string(), label: z.string(), current: funnelCountsSchema, previous: funnelCountsSchema })),
  total: z.strictObject({ current: funnelCountsSchema, previous: funnelCountsSchema }),
});
export type Funnel = z.infer<typeof funnelSchema>;

export const referralListQuerySchema = z.strictObject({
  from: isoDateTime(),
  to: isoDateTime(),
  location: z.optional(z.uuid()),
  code: z.optional(typedCodeSchema),
});
export const referralListSchema = z.strictObject({
  referrals: z.array(
    z.strictObject({
      code: z.nullable(z.string()),
      visitId: z.uuid(),
      referredAt: isoDateTime(),
      location: z.string(),
      topic: z.string(),
      what: z.string(),
      partner: z.nullable(z.string()),
      state: z.enum(REFERRAL_STATES),
      followUpAt: z.nullable(isoDateTime()),
      history: z.array(z.strictObject({ status: partnerStatusSchema, at: isoDateTime(), by: z.nullable(z.string()) })),
    }),
  ),
});
export const consoleFollowUpsSchema = z.strictObject({
  followUps: z.array(
    z.strictObject({
      key: z.string(),
      at: isoDateTime(),
      location: z.string(),
      topic: z.string(),
      what: z.string(),
      code: z.nullable(z.string()),
      state: z.enum(['open', ...FOLLOW_UP_MARKS]),
    }),
  ),
});
