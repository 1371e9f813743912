import ExcelJS from 'exceljs';
import type { IdoSummary } from '../../../shared/console';
import type { CourseReport, SurveyReport, SurveyRow } from '../../../shared/impact';
import { NOT_ASKED } from '../../../shared/municipality';
import type { Funnel } from '../../../shared/referrals';
import { HELP_KINDS, TOPICS, termLabel } from '../../../shared/taxonomy';
import type { Queryable } from '../database';
import { municipalityNames } from '../municipalities';
import { courseReport, kbCourseLines, KB_COURSE_HEADER } from './course-figures';
import { idoSummary, type Period } from './dashboard';
import { csvCell } from './exports';
import { surveyReport } from './impact';
import { referralFunnel } from './referral-funnel';
import { NOT_ASKED_NL, STATEMENT_NL, STOP_REASON_NL } from './report-labels';
import { locationsInScope, type Scope } from './scope';

/**
 * The quarterly report's figures as a download (GET /api/console/exports/report): the IDO
 * summary, the course figures, the survey figures and the referral funnel of one reach
 * (period, organisation, location, municipality), each beside the previous period as the
 * printable report shows them, and split by municipality where the report splits.
 * One table per part: a sheet each in the XLSX, one after the other in the CSV (a title
 * line, a header line, the rows, an empty line). Dutch labels, as the other exports.
 */

/** A share (0–1, or null when nobody answered): a percentage in the XLSX, whole percent in the CSV. */
type Share = { share: number | null };
/** A number with decimals (an average): a number in the XLSX, with a decimal comma in the CSV. */
type Decimal = { decimal: number | null };
export type ReportCell = string | number | Share | Decimal;

export interface ReportTable {
  /** The table's title, and its sheet's name in the XLSX (at most 31 characters, no : / ? * [ ]). */
  title: string;
  header: string[];
  rows: ReportCell[][];
}

const ratio = (part: number, whole: number): Share => ({ share: whole > 0 ? part / whole : null });
const nl = (list: Parameters<typeof termLabel>[0]) => (key: string) => termLabel(list, key, 'nl');

export const FUNNEL_HEADER = [
  'groep',
  'doorverwezen',
  'met code',
  'aangekomen',
  'geholpen',
  'komt niet in aanmerking',
  'geen plek',
  'niet gekomen',
  'geen antwoord',
  'open',
  'vorige periode: doorverwezen',
  'vorige periode: aangekomen',
  'vorige periode: geholpen',
];

/** A funnel group by its Dutch name: topics by the taxonomy, "niet gevraagd" for a municipality not asked. */
function funnelGroup(f: Funnel, key: string, label: string): string {
  if (f.by === 'topic') return termLabel(TOPICS, key, 'nl');
  if (f.by === 'municipality' && key === NOT_ASKED) return NOT_ASKED_NL;
  return label;
}

/** The funnel's lines under FUNNEL_HEADER: a line per group, then the total. */
export function funnelLines(f: Funnel): Array<Array<string | number>> {
  const line = (label: string, c: Funnel['total']) => [
    label,
    c.current.referred,
    c.current.withCode,
    c.current.arrived,
    c.current.helped,
    c.current.notEligible,
    c.current.noCapacity,
    c.current.noShow,
    c.current.noResponse,
    c.current.open,
    c.previous.referred,
    c.previous.arrived,
    c.previous.helped,
  ];
  return [...f.rows.map((r) => line(funnelGroup(f, r.key, r.label), r)), line('totaal', f.total)];
}

/** The IDO summary's lines under IDO_HEADER, laid out like the KB's national registration. */
export const IDO_HEADER = ['onderdeel', 'waarde', 'aantal'];
export function idoLines(s: IdoSummary): Array<Array<string | number>> {
  const lines: Array<Array<string | number>> = [
    ['totaal', 'contacten (bezoeken)', s.visits],
    ['totaal', 'vragen', s.questions],
  ];
  const add = (section: string, rows: Array<{ key: string; count: number }>) => rows.forEach((r) => lines.push([section, r.key, r.count]));
  add('soort vraag (groep)', s.domains);
  add('onderwerp', s.topics);
  add('organisatie', s.organisations);
  add('soort hulp (IDO-functie)', s.helpKinds);
  lines.push(
    ['doorverwijzing', 'vragen met doorverwijzing', s.referrals.questionsReferred],
    ['doorverwijzing', 'warm', s.referrals.warm],
    ['doorverwijzing', 'informatie meegegeven', s.referrals.logged],
  );
  add('doorverwezen naar', s.referrals.targets);
  add('kanaal', s.channels);
  add('duur', s.durations);
  return lines;
}

