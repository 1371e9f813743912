import { HSDS_TABLES, TABLE, type TableName } from './tables';

/**
 * HSDS records as rows of the Tabular Data Package's tables, whichever packaging they came in.
 * The JSON packagings nest records (a service holds its schedules, its organisation, its
 * service_at_locations with their location …); flattening sets the link to the parent on the
 * child, as the tabular form has it, and a record met twice (the same phone under a service and
 * under its contact) becomes one row with the links of both. Nesting does the reverse for the
 * JSON list of compiled services. Working on rows lets one reader and one writer serve both
 * packagings, and makes "equal on every HSDS field" a comparison of rows.
 */

export type Row = Record<string, unknown>;
export type Tables = Partial<Record<TableName, Row[]>>;

interface Nested {
  table: TableName;
  many: boolean;
  /** 'child': child[fk] = parent.id. 'parent': parent[fk] = nested.id (a service's organization). */
  via: 'child' | 'parent';
  fk: string;
}

const child = (table: TableName, fk: string): Nested => ({ table, many: true, via: 'child', fk });
const one = (table: TableName, fk: string): Nested => ({ table, many: false, via: 'parent', fk });

/** The nested keys of each record type, in the order of the official schemas. */
const NESTING: Partial<Record<TableName, Record<string, Nested>>> = {
  service: {
    phones: child('phone', 'service_id'),
    schedules: child('schedule', 'service_id'),
    service_areas: child('service_area', 'service_id'),
    service_at_locations: child('service_at_location', 'service_id'),
    languages: child('language', 'service_id'),
    organization: one('organization', 'organization_id'),
    funding: child('funding', 'service_id'),
    cost_options: child('cost_option', 'service_id'),
    program: one('program', 'program_id'),
    required_documents: child('required_document', 'service_id'),
    contacts: child('contact', 'service_id'),
  },
  organization: {
    funding: child('funding', 'organization_id'),
    contacts: child('contact', 'organization_id'),
    phones: child('phone', 'organization_id'),
    locations: child('location', 'organization_id'),
    programs: child('program', 'organization_id'),
    organization_identifiers: child('organization_identifier', 'organization_id'),
    services: child('service', 'organization_id'),
  },
  location: {
    languages: child('language', 'location_id'),
    addresses: child('address', 'location_id'),
    contacts: child('contact', 'location_id'),
    accessibility: child('accessibility', 'location_id'),
    phones: child('phone', 'location_id'),
    schedules: child('schedule', 'location_id'),
  },
  service_at_location: {
    contacts: child('contact', 'service_at_location_id'),
    phones: child('phone', 'service_at_location_id'),
    schedules: child('schedule', 'service_at_location_id'),
    location: one('location', 'location_id'),
    service: one('service', 'service_id'),
  },
  contact: { phones: child('phone', 'contact_id') },
  phone: { languages: child('language', 'phone_id') },
  attribute: { taxonomy_term: one('taxonomy_term', 'taxonomy_term_id') },
  taxonomy_term: { taxonomy_detail: one('taxonomy', 'taxonomy_id') },
};

const GENERIC: Record<string, Nested> = { attributes: child('attribute', 'link_id'), metadata: child('metadata', 'resource_id') };

export function nestedKeys(table: TableName): Record<string, Nested> {
  if (table === 'metadata') return {};
  if (table === 'attribute') return { ...NESTING.attribute, metadata: GENERIC.metadata! };
  return { ...(NESTING[table] ?? {}), ...GENERIC };
}

const FIELD_NAMES: Record<string, string[]> = Object.fromEntries(HSDS_TABLES.map((t) => [t.name, t.fields.map((f) => f.name)]));

/** Official fields in schema order, then extension fields in name order, then nested records in schema order. */
export function ordered(table: TableName, record: Row): Row {
  const official = FIELD_NAMES[table]!;
  const nested = Object.keys(nestedKeys(table));
  const extra = Object.keys(record)
    .filter((k) => !official.includes(k) && !nested.includes(k))
    .sort();
  const out: Row = {};
  for (const k of [...official, ...extra, ...nested]) if (record[k] !== undefined) out[k] = record[k];
  return out;
}

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\u0000]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** How deep a field's value may nest: HSDS values are flat; an extension's object a few levels. */
const MAX_VALUE_DEPTH = 32;

/**
 * Why a value from a file cannot be kept as it is, if it cannot: PostgreSQL stores no U+0000 or
 * half a surrogate pair, and a value nested thousands deep would overflow every reader after.
 * Walked without recursion, so the check itself cannot overflow.
 */
