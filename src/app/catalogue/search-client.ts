import type { InloopDatabase } from '../db/database';
import type { StoredPage } from './catalogue-pull';
import { CatalogueData, type Filters, type SearchOutcome } from './catalogue-data';
import type { SearchAnswer, SearchRequest } from './search-protocol';

/**
 * Where the catalogue is searched. Normally in a module worker (search-worker.ts), so a
 * keystroke puts its letter in the box at once and the results follow: the main thread
 * only posts the query and maps the answer's ids to the items it holds. The worker keeps
 * the one search index of the app (opened from IndexedDB in the worker); the main
 * thread's CatalogueData keeps the entities to render, and forwards every pulled page.
 *
 * When there is no Worker (jsdom in unit tests, a very old browser), when it cannot start
 * (its script not there) or when it reports that it cannot search (no IndexedDB in
 * workers), search runs on the main thread as before: the main thread's copy then opens
 * or builds the index itself, and the searches waiting are answered from it.
 */
interface Pending {
  channel: number;
  query: string;
  filters: Filters;
  now: number | undefined;
  limit: number | undefined;
  resolve: (outcome: SearchOutcome | undefined) => void;
}

export class CatalogueSearch {
  readonly data: CatalogueData;
  private worker: Worker | undefined;
  private nextId = 0;
  private channels = 0;
  private readonly pending = new Map<number, Pending>();
  private fallingBack: Promise<void> | undefined;

  /** `startWorker` gives the worker, or undefined where there is none (it must not throw). */
  constructor(db: InloopDatabase, startWorker: () => Worker | undefined = startSearchWorker) {
    this.worker = startWorker();
    this.data = new CatalogueData(db, { indexHere: !this.worker, forward: (page) => this.forward(page) });
    const worker = this.worker;
    if (worker) {
      worker.onmessage = (event: MessageEvent<SearchAnswer>) => this.answer(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        this.fallBack(`the search worker did not start: ${event.message || 'error'}`);
      };
      worker.onmessageerror = () => this.fallBack('a message from the search worker could not be read');
      this.post({ type: 'open', database: db.name });
    }
  }

  /** True while searches run on the main thread (no worker, or it failed). */
  get inThread(): boolean {
    return !this.worker;
  }

  /** Stops the worker (the benchmark opens several catalogues; the app keeps its one). */
  close(): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) p.resolve(undefined);
    this.pending.clear();
  }

  /** A number for one search box: a search of a channel overtakes that channel's earlier ones. */
  channel(): number {
    return ++this.channels;
  }

  /**
   * The outcome of a search, or undefined when a later search of the same channel was
   * sent before this one's answer came (a stale answer is never shown).
   */
  ask(channel: number, query: string, filters: Filters = {}, now?: number, limit?: number): Promise<SearchOutcome | undefined> {
    if (!this.worker) return (this.fallingBack ?? Promise.resolve()).then(() => this.data.search(query, filters, now, limit));
    const id = ++this.nextId;
    // An earlier search of this channel that is still out will never be shown.
    for (const [other, p] of this.pending) {
      if (p.channel === channel) {
        this.pending.delete(other);
        p.resolve(undefined);
      }
    }
    return new Promise((resolve) => {
      this.pending.set(id, { channel, query, filters, now, limit, resolve });
      this.post({ type: 'search', id, channel, query, filters, now, limit });
    });
  }

  private forward(page: StoredPage): void {
    if (!this.worker) return;
    const { reset, upserted, deleted, cursor } = page;
    this.post({ type: 'page', page: { reset, upserted, deleted, cursor } });
  }

  private post(message: SearchRequest): void {
    try {
      this.worker!.postMessage(message);
    } catch (err) {
      this.fallBack(err instanceof Error ? err.message : String(err));
    }
  }

  private answer(message: SearchAnswer): void {
    if (message.type === 'failed') return this.fallBack(message.message);
    if (message.type === 'ready') return;
    const p = this.pending.get(message.id);
    if (!p) return;
    this.pending.delete(message.id);
    if (message.type === 'skipped') return p.resolve(undefined);
    const items = this.data.items;
    p.resolve({
      items: message.ids.flatMap((id) => (items.has(id) ? [items.get(id)!] : [])),
      total: message.total,
      facets: message.facets,
    });
  }

  /** Search on the main thread from now on; the searches still out are answered here. */
  private fallBack(reason: string): void {
    if (!this.worker) return;
    console.warn(`catalogue: searching on the main thread (${reason})`);
    this.worker.terminate();
    this.worker = undefined;
    this.fallingBack = this.data.keepIndexHere().catch((err: unknown) => console.warn('catalogue: could not open the index', err));
    const waiting = [...this.pending.values()];
    this.pending.clear();
    void this.fallingBack.then(() => {
      for (const p of waiting) p.resolve(this.data.search(p.query, p.filters, p.now, p.limit));
    });
  }
}

/** The module worker, where the browser has workers; Vite bundles search-worker.ts as its own chunk. */
export function startSearchWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    return new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'catalogue-search' });
  } catch {
    return undefined;
  }
}