function courseTables(c: Omit<CourseReport, 'municipalityNames'>, municipality: (key: string) => string): ReportTable[] {
  const p = c.previous;
  const reasonCount = (list: CourseReport['stopReasons'], key: string) => list.find((r) => r.key === key)?.count ?? 0;
  const reasons = [...new Set([...c.stopReasons, ...p.stopReasons].map((r) => r.key))];
  const places = [...new Set([...c.municipalities, ...p.municipalities].map((m) => m.key))];
  const place = (list: CourseReport['municipalities'], key: string) => list.find((m) => m.key === key);
  const statementKey = (s: CourseReport['statements'][number]) => `${s.assessmentVersion}/${s.theme}/${s.statement}`;
  const before = new Map(p.statements.map((s) => [statementKey(s), s]));
  return [
    {
      title: 'Cursussen',
      header: ['waarde', 'deze periode', 'vorige periode'],
      rows: [
        ['cursusrondes', c.total.runs, p.total.runs],
        ['deelnemers', c.total.participants, p.total.participants],
        ['afgerond', c.total.finished, p.total.finished],
        ['gestopt', c.total.stopped, p.total.stopped],
        ['opkomst (%)', { share: c.total.attendanceRate }, { share: p.total.attendanceRate }],
        ['afgerond, van wie eindigde (%)', { share: c.total.completionRate }, { share: p.total.completionRate }],
      ],
    },
    { title: 'Cursusrondes', header: KB_COURSE_HEADER, rows: kbCourseLines(c) },
    {
      title: 'Cursussen reden van stoppen',
      header: ['reden', 'deze periode', 'vorige periode'],
      rows: reasons.map((key) => [STOP_REASON_NL[key], reasonCount(c.stopReasons, key), reasonCount(p.stopReasons, key)]),
    },
    {
      title: 'Cursussen per gemeente',
      header: ['gemeente', 'deelnemers', 'afgerond', 'gestopt', 'vorige periode: deelnemers', 'vorige periode: afgerond'],
      rows: places.map((key) => [
        municipality(key),
        place(c.municipalities, key)?.participants ?? 0,
        place(c.municipalities, key)?.finished ?? 0,
        place(c.municipalities, key)?.stopped ?? 0,
        place(p.municipalities, key)?.participants ?? 0,
        place(p.municipalities, key)?.finished ?? 0,
      ]),
    },
    {
      title: 'Zelfbeoordeling begin en eind',
      header: ['uitspraak', 'met begin en eind', 'begin (1-5)', 'eind (1-5)', 'verschil', 'vorige periode: verschil'],
      rows: c.statements.map((s) => [
        STATEMENT_NL[s.assessmentVersion]?.[s.statement] ?? s.statement,
        s.pairs,
        { decimal: s.startAverage },
        { decimal: s.endAverage },
        { decimal: s.change },
        { decimal: before.get(statementKey(s))?.change ?? null },
      ]),
    },
  ];
}

const SURVEY_SHARES: Array<[string, (r: SurveyRow) => Share]> = [
  ['met antwoord (%)', (r) => ratio(r.answered, r.visits)],
  ['goed geholpen (%)', (r) => ratio(r.helpedYes, r.helpedAnswered)],
  ['kan het voortaan zelf (%)', (r) => ratio(r.selfYes, r.selfAnswered)],
  ['zekerder (%)', (r) => ratio(r.confidentHigh, r.confidenceAnswered)],
];