export function unstorable(value: unknown): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return 'contains a character that cannot be stored (U+0000 or a broken character)';
    } else if (v && typeof v === 'object') {
      if (depth >= MAX_VALUE_DEPTH) return 'nested too deep';
      for (const [k, x] of Object.entries(v)) {
        if (UNSTORABLE.test(k)) return 'contains a character that cannot be stored (U+0000 or a broken character)';
        stack.push([x, depth + 1]);
      }
    }
  }
  return undefined;
}

/** A value as a message quotes it, whatever it is. */
export function quoted(v: unknown): string {
  try {
    return (JSON.stringify(v) ?? typeof v).slice(0, 40);
  } catch {
    return Array.isArray(v) ? 'a list nested too deep' : 'an object nested too deep';
  }
}

export const isRecord = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FlattenIssue {
  /** Where in the file, e.g. "services[0].phones[1]". */
  at: string;
  field: string;
  reason: string;
}

/** Rows gathered from nested JSON, one per (table, id), with the differing copies that could not be kept. */
export class RowCollector {
  readonly tables: Tables = {};
  /** Where each row was first met, for messages. */
  readonly where = new Map<string, string>();
  readonly issues: FlattenIssue[] = [];
  /** Fields of a record met twice with another value: the first copy's is kept. */
  readonly conflicts: Array<{ table: TableName; at: string; field: string }> = [];
  private readonly index = new Map<string, Row>();

  add(table: TableName, row: Row, at: string): Row | undefined {
    const id = row.id;
    if (typeof id !== 'string' || id.trim() === '') {
      this.issues.push({
        at,
        field: 'id',
        reason: id === undefined ? 'missing: HSDS gives every record an id' : `wrong type: ${quoted(id)} (expected a text id)`,
      });
      return undefined;
    }
    const key = `${table}:${id}`;
    const existing = this.index.get(key);
    if (!existing) {
      const copy = { ...row };
      this.index.set(key, copy);
      this.where.set(key, at);
      (this.tables[table] ??= []).push(copy);
      return copy;
    }
    for (const [k, v] of Object.entries(row)) {
      if (v === undefined) continue;
      if (existing[k] === undefined) existing[k] = v;
      else if (!sameJson(existing[k], v)) this.conflicts.push({ table, at, field: k });
    }
    return existing;
  }

  whereIs(table: TableName, id: string): string {
    return this.where.get(`${table}:${id}`) ?? `${table} ${id}`;
  }
}

/** Flattens one nested record (and everything inside it) into the collector. */
export function flattenRecord(collector: RowCollector, table: TableName, record: unknown, at: string, depth = 0): string | undefined {
  if (!isRecord(record)) {
    collector.issues.push({ at, field: '(record)', reason: 'expected an object' });
    return undefined;
  }
  if (depth > 12) {
    collector.issues.push({ at, field: '(record)', reason: 'nested deeper than HSDS records go' });
    return undefined;
  }
  const nested = nestedKeys(table);
  const own: Row = {};
  const later: Array<[string, Nested, unknown]> = [];
  for (const [k, v] of Object.entries(record)) {
    const n = nested[k];
    if (n && (Array.isArray(v) || isRecord(v))) later.push([k, n, v]);
    else if (n && v !== null && v !== undefined)
      collector.issues.push({ at, field: k, reason: `wrong type: ${quoted(v)} (expected ${n.many ? 'a list of records' : 'a record'})` });
    else {
      const why = unstorable(v);
      if (why) collector.issues.push({ at, field: k, reason: why });
      else own[k] = v;
    }
  }
  const id = typeof own.id === 'string' ? own.id : undefined;
  for (const [k, n, v] of later) {
    if (n.via === 'parent') {
      // A service's program is its organisation's: the tabular form requires the program to say so.
      const nested =
        table === 'service' &&
        n.table === 'program' &&
        isRecord(v) &&
        v.organization_id === undefined &&
        typeof (own.organization_id ?? (isRecord(record.organization) ? record.organization.id : undefined)) === 'string'
          ? { ...v, organization_id: own.organization_id ?? (record.organization as Row).id }
          : v;
      const childId = flattenRecord(collector, n.table, nested, `${at}.${k}`, depth + 1);
      if (childId !== undefined && own[n.fk] === undefined) own[n.fk] = childId;
      continue;
    }
    if (!Array.isArray(v)) {
      collector.issues.push({ at: `${at}.${k}`, field: k, reason: 'expected a list' });
      continue;
    }
    v.forEach((item, i) => {
      if (!isRecord(item) || id === undefined) return void flattenRecord(collector, n.table, item, `${at}.${k}[${i}]`, depth + 1);
      const withLink: Row = { ...item };
      if (withLink[n.fk] === undefined) withLink[n.fk] = id;
      // Attributes and metadata say what kind of record they belong to; the tabular form needs it.
      if (n.table === 'attribute' && withLink.link_entity === undefined) withLink.link_entity = table;
      if (n.table === 'metadata' && withLink.resource_type === undefined) withLink.resource_type = table;
      flattenRecord(collector, n.table, withLink, `${at}.${k}[${i}]`, depth + 1);
    });
  }
  return collector.add(table, own, at) ? id : undefined;
}

