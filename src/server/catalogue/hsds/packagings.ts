import JSZip from 'jszip';
import type { CatalogueDocument } from '../../../shared/catalogue';
import { parseCsvRecords } from '../csv';
import type { ImportIssue } from '../validate';
import {
  RowCollector,
  RowIndex,
  flattenRecord,
  isRecord,
  nestRecord,
  ordered,
  tableOfKey,
  unstorable,
  type Row,
  type Tables,
} from './graph';
import { mergeKept, type KeptHsds } from './kept';
import { itemRows, locationRows, organizationRows } from './render';
import { HSDS_TABLES, TABLE, type FieldDef, type FieldType, type TableName } from './tables';
import { vocabularyRows } from './vocabulary';

/**
 * HSDS 3.0's own packagings, both ways:
 * - the **Tabular Data Package**: `datapackage.json` and one CSV per table, as in the
 *   specification's `examples/csv`, written as a folder or a ZIP file;
 * - the **JSON list of compiled services** (`schema/compiled/service_package.json`): each
 *   service with its organisation, schedules, service_at_locations and their locations inside.
 * Other HSDS JSON is read too: a single service, organisation, location or service_at_location
 * (`*_full.json`), an API page (`{"contents": [...]}`) and tables as JSON (`tabular.json`).
 */

export const HSDS_VERSION = '3.0';

/** Inloop's extension fields, declared in the datapackage.json it writes. */
const EXTENSION_FIELDS: Partial<Record<TableName, Record<string, { type: FieldType; description: string }>>> = {
  organization: {
    x_inloop_is_library: { type: 'boolean', description: 'Inloop: true for the library organisation itself.' },
    x_inloop_translations: {
      type: 'object',
      description: 'Inloop: the description in other languages, e.g. {"description": {"en": "…"}}.',
    },
  },
  service: {
    x_inloop_keywords: { type: 'array', description: 'Inloop: everyday words that should find it in search.' },
    x_inloop_sign_up_url: { type: 'string', description: 'Inloop: the web page to sign up on.' },
    x_inloop_translations: {
      type: 'object',
      description: 'Inloop: name, description, eligibility, cost_note and sign_up_note in other languages (en ar tr pl uk).',
    },
  },
  cost_option: {
    x_inloop_amount_eur: { type: 'number', description: 'Inloop: the price in euros a free item still names (Inloop shows it as free).' },
  },
  schedule: {
    x_inloop_end: { type: 'string', description: "Inloop: the session's end (ISO 8601), when closes_at on the start's day cannot say it." },
    x_inloop_rrule: {
      type: 'string',
      description: "Inloop: the session's RFC 5545 RRULE as written in Inloop, when the fields above do not give it in the same words.",
    },
    x_inloop_seats: { type: 'integer', description: 'Inloop: seats in the course session.' },
    x_inloop_start: {
      type: 'string',
      description:
        "Inloop: the session's start (ISO 8601) as written in Inloop, when dtstart, opens_at and timezone give the same moment in other words.",
    },
    x_inloop_time_zone: {
      type: 'string',
      description:
        'Inloop: "Europe/Amsterdam": the clock times are Dutch time, summer time included; timezone is the UTC offset of the first session.',
    },
  },
};

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

/** Every row Inloop exports: each entity's, with what an import kept merged in, and Inloop's taxonomies. */
export function catalogueRows(doc: CatalogueDocument, kept: Map<string, KeptHsds>): Tables {
  const out: Tables = {};
  const seen = new Map<string, Row>();
  const add = (tables: Tables) => {
    for (const [t, rows] of Object.entries(tables) as Array<[TableName, Row[]]>) {
      for (const row of rows) {
        const key = `${t}:${String(row.id)}`;
        if (seen.has(key)) continue; // a record two items share (a kept taxonomy term) is written once
        seen.set(key, row);
        (out[t] ??= []).push(ordered(t, row));
      }
    }
  };
  const merged = (id: string, tables: Tables) => (kept.has(id) ? mergeKept(tables, kept.get(id)!) : tables);
  for (const o of doc.organizations) add(merged(o.id, organizationRows(o, kept.get(o.id)?.ids)));
  for (const l of doc.locations) add(merged(l.id, locationRows(l, kept.get(l.id)?.ids)));
  for (const i of doc.items) add(merged(i.id, itemRows(i, kept.get(i.id)?.ids)));
  add(vocabularyRows());
  return out;
}

/** The JSON list of compiled services: each service with everything that belongs to it inside. */
export function toServiceList(tables: Tables): string {
  const index = new RowIndex(tables);
  // A compiled service's organisation holds its own details, not all its services and locations again;
  // a service_at_location holds its location, not the service it sits in.
  const skip = (table: TableName, key: string) =>
    (table === 'organization' && (key === 'services' || key === 'locations')) || (table === 'service_at_location' && key === 'service');
  const services = (tables.service ?? []).map((s) => nestRecord(index, 'service', s, skip));
  return JSON.stringify(services, null, 2) + '\n';
}

