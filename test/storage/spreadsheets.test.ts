import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { Readable } from 'node:stream';
import type { Database } from '../../src/server/store/database';
import { VISIT_HEADER, csvCell, interestCsv, xlsxExport } from '../../src/server/store/console/exports';
import { exportCsv } from '../../src/server/catalogue/export';
import { importCatalogue } from '../../src/server/catalogue/import';
import { readCatalogue, replaceCatalogueInTransaction } from '../../src/server/store/catalogue-store';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_REFERENCE_DAY } from '../../src/server/seed/demo-catalogue';
import { STORAGE_TARGETS } from '../helpers/databases';
import { ORG_A, PERIOD, buildFixture } from '../helpers/console-fixture';
import { readCsv } from '../helpers/hsds-validator';
import { libreOfficeToCsv } from '../helpers/libreoffice';

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const rowsOf = (csv: string, delimiter = ';') => readCsv(csv, delimiter).filter((r) => r.some((c) => c !== ''));

/** As Excel's "CSV UTF-8 (comma delimited)" saves a sheet with Dutch settings: BOM, ';', CRLF, quotes only where needed. */
function asExcelSaves(rows: string[][]): string {
  const cell = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return '\ufeff' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

describe('formula guards on every CSV a person opens', () => {
  it('guards text starting with = + - @, a tab or a carriage return, and leaves numbers alone', () => {
    for (const text of ['=1+1', '+31 20 123 4567', '-2 graden', '@thuis', '\tinspringen', '\rterug'])
      expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('Gewoon')).toBe('Gewoon');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell("'=al een apostrof")).toBe("''=al een apostrof");
  });

  it('guards the course-interest CSV (names and phone numbers people typed at a kiosk)', () => {
    const csv = interestCsv([
      {
        created_at: '2027-01-12T09:05:00Z',
        location_name: 'Centrale',
        item_name: 'Klik & Tik',
        first_name: '=HYPERLINK("x")',
        contact_kind: 'phone',
        contact: '+31 6 1234 5678',
      },
    ]);
    expect(csv.startsWith('\ufeffaangemeld;locatie;cursus;voornaam;contact_via;contact\r\n')).toBe(true);
    const [, row] = rowsOf(csv);
    expect(row).toEqual(['2027-01-12 10:05', 'Centrale', 'Klik & Tik', `'=HYPERLINK("x")`, 'phone', "'+31 6 1234 5678"]);
  });
});

describe.each(STORAGE_TARGETS)('spreadsheets read by LibreOffice on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await buildFixture(db);
  }, 60_000);
  afterAll(async () => db?.close());

  it(
    'the visits XLSX: real dates in Dutch time, numbers as numbers, a frozen header row with filters and column widths',
    { timeout: 180_000 },
    async () => {
      const bytes = await collect(xlsxExport(db, [ORG_A.id], PERIOD, 'visits'));
      // LibreOffice shows "begonnen" with the workbook's date format: a real date, in Dutch time (10:05, not the 08:05 UTC stored).
      const rows = rowsOf(await libreOfficeToCsv('bezoeken.xlsx', bytes));
      expect(rows[0]).toEqual(VISIT_HEADER);
      expect(rows).toHaveLength(12);
      const begonnen = VISIT_HEADER.indexOf('begonnen');
      expect(rows.filter((r) => r[begonnen] === '06-07-2026 10:05')).toHaveLength(6);
      // In the file itself: numbers and dates are numeric cells, not text; the view and the filters are there.
      const zip = await JSZip.loadAsync(bytes);
      const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      expect(sheet).toMatch(/<autoFilter ref="A1:S1"/);
      expect(sheet).toMatch(/<col min="1" max="1" width="38"/);
      const cellB2 = /<c r="B2"([^>]*)>(.*?)<\/c>/.exec(sheet)!;
      expect(cellB2[1]).not.toMatch(/t="(s|str|inlineStr)"/);
      expect(Number(/<v>([^<]+)<\/v>/.exec(cellB2[2]!)![1])).toBeGreaterThan(46000);
      const duration = String.fromCharCode(65 + VISIT_HEADER.indexOf('duur_minuten'));
      expect(new RegExp(`<c r="${duration}2"(?![^>]*t="(s|str|inlineStr)")[^>]*><v>\\d+</v>`).test(sheet)).toBe(true);
      const styles = await zip.file('xl/styles.xml')!.async('string');
      expect(styles).toContain('formatCode="dd-mm-yyyy hh:mm"');
    },
  );
});

describe.each(STORAGE_TARGETS)('the catalogue CSV a coordinator edits, on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db, DEMO_REFERENCE_DAY);
    // Text a spreadsheet would take for a formula, in a description, a keyword and a phone number.
    const doc = await readCatalogue(db);
    const [first, ...rest] = doc.items;
    await replaceCatalogueInTransaction(db, {
      ...doc,
      items: [
        {
          ...first!,
          description: { ...first!.description, nl: '=2+3 is wat we oefenen' },
          keywords: ['@thuis', ...first!.keywords],
          signUp: { ...first!.signUp, phone: '+31 20 123 4567' },
        },
        ...rest,
      ],
    });
  }, 60_000);
  afterAll(async () => db?.close());

  it(
    'survives a save in LibreOffice (Dutch settings): the import reads it back to the same catalogue, formulas still text',
    { timeout: 180_000 },
    async () => {
      const before = await readCatalogue(db);
      const saved = await libreOfficeToCsv('aanbod.csv', await exportCsv(db), { csvInput: true });
      const rows = rowsOf(saved);
      const description = rows[0]!.indexOf('description_nl');
      // Not evaluated to 5: LibreOffice kept the guarded text.
      expect(rows.map((r) => r[description])).toContain("'=2+3 is wat we oefenen");
      const outcome = await importCatalogue(db, 'aanbod.csv', saved);
      expect(outcome.issues).toEqual([]);
      expect(outcome.result).toMatchObject({ written: 0, deleted: 0 });
      expect(await readCatalogue(db)).toEqual(before);
      expect(before.items[0]!.description.nl).toBe('=2+3 is wat we oefenen');
    },
  );

  it('survives a save as Excel\'s "CSV UTF-8" (BOM, ";", CRLF): the same catalogue, the guarded cells read as their text', async () => {
    const before = await readCatalogue(db);
    const saved = asExcelSaves(rowsOf(await exportCsv(db)));
    expect(saved.startsWith('\ufeffid;kind;status;')).toBe(true);
    const outcome = await importCatalogue(db, 'aanbod.csv', saved);
    expect(outcome.issues).toEqual([]);
    expect(outcome.result).toMatchObject({ written: 0, deleted: 0 });
    const after = await readCatalogue(db);
    expect(after).toEqual(before);
    expect(after.items[0]).toMatchObject({
      keywords: expect.arrayContaining(['@thuis']),
      signUp: expect.objectContaining({ phone: '+31 20 123 4567' }),
    });
  });
});