/** Rows indexed for nesting: by id per table, and by each foreign key. */
export class RowIndex {
  private readonly byId = new Map<string, Row>();
  private readonly byLink = new Map<string, Row[]>();
  constructor(readonly tables: Tables) {
    for (const [table, rows] of Object.entries(tables) as Array<[TableName, Row[]]>) {
      for (const row of rows) {
        this.byId.set(`${table}:${row.id}`, row);
        for (const fk of [...Object.keys(TABLE[table].foreignKeys), 'link_id', 'resource_id']) {
          const v = row[fk];
          if (typeof v !== 'string') continue;
          const key = `${table}:${fk}:${v}`;
          const list = this.byLink.get(key);
          if (list) list.push(row);
          else this.byLink.set(key, [row]);
        }
      }
    }
  }
  get(table: TableName, id: unknown): Row | undefined {
    return typeof id === 'string' ? this.byId.get(`${table}:${id}`) : undefined;
  }
  linked(table: TableName, fk: string, id: unknown): Row[] {
    return typeof id === 'string' ? (this.byLink.get(`${table}:${fk}:${id}`) ?? []) : [];
  }
}

/**
 * Where a record linked to several parents is nested: under the most specific one the file has
 * (a phone of a contact under the contact, not again under the service and its organisation).
 */
const NEST_UNDER: Partial<Record<TableName, string[]>> = {
  schedule: ['service_id', 'service_at_location_id', 'location_id'],
  phone: ['contact_id', 'service_at_location_id', 'service_id', 'location_id', 'organization_id'],
  contact: ['service_at_location_id', 'service_id', 'location_id', 'organization_id'],
  language: ['phone_id', 'service_id', 'location_id'],
  funding: ['service_id', 'organization_id'],
};
const FK_TABLE: Record<string, TableName> = {
  service_id: 'service',
  service_at_location_id: 'service_at_location',
  location_id: 'location',
  contact_id: 'contact',
  phone_id: 'phone',
  organization_id: 'organization',
};

function nestsUnder(index: RowIndex, table: TableName, row: Row, fk: string): boolean {
  const order = NEST_UNDER[table];
  if (!order) return true;
  const first = order.find((f) => index.get(FK_TABLE[f]!, row[f]) !== undefined);
  return first === undefined || first === fk;
}

/**
 * A record with what belongs inside it, as the compiled service schema nests it. `skip` names
 * nested keys left out (a compiled service's organization does not repeat the organization's
 * services and locations); the link to the parent it sits in is left out of the child.
 */
export function nestRecord(
  index: RowIndex,
  table: TableName,
  row: Row,
  skip: (table: TableName, key: string) => boolean,
  parent?: { fk: string; table: TableName },
  depth = 0,
): Row {
  const out: Row = { ...row };
  if (parent) delete out[parent.fk];
  // What flattening adds from the nesting goes again; another value is the file's own and stays.
  if (table === 'attribute' && parent && out.link_entity === parent.table) delete out.link_entity;
  if (table === 'metadata' && parent && out.resource_type === parent.table) delete out.resource_type;
  if (depth > 6) return ordered(table, out);
  for (const [key, n] of Object.entries(nestedKeys(table))) {
    if (skip(table, key)) continue;
    if (n.via === 'parent') {
      const target = index.get(n.table, row[n.fk]);
      if (target) out[key] = nestRecord(index, n.table, target, skip, undefined, depth + 1);
    } else {
      const rows = index.linked(n.table, n.fk, row.id).filter((r) => nestsUnder(index, n.table, r, n.fk));
      if (rows.length) out[key] = rows.map((r) => nestRecord(index, n.table, r, skip, { fk: n.fk, table }, depth + 1));
    }
  }
  return ordered(table, out);
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/** Table names as JSON keys: "services", "services.csv", "service_at_location.csv", "service". */
export function tableOfKey(key: string): TableName | undefined {
  const k = key.toLowerCase().replace(/\.csv$/, '');
  return HSDS_TABLES.find((t) => t.name === k || t.path.replace(/\.csv$/, '') === k || `${t.name}s` === k)?.name;
}
