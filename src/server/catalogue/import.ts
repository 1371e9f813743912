import type { CatalogueDocument, CatalogueEntityType } from '../../shared/catalogue';
import type { CatalogueImportReport, CatalogueChange } from '../../shared/catalogue-import';
import type { Database, Queryable } from '../store/database';
import { liveIds, planCatalogue, replaceCatalogue, type ReplaceResult, type ReplaceScope } from '../store/catalogue-store';
import { fromCsv } from './csv';
import { decodeUtf8, lostInDecoding, notUtf8Reason } from './csv-encoding';
import { sameJson } from './hsds/graph';
import { keptNotShown, sameRows, writeKept, type KeptHsds } from './hsds/kept';
import { readHsdsJson, readTabularPackage, unzipPackage, type PackageReading } from './hsds/packagings';
import { readHsdsRows, type HsdsReading } from './hsds/read';
import { itemRows, locationRows, organizationRows } from './hsds/render';
import { validateEntities, type ImportIssue, type RawEntity } from './validate';

export type CatalogueFormat = 'hsds' | 'csv';

/** A catalogue file as it arrives: its bytes or text, or the files of a data package by name. */
export type CatalogueInput = string | Uint8Array | Map<string, string | Uint8Array>;

/** By extension first (.json / .zip HSDS, .csv Inloop's spreadsheet), else by content. */
export function detectFormat(fileName: string, text: string): CatalogueFormat {
  if (/\.(json|zip)$/i.test(fileName)) return 'hsds';
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  const t = text.replace(/^\ufeff/, '').trimStart();
  return t.startsWith('{') || t.startsWith('[') || t.startsWith('PK') ? 'hsds' : 'csv';
}

export interface ImportOutcome extends CatalogueImportReport {
  format: CatalogueFormat;
  result?: ReplaceResult;
}

const NO_COUNTS = { organizations: 0, locations: 0, items: 0 };
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function refusal(format: CatalogueFormat, packaging: string, issues: ImportIssue[], dryRun: boolean): ImportOutcome {
  return {
    format,
    packaging,
    dryRun,
    issues,
    notes: [],
    notKept: [],
    keptNotShown: [],
    changes: { added: [], changed: [], removed: [], unchanged: 0 },
    counts: NO_COUNTS,
  };
}

const isZip = (b: Uint8Array) => ZIP_MAGIC.every((x, i) => b[i] === x);

/** The files of a package as text, refusing any that is not UTF-8. */
function packageTexts(files: Map<string, string | Uint8Array>): { texts: Map<string, string>; issues: ImportIssue[] } {
  const texts = new Map<string, string>();
  const issues: ImportIssue[] = [];
  for (const [name, content] of files) {
    const base = name.replace(/^.*[\\/]/, '');
    const text = typeof content === 'string' ? content : decodeUtf8(content);
    if (text === undefined || lostInDecoding(text)) issues.push({ row: base, field: '(encoding)', reason: notUtf8Reason('hsds') });
    else texts.set(base, text);
  }
  return { texts, issues };
}

interface Parsed {
  format: CatalogueFormat;
  packaging: string;
  issues: ImportIssue[];
  raws: RawEntity[];
  scope: ReplaceScope;
  hsds?: { reading: HsdsReading; pkg: PackageReading };
}

async function parse(db: Queryable, fileName: string, file: CatalogueInput): Promise<Parsed | ImportOutcome> {
  if (file instanceof Map || (file instanceof Uint8Array && isZip(file))) {
    let files: Map<string, string | Uint8Array>;
    if (file instanceof Map) files = file;
    else {
      const unzipped = await unzipPackage(file);
      if (!unzipped)
        return refusal(
          'hsds',
          'HSDS Tabular Data Package',
          [{ row: '(file)', field: '(zip)', reason: 'not a ZIP file that can be read' }],
          false,
        );
      files = unzipped;
    }
    const { texts, issues } = packageTexts(files);
    if (issues.length) return refusal('hsds', 'HSDS Tabular Data Package', issues, false);
    if (texts.size === 1 && !texts.has('datapackage.json') && ![...texts.keys()][0]!.endsWith('.csv')) {
      const [name, text] = [...texts][0]!;
      return parse(db, name, text);
    }
    return fromPackage(db, readTabularPackage(texts));
  }
  const decoded = typeof file === 'string' ? file : decodeUtf8(file);
  // Read leniently only to tell which format it was meant to be, for the wording of the refusal.
  const text = decoded ?? new TextDecoder().decode(file as Uint8Array);
  const format = detectFormat(fileName, text);
  if (decoded === undefined || lostInDecoding(decoded))
    return refusal(
      format,
      format === 'csv' ? 'CSV' : 'HSDS JSON',
      [{ row: '(file)', field: '(encoding)', reason: notUtf8Reason(format) }],
      false,
    );
  if (format === 'csv') {
    const parsed = fromCsv(text);
    return { format, packaging: 'CSV', issues: parsed.issues, raws: parsed.raws, scope: 'items' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    return refusal(format, 'HSDS JSON', [{ row: '(file)', field: '(json)', reason: `not valid JSON: ${(err as Error).message}` }], false);
  }
  return fromPackage(db, readHsdsJson(json));
}

async function fromPackage(db: Queryable, pkg: PackageReading): Promise<Parsed> {
  const known = { organizations: new Set(await liveIds(db, 'organization')), locations: new Set(await liveIds(db, 'location')) };
  const reading = readHsdsRows(
    pkg.tables,
    pkg.where,
    pkg.scope === 'services' ? known : { organizations: new Set(), locations: new Set() },
  );
  return {
    format: 'hsds',
    packaging: pkg.packaging,
    issues: [...pkg.issues, ...reading.issues],
    raws: reading.raws,
    scope: pkg.scope,
    hsds: { reading, pkg },
  };
}

/** What to keep per entity: the file's rows when they say more than Inloop's rendering of what it read. */
function keptOf(doc: CatalogueDocument, reading: HsdsReading): Array<{ entity: CatalogueEntityType; id: string; kept?: KeptHsds }> {
  const keep = (entity: CatalogueEntityType, id: string, basis: ReturnType<typeof itemRows>) => {
    const rows = reading.owned.get(id) ?? {};
    return { entity, id, kept: sameRows(rows, basis) ? undefined : { rows, basis, ids: reading.ids.get(id) ?? {} } };
  };
  return [
    ...doc.organizations.map((o) => keep('organization', o.id, organizationRows(o, reading.ids.get(o.id)))),
    ...doc.locations.map((l) => keep('location', l.id, locationRows(l, reading.ids.get(l.id)))),
    ...doc.items.map((i) => keep('item', i.id, itemRows(i, reading.ids.get(i.id)))),
  ];
}

function nameOf(data: unknown): string {
  const n = (data as { name?: unknown } | undefined)?.name;
  return typeof n === 'string' ? n : typeof (n as { nl?: unknown })?.nl === 'string' ? (n as { nl: string }).nl : '';
}

function changedFields(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !sameJson(a[k], b[k])).sort();
}

