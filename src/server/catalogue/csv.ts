import { LANGUAGES, type LocalizedText } from '../../shared/i18n-text';
import type { CatalogueDocument, CatalogueItem, CourseSession } from '../../shared/catalogue';
import type { ImportIssue, RawEntity } from './validate';
import { guardFormula, unguardFormula } from '../spreadsheets/formula-guard';

/**
 * The catalogue's items as a CSV a coordinator edits in a spreadsheet: UTF-8 with
 * a byte order mark (so Excel reads accents right), semicolons between fields (the
 * list separator of Dutch Excel, where the comma is the decimal sign), one row per
 * item, lists inside a cell joined with " | ". Organisations and locations are
 * referred to by id; the *_name columns beside them are for reading and are
 * ignored on import. Column names are stable codes, not translated. Text that a spreadsheet
 * would take as a formula is guarded with an apostrophe, which the import takes off again.
 */

export const LIST_SEPARATOR = ' | ';
const BOM = '\ufeff';
const DELIMITER = ';';
const WEEKDAYS_NL = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
const WEEKDAYS_EN = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;

const LOCALIZED_FIELDS = ['name', 'description', 'cost_note', 'signup_note', 'eligibility'] as const;
type LocalizedField = (typeof LOCALIZED_FIELDS)[number];

/** Plain columns in order; localized ones are inserted as <field>_<lang>. */
const COLUMN_ORDER: Array<string | LocalizedField> = [
  'id',
  'kind',
  'status',
  'organization_id',
  'organization_name',
  'name',
  'description',
  'themes',
  'audience',
  'format',
  'level',
  'languages',
  'free',
  'amount_eur',
  'cost_note',
  'signup_method',
  'signup_url',
  'signup_phone',
  'signup_email',
  'signup_note',
  'bring',
  'eligibility',
  'location_ids',
  'location_names',
  'walk_in_hours',
  'sessions',
  'url',
  'keywords',
];
const PLAIN = new Set(COLUMN_ORDER.filter((c) => !(LOCALIZED_FIELDS as readonly string[]).includes(c)));

function localizedOf(item: CatalogueItem, field: LocalizedField): LocalizedText | undefined {
  switch (field) {
    case 'name':
      return item.name;
    case 'description':
      return item.description;
    case 'cost_note':
      return item.cost.note;
    case 'signup_note':
      return item.signUp.note;
    case 'eligibility':
      return item.eligibility;
  }
}

export function formatHours(hours: CatalogueItem['hours']): string {
  return hours.map((h) => `${WEEKDAYS_NL[h.weekday - 1]} ${h.opens}-${h.closes}`).join(LIST_SEPARATOR);
}

