import type { CatalogueDocument } from '../../shared/catalogue';
import type { Database } from '../store/database';
import { liveIds, replaceCatalogue, type ReplaceResult } from '../store/catalogue-store';
import { fromCsv } from './csv';
import { fromHsds } from './hsds';
import { decodeUtf8, lostInDecoding, notUtf8Reason } from './csv-encoding';
import { validateEntities, type ImportIssue } from './validate';

export type CatalogueFormat = 'hsds' | 'csv';

/** By extension first (.json / .csv), else by content: a JSON object or not. */
export function detectFormat(fileName: string, text: string): CatalogueFormat {
  if (/\.json$/i.test(fileName)) return 'hsds';
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  return text.replace(/^\ufeff/, '').trimStart().startsWith('{') ? 'hsds' : 'csv';
}

export interface ImportOutcome {
  format: CatalogueFormat;
  /** Every problem found; when there is any, nothing was changed. */
  issues: ImportIssue[];
  result?: ReplaceResult;
  counts: { organizations: number; locations: number; items: number };
}

/**
 * Validates the whole file and, only when it has no problem at all, makes the
 * stored catalogue equal to it in one transaction. HSDS holds the whole catalogue;
 * the CSV holds items only, whose organisations and locations must already exist.
 * The file comes as its bytes (the CLI) or as text decoded elsewhere (the console).
 */
export async function importCatalogue(db: Database, fileName: string, file: string | Uint8Array): Promise<ImportOutcome> {
  const decoded = typeof file === 'string' ? file : decodeUtf8(file);
  // Read leniently only to tell which format it was meant to be, for the wording of the refusal.
  const text = decoded ?? new TextDecoder().decode(file as Uint8Array);
  const format = detectFormat(fileName, text);
  if (decoded === undefined || lostInDecoding(decoded)) {
    return { format, issues: [{ row: '(file)', field: '(encoding)', reason: notUtf8Reason(format) }], counts: { organizations: 0, locations: 0, items: 0 } };
  }
  let parsed: ReturnType<typeof fromCsv>;
  if (format === 'hsds') {
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\ufeff/, ''));
    } catch (err) {
      return { format, issues: [{ row: '(file)', field: '(json)', reason: `not valid JSON: ${(err as Error).message}` }], counts: { organizations: 0, locations: 0, items: 0 } };
    }
    parsed = fromHsds(json);
  } else {
    parsed = fromCsv(text);
  }
  return db.transaction(async (tx) => {
    const known =
      format === 'csv' ? { organizations: await liveIds(tx, 'organization'), locations: await liveIds(tx, 'location') } : {};
    const { doc, issues } = validateEntities(parsed.raws, known);
    const all = [...parsed.issues, ...issues];
    const counts = { organizations: doc.organizations.length, locations: doc.locations.length, items: doc.items.length };
    if (all.length > 0) return { format, issues: sortIssues(all), counts };
    if (doc.items.length === 0) {
      const what = format === 'hsds' ? 'holds no services' : 'holds no item rows';
      return { format, issues: [{ row: '(file)', field: '(document)', reason: `${what}; importing it would empty the catalogue` }], counts };
    }
    const result = await replaceCatalogue(tx, doc, format === 'csv' ? 'items' : 'all');
    return { format, issues: [], result, counts };
  });
}

function rowOrder(row: string): [string, number] {
  const m = /^(.*?)(\d+)\]?$/.exec(row);
  return m ? [m[1]!, Number(m[2])] : [row, -1];
}

function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort((a, b) => {
    const [pa, na] = rowOrder(a.row);
    const [pb, nb] = rowOrder(b.row);
    return pa === pb ? na - nb : pa < pb ? -1 : 1;
  });
}

export type { CatalogueDocument };
