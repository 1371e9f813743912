import { int, list, text, z } from './zod';
import { HELP_KINDS, OUTCOMES, TOPICS, ids } from './taxonomy';
import { visitSchema } from './visit';
import { VOID_REASONS } from './visit-constants';

/**
 * Corrections, voids and catch-up tallies made on a desk tablet (change types
 * visit.update@1, visit.void@1, tally.create@1). An edit carries the version it
 * was based on: the server applies it when the stored visit is still at that
 * version, and otherwise keeps both and marks a conflict for the coordinator.
 */

/** A visit's first version is 1; every applied correction or void adds one. */
export const FIRST_VISIT_VERSION = 1;

export const visitUpdateSchema = z.strictObject({
  /** The full corrected visit (same id, device and location as the original). */
  visit: visitSchema,
  baseVersion: int(1, 1_000_000),
});
export type VisitUpdate = z.infer<typeof visitUpdateSchema>;

export { VOID_REASONS, type VoidReason } from './visit-constants';

export const visitVoidSchema = z.strictObject({
  visitId: z.uuid(),
  baseVersion: int(1, 1_000_000),
  reason: z.enum(VOID_REASONS),
});
export type VisitVoid = z.infer<typeof visitVoidSchema>;

export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

/** What a tally sheet counts per topic: the kind of help, or the outcome. */
export const TALLY_DIMENSIONS = ['help_kind', 'outcome'] as const;
export type TallyDimension = (typeof TALLY_DIMENSIONS)[number];

export const MAX_TALLY_COUNT = 500;

const tallyCountSchema = z.strictObject({
  topic: z.enum(ids(TOPICS)),
  /** A help kind id or an outcome id, depending on the tally's dimension. */
  value: z.string().check(z.minLength(1), z.maxLength(40)),
  count: int(0, MAX_TALLY_COUNT),
});
export type TallyCount = z.infer<typeof tallyCountSchema>;

const HELP_KIND_IDS: readonly string[] = ids(HELP_KINDS);
const OUTCOME_IDS: readonly string[] = ids(OUTCOMES);

export const tallySchema = z
  .strictObject({
    id: z.uuidv7(),
    deviceId: z.uuid(),
    locationId: z.uuid(),
    volunteerId: z.nullable(z.uuid()),
    /** The day the paper sheet was kept, YYYY-MM-DD (local date at the library). */
    date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    dayPart: z.enum(DAY_PARTS),
    dimension: z.enum(TALLY_DIMENSIONS),
    counts: list(tallyCountSchema, 1, 200),
    note: z._default(z.nullable(text(0, 200)), null),
  })
  .check(
    z.refine((t) => !Number.isNaN(Date.parse(`${t.date}T12:00:00Z`)), { message: 'not a real date', path: ['date'] }),
    z.refine((t) => t.counts.every((c) => (t.dimension === 'help_kind' ? HELP_KIND_IDS : OUTCOME_IDS).includes(c.value)), {
      message: 'a count names a value that does not belong to the tally dimension',
      path: ['counts'],
    }),
    z.refine((t) => new Set(t.counts.map((c) => `${c.topic}|${c.value}`)).size === t.counts.length, {
      message: 'the same category is counted twice',
      path: ['counts'],
    }),
  );
export type Tally = z.infer<typeof tallySchema>;
export type TallyInput = z.input<typeof tallySchema>;
