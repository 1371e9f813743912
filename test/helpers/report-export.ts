import ExcelJS from 'exceljs';
import { parseCsvRecords } from '../../src/server/catalogue/csv';

/** Cells of a table as a reader sees them: the header line, then the rows. */
export type Table = Array<Array<string | number | null>>;

/** The report CSV read back: title → its header and rows (the tables are separated by an empty line). */
export function csvTables(text: string): Map<string, Table> {
  const records = parseCsvRecords(text.replace(/^\uFEFF/, ''), ';');
  const tables = new Map<string, Table>();
  let current: Table | null = null;
  for (const record of records) {
    if (record.every((c) => c === '')) current = null;
    else if (!current) tables.set(record[0]!, (current = []));
    else current.push(record);
  }
  return tables;
}

/** The report XLSX read back with ExcelJS: sheet name → its rows of cell values (shares as fractions), and each cell's number format. */
export async function xlsxTables(bytes: Buffer | Uint8Array): Promise<Map<string, { rows: Table; formats: string[][] }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const sheets = new Map<string, { rows: Table; formats: string[][] }>();
  workbook.eachSheet((sheet) => {
    const rows: Table = [];
    const formats: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const width = sheet.columnCount;
      rows.push(Array.from({ length: width }, (_, i) => (row.getCell(i + 1).value as string | number | null) ?? null));
      formats.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).numFmt ?? ''));
    });
    sheets.set(sheet.name, { rows, formats });
  });
  return sheets;
}
