import {
  THEMES,
  entitySchemas,
  type CatalogueDocument,
  type CatalogueEntityType,
  type CatalogueItem,
  type CatalogueLocation,
  type CatalogueOrganization,
} from '../../shared/catalogue';

/** One problem in an import file: where (row), what (field) and why (reason). */
export interface ImportIssue {
  /** "row 7" for CSV (the spreadsheet's row number), "services[3]" for HSDS JSON. */
  row: string;
  field: string;
  reason: string;
}

/** An entity as read from a file, before validation, with where it came from. */
export interface RawEntity {
  entity: CatalogueEntityType;
  row: string;
  data: unknown;
}

export interface ValidationResult {
  doc: CatalogueDocument;
  issues: ImportIssue[];
}

export function formatIssue(issue: ImportIssue): string {
  return `${issue.row}, ${issue.field}: ${issue.reason}`;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * A value as a reason quotes it. Control characters come out escaped (a reason is printed
 * in a terminal and shown in the console), and a value nested too deep to write out is
 * described rather than written: JSON.stringify would overflow the stack on it.
 */
function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '…' : v);
  try {
    return JSON.stringify(v)?.slice(0, 60) ?? typeof v;
  } catch {
    return Array.isArray(v) ? 'a list nested too deep' : 'an object nested too deep';
  }
}

/** The id a row names, if it names one; anything else in "id" is a wrong type, reported by the schema. */
function idOf(raw: RawEntity): string | undefined {
  const id = valueAt(raw.data, ['id']);
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * Validates every entity against the shared schemas and the document as a whole:
 * duplicate ids and references to organisations or locations that do not exist
 * (in the file, or in `known` when the file holds only items).
 */
export function validateEntities(
  raws: RawEntity[],
  known: { organizations?: Iterable<string>; locations?: Iterable<string> } = {},
): ValidationResult {
  const issues: ImportIssue[] = [];
  const doc: CatalogueDocument = { organizations: [], locations: [], items: [] };
  const rowsOf = new Map<string, { row: string; entity: CatalogueEntityType }>();
  const valid: Array<{ raw: RawEntity; value: CatalogueOrganization | CatalogueLocation | CatalogueItem }> = [];

  for (const raw of raws) {
    const id = idOf(raw);
    if (id) {
      const earlier = rowsOf.get(id.toLowerCase());
      if (earlier) issues.push({ row: raw.row, field: 'id', reason: `duplicate id ${id} (also in ${earlier.row})` });
      else rowsOf.set(id.toLowerCase(), { row: raw.row, entity: raw.entity });
    }
    const parsed = entitySchemas[raw.entity].safeParse(raw.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.') || '(record)';
        let reason = issue.message;
        const value = valueAt(raw.data, issue.path);
        if (issue.code === 'invalid_value' && issue.path.includes('themes')) {
          reason = `unknown theme ${describeValue(value)}; expected one of ${THEMES.join(', ')}`;
        } else if (issue.code === 'invalid_value') {
          reason = `${describeValue(value)} is not allowed; expected one of ${(issue as { values?: unknown[] }).values?.join(', ')}`;
        } else if (issue.code === 'invalid_type') {
          reason = value === undefined ? `missing (${issue.message})` : `wrong type: ${describeValue(value)} (${issue.message})`;
        } else if (value !== undefined && typeof value !== 'object') {
          reason = `${describeValue(value)}: ${issue.message}`;
        }
        issues.push({ row: raw.row, field, reason });
      }
      continue;
    }
    valid.push({ raw, value: parsed.data });
    if (raw.entity === 'organization') doc.organizations.push(parsed.data as CatalogueOrganization);
    else if (raw.entity === 'location') doc.locations.push(parsed.data as CatalogueLocation);
    else doc.items.push(parsed.data as CatalogueItem);
  }

  // References: judged on every row that names an id, valid or not, so one run reports everything.
  const idsOf = (entity: CatalogueEntityType) => raws.filter((r) => r.entity === entity).flatMap((r) => idOf(r) ?? []);
  const orgs = new Set([...idsOf('organization'), ...(known.organizations ?? [])]);
  const locs = new Set([...idsOf('location'), ...(known.locations ?? [])]);
  for (const { raw, value } of valid) {
    if ('organizationId' in value && !orgs.has(value.organizationId)) {
      issues.push({
        row: raw.row,
        field: 'organizationId',
        reason: `refers to organisation ${value.organizationId}, which does not exist`,
      });
    }
    if (raw.entity === 'item') {
      const item = value as CatalogueItem;
      item.locationIds.forEach((loc, i) => {
        if (!locs.has(loc))
          issues.push({ row: raw.row, field: `locationIds.${i}`, reason: `refers to location ${loc}, which does not exist` });
      });
      item.sessions.forEach((s, i) => {
        if (s.locationId && !locs.has(s.locationId))
          issues.push({
            row: raw.row,
            field: `sessions.${i}.locationId`,
            reason: `refers to location ${s.locationId}, which does not exist`,
          });
        if (Date.parse(s.end) < Date.parse(s.start))
          issues.push({ row: raw.row, field: `sessions.${i}.end`, reason: 'ends before it starts' });
      });
    }
  }
  return { doc, issues };
}
