import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * The official HSDS 3.0 schemas as the judge of Inloop's exports (fixtures in
 * test/fixtures/hsds-3.0, see SOURCE.md there). JSON: the compiled `service_package.json`
 * through ajv with formats. Tabular Data Package: the official datapackage.json's resources
 * (field names, order, types, formats, required, enums, primary and foreign keys), every row
 * typed as its Table Schema says and then judged by ajv against the official object schema of
 * its table (`schema/<table>.json`, with `tabular_required`). The CSV reader here is written
 * apart from the server's, so a fault in one is not hidden by the same fault in the other.
 */

export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'hsds-3.0');
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function newAjv(): Ajv {
  // strict off: the HSDS schemas carry their own keywords (name, core, constraints, datapackage_metadata …).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

let servicePackage: ValidateFunction | undefined;
export function validateServiceList(list: unknown): string[] {
  servicePackage ??= newAjv().compile(JSON.parse(readFileSync(path.join(FIXTURES, 'schema/compiled/service_package.json'), 'utf8')));
  return servicePackage(list) ? [] : describe(servicePackage.errors);
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'missingProperty' in e.params ? ` (${String(e.params.missingProperty)})` : ''}`,
  );
}

interface OfficialField {
  name: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[] };
}
interface OfficialResource {
  name: string;
  path: string;
  schema: {
    fields: OfficialField[];
    primaryKey?: string;
    foreignKeys?: Array<{ fields: string; reference: { resource: string; fields: string } }>;
  };
}

export const officialDatapackage = (): { resources: OfficialResource[] } =>
  JSON.parse(readFileSync(path.join(FIXTURES, 'datapackage.json'), 'utf8'));

/** Only a name space for the schemas' relative $refs (phone.json …); nothing is fetched. */
const BASE = 'https://hsds.invalid/3.0/';
let rowValidators: Map<string, ValidateFunction> | undefined;
function rowValidator(table: string): ValidateFunction {
  if (!rowValidators) {
    rowValidators = new Map();
    const ajv = newAjv();
    const dir = path.join(FIXTURES, 'schema');
    const schemas = readdirSync(dir).filter((f) => f.endsWith('.json'));
    for (const f of schemas) ajv.addSchema({ ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')), $id: `${BASE}${f}` });
    for (const f of schemas) {
      const s = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { name: string; required?: string[]; tabular_required?: string[] };
      // A table's row: the object schema, with the fields the tabular form requires as well.
      ajv.addSchema({ $id: `${BASE}row/${s.name}`, allOf: [{ $ref: `${BASE}${f}` }, { required: [...(s.tabular_required ?? [])] }] });
      rowValidators.set(s.name, ajv.getSchema(`${BASE}row/${s.name}`)!);
    }
  }
  const v = rowValidators.get(table);
  if (!v) throw new Error(`no official schema for table ${table}`);
  return v;
}

/** RFC 4180, written here apart from the server's reader. */
export function readCsv(text: string, delimiter = ','): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const s = text.replace(/^\ufeff/, '');
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
      continue;
    }
    if (c === delimiter) {
      row.push(cell);
      cell = '';
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += c;
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

const TYPE_CHECK: Record<string, (s: string) => unknown> = {
  string: (s) => s,
  number: (s) => (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s) ? Number(s) : undefined),
  integer: (s) => (/^-?\d+$/.test(s) ? Number(s) : undefined),
  boolean: (s) => (s === 'true' ? true : s === 'false' ? false : undefined),
  date: (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : undefined),
  time: (s) => (/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(s) ? s : undefined),
  datetime: (s) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : undefined),
  object: (s) => {
    try {
      const v = JSON.parse(s);
      return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
    } catch {
      return undefined;
    }
  },
  array: (s) => {
    try {
      const v = JSON.parse(s);
      return Array.isArray(v) ? v : undefined;
    } catch {
      return undefined;
    }
  },
};

/** Every violation of the official package definitions and object schemas in a Tabular Data Package. */
export function validateTabularPackage(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const dp = JSON.parse(files.get('datapackage.json') ?? 'null') as {
    profile?: string;
    resources: Array<{
      name: string;
      path: string;
      schema: { fields: OfficialField[]; primaryKey?: string; foreignKeys?: OfficialResource['schema']['foreignKeys'] };
    }>;
  } | null;
  if (!dp) return ['no datapackage.json'];
  if (dp.profile !== 'tabular-data-package') problems.push('datapackage.json: profile is not tabular-data-package');
  const official = new Map(officialDatapackage().resources.map((r) => [r.name, r]));
  const ids = new Map<string, Set<string>>();
  const typed = new Map<string, Array<Record<string, unknown>>>();
  for (const r of dp.resources) {
    const o = official.get(r.name);
    if (!o) {
      problems.push(`resource ${r.name}: not a table of HSDS 3.0`);
      continue;
    }
    if (r.path !== o.path) problems.push(`resource ${r.name}: path ${r.path}, the official one is ${o.path}`);
    // Official fields, in the official order, with the official definitions; then only extensions.
    o.schema.fields.forEach((f, i) => {
      const mine = r.schema.fields[i];
      if (!mine || mine.name !== f.name)
        return void problems.push(`${r.path}: field ${i + 1} should be ${f.name}, is ${mine?.name ?? 'missing'}`);
      if (
        mine.type !== f.type ||
        mine.format !== f.format ||
        (mine.constraints?.required ?? false) !== (f.constraints?.required ?? false) ||
        JSON.stringify(mine.constraints?.enum) !== JSON.stringify(f.constraints?.enum)
      ) {
        problems.push(`${r.path}: field ${f.name} is defined otherwise than in the official datapackage.json`);
      }
    });
    for (const f of r.schema.fields.slice(o.schema.fields.length))
      if (!f.name.startsWith('x_')) problems.push(`${r.path}: extra field ${f.name} is not named as an extension (x_…)`);
    if (r.schema.primaryKey !== o.schema.primaryKey) problems.push(`${r.path}: primary key differs from the official one`);
    const text = files.get(r.path);
    if (text === undefined) {
      problems.push(`${r.path}: declared but missing`);
      continue;
    }
    const [header = [], ...rows] = readCsv(text).filter((row) => row.some((c) => c !== ''));
    if (JSON.stringify(header) !== JSON.stringify(r.schema.fields.map((f) => f.name)))
      problems.push(`${r.path}: the header is not the declared fields`);
    const seen = new Set<string>();
    ids.set(r.name, seen);
    const list: Array<Record<string, unknown>> = [];
    typed.set(r.name, list);
    rows.forEach((cells, n) => {
      const at = `${r.path} row ${n + 2}`;
      const row: Record<string, unknown> = {};
      r.schema.fields.forEach((f, c) => {
        const cell = cells[c] ?? '';
        if (cell === '') {
          if (f.constraints?.required) problems.push(`${at}: ${f.name} is required`);
          return;
        }
        const value = (TYPE_CHECK[f.type] ?? TYPE_CHECK.string!)(cell);
        if (value === undefined) return void problems.push(`${at}: ${f.name} ${JSON.stringify(cell)} is not a ${f.type}`);
        if (f.constraints?.enum && !f.constraints.enum.includes(cell))
          problems.push(`${at}: ${f.name} ${JSON.stringify(cell)} is not one of ${f.constraints.enum.join(', ')}`);
        row[f.name] = value;
      });
      if (typeof row.id === 'string') {
        if (seen.has(row.id)) problems.push(`${at}: id ${row.id} is not unique`);
        seen.add(row.id);
      }
      const validate = rowValidator(r.name);
      if (!validate(row)) problems.push(...describe(validate.errors).map((e) => `${at}: ${e}`));
      list.push(row);
    });
  }
  // Foreign keys, as the official descriptor defines them, among the tables present.
  for (const r of dp.resources) {
    for (const fk of official.get(r.name)?.schema.foreignKeys ?? []) {
      const target = ids.get(fk.reference.resource);
      if (!target) continue;
      (typed.get(r.name) ?? []).forEach((row, n) => {
        const v = row[fk.fields];
        if (typeof v === 'string' && !target.has(v))
          problems.push(`${r.path} row ${n + 2}: ${fk.fields} ${v} is not in ${fk.reference.resource}`);
      });
    }
  }
  return problems;
}
