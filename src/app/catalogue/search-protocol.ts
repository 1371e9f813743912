import type { StoredPage } from './catalogue-pull';
import type { FacetCounts, Filters } from './catalogue-data';

/**
 * The messages between the app and the search worker (search-worker.ts). The worker
 * handles them one at a time, in the order sent: a page sent before a search is in
 * the index that answers it.
 */
export type SearchRequest =
  /** First message: the IndexedDB database the worker opens (the app's own, by its name). */
  | { type: 'open'; database: string }
  /**
   * A pulled page, without its rows: the worker reads them from IndexedDB by id, so the main
   * thread copies a few ids instead of up to the whole catalogue (a reset) per page.
   */
  | { type: 'page'; page: Omit<StoredPage, 'rows'> }
  /**
   * One keystroke's search. `id` grows with every search the app sends; the worker skips
   * a search when a later one of the same `channel` (one search box) is already waiting.
   */
  | { type: 'search'; id: number; channel: number; query: string; filters: Filters; now?: number; limit?: number };

export type SearchAnswer =
  /** The worker opened the catalogue and its index (how: stored or rebuilt). */
  | { type: 'ready'; size: number; indexSource: string }
  /** The best items' ids in order (the main thread has the items themselves), the total and the filter counts. */
  | { type: 'result'; id: number; ids: string[]; total: number; facets: FacetCounts }
  /** Left unanswered: a later search of the same channel came in meanwhile. */
  | { type: 'skipped'; id: number }
  /** The worker cannot search (no IndexedDB in workers, a failed open): the app searches on the main thread instead. */
  | { type: 'failed'; message: string };
