import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { VisitFilter } from '../../../shared/console';
import { CHANNELS, DOMAINS, HELP_KINDS, ORGANISATIONS, OUTCOMES, REFERRAL_MODES, TOPICS, termLabel } from '../../../shared/taxonomy';
import type { Queryable } from '../database';
import { spreadsheetCell } from '../../spreadsheets/formula-guard';
import { LIBRARY_TIME_ZONE as TIME_ZONE, libraryWallClock } from '../../../shared/library-clock';
import type { Scope } from './scope';
import { visitPageRows, type VisitDbRow } from './visits';

/**
 * Streamed exports of the visits in a scope and filter: the rows are read a page at a
 * time with the visit log's keyset, so a year of a large network never sits in memory.
 * Voided visits are left out. Labels in Dutch, times in the libraries' time zone.
 *
 * CSV: UTF-8 with a byte-order mark and ';' between fields, which is what Excel with
 * Dutch regional settings opens as columns (its list separator is ';', since ',' is the
 * decimal sign). Text cells that start with = + - @, a tab or a carriage return get a leading
 * apostrophe (no formulas).
 */
const PAGE = 1000;

export type ExportRows = 'visits' | 'questions';

const nl = (list: Parameters<typeof termLabel>[0], id: string) => termLabel(list, id, 'nl');
const localTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

interface Referral {
  target: { kind: string; organisation?: string; label?: string; text?: string };
  mode: string;
}

function referralText(r: Referral): string {
  const target =
    r.target.kind === 'partner'
      ? nl(ORGANISATIONS, r.target.organisation ?? '')
      : r.target.kind === 'catalogue'
        ? (r.target.label ?? '')
        : (r.target.text ?? '');
  return `${target} (${nl(REFERRAL_MODES, r.mode)})`;
}

export const VISIT_HEADER = [
  'visit_id',
  'begonnen',
  'locatie',
  'apparaat',
  'vrijwilliger',
  'duur_minuten',
  'kanaal',
  'terugkerend',
  'taal',
  'achteraf_ingevoerd',
  'beoordeling',
  'gecorrigeerd',
  'vragen',
  'soorten_hulp',
  'onderwerpen',
  'organisaties',
  'uitkomsten',
  'doorverwijzingen',
  'notitie',
];
export const QUESTION_HEADER = [
  'visit_id',
  'vraag',
  'begonnen',
  'locatie',
  'kanaal',
  'soort_hulp',
  'groep',
  'organisatie',
  'onderwerp',
  'uitkomst',
  'doorverwijzingen',
];

/** A moment as Excel holds a date: its Dutch wall-clock time (Excel dates have no time zone). */
function dutchDate(at: string | Date): Date {
  return new Date(libraryWallClock(new Date(at).getTime()));
}

/** A cell: text, a number, or a moment (written as Dutch time: text in the CSV, a real date in the XLSX). */
type Cell = string | number | { at: string | Date };
const csvText = (c: Cell): string | number => (typeof c === 'object' ? localTime.format(new Date(c.at)) : c);

function visitCells(v: VisitDbRow): Cell[] {
  const qs = v.questions ?? [];
  const refs = qs.flatMap((q) => (q.referrals as Referral[]) ?? []);
  return [
    v.id,
    { at: v.started_at },
    v.location_name,
    v.device_id,
    v.volunteer_name ?? '',
    Math.round(Number(v.duration_seconds) / 60),
    nl(CHANNELS, v.channel),
    v.returning_visitor === null ? '' : v.returning_visitor ? 'ja' : 'nee',
    v.language ?? '',
    v.backdated ? 'ja' : 'nee',
    v.review_state,
    v.corrected ? 'ja' : 'nee',
    qs.length,
    qs.map((q) => nl(HELP_KINDS, q.helpKind)).join(' | '),
    qs.map((q) => nl(TOPICS, q.topic)).join(' | '),
    qs.map((q) => nl(ORGANISATIONS, q.organisation)).join(' | '),
    qs.map((q) => nl(OUTCOMES, q.outcome)).join(' | '),
    refs.map(referralText).join(' | '),
    v.note ?? '',
  ];
}

