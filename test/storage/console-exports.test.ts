import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { Database } from '../../src/server/store/database';
import { QUESTION_HEADER, VISIT_HEADER, csvExport, xlsxExport } from '../../src/server/store/console/exports';
import { parseCsvRecords } from '../../src/server/catalogue/csv';
import { STORAGE_TARGETS } from '../helpers/databases';
import { ORG_A, PERIOD, buildFixture, type Fixture } from '../helpers/console-fixture';

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe.each(STORAGE_TARGETS)('console exports on $name', (target) => {
  let db: Database;
  let fx: Fixture;
  beforeAll(async () => {
    db = await target.open();
    fx = await buildFixture(db);
  }, 60_000);
  afterAll(async () => db?.close());

  it('writes the visits as CSV that Dutch Excel opens: UTF-8 BOM, ";" separated, one row per counted visit', async () => {
    const bytes = await collect(csvExport(db, [ORG_A.id], PERIOD, 'visits'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsvRecords(bytes.toString('utf8').replace(/^\uFEFF/, ''), ';').filter((r) => r.some((c) => c !== ''));
    expect(records[0]).toEqual(VISIT_HEADER);
    const rows = records.slice(1);
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(fx.visitIdsA));
    expect(rows.map((r) => r[0])).not.toContain(fx.voidedId);
    const monday = rows.filter((r) => r[1] === '2026-07-06 10:05');
    expect(monday).toHaveLength(6);
    expect(monday.every((r) => r[14] === 'DigiD' && r[6] === 'Inloop')).toBe(true);
    expect(rows.some((r) => r[18] === 'Wachtwoord vergeten bij DigiD')).toBe(true);
  });

  it('writes the questions as CSV, one row per question', async () => {
    const text = (await collect(csvExport(db, [ORG_A.id], PERIOD, 'questions'))).toString('utf8').replace(/^\uFEFF/, '');
    const records = parseCsvRecords(text, ';').filter((r) => r.some((c) => c !== ''));
    expect(records[0]).toEqual(QUESTION_HEADER);
    expect(records.slice(1)).toHaveLength(14);
    expect(records.filter((r) => r[10]?.includes('Belastingdienst (Warm (contact gelegd))'))).toHaveLength(3);
  });

  it('writes a valid XLSX workbook with the same rows', async () => {
    const bytes = await collect(xlsxExport(db, [ORG_A.id], PERIOD, 'visits'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Bezoeken');
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(VISIT_HEADER);
    expect(values).toHaveLength(12);
    expect(new Set(values.slice(1).map((r) => r[0]))).toEqual(new Set(fx.visitIdsA));
  });

  it('exports every counted visit of the network to an administrator', async () => {
    const all = parseCsvRecords((await collect(csvExport(db, null, {}, 'visits'))).toString('utf8').replace(/^\uFEFF/, ''), ';').filter(
      (r) => r.some((c) => c !== ''),
    );
    // Every counted visit of both organisations, in and outside the period.
    expect(all.length - 1).toBe(11 + 4 + 5 + 7);
  });

  it('keeps a formula out of a cell', async () => {
    const { csvCell } = await import('../../src/server/store/console/exports');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a;b')).toBe('"a;b"');
  });
});
