import type { CatalogueFormat } from './import';

/**
 * Catalogue files are UTF-8. Dutch Excel's plain "CSV" is Windows-1252, and read as UTF-8
 * its accented letters silently become U+FFFD ("Café" turns into "Caf�"): such a file is
 * refused, saying how to save it so it is read right.
 */

const NOT_UTF8: Record<CatalogueFormat, string> = {
  csv: 'the file is not UTF-8, so accented letters would be lost; in Excel choose "Save as → CSV UTF-8 (comma delimited)"',
  hsds: 'the file is not UTF-8, so accented letters would be lost; save it as UTF-8',
};

export const notUtf8Reason = (format: CatalogueFormat): string => NOT_UTF8[format];

/** The file's text, or undefined when its bytes are not UTF-8. A leading byte order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Text that an earlier, lenient decoding already damaged (a browser's file.text(), Node's
 * 'utf8'): the replacement character is all that is left of a byte that was not UTF-8.
 * A catalogue has no use for the character itself, so it is taken as that loss.
 */
export const lostInDecoding = (text: string): boolean => text.includes('\ufffd');