function columnsOf(table: TableName, rows: Row[]): Array<{ name: string; def?: FieldDef; ext?: { type: FieldType; description: string } }> {
  const official = TABLE[table].fields.map((f) => ({ name: f.name, def: f }));
  const names = new Set(official.map((f) => f.name));
  const extra = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !names.has(k)).sort();
  return [
    ...official,
    ...extra.map((name) => ({
      name,
      ext: EXTENSION_FIELDS[table]?.[name] ?? {
        type: inferType(rows.map((r) => r[name])),
        description: 'An extension field kept from an imported file.',
      },
    })),
  ];
}

function inferType(values: unknown[]): FieldType {
  const present = values.filter((v) => v !== undefined && v !== null);
  if (present.length && present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.length && present.every((v) => typeof v === 'number')) return 'number';
  if (present.length && present.every((v) => Array.isArray(v))) return 'array';
  if (present.length && present.every((v) => isRecord(v))) return 'object';
  return 'string';
}

function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const csvQuote = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The Tabular Data Package: one CSV per table that has rows (comma-separated, CRLF, UTF-8, as the
 * specification's examples), and a datapackage.json describing exactly those tables with the
 * official field definitions, foreign keys among them, and Inloop's extension fields.
 */
export function toTabularPackage(tables: Tables): Map<string, string> {
  const files = new Map<string, string>();
  const present = HSDS_TABLES.filter((t) => (tables[t.name] ?? []).length > 0);
  const resources = present.map((t) => {
    const rows = tables[t.name]!;
    const columns = columnsOf(t.name, rows);
    const lines = [columns.map((c) => c.name).join(','), ...rows.map((r) => columns.map((c) => csvQuote(cellText(r[c.name]))).join(','))];
    files.set(t.path, lines.join('\r\n') + '\r\n');
    const foreignKeys = Object.entries(t.foreignKeys)
      .filter(([, target]) => present.some((p) => p.name === target))
      .map(([field, target]) => ({ fields: field, reference: { resource: target, fields: 'id' } }));
    return {
      name: t.name,
      path: t.path,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      profile: 'tabular-data-resource',
      schema: {
        fields: columns.map((c) =>
          c.def
            ? {
                name: c.name,
                type: c.def.type,
                ...(c.def.format ? { format: c.def.format } : {}),
                constraints: {
                  required: c.def.required === true,
                  ...(c.def.enum ? { enum: c.def.enum } : {}),
                  ...(c.name === 'id' ? { unique: true } : {}),
                },
              }
            : { name: c.name, type: c.ext!.type, description: c.ext!.description },
        ),
        primaryKey: 'id',
        ...(foreignKeys.length ? { foreignKeys } : {}),
      },
    };
  });
  const descriptor = {
    name: 'inloop-catalogue',
    title: 'Inloop catalogue (courses and help of the library walk-in desks)',
    description:
      'Human Services Data Specification (HSDS) 3.0 Tabular Data Package written by Inloop. Fields named x_inloop_… are Inloop extensions.',
    profile: 'tabular-data-package',
    hsds_version: HSDS_VERSION,
    resources,
  };
  files.set('datapackage.json', JSON.stringify(descriptor, null, 2) + '\n');
  return files;
}

/** The package as one ZIP file (fixed dates, so the same catalogue gives the same bytes). */
export async function zipFiles(files: Map<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2024, 0, 1));
  for (const name of [...files.keys()].sort((a, b) =>
    a === 'datapackage.json' ? -1 : b === 'datapackage.json' ? 1 : a.localeCompare(b),
  )) {
    zip.file(name, files.get(name)!, { date, createFolders: false });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

export interface PackageReading {
  tables: Tables;
  where: (table: TableName, id: string) => string;
  issues: ImportIssue[];
  /** Conflicting copies and parts of the file that are not catalogue data. */
  notKept: Array<{ field: string; count: number; reason: string }>;
  /** 'all' when the file holds every table (a data package: what it lacks is removed), 'services' when it holds services and what they name. */
  scope: 'all' | 'services';
  packaging: string;
}

function detectRecordType(o: Row): TableName | undefined {
  const has = (...keys: string[]) => keys.some((k) => k in o);
  if (has('status', 'service_at_locations', 'program', 'cost_options', 'service_areas', 'required_documents')) return 'service';
  if (has('location_type', 'addresses', 'accessibility', 'latitude', 'longitude', 'transportation')) return 'location';
  if (has('service', 'location') || ('service_id' in o && 'location_id' in o)) return 'service_at_location';
  if (
    has(
      'services',
      'locations',
      'programs',
      'organization_identifiers',
      'year_incorporated',
      'legal_status',
      'tax_status',
      'website',
      'logo',
      'parent_organization_id',
    )
  )
    return 'organization';
  if (has('taxonomy_detail', 'parent_id', 'term_uri', 'taxonomy', 'code')) return 'taxonomy_term';
  if (has('version', 'uri') && has('name')) return 'taxonomy';
  if (has('name') && has('description')) return 'organization';
  return undefined;
}

function conflictsNotKept(collector: RowCollector): PackageReading['notKept'] {
  const counts = new Map<string, number>();
  for (const c of collector.conflicts)
    counts.set(
      `${TABLE[c.table].path.replace(/\.csv$/, '')}.${c.field}`,
      (counts.get(`${TABLE[c.table].path.replace(/\.csv$/, '')}.${c.field}`) ?? 0) + 1,
    );
  return [...counts].map(([field, count]) => ({
    field,
    count,
    reason: 'a second copy of the same record with another value: the first copy is kept',
  }));
}

/** Any HSDS JSON: a list of services, an API page, one record, or tables as JSON. */
export function readHsdsJson(json: unknown): PackageReading {
  const collector = new RowCollector();
  const reading = (scope: PackageReading['scope'], packaging: string, extra: PackageReading['notKept'] = []): PackageReading => ({
    tables: collector.tables,
    where: (t, id) => collector.whereIs(t, id),
    issues: collector.issues.map((i) => ({ row: i.at, field: i.field, reason: i.reason })),
    notKept: [...conflictsNotKept(collector), ...extra],
    scope,
    packaging,
  });
  const fail = (reason: string): PackageReading => ({
    tables: {},
    where: (t, id) => `${t} ${id}`,
    issues: [{ row: '(file)', field: '(document)', reason }],
    notKept: [],
    scope: 'services',
    packaging: 'HSDS JSON',
  });

  const records = (list: unknown[], at: string) =>
    list.forEach((el, i) => {
      const type = isRecord(el) ? detectRecordType(el) : undefined;
      const where = `${type ? `${type === 'service' ? 'services' : `${type}s`}` : at}[${i}]`;
      if (!type)
        return void collector.issues.push({
          at: `${at}[${i}]`,
          field: '(record)',
          reason: 'not an HSDS service, organization, location or service_at_location',
        });
      flattenRecord(collector, type, el, where);
    });

  if (Array.isArray(json)) {
    records(json, 'services');
    return reading('services', 'HSDS JSON (list of compiled services)');
  }
  if (!isRecord(json)) return fail('expected HSDS JSON: a list of services, or an object');
  if ('openapi_url' in json || ('profile' in json && 'version' in json && Object.keys(json).length <= 4)) {
    return fail('this is the description of an HSDS API (like base.json), not catalogue data: it holds no services');
  }
  if (Array.isArray(json.contents)) {
    records(json.contents, 'contents');
    const pageKeys = Object.keys(json).filter((k) => k !== 'contents');
    return reading(
      'services',
      'HSDS JSON (API page)',
      pageKeys.length ? [{ field: pageKeys.join(', '), count: 1, reason: 'paging details of an API answer, not catalogue data' }] : [],
    );
  }
  // Tables as JSON (tabular.json, Inloop's files before HSDS packagings): lists keyed by table, no record of its own.
  const tableKeys = 'id' in json ? [] : Object.keys(json).filter((k) => Array.isArray(json[k]) && tableOfKey(k));
  if (tableKeys.length) {
    for (const k of tableKeys) (json[k] as unknown[]).forEach((el, i) => flattenRecord(collector, tableOfKey(k)!, el, `${k}[${i}]`));
    const rest = Object.keys(json).filter((k) => !tableKeys.includes(k) && !['hsds_version', 'generator'].includes(k));
    return reading('all', 'HSDS JSON (tables)', rest.length ? [{ field: rest.join(', '), count: 1, reason: 'not an HSDS table' }] : []);
  }
  const type = detectRecordType(json);
  if (!type) return fail('not an HSDS record: expected a service, organization, location or service_at_location');
  flattenRecord(collector, type, json, type);
  return reading('services', `HSDS JSON (one ${type})`);
}

function castCell(text: string, type: FieldType): { value?: unknown; error?: string } {
  if (text === '') return {};
  switch (type) {
    case 'number':
    case 'integer': {
      const n = Number(text.trim());
      if (text.trim() === '' || Number.isNaN(n) || (type === 'integer' && !Number.isInteger(n)))
        return { error: `${JSON.stringify(text).slice(0, 40)} is not a${type === 'integer' ? 'n integer' : ' number'}` };
      return { value: n };
    }
    case 'boolean': {
      const v = text.trim().toLowerCase();
      if (['true', 'yes', '1'].includes(v)) return { value: true };
      if (['false', 'no', '0'].includes(v)) return { value: false };
      return { error: `${JSON.stringify(text).slice(0, 40)} is not true or false` };
    }
    case 'object':
    case 'array': {
      try {
        const v = JSON.parse(text) as unknown;
        if (type === 'array' ? !Array.isArray(v) : !isRecord(v)) throw new Error();
        return { value: v };
      } catch {
        return { error: `${JSON.stringify(text).slice(0, 40)} is not a JSON ${type}` };
      }
    }
    default:
      return { value: text };
  }
}

/**
 * A Tabular Data Package from its files (names relative to the package's folder). The CSVs are
 * read with the field types of its datapackage.json (the official ones when it has none).
 */
export function readTabularPackage(files: Map<string, string>): PackageReading {
  const issues: ImportIssue[] = [];
  const notKept: PackageReading['notKept'] = [];
  const where = new Map<string, string>();
  const tables: Tables = {};
  let descriptor: Row | undefined;
  const dp = files.get('datapackage.json');
  if (dp !== undefined) {
    try {
      const parsed = JSON.parse(dp.replace(/^\ufeff/, '')) as unknown;
      if (isRecord(parsed)) descriptor = parsed;
      else issues.push({ row: 'datapackage.json', field: '(document)', reason: 'expected a JSON object with resources' });
    } catch (err) {
      issues.push({ row: 'datapackage.json', field: '(json)', reason: `not valid JSON: ${(err as Error).message}` });
    }
  }
  const declared = new Map<string, Map<string, FieldType>>();
  for (const r of Array.isArray(descriptor?.resources) ? descriptor.resources : []) {
    if (!isRecord(r) || typeof r.path !== 'string') continue;
    const fields = isRecord(r.schema) && Array.isArray(r.schema.fields) ? r.schema.fields : [];
    declared.set(r.path, new Map(fields.filter(isRecord).map((f) => [String(f.name), String(f.type ?? 'string') as FieldType])));
  }
  for (const name of [...files.keys()].sort()) {
    if (name === 'datapackage.json') continue;
    const table = HSDS_TABLES.find((t) => t.path === name);
    if (!table) {
      if (/\.csv$/i.test(name)) notKept.push({ field: name, count: 1, reason: 'not a table of HSDS 3.0' });
      continue;
    }
    const text = files.get(name)!.replace(/^\ufeff/, '');
    const records = parseCsvRecords(text, ',');
    const header = (records[0] ?? []).map((h) => h.trim());
    const types = declared.get(name);
    const official = new Map<string, FieldType>(TABLE[table.name].fields.map((f) => [f.name, f.type]));
    const rows: Row[] = [];
    records.slice(1).forEach((cells, i) => {
      if (cells.every((c) => c.trim() === '')) return;
      const at = `${name} row ${i + 2}`;
      const row: Row = {};
      header.forEach((h, c) => {
        if (!h) return;
        const { value, error } = castCell(cells[c] ?? '', types?.get(h) ?? official.get(h) ?? 'string');
        const why = error ?? unstorable(value);
        if (why) issues.push({ row: at, field: h, reason: why });
        else if (value !== undefined) row[h] = value;
      });
      if (typeof row.id !== 'string' || !row.id) {
        issues.push({ row: at, field: 'id', reason: 'missing: HSDS gives every record an id' });
        return;
      }
      const key = `${table.name}:${row.id}`;
      if (where.has(key)) {
        issues.push({ row: at, field: 'id', reason: `duplicate id ${String(row.id)} (also in ${where.get(key)})` });
        return;
      }
      where.set(key, at);
      rows.push(row);
    });
    if (rows.length) tables[table.name] = rows;
  }
  if (!Object.keys(tables).length && !issues.length)
    issues.push({ row: '(file)', field: '(document)', reason: 'no HSDS table (services.csv, organizations.csv, …) in the package' });
  return {
    tables,
    where: (t, id) => where.get(`${t}:${id}`) ?? `${TABLE[t].path} ${id}`,
    issues,
    notKept,
    scope: 'all',
    packaging: 'HSDS Tabular Data Package',
  };
}

/** The files of a ZIP, relative to the folder holding datapackage.json (or the top). */
export async function unzipPackage(bytes: Uint8Array): Promise<Map<string, Uint8Array> | undefined> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return undefined;
  }
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir && !n.startsWith('__MACOSX/'));
  const dp = names.find((n) => n === 'datapackage.json' || n.endsWith('/datapackage.json'));
  const root = dp ? dp.slice(0, -'datapackage.json'.length) : '';
  const out = new Map<string, Uint8Array>();
  for (const n of names)
    if (n.startsWith(root) && !n.slice(root.length).includes('/')) out.set(n.slice(root.length), await zip.files[n]!.async('uint8array'));
  return out;
}