function formatSession(s: CourseSession): string {
  return [
    `${s.start}/${s.end}`,
    s.rrule,
    s.locationId ? `@${s.locationId}` : undefined,
    s.seats !== undefined ? `seats=${s.seats}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

/** A cell as Excel reads it back: guarded against formulas, quoted when it must be (a ',' too, for a comma-separated save). */
function quote(cell: string): string {
  const s = guardFormula(cell);
  return /[";\r\n,]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(doc: CatalogueDocument): string {
  const orgName = new Map(doc.organizations.map((o) => [o.id, o.name]));
  const locName = new Map(doc.locations.map((l) => [l.id, l.name]));
  const columns: string[] = [];
  for (const c of COLUMN_ORDER) {
    if (!(LOCALIZED_FIELDS as readonly string[]).includes(c)) columns.push(c);
    else
      for (const lang of LANGUAGES)
        if (lang === 'nl' || doc.items.some((i) => localizedOf(i, c as LocalizedField)?.[lang])) columns.push(`${c}_${lang}`);
  }
  const rows = doc.items.map((item) => {
    const cells: Record<string, string> = {
      id: item.id,
      kind: item.kind,
      status: item.status,
      organization_id: item.organizationId,
      organization_name: orgName.get(item.organizationId) ?? '',
      themes: item.themes.join(LIST_SEPARATOR),
      audience: item.audience.join(LIST_SEPARATOR),
      format: item.format,
      level: item.level,
      languages: item.languages.join(LIST_SEPARATOR),
      free: item.cost.free ? 'ja' : 'nee',
      amount_eur: item.cost.amountEur === undefined ? '' : String(item.cost.amountEur).replace('.', ','),
      signup_method: item.signUp.method,
      signup_url: item.signUp.url ?? '',
      signup_phone: item.signUp.phone ?? '',
      signup_email: item.signUp.email ?? '',
      bring: item.bring.join(LIST_SEPARATOR),
      location_ids: item.locationIds.join(LIST_SEPARATOR),
      location_names: item.locationIds.map((l) => locName.get(l) ?? '?').join(LIST_SEPARATOR),
      walk_in_hours: formatHours(item.hours),
      sessions: item.sessions.map(formatSession).join(LIST_SEPARATOR),
      url: item.url ?? '',
      keywords: item.keywords.join(LIST_SEPARATOR),
    };
    for (const field of LOCALIZED_FIELDS) for (const lang of LANGUAGES) cells[`${field}_${lang}`] = localizedOf(item, field)?.[lang] ?? '';
    return columns.map((c) => quote(cells[c] ?? '')).join(DELIMITER);
  });
  return BOM + [columns.join(DELIMITER), ...rows].join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

/** RFC 4180 records (quoted cells may hold the delimiter, quotes and line breaks). */
export function parseCsvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (ch === delimiter) {
      record.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || record.length) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

/** Semicolons (Dutch Excel) or commas, whichever the header line uses. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

const splitList = (cell: string): string[] =>
  cell
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function parseBoolean(cell: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (['ja', 'yes', 'true', 'waar', 'j', 'y', '1', 'gratis', 'free'].includes(v)) return true;
  if (['nee', 'no', 'false', 'onwaar', 'n', '0', 'betaald', 'paid'].includes(v)) return false;
  return cell;
}

function parseNumber(cell: string): number | string | undefined {
  const v = cell.trim().replace(/^€\s*/, '');
  if (v === '') return undefined;
  const normal = v.includes(',') && !v.includes('.') ? v.replace(',', '.') : v.replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : cell;
}

export function parseHours(cell: string, problems: string[]): Array<{ weekday: number | string; opens: string; closes: string }> {
  return splitList(cell).map((part) => {
    const m = /^([a-z]{2})[a-z]*\.?\s+(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2})$/i.exec(part);
    const day = m ? m[1]!.toLowerCase() : '';
    const nl = (WEEKDAYS_NL as readonly string[]).indexOf(day);
    const en = (WEEKDAYS_EN as readonly string[]).indexOf(day);
    const weekday = nl >= 0 ? nl + 1 : en >= 0 ? en + 1 : 0;
    if (!m || !weekday) {
      problems.push(`"${part}" is not like "ma 09:00-12:00"`);
      return { weekday: part, opens: '', closes: '' };
    }
    const hhmm = (t: string) => t.replace('.', ':').padStart(5, '0');
    return { weekday, opens: hhmm(m[2]!), closes: hhmm(m[3]!) };
  });
}

function parseSessions(cell: string, problems: string[]): unknown[] {
  return splitList(cell).map((part) => {
    const [range = '', ...rest] = part.split(/\s+/);
    const [start, end] = range.split('/');
    const session: Record<string, unknown> = { start, end };
    for (const token of rest) {
      if (token.startsWith('@')) session.locationId = token.slice(1);
      else if (/^seats=/i.test(token)) session.seats = parseNumber(token.slice(6));
      else if (/^FREQ=/i.test(token)) session.rrule = token.toUpperCase();
      else problems.push(`"${token}" in session "${part}" is not understood (expected an RRULE, @location-id or seats=N)`);
    }
    if (!start || !end) problems.push(`"${part}" is not like "2027-01-12T10:00:00+01:00/2027-01-12T12:00:00+01:00"`);
    return session;
  });
}

/** Reads CSV rows into items; row numbers are the spreadsheet's (the header is row 1). */
export function fromCsv(text: string): { raws: RawEntity[]; issues: ImportIssue[] } {
  const raws: RawEntity[] = [];
  const issues: ImportIssue[] = [];
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const records = parseCsvRecords(body, detectDelimiter(body));
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  if (!header.includes('id')) {
    return {
      raws,
      issues: [
        {
          row: 'row 1',
          field: '(header)',
          reason: 'the first row must name the columns, including "id" (export a catalogue to see the layout)',
        },
      ],
    };
  }
  header.forEach((h, i) => {
    const localized = /^([a-z_]+)_([a-z]{2})$/.exec(h);
    const known =
      PLAIN.has(h) ||
      (localized &&
        (LOCALIZED_FIELDS as readonly string[]).includes(localized[1]!) &&
        (LANGUAGES as readonly string[]).includes(localized[2]!));
    if (!known && h !== '') issues.push({ row: 'row 1', field: h, reason: `unknown column (column ${i + 1})` });
    if (header.indexOf(h) !== i && h !== '') issues.push({ row: 'row 1', field: h, reason: 'column appears twice' });
  });
  records.slice(1).forEach((cells, index) => {
    const row = `row ${index + 2}`;
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      issues.push({ row, field: '(row)', reason: `has ${cells.length} cells but the header has ${header.length} columns (a stray ";"?)` });
    }
    // A cell the export guarded against formulas ("'=…") is read as the text it stands for.
    const get = (column: string): string => {
      const i = header.indexOf(column);
      return i >= 0 ? unguardFormula((cells[i] ?? '').trim()) : '';
    };
    const opt = (column: string) => get(column) || undefined;
    const localized = (field: LocalizedField) => {
      const text: Record<string, string> = {};
      for (const lang of LANGUAGES) if (get(`${field}_${lang}`)) text[lang] = get(`${field}_${lang}`);
      return Object.keys(text).length ? text : undefined;
    };
    const problems: Array<[string, string[]]> = [
      ['walk_in_hours', []],
      ['sessions', []],
    ];
    const free = get('free') === '' ? undefined : parseBoolean(get('free'));
    const data: Record<string, unknown> = {
      id: get('id'),
      kind: get('kind'),
      organizationId: get('organization_id'),
      name: localized('name') ?? {},
      description: localized('description') ?? {},
      themes: splitList(get('themes')),
      audience: splitList(get('audience')),
      format: get('format'),
      level: get('level') || 'all',
      languages: splitList(get('languages')).map((l) => l.toLowerCase()),
      cost: Object.fromEntries(
        Object.entries({ free, amountEur: parseNumber(get('amount_eur')), note: localized('cost_note') }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
      signUp: Object.fromEntries(
        Object.entries({
          method: get('signup_method'),
          url: opt('signup_url'),
          phone: opt('signup_phone'),
          email: opt('signup_email'),
          note: localized('signup_note'),
        }).filter(([, v]) => v !== undefined),
      ),
      bring: splitList(get('bring')),
      eligibility: localized('eligibility'),
      status: get('status') || 'active',
      locationIds: splitList(get('location_ids')),
      hours: parseHours(get('walk_in_hours'), problems[0]![1]),
      sessions: parseSessions(get('sessions'), problems[1]![1]),
      url: opt('url'),
      keywords: splitList(get('keywords')),
    };
    for (const [field, list] of problems) for (const reason of list) issues.push({ row, field, reason });
    if (data.eligibility === undefined) delete data.eligibility;
    if (data.url === undefined) delete data.url;
    raws.push({ entity: 'item', row, data });
  });
  return { raws, issues };
}
