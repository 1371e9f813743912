import type { CatalogueItem, CatalogueLocation, CatalogueOrganization } from '../../shared/catalogue';
import type { CatalogueIndexRow, CatalogueRow, InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import { CATALOGUE_CURSOR, onCataloguePage, type StoredPage } from './catalogue-pull';
import { availability, nextOpening, nextSession, upcomingSessions, type ItemAvailability, type Occurrence, type Slot } from './schedule';
import { CatalogueIndex, INDEX_FORMAT } from '../../shared/catalogue-search';

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
  /** How the index came about at load: for tests and the benchmark. */
  indexSource: 'stored' | 'rebuilt' | undefined;
  private loading: Promise<void> | undefined;
  private appliedCursor = '0';
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private nextCache = new Map<string, number | null>();
  private availabilityCache = new Map<string, ItemAvailability>();
  private locationCache = new Map<string, string[]>();
  private facetCache = new Map<string, Record<Facet, readonly string[]>>();
  /** The hour (since the epoch) the time-dependent caches hold; plain arithmetic, as it is checked for every item of every search. */
  private cacheHour = -1;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly db: InloopDatabase) {}

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
    this.nextCache.clear();
    this.availabilityCache.clear();
    this.locationCache.clear();
    this.facetCache.clear();
    for (const l of this.listeners) l();
  }

  private async doLoad(): Promise<void> {
    const { rows, cursor, stored } = await this.readSnapshot();
    for (const row of rows) this.remember(row.entity, row.data);
    this.appliedCursor = cursor;
    let index: CatalogueIndex | undefined;
    if (stored && stored.format === INDEX_FORMAT && stored.cursor === cursor) {
      try {
        index = await CatalogueIndex.fromJSON(stored.json);
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
      for (const item of this.items.values()) this.index.put(item, this.orgName(item));
      this.indexSource = 'rebuilt';
      await this.saveIndex();
    }
    this.changed();
  }

  /**
   * The rows, the cursor they reflect and the stored index, as one consistent picture.
   * The rows are read in short batches outside any long transaction: a transaction
   * that held `meta` for the whole read would make a visit being saved meanwhile (which
   * writes `meta`) wait for it. A pull writes rows and cursor together, so an unchanged
   * cursor before and after means no pull landed in between; if one did, read again,
   * and after a few tries fall back to one transaction.
   */
  private async readSnapshot(): Promise<{ rows: CatalogueRow[]; cursor: string; stored: CatalogueIndexRow | undefined }> {
    const readCursor = async () => ((await this.db.meta.get(CATALOGUE_CURSOR))?.value as string | undefined) ?? '0';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { cursor, stored } = await durably(this.db, () =>
        this.db.transaction('r', [this.db.meta, this.db.catalogueIndex], async () => ({ cursor: await readCursor(), stored: await this.db.catalogueIndex.get(INDEX_KEY) })),
      );
      const rows = await durably(this.db, () => this.readRowsInBatches());
      if ((await durably(this.db, readCursor)) === cursor) return { rows, cursor, stored };
    }
    return durably(this.db, () =>
      this.db.transaction('r', [this.db.catalogue, this.db.meta, this.db.catalogueIndex], async () => ({
        rows: await this.readRowsInBatches(),
        cursor: await readCursor(),
        stored: await this.db.catalogueIndex.get(INDEX_KEY),
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
    for (let last: string | undefined; ; ) {
      const batch = await (last === undefined ? this.db.catalogue.orderBy(':id') : this.db.catalogue.where(':id').above(last)).limit(LOAD_BATCH).toArray();
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

  /** Applies one stored page (called by the pull, which waits for it before the next page). */
  async applyPage(page: StoredPage): Promise<void> {
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
    for (const row of rows) if (row?.entity === 'item') this.index.put(row.data as CatalogueItem, this.orgName(row.data as CatalogueItem));
    // An organisation renamed: its items are indexed under the new name.
    if (touchedOrgs.size && !page.reset) {
      for (const item of this.items.values()) if (touchedOrgs.has(item.organizationId)) this.index.put(item, this.orgName(item));
    }
    this.appliedCursor = cursor;
    this.scheduleSave();
    this.changed();
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveIndex(), SAVE_DELAY_MS);
  }

  /** Stores the index with the cursor it reflects; waits for a save in progress. */
  saveIndex(): Promise<void> {
    clearTimeout(this.saveTimer);
    const json = this.index.toJSON();
    const cursor = this.appliedCursor;
    this.saving = this.saving
      .catch(() => {})
      .then(() => durably(this.db, () => this.db.catalogueIndex.put({ key: INDEX_KEY, format: INDEX_FORMAT, cursor, json })).then(() => undefined));
    return this.saving;
  }

  private nextStart(item: CatalogueItem, now: number): number | null {
    const hour = Math.floor(now / 3_600_000);
    if (hour !== this.cacheHour) {
      this.nextCache.clear();
      this.availabilityCache.clear();
      this.facetCache.clear();
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

  /** Every facet's values of an item, memoised (per hour, for "starting soon"). */
  private facetsOf(item: CatalogueItem, now: number): Record<Facet, readonly string[]> {
    this.nextStart(item, now); // keeps the caches on the current hour
    let f = this.facetCache.get(item.id);
    if (!f) {
      f = Object.fromEntries(FACETS.map((facet) => [facet, this.facetValues(item, facet, now)])) as Record<Facet, readonly string[]>;
      this.facetCache.set(item.id, f);
    }
    return f;
  }

  private facetValues(item: CatalogueItem, facet: Facet, now: number): readonly string[] {
    switch (facet) {
      case 'theme': return item.themes;
      case 'audience': return item.audience;
      case 'format': return [item.format];
      case 'location': {
        let ids = this.locationCache.get(item.id);
        if (!ids) {
          const set = new Set(item.locationIds);
          for (const s of item.sessions) if (s.locationId) set.add(s.locationId);
          this.locationCache.set(item.id, (ids = [...set]));
        }
        return ids;
      }
      case 'language': return item.languages;
      case 'cost': return [item.cost.free ? 'free' : 'paid'];
      case 'when': {
        const start = this.nextStart(item, now);
        return start !== null && start >= now && start - now <= SOON_DAYS * 86_400_000 ? ['soon'] : [];
      }
    }
  }

  /**
   * Search with filters: OR within a facet, AND across facets. Each facet's counts
   * are of the items that the other facets' filters let through, so a count says
   * how many results choosing that value would give.
   */
  search(query: string, filters: Filters = {}, now = Date.now(), limit = 50): SearchOutcome {
    const ranked = query.trim()
      ? this.index.search(query, (id) => this.items.get(id)).map((h) => this.items.get(h.id)!)
      : this.defaultOrder(now);
    const active = FACETS.filter((f) => filters[f]?.length);
    const facets = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<Facet, Map<string, number>>;
    const matching: CatalogueItem[] = [];
    for (const item of ranked) {
      const values = this.facetsOf(item, now);
      let failing: Facet | undefined;
      let failures = 0;
      for (const f of active) {
        if (!values[f].some((v) => filters[f]!.includes(v))) {
          failing = f;
          if (++failures > 1) break;
        }
      }
      if (failures === 0) matching.push(item);
      if (failures > 1) continue;
      for (const f of FACETS) {
        if (failing && failing !== f) continue;
        const counts = facets[f];
        for (const v of values[f]) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
    }
    // Ended items stay findable but come after the ones a visitor can still join.
    const ended = (i: CatalogueItem) => this.availabilityOf(i, now) === 'ended';
    const ordered = [...matching.filter((i) => !ended(i)), ...matching.filter(ended)];
    return {
      items: ordered.slice(0, limit),
      total: matching.length,
      facets: Object.fromEntries(
        FACETS.map((f) => [f, [...facets[f]].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))]),
      ) as FacetCounts,
    };
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