/**
 * Reads and validates the whole file and, only when it has no problem at all, makes the stored
 * catalogue equal to it in one transaction, with what it holds beyond what Inloop shows kept for
 * export. A dry run does everything but the writing and says what the import would do. HSDS data
 * packages hold the whole catalogue; HSDS JSON its services and the organisations and locations
 * they name; Inloop's CSV its items, whose organisations and locations must already exist.
 */
export async function importCatalogue(
  db: Database,
  fileName: string,
  file: CatalogueInput,
  options: { dryRun?: boolean } = {},
): Promise<ImportOutcome> {
  const dryRun = options.dryRun === true;
  return db.transaction(async (tx) => {
    const parsed = await parse(tx, fileName, file);
    if ('changes' in parsed) return { ...parsed, dryRun };
    if (parsed.format === 'hsds' && !parsed.issues.length && !parsed.raws.some((r) => r.entity === 'item')) {
      const holds = parsed.packaging.match(/one (\w+)\)/)?.[1];
      return refusal(
        'hsds',
        parsed.packaging,
        [
          {
            row: '(file)',
            field: '(document)',
            reason: `holds no services${holds ? ` (only one ${holds})` : ''}; Inloop imports services with their organisations and locations, and importing this would empty the catalogue`,
          },
        ],
        dryRun,
      );
    }
    const known =
      parsed.scope === 'all' ? {} : { organizations: await liveIds(tx, 'organization'), locations: await liveIds(tx, 'location') };
    const { doc, issues } = validateEntities(parsed.raws, known);
    const all = [...parsed.issues, ...issues];
    const counts = { organizations: doc.organizations.length, locations: doc.locations.length, items: doc.items.length };
    const reading = parsed.hsds?.reading;
    const report = {
      format: parsed.format,
      packaging: parsed.packaging,
      dryRun,
      notes: sortIssues(reading?.notes ?? []),
      notKept: [...(parsed.hsds?.pkg.notKept ?? []), ...(reading?.notKept ?? [])],
      counts,
    };
    const empty = { added: [], changed: [], removed: [], unchanged: 0 };
    if (all.length > 0) return { ...report, issues: sortIssues(all), keptNotShown: [], changes: empty };
    if (doc.items.length === 0) {
      const what = parsed.format === 'hsds' ? 'holds no services' : 'holds no item rows';
      return {
        ...report,
        issues: [{ row: '(file)', field: '(document)', reason: `${what}; importing it would empty the catalogue` }],
        keptNotShown: [],
        changes: empty,
      };
    }
    const plan = await planCatalogue(tx, doc, parsed.scope);
    const change = (id: string, entity: CatalogueEntityType, data: unknown, fields?: string[]): CatalogueChange => ({
      entity,
      id,
      name: nameOf(data),
      ...(fields ? { fields } : {}),
    });
    const changes = {
      added: plan.writes.filter((w) => !plan.before.has(w.id)).map((w) => change(w.id, w.entity, w.data)),
      changed: plan.writes
        .filter((w) => plan.before.has(w.id))
        .map((w) => change(w.id, w.entity, w.data, changedFields(plan.before.get(w.id)!.data, w.data))),
      removed: plan.deletes.map((id) => change(id, plan.before.get(id)!.entity, plan.before.get(id)!.data)),
      unchanged: plan.unchanged,
    };
    const kept = reading ? keptOf(doc, reading) : [];
    const notShown = new Map<string, number>();
    for (const k of kept) if (k.kept) for (const [field, n] of keptNotShown(k.kept)) notShown.set(field, (notShown.get(field) ?? 0) + n);
    const keptNotShownList = [...notShown].map(([field, count]) => ({ field, count })).sort((a, b) => a.field.localeCompare(b.field));
    if (dryRun) return { ...report, issues: [], keptNotShown: keptNotShownList, changes };
    const result = await replaceCatalogue(tx, doc, parsed.scope, plan);
    if (reading) await writeKept(tx, kept, plan.deletes);
    else if (plan.deletes.length) await writeKept(tx, [], plan.deletes);
    return { ...report, issues: [], keptNotShown: keptNotShownList, changes, result };
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
