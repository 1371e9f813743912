import { int, isoDateTime, list, text, z } from './zod';
import { CATALOGUE_ENTITY_TYPES } from './catalogue';
import { DEVICE_KINDS, MAX_PUSH_ENTRIES, normaliseEnrolmentCode } from './sync-constants';

// The protocol's plain values live in sync-constants.ts (no zod), so a tablet's first load carries no schema.
export * from './sync-constants';

/**
 * Sync protocol v1, shared by the tablet and the server. See docs/sync-protocol.md.
 */

/** Versioned change types a device may push. A new shape of payload gets a new @version. */
export const CHANGE_TYPES = [
  'visit.create@1',
  'helpRequest.create@1',
  'interest.create@1',
  'helpRequest.take@1',
  'visit.update@1',
  'visit.void@1',
  'tally.create@1',
  'followUp.mark@1',
  'survey.create@1',
  'courseParticipant.add@1',
  'courseAttendance.mark@1',
  'courseParticipant.end@1',
  'courseAssessment.create@1',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const outboxEntrySchema = z.strictObject({
  /** Per-device sequence number: 1, 2, 3, … without gaps, assigned when the record is saved. */
  seq: int(1, Number.MAX_SAFE_INTEGER),
  /** The id of the record the change is about (a UUIDv7 made on the device). */
  recordId: z.uuid(),
  /** Validated per type on the server; an unknown or invalid one is rejected, not refused. */
  type: z.string().check(z.regex(/^[A-Za-z0-9._@-]{1,64}$/, 'expected a change type like visit.create@1')),
  payload: z.unknown(),
  /** When the change was made on the device. */
  createdAt: isoDateTime(),
});
export type OutboxEntryWire = z.infer<typeof outboxEntrySchema>;

export const pushRequestSchema = z.strictObject({
  appVersion: text(1, 40),
  entries: list(outboxEntrySchema, 1, MAX_PUSH_ENTRIES),
  /** What the device still holds unsynced, for the coordinator's device list. */
  pending: z.optional(int(0, 10_000_000)),
  /** The tablet's storage, for the coordinator's device list: may the browser clear it, and how full is it. */
  storage: z.optional(
    z.strictObject({
      persisted: z.nullable(z.boolean()),
      usedBytes: z.optional(int(0, Number.MAX_SAFE_INTEGER)),
      quotaBytes: z.optional(int(0, Number.MAX_SAFE_INTEGER)),
    }),
  ),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const rejectionSchema = z.strictObject({
  seq: int(1, Number.MAX_SAFE_INTEGER),
  recordId: z.uuid(),
  reason: z.string(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

export const pushResponseSchema = z.strictObject({
  /** Every entry up to and including this sequence number is stored (applied or rejected). */
  ack: int(0, Number.MAX_SAFE_INTEGER),
  /**
   * The answer covers the sequence numbers from the request's lowest up to `ack`: what the
   * tablet may now drop from its outbox. `applied`: how many of them are in effect on the
   * server (stored by this delivery or an earlier one, or, for a correction of a visit changed
   * meanwhile, kept beside it for the coordinator). A retry is answered with the same count.
   */
  applied: int(0, Number.MAX_SAFE_INTEGER),
  /** Every one of those sequence numbers the server refused, with its reason: again on every retry. */
  rejected: z.array(rejectionSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** GET /api/sync/state: where the device stands, without pushing. */
export const syncStateSchema = z.strictObject({
  deviceId: z.uuid(),
  /** The device's last stored sequence number: what a push would answer as `ack`. */
  ack: int(0, Number.MAX_SAFE_INTEGER),
  /** How many of its entries the server rejected (kept for the coordinator). */
  rejected: int(0, Number.MAX_SAFE_INTEGER),
});
export type SyncState = z.infer<typeof syncStateSchema>;

const UUID_SHAPE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Protocol 2: "<epoch>.<version>.<horizon>.<id>". */
export const CURSOR_PATTERN = new RegExp(`^[0-9a-f]{16}\\.[0-9]{1,15}\\.[0-9]{1,15}\\.${UUID_SHAPE}$`);
/** Protocol 1: "<version>.<horizon>.<id>", without the epoch. */
export const LEGACY_CURSOR_PATTERN = new RegExp(`^[0-9]{1,15}\\.[0-9]{1,15}\\.${UUID_SHAPE}$`);

/**
 * A pull cursor: "0" to start, else an opaque value from an earlier pull
 * ("<epoch>.<version>.<horizon>.<id>": the database history it belongs to, the last change
 * seen and the tombstone horizon it was issued under; protocol 1 cursors lack the epoch).
 */
export const cursorSchema = z
  .string()
  .check(
    z.maxLength(100),
    z.regex(
      new RegExp(`^(0|${CURSOR_PATTERN.source.slice(1, -1)}|${LEGACY_CURSOR_PATTERN.source.slice(1, -1)})$`),
      'expected a cursor from an earlier pull, or 0',
    ),
  );

export const pullQuerySchema = z.strictObject({
  cursor: z._default(cursorSchema, '0'),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 500),
});

export const catalogueChangeSchema = z.strictObject({
  entity: z.enum(CATALOGUE_ENTITY_TYPES),
  id: z.uuid(),
  /** A tombstone: the entity was deleted on the server. */
  deleted: z.boolean(),
  data: z.optional(z.unknown()),
});
export type CatalogueChange = z.infer<typeof catalogueChangeSchema>;

export const pullResponseSchema = z.strictObject({
  /** The cursor was too old: drop what you have and apply these changes from the start. */
  reset: z.boolean(),
  changes: z.array(catalogueChangeSchema),
  cursor: cursorSchema,
  /** More changes wait after this page. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const enrolRequestSchema = z.strictObject({
  code: z.string().check(
    z.maxLength(40),
    z.refine((c) => /^[A-Z0-9]{8}$/.test(normaliseEnrolmentCode(c)), { message: 'expected an 8-character enrolment code' }),
  ),
  name: z.optional(text(1, 80)),
});

export const enrolResponseSchema = z.strictObject({
  deviceId: z.uuid(),
  token: z.string(),
  kind: z.enum(DEVICE_KINDS),
  location: z.strictObject({ id: z.uuid(), name: z.string() }),
  organisation: z.strictObject({ id: z.uuid(), name: z.string() }),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** Every error the API returns has this shape. */
export const apiErrorSchema = z.strictObject({
  error: z.string(),
  message: z.string(),
  issues: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
