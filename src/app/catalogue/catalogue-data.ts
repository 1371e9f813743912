import type { CatalogueItem, CatalogueLocation, CatalogueOrganization } from '../../shared/catalogue';
import type { CatalogueIndexRow, CatalogueRow, InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import { CATALOGUE_CURSOR, onCataloguePage, type StoredPage } from './catalogue-pull';
import { availability, nextOpening, nextSession, upcomingSessions, type ItemAvailability, type Occurrence, type Slot } from './schedule';
import { CatalogueIndex, countAnd, INDEX_FORMAT } from '../../shared/catalogue-search';

/**
 * The tablet's catalogue for reading: every entity in memory, the search index
 * beside it. Loaded once from IndexedDB (the index from its stored form, unless it
 * is missing, of another format, or behind the catalogue), then kept current by the
 * pull's page listener, and the index saved back shortly after each change.
 */

export const FACETS = ['theme', 'audience', 'format', 'location', 'language', 'cost', 'when'] as const;
export type Facet = (typeof FACETS)[number];
export type Filters = Partial<Record<Facet, string[]>>;
export type FacetCounts = Record<Facet, Array<{ value: string; count: number }>>;
/** The facets whose values do not change with the time of day: kept as tags in the index. */
const STATIC_FACETS = FACETS.filter((f) => f !== 'when');

/** "Starting soon": a session begins within this many days. */
export const SOON_DAYS = 30;
const INDEX_KEY = 'search';
const SAVE_DELAY_MS = 400;
const LOAD_BATCH = 500;

export interface SearchOutcome {
  items: CatalogueItem[];
  total: number;
  facets: FacetCounts;
}

export interface CatalogueDataOptions {
  /**
   * Whether this copy keeps the search index. The app's copy on the main thread does not
   * when search runs in the worker (search-client.ts): the worker opens, updates and saves
   * the index, and the main thread holds only the entities it renders.
   */
  indexHere?: boolean;
  /** Told of every pulled page first, before this copy applies it (the search client forwards it to the worker). */
  forward?: (page: StoredPage) => void;
}

export interface ItemDetail {
  item: CatalogueItem;
  organization?: CatalogueOrganization;
  locations: CatalogueLocation[];
  availability: ItemAvailability;
  next?: Occurrence;
  upcoming: Occurrence[];
  walkIn?: Slot;
}

export class CatalogueData {
  readonly items = new Map<string, CatalogueItem>();
  readonly organizations = new Map<string, CatalogueOrganization>();
  readonly locations = new Map<string, CatalogueLocation>();
  index = CatalogueIndex.empty();
  /** How the index came about at load ('elsewhere': kept by the search worker): for tests and the benchmark. */
  indexSource: 'stored' | 'rebuilt' | 'elsewhere' | undefined;
  private indexHere: boolean;
  private readonly forward: ((page: StoredPage) => void) | undefined;
  private loading: Promise<void> | undefined;
  private appliedCursor = '0';
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private nextCache = new Map<string, number | null>();
  private availabilityCache = new Map<string, ItemAvailability>();
  private locationCache = new Map<string, string[]>();
  /** The hour (since the epoch) the time-dependent caches hold; plain arithmetic, as it is checked for every item of every search. */
  private cacheHour = -1;
  private unsubscribe: (() => void) | undefined;
  /** Counts changes, so that what is worked out per hour (default order, "starting soon") knows when to start over. */
  private version = 0;
  private hourly: { key: string; order?: Int32Array; soonKnown: Uint32Array; soon: Uint32Array } | undefined;

  constructor(
    private readonly db: InloopDatabase,
    options: CatalogueDataOptions = {},
  ) {
    this.indexHere = options.indexHere ?? true;
    this.forward = options.forward;
  }

  /**
   * From now on this copy keeps the index itself (when the search worker failed): opened
   * from its stored form if that reflects the entities in memory, else built from them.
   */
  async keepIndexHere(): Promise<void> {
    if (this.indexHere) return;
    this.indexHere = true;
    await this.loading?.catch(() => {});
    if (!this.loading) return; // not loaded yet: the load builds the index
    const stored = await durably(this.db, () => this.db.catalogueIndex.get(INDEX_KEY)).catch(() => undefined);
    await this.openIndex(stored, this.appliedCursor);
    this.changed();
  }

  /** Starts listening to pulled pages; call once, before or after load. */
  attach(): this {
    this.unsubscribe ??= onCataloguePage((page, db) => (db === this.db ? this.applyPage(page) : undefined));
    return this;
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.saveTimer);
  }

  /** Loads once; later calls return the same promise. */
  load(): Promise<void> {
    this.loading ??= this.doLoad();
    return this.loading;
  }

  get loaded(): boolean {
    return this.indexSource !== undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    this.nextCache.clear();
    this.availabilityCache.clear();
    this.locationCache.clear();
    for (const l of this.listeners) l();
  }

  private async doLoad(): Promise<void> {
    const { rows, cursor, stored } = await this.readSnapshot();
    for (const row of rows) this.remember(row.entity, row.data);
    this.appliedCursor = cursor;
    if (this.indexHere) await this.openIndex(stored, cursor);
    else this.indexSource = 'elsewhere';
    this.changed();
  }

  /** The index from its stored form when that is of this format and reflects `cursor`, else built from the items (and saved). */
  private async openIndex(stored: CatalogueIndexRow | undefined, cursor: string): Promise<void> {
    let index: CatalogueIndex | undefined;
    if (stored && stored.format === INDEX_FORMAT && stored.cursor === cursor) {
      try {
        index = CatalogueIndex.fromStored(stored.index);
        if (index.size !== this.items.size) index = undefined;
      } catch {
        index = undefined;
      }
    }
    if (index) {
      this.index = index;
      this.indexSource = 'stored';
    } else {
      this.index = CatalogueIndex.empty();
      for (const item of this.items.values()) this.putInIndex(item);
      this.indexSource = 'rebuilt';
      await this.saveIndex();
    }
  }

  /**
   * The rows, the cursor they reflect and the stored index, as one consistent picture.
   * The rows are read in short batches outside any long transaction: a transaction
   * that held `meta` for the whole read would make a visit being saved meanwhile (which
   * writes `meta`) wait for it. A pull writes rows and cursor together, so an unchanged
   * cursor before and after means no pull landed in between; if one did, read again,
   * and after a few tries fall back to one transaction. A copy that keeps no index (the
   * search worker keeps it) does not read the stored index at all: it would be copied
   * into this thread for nothing.
   */
  private async readSnapshot(): Promise<{ rows: CatalogueRow[]; cursor: string; stored: CatalogueIndexRow | undefined }> {
    const readCursor = async () => ((await this.db.meta.get(CATALOGUE_CURSOR))?.value as string | undefined) ?? '0';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { cursor, stored } = await durably(this.db, () =>
        this.db.transaction('r', [this.db.meta, this.db.catalogueIndex], async () => ({
          cursor: await readCursor(),
          stored: this.indexHere ? await this.db.catalogueIndex.get(INDEX_KEY) : undefined,
        })),
      );
      const rows = await durably(this.db, () => this.readRowsInBatches());
      if ((await durably(this.db, readCursor)) === cursor) return { rows, cursor, stored };
    }
    return durably(this.db, () =>
      this.db.transaction('r', [this.db.catalogue, this.db.meta, this.db.catalogueIndex], async () => ({
        rows: await this.readRowsInBatches(),
        cursor: await readCursor(),
        stored: this.indexHere ? await this.db.catalogueIndex.get(INDEX_KEY) : undefined,
      })),
    );
  }

  /**
   * All rows, a batch per request: the browser turns each answer into objects in its
   * own task, so a cheap tablet keeps answering taps while 10,000 items load, instead
   * of freezing for one long read.
   */
  private async readRowsInBatches(): Promise<CatalogueRow[]> {
    const rows: CatalogueRow[] = [];
    for (let last: string | undefined; ;) {
      const batch = await (last === undefined ? this.db.catalogue.orderBy(':id') : this.db.catalogue.where(':id').above(last))
        .limit(LOAD_BATCH)
        .toArray();
      rows.push(...batch);
      if (batch.length < LOAD_BATCH) return rows;
      last = batch.at(-1)!.id;
    }
  }

  private remember(entity: string, data: unknown): void {
    const d = data as { id: string };
    if (entity === 'item') this.items.set(d.id, data as CatalogueItem);
    else if (entity === 'organization') this.organizations.set(d.id, data as CatalogueOrganization);
    else if (entity === 'location') this.locations.set(d.id, data as CatalogueLocation);
  }

  private forget(id: string): void {
    this.items.delete(id);
    this.organizations.delete(id);
    this.locations.delete(id);
  }

  private orgName(item: CatalogueItem): string {
    return this.organizations.get(item.organizationId)?.name ?? '';
  }

  /** Indexes an item with its filter values as tags ("theme:money"); "starting soon" changes by the hour, so it is worked out at search time. */
  private putInIndex(item: CatalogueItem): void {
    if (!this.indexHere) return;
    const tags: string[] = [];
    for (const facet of STATIC_FACETS) for (const value of this.facetValues(item, facet, 0)) tags.push(`${facet}:${value}`);
    this.index.put(item, this.orgName(item), tags);
  }

  /** Applies one stored page (called by the pull, which waits for it before the next page). */
  async applyPage(page: StoredPage): Promise<void> {
    this.forward?.(page);
    if (!this.loading) return; // not loaded yet: the load will read it all
    await this.loading.catch(() => {});
    try {
      await this.applyStoredPage(page);
    } catch (err) {
      // The page is stored whatever happens here; the copy in memory starts over from IndexedDB.
      console.warn('catalogue: re-reading after a failed update', err);
      this.items.clear();
      this.organizations.clear();
      this.locations.clear();
      this.loading = this.doLoad();
      await this.loading.catch(() => {});
    }
  }

  private async applyStoredPage(page: StoredPage): Promise<void> {
    // The pull hands over what it stored (and waits for this before its next page).
    const { rows, cursor } = page;
    if (page.reset) {
      this.items.clear();
      this.organizations.clear();
      this.locations.clear();
      this.index.clear();
    }
    for (const id of page.deleted) {
      this.forget(id);
      this.index.remove(id);
    }
    const touchedOrgs = new Set<string>();
    for (const row of rows) {
      if (!row) continue;
      this.remember(row.entity, row.data);
      if (row.entity === 'organization') touchedOrgs.add(row.id);
    }
    for (const row of rows) if (row?.entity === 'item') this.putInIndex(row.data as CatalogueItem);
    // An organisation renamed: its items are indexed under the new name.
    if (touchedOrgs.size && !page.reset) {
      for (const item of this.items.values()) if (touchedOrgs.has(item.organizationId)) this.putInIndex(item);
    }
    this.appliedCursor = cursor;
    if (this.indexHere) this.scheduleSave();
    this.changed();
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveIndex(), SAVE_DELAY_MS);
  }

  /** Stores the index with the cursor it reflects; waits for a save in progress. */
  saveIndex(): Promise<void> {
    clearTimeout(this.saveTimer);
    if (!this.indexHere) return this.saving;
    const index = this.index.toStored();
    const cursor = this.appliedCursor;
    this.saving = this.saving
      .catch(() => {})
      .then(() =>
        durably(this.db, () => this.db.catalogueIndex.put({ key: INDEX_KEY, format: INDEX_FORMAT, cursor, index })).then(() => undefined),
      );
    return this.saving;
  }

  private nextStart(item: CatalogueItem, now: number): number | null {
    const hour = Math.floor(now / 3_600_000);
    if (hour !== this.cacheHour) {
      this.nextCache.clear();
      this.availabilityCache.clear();
      this.cacheHour = hour;
    }
    let v = this.nextCache.get(item.id);
    if (v === undefined) {
      const next = nextSession(item, now);
      v = next ? next.start.getTime() : null;
      this.nextCache.set(item.id, v);
    }
    return v;
  }

  private facetValues(item: CatalogueItem, facet: Facet, now: number): readonly string[] {
    switch (facet) {
      case 'theme':
        return item.themes;
      case 'audience':
        return item.audience;
      case 'format':
        return [item.format];
      case 'location': {
        let ids = this.locationCache.get(item.id);
        if (!ids) {
          const set = new Set(item.locationIds);
          for (const s of item.sessions) if (s.locationId) set.add(s.locationId);
          this.locationCache.set(item.id, (ids = [...set]));
        }
        return ids;
      }
      case 'language':
        return item.languages;
      case 'cost':
        return [item.cost.free ? 'free' : 'paid'];
      case 'when': {
        const start = this.nextStart(item, now);
        return start !== null && start >= now && start - now <= SOON_DAYS * 86_400_000 ? ['soon'] : [];
      }
    }
  }

  /**
   * Search with filters: OR within a facet, AND across facets. Each facet's counts
   * are of the items that the other facets' filters let through, so a count says
   * how many results choosing that value would give. Matches and filter values are
   * bitsets (see CatalogueIndex): a count is a bit count, and only the best `limit`
   * matches are put in order, not all of them.
   */
  search(query: string, filters: Filters = {}, now = Date.now(), limit = 50): SearchOutcome {
    const started = performance.now();
    const outcome = this.searchNow(query, filters, now, limit);
    markSearch(started);
    return outcome;
  }

  private searchNow(query: string, filters: Filters, now: number, limit: number): SearchOutcome {
    const index = this.index;
    const hourly = this.hourlyState(now);
    const matches = query.trim() ? index.match(query, (id) => this.items.get(id)) : undefined;
    const found = matches ? matches.bits : index.all();
    const active = FACETS.filter((f) => filters[f]?.length);
    const chosen = new Map<Facet, Uint32Array>();
    for (const f of active) {
      const bits = new Uint32Array(found.length);
      if (f === 'when') {
        if (filters.when!.includes('soon')) bits.set(this.soonAmong(found, now, hourly).subarray(0, found.length));
      } else for (const v of filters[f]!) orInto(bits, index.tag(`${f}:${v}`));
      chosen.set(f, bits);
    }
    /** The matches let through by every chosen facet but `except`. */
    const through = (except?: Facet): Uint32Array => {
      const bits = found.slice();
      for (const [f, set] of chosen) if (f !== except) for (let i = 0; i < bits.length; i++) bits[i]! &= set[i]!;
      return bits;
    };
    const matching = through();
    const facets = {} as FacetCounts;
    const values = this.facetTags();
    for (const f of FACETS) {
      const base = chosen.has(f) ? through(f) : matching;
      const counts: Array<{ value: string; count: number }> = [];
      if (f === 'when') {
        const n = countAnd(base, this.soonAmong(base, now, hourly));
        if (n) counts.push({ value: 'soon', count: n });
      } else {
        for (const [value, tag] of values.get(f) ?? []) {
          const n = countAnd(base, index.tag(tag));
          if (n) counts.push({ value, count: n });
        }
      }
      facets[f] = counts.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    const total = countAnd(matching, matching);
    const slots = matches ? this.bestFirst(matching, matches, now, limit) : this.inDefaultOrder(matching, now, limit, hourly);
    return { items: slots.map((slot) => this.items.get(index.idOf(slot))!), total, facets };
  }

  /** Each static facet's values with their tag, from the index's tags. */
  private facetTags(): Map<Facet, Array<[string, string]>> {
    const out = new Map<Facet, Array<[string, string]>>();
    for (const tag of this.index.tagList) {
      const at = tag.indexOf(':');
      const f = tag.slice(0, at) as Facet;
      if (!out.has(f)) out.set(f, []);
      out.get(f)!.push([tag.slice(at + 1), tag]);
    }
    return out;
  }

  /** What is worked out per hour and per catalogue version: the default order and "starting soon". */
  private hourlyState(now: number): NonNullable<CatalogueData['hourly']> {
    const key = `${Math.floor(now / 3_600_000)}:${this.version}:${this.index.slots}`;
    if (this.hourly?.key !== key) {
      const words = (this.index.slots + 31) >>> 5;
      this.hourly = { key, soonKnown: new Uint32Array(words), soon: new Uint32Array(words) };
    }
    return this.hourly;
  }

  /** The "starting soon" bitset, worked out (once an hour) for at least the items in `scope`. */
  private soonAmong(scope: Uint32Array, now: number, hourly: NonNullable<CatalogueData['hourly']>): Uint32Array {
    const { soonKnown, soon } = hourly;
    for (let w = 0; w < scope.length; w++) {
      let todo = scope[w]! & ~soonKnown[w]!;
      if (!todo) continue;
      soonKnown[w]! |= todo;
      while (todo) {
        const bit = todo & -todo;
        todo ^= bit;
        const slot = (w << 5) + 31 - Math.clz32(bit);
        const item = this.items.get(this.index.idOf(slot));
        if (item && this.facetValues(item, 'when', now).length) soon[w]! |= bit;
      }
    }
    return soon;
  }

  /**
   * The best `limit` matches: by tier, then score, with ended items after the ones a
   * visitor can still join. A heap over the matches gives them in order one by one,
   * so only the few shown are checked for having ended, and nothing else is sorted.
   */
  private bestFirst(
    matching: Uint32Array,
    m: { slots: Int32Array; score: Float64Array; tier: Uint8Array },
    now: number,
    limit: number,
  ): number[] {
    const heap: number[] = [];
    for (const slot of m.slots) if (matching[slot >>> 5]! & (1 << (slot & 31))) heap.push(slot);
    const { score, tier } = m;
    const better = (a: number, b: number) =>
      tier[a]! > tier[b]! || (tier[a] === tier[b] && (score[a]! > score[b]! || (score[a] === score[b] && a < b)));
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < heap.length && better(heap[l]!, heap[top]!)) top = l;
        if (r < heap.length && better(heap[r]!, heap[top]!)) top = r;
        if (top === i) return;
        [heap[i], heap[top]] = [heap[top]!, heap[i]!];
        i = top;
      }
    };
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    const open: number[] = [];
    const ended: number[] = [];
    while (heap.length && open.length < limit) {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length) {
        heap[0] = last;
        down(0);
      }
      const item = this.items.get(this.index.idOf(top))!;
      (this.availabilityOf(item, now) === 'ended' ? ended : open).push(top);
    }
    return [...open, ...ended].slice(0, limit);
  }

  /** Without a query: soonest first (then by name), ended items last; the order is kept for the hour. */
  private inDefaultOrder(matching: Uint32Array, now: number, limit: number, hourly: NonNullable<CatalogueData['hourly']>): number[] {
    hourly.order ??= Int32Array.from(this.defaultOrder(now).map((item) => this.index.slotOfId(item.id)!));
    const open: number[] = [];
    const ended: number[] = [];
    for (const slot of hourly.order) {
      if (!(matching[slot >>> 5]! & (1 << (slot & 31)))) continue;
      const item = this.items.get(this.index.idOf(slot))!;
      if (this.availabilityOf(item, now) === 'ended') {
        if (ended.length < limit) ended.push(slot);
      } else if (open.push(slot) >= limit) break;
    }
    return [...open, ...ended].slice(0, limit);
  }

  /** Like availability(), memoised per hour. */
  availabilityOf(item: CatalogueItem, now = Date.now()): ItemAvailability {
    this.nextStart(item, now); // keeps the caches on the current hour
    let a = this.availabilityCache.get(item.id);
    if (!a) this.availabilityCache.set(item.id, (a = availability(item, now)));
    return a;
  }

  private defaultOrder(now: number): CatalogueItem[] {
    return [...this.items.values()].sort((a, b) => {
      const sa = this.nextStart(a, now) ?? Infinity;
      const sb = this.nextStart(b, now) ?? Infinity;
      return sa !== sb ? (sa < sb ? -1 : 1) : a.name.nl.localeCompare(b.name.nl, 'nl');
    });
  }

  detail(id: string, now = Date.now()): ItemDetail | undefined {
    const item = this.items.get(id);
    if (!item) return undefined;
    const locationIds = new Set([...item.locationIds, ...item.sessions.flatMap((s) => (s.locationId ? [s.locationId] : []))]);
    const locations = [...locationIds].flatMap((l) => (this.locations.get(l) ? [this.locations.get(l)!] : []));
    return {
      item,
      organization: this.organizations.get(item.organizationId),
      locations,
      availability: availability(item, now),
      next: nextSession(item, now),
      upcoming: upcomingSessions(item, now),
      walkIn: nextOpening(item.hours, now),
    };
  }
}

/**
 * A User Timing measure of the latest search in the thread that ran it, with the number of
 * searches so far: DevTools shows where and how long search runs (in the worker, normally),
 * and e2e/catalogue.test.ts reads it. Only the latest is kept, so the timeline does not grow.
 */
export const SEARCH_MEASURE = 'inloop:catalogue-search';
let searches = 0;
function markSearch(start: number): void {
  if (typeof performance?.measure !== 'function') return;
  try {
    performance.clearMeasures(SEARCH_MEASURE);
    performance.measure(SEARCH_MEASURE, { start, detail: { searches: ++searches } });
  } catch {
    // A browser without User Timing level 3 still searches.
  }
}

function orInto(target: Uint32Array, bits: Uint32Array): void {
  for (let i = 0; i < target.length && i < bits.length; i++) target[i]! |= bits[i]!;
}
