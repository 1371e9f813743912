import { z } from './zod';

/**
 * The largest catalogue file the console imports from the browser, in bytes (UTF-8); the
 * browser checks it before sending, the server again. As exported, HSDS JSON takes about
 * 3.9 kB an item and CSV about 0.75 kB, so this fits an HSDS file of about 5,000 items and
 * a CSV of about 26,000. Larger files go through the CLI, which reads them on the server
 * and has no cap.
 */
export const CATALOGUE_IMPORT_MAX_BYTES = 20_000_000;

export const CATALOGUE_IMPORT_CLI = 'npm run inloop -- catalogue:import';

const issue = z.strictObject({ row: z.string(), field: z.string(), reason: z.string() });
const change = z.strictObject({
  entity: z.enum(['organization', 'location', 'item']),
  id: z.string(),
  name: z.string(),
  fields: z.optional(z.array(z.string())),
});

/**
 * What a catalogue import did, or (dry run) would do: the changes item by item, the problems that
 * stop it (then nothing changes), notes that do not, what the file holds that cannot be kept
 * (field and count), and what is kept with the items for export but not shown in Inloop.
 */
export const catalogueImportReportSchema = z.strictObject({
  packaging: z.string(),
  dryRun: z.boolean(),
  issues: z.array(issue),
  notes: z.array(issue),
  notKept: z.array(z.strictObject({ field: z.string(), count: z.number(), reason: z.string() })),
  keptNotShown: z.array(z.strictObject({ field: z.string(), count: z.number() })),
  changes: z.strictObject({ added: z.array(change), changed: z.array(change), removed: z.array(change), unchanged: z.number() }),
  counts: z.strictObject({ organizations: z.number(), locations: z.number(), items: z.number() }),
});
export type CatalogueImportReport = z.infer<typeof catalogueImportReportSchema>;
/** The console import's answer: the report, whether it was (or would be) imported, and each problem as one line. */
export const catalogueImportAnswerSchema = z.extend(catalogueImportReportSchema, {
  ok: z.boolean(),
  /** Each problem as one line: "row, field: reason". */
  problems: z.array(z.string()),
});
export type CatalogueImportAnswer = z.infer<typeof catalogueImportAnswerSchema>;
export type CatalogueChange = z.infer<typeof change>;