function surveyTables(s: Omit<SurveyReport, 'municipalityNames'>, municipality: (key: string) => string): ReportTable[] {
  const periods = [s.current, s.previous, s.lastYear];
  const breakdown = (title: string, pick: (f: SurveyReport['current']) => SurveyRow[], name: (key: string) => string): ReportTable => ({
    title,
    header: ['groep', 'bezoeken', ...SURVEY_SHARES.map(([h]) => h), 'vorige periode: goed geholpen (%)'],
    rows: pick(s.current).map((r) => {
      const before = pick(s.previous).find((p) => p.key === r.key);
      return [
        name(r.key),
        r.visits,
        ...SURVEY_SHARES.map(([, share]) => share(r)),
        before ? ratio(before.helpedYes, before.helpedAnswered) : { share: null },
      ];
    }),
  });
  return [
    {
      title: 'Vragenlijst',
      header: ['waarde', 'deze periode', 'vorige periode', 'vorig jaar'],
      rows: [
        ['bezoeken', ...periods.map((f) => f.total.visits)],
        ...SURVEY_SHARES.map(([label, share]) => [label, ...periods.map((f) => share(f.total))]),
        [
          'zekerheid gemiddeld (1-5)',
          ...periods.map((f) => ({ decimal: f.total.confidenceAnswered ? f.total.confidenceSum / f.total.confidenceAnswered : null })),
        ],
        ['antwoorden op een kiosk', ...periods.map((f) => f.kiosk.answered)],
      ],
    },
    breakdown('Vragenlijst per onderwerp', (f) => f.topics, nl(TOPICS)),
    breakdown('Vragenlijst per soort hulp', (f) => f.helpKinds, nl(HELP_KINDS)),
    breakdown(
      'Vragenlijst per locatie',
      (f) => f.locations,
      (k) => k,
    ),
    breakdown('Vragenlijst per gemeente', (f) => f.municipalities, municipality),
  ];
}

/** Every table of the report of one reach, in the order the printable report shows them. */
export async function reportTables(db: Queryable, scope: Scope, reach: Period): Promise<ReportTable[]> {
  const locations = (await locationsInScope(db, scope)).map((l) => l.id);
  const [ido, courses, survey, byPartner, byMunicipality, names] = await Promise.all([
    idoSummary(db, scope, reach),
    courseReport(db, scope, reach),
    surveyReport(db, scope, reach),
    referralFunnel(db, scope, { ...reach, by: 'partner' }),
    referralFunnel(db, scope, { ...reach, by: 'municipality' }),
    municipalityNames(db, locations),
  ]);
  const municipality = (key: string) => (key === NOT_ASKED ? NOT_ASKED_NL : (names[key] ?? key));
  return [
    { title: 'IDO-registratie', header: IDO_HEADER, rows: idoLines(ido) },
    ...courseTables(courses, municipality),
    ...surveyTables(survey, municipality),
    { title: 'Doorverwijzingen per partner', header: FUNNEL_HEADER, rows: funnelLines(byPartner) },
    { title: 'Doorverwijzingen per gemeente', header: FUNNEL_HEADER, rows: funnelLines(byMunicipality) },
  ];
}

/** A cell in the CSV: a share as whole percent, a decimal with a comma (our own numbers, never formulas). */
function csvReportCell(c: ReportCell): string {
  if (typeof c !== 'object') return csvCell(c);
  const value =
    'share' in c ? (c.share === null ? null : Math.round(c.share * 100)) : c.decimal === null ? null : Math.round(c.decimal * 10) / 10;
  return value === null ? '' : String(value).replace('.', ',');
}

/** The report as one CSV for Dutch Excel: UTF-8 with BOM, ';', each table with its title, header and rows, an empty line between. */
export function reportCsv(tables: ReportTable[]): string {
  const lines = tables.flatMap((t) => [
    csvCell(t.title),
    t.header.map(csvCell).join(';'),
    ...t.rows.map((r) => r.map(csvReportCell).join(';')),
    '',
  ]);
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The report as an XLSX workbook: a sheet per table, shares as percentages, averages with one decimal, the header frozen. */
export async function reportXlsx(tables: ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const t of tables) {
    const sheet = workbook.addWorksheet(t.title, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    sheet.columns = t.header.map((h, i) => ({ width: i === 0 ? 44 : Math.max(12, h.length + 2) }));
    sheet.addRow(t.header).font = { bold: true };
    for (const cells of t.rows) {
      const row = sheet.addRow(cells.map((c) => (typeof c !== 'object' ? c : 'share' in c ? c.share : c.decimal)));
      cells.forEach((c, i) => {
        if (typeof c === 'object') row.getCell(i + 1).numFmt = 'share' in c ? '0%' : '0.0';
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
