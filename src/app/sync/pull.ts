import type { InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import type { ServerApi } from './api';

export const CATALOGUE_CURSOR = 'catalogueCursor';

export interface PullResult {
  received: number;
  reset: boolean;
}

/** Listeners told which entities changed after each stored page (the search index keeps itself current this way). */
type PageListener = (page: { reset: boolean; upserted: string[]; deleted: string[] }) => void | Promise<void>;
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
    const upserted: string[] = [];
    const deleted: string[] = [];
    await durably(db, () =>
      db.transaction('rw', db.catalogue, db.meta, async () => {
        if (page.reset) await db.catalogue.clear();
        const puts = [];
        for (const change of page.changes) {
          if (change.deleted) deleted.push(change.id);
          else {
            upserted.push(change.id);
            puts.push({ id: change.id, entity: change.entity, data: change.data });
          }
        }
        if (deleted.length) await db.catalogue.bulkDelete(deleted);
        if (puts.length) await db.catalogue.bulkPut(puts);
        await db.meta.put({ key: CATALOGUE_CURSOR, value: page.cursor });
      }),
    );
    result.received += page.changes.length;
    result.reset ||= page.reset;
    for (const listener of pageListeners) await listener({ reset: page.reset, upserted, deleted });
    if (!page.more) return result;
  }
}
