import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { VisitFilter } from '../../../shared/console';
import { CHANNELS, DOMAINS, HELP_KINDS, ORGANISATIONS, OUTCOMES, REFERRAL_MODES, TOPICS, termLabel } from '../../../shared/taxonomy';
import type { Queryable } from '../database';
import { spreadsheetCell } from '../../spreadsheets/formula-guard';
import { TIME_ZONE } from './dashboard';
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
const localTime = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

interface Referral {
  target: { kind: string; organisation?: string; label?: string; text?: string };
  mode: string;
}

function referralText(r: Referral): string {
  const target = r.target.kind === 'partner' ? nl(ORGANISATIONS, r.target.organisation ?? '') : r.target.kind === 'catalogue' ? (r.target.label ?? '') : (r.target.text ?? '');
  return `${target} (${nl(REFERRAL_MODES, r.mode)})`;
}

export const VISIT_HEADER = ['visit_id', 'begonnen', 'locatie', 'apparaat', 'vrijwilliger', 'duur_minuten', 'kanaal', 'terugkerend', 'taal', 'achteraf_ingevoerd', 'beoordeling', 'gecorrigeerd', 'vragen', 'soorten_hulp', 'onderwerpen', 'organisaties', 'uitkomsten', 'doorverwijzingen', 'notitie'];
export const QUESTION_HEADER = ['visit_id', 'vraag', 'begonnen', 'locatie', 'kanaal', 'soort_hulp', 'groep', 'organisatie', 'onderwerp', 'uitkomst', 'doorverwijzingen'];

function visitCells(v: VisitDbRow): Array<string | number> {
  const qs = v.questions ?? [];
  const refs = qs.flatMap((q) => (q.referrals as Referral[]) ?? []);
  return [
    v.id,
    localTime.format(new Date(v.started_at)),
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

function questionCells(v: VisitDbRow): Array<Array<string | number>> {
  return (v.questions ?? []).map((q, i) => [
    v.id,
    i + 1,
    localTime.format(new Date(v.started_at)),
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
async function* exportRows(db: Queryable, scope: Scope, filter: VisitFilter, kind: ExportRows): AsyncGenerator<Array<string | number>> {
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
      batch += cells.map(csvCell).join(';') + '\r\n';
      if (++n % 500 === 0) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  return Readable.from(lines(), { objectMode: false });
}

/** XLSX through ExcelJS's streaming writer: rows are committed as they come, never held as a whole workbook. */
export function xlsxExport(db: Queryable, scope: Scope, filter: VisitFilter, kind: ExportRows): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(kind === 'visits' ? 'Bezoeken' : 'Vragen');
  (async () => {
    sheet.addRow(kind === 'visits' ? VISIT_HEADER : QUESTION_HEADER).commit();
    for await (const cells of exportRows(db, scope, filter, kind)) sheet.addRow(cells).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** Course interest left at the kiosks, to call people back: UTF-8 with BOM, ';', times in Dutch time. */
export function interestCsv(rows: Array<{ created_at: string | Date; location_name: string; item_name: string | null; first_name: string; contact_kind: string; contact: string }>): string {
  const lines = [['aangemeld', 'locatie', 'cursus', 'voornaam', 'contact_via', 'contact'], ...rows.map((r) => [localTime.format(new Date(r.created_at)), r.location_name, r.item_name ?? '', r.first_name, r.contact_kind, r.contact])];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
