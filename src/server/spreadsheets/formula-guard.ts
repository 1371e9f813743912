/**
 * Cells of a CSV a person opens in Excel or LibreOffice: text starting with = + - @, a tab or a
 * carriage return would be taken as a formula (CSV injection), so it gets a leading apostrophe,
 * which both show as text. Text that already starts with apostrophes before such a character
 * gets one more, so reading a cell back (the catalogue import does) drops exactly one and gives
 * the original text, whatever it was. Numbers are written as numbers and never guarded.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text a guarded cell stands for. */
export function unguardFormula(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}

/** One CSV cell for Dutch Excel (';' between cells): guarded text, quoted when it must be. */
export function spreadsheetCell(value: string | number, delimiter = ';'): string {
  const s = typeof value === 'number' ? String(value) : guardFormula(value);
  return s.includes(delimiter) || /["\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