function questionCells(v: VisitDbRow): Cell[][] {
  return (v.questions ?? []).map((q, i) => [
    v.id,
    i + 1,
    { at: v.started_at },
    v.location_name,
    nl(CHANNELS, v.channel),
    nl(HELP_KINDS, q.helpKind),
    nl(DOMAINS, q.domain),
    nl(ORGANISATIONS, q.organisation),
    nl(TOPICS, q.topic),
    nl(OUTCOMES, q.outcome),
    ((q.referrals as Referral[]) ?? []).map(referralText).join(' | '),
  ]);
}

/** Every exported row, page by page. */
async function* exportRows(db: Queryable, scope: Scope, filter: VisitFilter, kind: ExportRows): AsyncGenerator<Cell[]> {
  let after: { startedAt: string; id: string } | undefined;
  for (;;) {
    const rows = await visitPageRows(db, scope, filter, { after, limit: PAGE, includeVoided: false });
    for (const row of rows) {
      if (kind === 'visits') yield visitCells(row);
      else yield* questionCells(row);
    }
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    after = { startedAt: last.started_key, id: last.id };
  }
}

/** A cell of a CSV a person opens: text guarded against formulas (src/server/spreadsheets/formula-guard.ts). */
export const csvCell = (value: string | number): string => spreadsheetCell(value);

export function csvExport(db: Queryable, scope: Scope, filter: VisitFilter, kind: ExportRows): Readable {
  const header = kind === 'visits' ? VISIT_HEADER : QUESTION_HEADER;
  async function* lines() {
    yield '\uFEFF' + header.join(';') + '\r\n';
    let batch = '';
    let n = 0;
    for await (const cells of exportRows(db, scope, filter, kind)) {
      batch += cells.map((c) => csvCell(csvText(c))).join(';') + '\r\n';
      if (++n % 500 === 0) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  return Readable.from(lines(), { objectMode: false });
}

/** Column widths in characters, by column name; the rest get DEFAULT_WIDTH. */
const WIDTHS: Record<string, number> = {
  visit_id: 38,
  begonnen: 17,
  locatie: 24,
  apparaat: 38,
  vrijwilliger: 16,
  vragen: 8,
  vraag: 7,
  duur_minuten: 13,
  soorten_hulp: 40,
  soort_hulp: 40,
  onderwerpen: 30,
  onderwerp: 24,
  organisaties: 28,
  organisatie: 24,
  uitkomsten: 30,
  uitkomst: 24,
  doorverwijzingen: 40,
  notitie: 40,
};
const DEFAULT_WIDTH = 14;
/** How Excel shows the start: Dutch day-month-year and the time, a real date it can sort and filter. */
const DATE_FORMAT = 'dd-mm-yyyy hh:mm';

/**
 * XLSX through ExcelJS's streaming writer: rows are committed as they come, never held as a whole
 * workbook. Times are real dates (in Dutch time), counts are numbers; the header row is frozen,
 * has filters, and the columns have widths that fit what they hold.
 */
export function xlsxExport(db: Queryable, scope: Scope, filter: VisitFilter, kind: ExportRows): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const header = kind === 'visits' ? VISIT_HEADER : QUESTION_HEADER;
  const sheet = workbook.addWorksheet(kind === 'visits' ? 'Bezoeken' : 'Vragen', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = header.map((name) => ({
    key: name,
    width: WIDTHS[name] ?? DEFAULT_WIDTH,
    ...(name === 'begonnen' ? { style: { numFmt: DATE_FORMAT } } : {}),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  (async () => {
    const top = sheet.addRow(header);
    top.font = { bold: true };
    top.commit();
    for await (const cells of exportRows(db, scope, filter, kind)) {
      const row = sheet.addRow(cells.map((c) => (typeof c === 'object' ? dutchDate(c.at) : c)));
      cells.forEach((c, i) => {
        if (typeof c === 'object') row.getCell(i + 1).numFmt = DATE_FORMAT;
      });
      row.commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** Course interest left at the kiosks, to call people back: UTF-8 with BOM, ';', times in Dutch time. */
export function interestCsv(
  rows: Array<{
    created_at: string | Date;
    location_name: string;
    item_name: string | null;
    first_name: string;
    contact_kind: string;
    contact: string;
  }>,
): string {
  const lines = [
    ['aangemeld', 'locatie', 'cursus', 'voornaam', 'contact_via', 'contact'],
    ...rows.map((r) => [
      localTime.format(new Date(r.created_at)),
      r.location_name,
      r.item_name ?? '',
      r.first_name,
      r.contact_kind,
      r.contact,
    ]),
  ];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
