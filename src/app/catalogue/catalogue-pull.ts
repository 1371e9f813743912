import type { CatalogueRow, InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import type { ServerApi } from '../sync/api';

export const CATALOGUE_CURSOR = 'catalogueCursor';
/** Set while a reset is being staged (see pullCatalogue). */
export const CATALOGUE_STAGING = 'catalogueStaging';

export interface PullResult {
  received: number;
  reset: boolean;
}

/** Listeners told which entities changed after each stored page (the search index keeps itself current this way). */
export interface StoredPage {
  reset: boolean;
  upserted: string[];
  deleted: string[];
  /** The rows as stored, and the cursor stored with them. */
  rows: CatalogueRow[];
  cursor: string;
}
type PageListener = (page: StoredPage, db: InloopDatabase) => void | Promise<void>;
const pageListeners = new Set<PageListener>();
export function onCataloguePage(listener: PageListener): () => void {
  pageListeners.add(listener);
  return () => pageListeners.delete(listener);
}

/**
 * Brings the tablet's catalogue up to the server's, page by page. Each page and
 * the cursor after it are stored in one transaction, so an interrupted pull
 * resumes where it stopped and never applies a page twice or skips one.
 */
export async function pullCatalogue(db: InloopDatabase, api: ServerApi, token: string, pageSize = 500): Promise<PullResult> {
  const result: PullResult = { received: 0, reset: false };
  for (;;) {
    const cursor = ((await durably(db, () => db.meta.get(CATALOGUE_CURSOR)))?.value as string | undefined) ?? '0';
    const page = await api.pullCatalogue(token, cursor, pageSize);
    let upserted: string[] = [];
    let rowsStored: CatalogueRow[] = [];
    const deleted: string[] = [];
    let notify = true;
    let swapped = false;
    await durably(db, () =>
      db.transaction('rw', [db.catalogue, db.catalogueStaging, db.meta], async () => {
        upserted = []; // (durably may run this again after a lost connection)
        deleted.length = 0;
        notify = true;
        swapped = false;
        // A reset is written to a staging table while the live catalogue stays usable, and swapped in once complete.
        if (page.reset) {
          await db.catalogueStaging.clear();
          await db.meta.put({ key: CATALOGUE_STAGING, value: true });
        }
        const staging = page.reset || (await db.meta.get(CATALOGUE_STAGING))?.value === true;
        const target = staging ? db.catalogueStaging : db.catalogue;
        const puts: CatalogueRow[] = [];
        rowsStored = puts;
        for (const change of page.changes) {
          if (change.deleted) deleted.push(change.id);
          else {
            upserted.push(change.id);
            puts.push({ id: change.id, entity: change.entity, data: change.data });
          }
        }
        if (deleted.length) await target.bulkDelete(deleted);
        if (puts.length) await target.bulkPut(puts);
        if (staging && !page.more) {
          const rows = await db.catalogueStaging.toArray();
          await db.catalogue.clear();
          await db.catalogue.bulkPut(rows);
          await db.catalogueStaging.clear();
          await db.meta.delete(CATALOGUE_STAGING);
          upserted = rows.map((r) => r.id);
          rowsStored = rows;
          swapped = true;
          deleted.length = 0;
        } else if (staging) notify = false;
        await db.meta.put({ key: CATALOGUE_CURSOR, value: page.cursor });
      }),
    );
    result.received += page.changes.length;
    result.reset ||= page.reset;
    // While a reset is staged the live catalogue is unchanged; listeners hear of it when it is swapped in, as a reset.
    if (notify)
      for (const listener of pageListeners)
        await listener({ reset: swapped, upserted, deleted, rows: rowsStored, cursor: page.cursor }, db);
    if (!page.more) return result;
  }
}
