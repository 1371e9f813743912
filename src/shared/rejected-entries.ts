import { z } from './zod';

/**
 * The console's view of rejected entries (routes under /api/console/rejected-entries): what a
 * tablet sent that the server refused, kept with the reason and with personal data redacted.
 */

export const REJECTED_ENTRY_STATES = ['open', 'handled', 'all'] as const;

export const rejectedEntryQuerySchema = z.strictObject({
  /** The tablet whose rejected entries are asked for. */
  device: z.uuid(),
  state: z._default(z.enum(REJECTED_ENTRY_STATES), 'open'),
});

export const rejectedEntryExportQuerySchema = z.extend(rejectedEntryQuerySchema, { format: z.enum(['csv']) });

export const rejectedEntryParamsSchema = z.strictObject({ id: z.pipe(z.string().check(z.regex(/^[1-9]\d{0,14}$/)), z.transform(Number)) });

export const rejectedEntrySchema = z.strictObject({
  id: z.number(),
  deviceSeq: z.number(),
  recordId: z.uuid(),
  changeType: z.string(),
  reason: z.string(),
  /** What the tablet sent, with every finding of the privacy guard replaced by its kind ("[bsn]", "[address]"). */
  payload: z.unknown(),
  receivedAt: z.string(),
  handledAt: z.nullable(z.string()),
  /** The e-mail address of the console user who marked it handled. */
  handledBy: z.nullable(z.string()),
});
export type RejectedEntry = z.infer<typeof rejectedEntrySchema>;

export const rejectedEntryListSchema = z.strictObject({
  device: z.strictObject({ id: z.uuid(), kind: z.enum(['desk', 'kiosk']), name: z.nullable(z.string()), locationName: z.string() }),
  entries: z.array(rejectedEntrySchema),
  /** More entries are kept than the list shows (the newest are shown); the export has them all. */
  truncated: z.boolean(),
});
export type RejectedEntryList = z.infer<typeof rejectedEntryListSchema>;
