import { isoDateTime, list, text, z } from './zod';
import { outboxEntrySchema } from './sync';

/**
 * A tablet's unsynced entries saved to a file (emergency export), for when a
 * tablet can no longer reach the server. A coordinator imports it on the server
 * (npm run inloop -- outbox:import FILE); the push rules make that import
 * idempotent: entries the server already has are skipped.
 */
export const OUTBOX_EXPORT_FORMAT = 'inloop-outbox@1';

export const outboxExportSchema = z.strictObject({
  format: z.literal(OUTBOX_EXPORT_FORMAT),
  deviceId: z.uuid(),
  locationId: z.uuid(),
  exportedAt: isoDateTime(),
  appVersion: text(0, 40),
  entries: list(outboxEntrySchema, 0, 1_000_000),
});
export type OutboxExport = z.infer<typeof outboxExportSchema>;
