import { beforeAll, describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { pullCatalogue } from '../../src/app/catalogue/catalogue-pull';
import { CatalogueData, type Filters } from '../../src/app/catalogue/catalogue-data';
import { CatalogueSearch } from '../../src/app/catalogue/search-client';
import type { SearchAnswer, SearchRequest } from '../../src/app/catalogue/search-protocol';
import type { ServerApi } from '../../src/app/sync/api';
import { demoCatalogue } from '../../src/server/seed/demo-catalogue';
import type { CatalogueChange, PullResponse } from '../../src/shared/sync';
import type { CatalogueItem } from '../../src/shared/catalogue';

/**
 * The search worker's own code (search-worker.ts), run in this process behind a stand-in
 * Worker that passes structured clones both ways, as the browser does (e2e/catalogue.test.ts
 * runs it in a real worker). Its answers must be the main thread's, exactly.
 */
interface Scope {
  onmessage: ((event: { data: SearchRequest }) => void) | null;
  postMessage(message: SearchAnswer): void;
}
const later = (f: () => void) => setTimeout(f, 0);
const scope: Scope = { onmessage: null, postMessage: (m) => later(() => worker.onmessage?.({ data: structuredClone(m) } as MessageEvent)) };
const sent: SearchRequest[] = [];
const worker = {
  onmessage: null as ((e: MessageEvent) => void) | null,
  onerror: null as ((e: ErrorEvent) => void) | null,
  onmessageerror: null as (() => void) | null,
  postMessage(m: SearchRequest) {
    sent.push(m);
    const copy = structuredClone(m);
    later(() => scope.onmessage!({ data: copy }));
  },
  terminate() {},
};

const NOW = Date.parse('2026-03-02T10:00:00Z');
const QUERIES = ['digid', 'belasting', 'computer', 'taal', 'dig', 'compter', 'Taalcafé', 'hulp bij formulieren', 'klik tik', 'zzzz', ''];
const FILTERS: Filters[] = [{}, { cost: ['free'] }, { theme: ['digital_skills'], cost: ['free', 'paid'] }, { when: ['soon'] }];

function changes(items: CatalogueItem[], deleted: string[] = []): CatalogueChange[] {
  return [
    ...demoCatalogue.organizations.map((o) => ({ entity: 'organization' as const, id: o.id, deleted: false, data: o })),
    ...demoCatalogue.locations.map((l) => ({ entity: 'location' as const, id: l.id, deleted: false, data: l })),
    ...items.map((i) => ({ entity: 'item' as const, id: i.id, deleted: false, data: i })),
    ...deleted.map((id) => ({ entity: 'item' as const, id, deleted: true })),
  ] as CatalogueChange[];
}

/** A server feed from memory: one list of changes, paged by position. */
function memoryApi(feed: CatalogueChange[]): ServerApi {
  return {
    async pullCatalogue(_token: string, cursor: string, limit = 500): Promise<PullResponse> {
      const from = cursor === '0' ? 0 : Number(cursor.split('.')[0]);
      const page = feed.slice(from, from + limit);
      const next = from + page.length;
      return { reset: false, changes: page, cursor: `${next}.0.00000000-0000-0000-0000-000000000000`, more: next < feed.length };
    },
  } as ServerApi;
}

const outcomeOf = (o: { items: CatalogueItem[]; total: number; facets: unknown } | undefined) =>
  o && { ids: o.items.map((i) => i.id), total: o.total, facets: o.facets };

let db: InloopDatabase;
let feed: CatalogueChange[];
beforeAll(async () => {
  (globalThis as unknown as { self: Scope }).self = scope;
  await import('../../src/app/catalogue/search-worker');
  db = new InloopDatabase(`search-worker-${Date.now()}`);
  feed = changes(demoCatalogue.items);
  await pullCatalogue(db, memoryApi(feed), 'token', 20);
});

describe('catalogue search in the worker', () => {
  let search: CatalogueSearch;
  let reference: CatalogueData;

  it('answers every query and filter exactly as the main thread does, and the main thread keeps no index', async () => {
    search = new CatalogueSearch(db, () => worker as unknown as Worker);
    search.data.attach();
    await search.data.load();
    reference = new CatalogueData(db).attach();
    await reference.load();
    expect(search.inThread).toBe(false);
    expect(search.data.indexSource).toBe('elsewhere');
    expect(search.data.index.size).toBe(0);
    const channel = search.channel();
    for (const query of QUERIES) {
      for (const filters of FILTERS) {
        const answer = await search.ask(channel, query, filters, NOW);
        expect(outcomeOf(answer), `${query} ${JSON.stringify(filters)}`).toEqual(outcomeOf(reference.search(query, filters, NOW)));
      }
    }
    expect(outcomeOf(await search.ask(channel, 'digid', {}, NOW))!.ids.length).toBeGreaterThan(0);
    expect(sent.filter((m) => m.type === 'search').length).toBeGreaterThan(QUERIES.length * FILTERS.length);
  });

  it('follows a pull that changes items: a new name is found, a deleted item is gone', async () => {
    const [first, second] = demoCatalogue.items;
    const renamed = { ...first!, name: { ...first!.name, nl: 'Spreekuur zeldzaamwoord' }, keywords: ['zeldzaamwoord'] };
    feed.push(...changes([renamed], [second!.id]).filter((c) => c.entity === 'item'));
    await pullCatalogue(db, memoryApi(feed), 'token', 20);
    const channel = search.channel();
    await expect.poll(async () => outcomeOf(await search.ask(channel, 'zeldzaamwoord', {}, NOW))?.ids).toEqual([first!.id]);
    const gone = await search.ask(channel, second!.name.nl, {}, NOW);
    expect(gone!.items.map((i) => i.id)).not.toContain(second!.id);
    expect(outcomeOf(gone)).toEqual(outcomeOf(reference.search(second!.name.nl, {}, NOW)));
    expect(outcomeOf(await search.ask(channel, '', {}, NOW))).toEqual(outcomeOf(reference.search('', {}, NOW)));
  });

  it('follows a reset: the worker searches the replaced catalogue', async () => {
    const kept = demoCatalogue.items.slice(0, 5);
    const resetApi = {
      async pullCatalogue(): Promise<PullResponse> {
        return { reset: true, changes: changes(kept), cursor: '999.0.00000000-0000-0000-0000-000000000000', more: false };
      },
    } as unknown as ServerApi;
    await pullCatalogue(db, resetApi, 'token', 500);
    const channel = search.channel();
    await expect.poll(async () => (await search.ask(channel, '', {}, NOW))?.total).toBe(kept.length);
    expect(outcomeOf(await search.ask(channel, '', {}, NOW))).toEqual(outcomeOf(reference.search('', {}, NOW)));
    const name = demoCatalogue.items.at(-1)!.name.nl;
    expect(outcomeOf(await search.ask(channel, name, {}, NOW))).toEqual(outcomeOf(reference.search(name, {}, NOW)));
  });

  it('drops an answer overtaken by a later keystroke of the same box', async () => {
    const channel = search.channel();
    const other = search.channel();
    const d = search.ask(channel, 'd', {}, NOW);
    const di = search.ask(channel, 'di', {}, NOW);
    const digid = search.ask(channel, 'digid', {}, NOW);
    const elsewhere = search.ask(other, 'taal', {}, NOW);
    expect(await d).toBeUndefined();
    expect(await di).toBeUndefined();
    expect(outcomeOf(await digid)).toEqual(outcomeOf(reference.search('digid', {}, NOW)));
    expect(outcomeOf(await elsewhere)).toEqual(outcomeOf(reference.search('taal', {}, NOW)));
  });

  it('searches on the main thread when the worker cannot start, with the same answers', async () => {
    const broken = { ...worker, postMessage() {}, onerror: null as ((e: unknown) => void) | null };
    const fallback = new CatalogueSearch(db, () => broken as unknown as Worker);
    fallback.data.attach();
    await fallback.data.load();
    const channel = fallback.channel();
    const waiting = fallback.ask(channel, 'belasting', {}, NOW);
    broken.onerror!({ message: 'script not found', preventDefault() {} });
    expect(fallback.inThread).toBe(true);
    expect(outcomeOf(await waiting)).toEqual(outcomeOf(reference.search('belasting', {}, NOW)));
    expect(fallback.data.indexSource).toMatch(/^(stored|rebuilt)$/);
    expect(outcomeOf(await fallback.ask(channel, 'computer', { cost: ['free'] }, NOW))).toEqual(
      outcomeOf(reference.search('computer', { cost: ['free'] }, NOW)),
    );
  });
});
