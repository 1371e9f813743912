import type { Database } from '../store/database';
import { readCatalogue } from '../store/catalogue-store';
import { toCsv } from './csv';
import { readKept } from './hsds/kept';
import { catalogueRows, toServiceList, toTabularPackage, zipFiles } from './hsds/packagings';

/**
 * The catalogue in each format it is exported in: HSDS 3.0's JSON list of compiled services,
 * HSDS 3.0's Tabular Data Package (its files, or one ZIP), and Inloop's own CSV for Excel.
 * Read in one transaction, so the HSDS fields kept from an import match the catalogue they go with.
 */
export type ExportFormat = 'json' | 'tabular' | 'csv';

async function hsdsRows(db: Database) {
  const { doc, kept } = await db.transaction(async (tx) => ({ doc: await readCatalogue(tx), kept: await readKept(tx) }));
  return catalogueRows(doc, kept);
}

export async function exportServiceList(db: Database): Promise<string> {
  return toServiceList(await hsdsRows(db));
}

export async function exportTabularFiles(db: Database): Promise<Map<string, string>> {
  return toTabularPackage(await hsdsRows(db));
}

export async function exportTabularZip(db: Database): Promise<Buffer> {
  return zipFiles(await exportTabularFiles(db));
}

export async function exportCsv(db: Database): Promise<string> {
  return toCsv(await readCatalogue(db));
}
