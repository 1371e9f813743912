/**
 * The catalogue search, off the main thread (a module worker: see search-client.ts).
 * It opens the app's IndexedDB itself and keeps the only search index of the app:
 * the stored index is read here, structured-cloned into this thread, and never
 * crosses to the main thread; a rebuild after an upgrade happens here too. The main
 * thread sends the ids of every pulled page (the rows are read here; the index stays current and is saved from here)
 * and one search per keystroke, and gets back the ids of the best items, the total
 * and the filter counts.
 */
import { InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import { CatalogueData } from './catalogue-data';
import type { SearchAnswer, SearchRequest } from './search-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
  postMessage(message: SearchAnswer): void;
}
const scope = self as unknown as WorkerScope;

let db: InloopDatabase | undefined;
let data: CatalogueData | undefined;
let failed = false;
/** Every message waits for the one before: pages and searches are applied in the order sent. */
let queue: Promise<void> = Promise.resolve();
/** The latest search id per channel, to skip searches already overtaken by a later keystroke. */
const latest = new Map<number, number>();

function fail(err: unknown): void {
  if (failed) return;
  failed = true;
  scope.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}

async function handle(message: SearchRequest): Promise<void> {
  if (failed) return;
  if (message.type === 'open') {
    db = new InloopDatabase(message.database);
    data = new CatalogueData(db);
    await data.load();
    scope.postMessage({ type: 'ready', size: data.items.size, indexSource: data.indexSource ?? '' });
    return;
  }
  if (!data || !db) throw new Error('search worker: not opened');
  if (message.type === 'page') {
    // The rows as stored now: a later page may have changed or deleted some already; it follows, and is applied too.
    const found = await durably(db, () => db!.catalogue.bulkGet(message.page.upserted));
    await data.applyPage({ ...message.page, rows: found.filter((row) => row !== undefined) });
    return;
  }
  if (latest.get(message.channel) !== message.id) {
    scope.postMessage({ type: 'skipped', id: message.id });
    return;
  }
  const outcome = data.search(message.query, message.filters, message.now, message.limit);
  scope.postMessage({ type: 'result', id: message.id, ids: outcome.items.map((i) => i.id), total: outcome.total, facets: outcome.facets });
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'search') latest.set(message.channel, Math.max(message.id, latest.get(message.channel) ?? 0));
  queue = queue.then(() => handle(message)).catch(fail);
};
