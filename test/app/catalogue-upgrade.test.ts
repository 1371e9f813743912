import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { CatalogueData } from '../../src/app/catalogue/catalogue-data';
import { CATALOGUE_CURSOR } from '../../src/app/catalogue/catalogue-pull';
import { demoCatalogue } from '../../src/server/seed/demo-catalogue';

describe('a tablet upgraded from the first release', () => {
  it('keeps its catalogue and builds the search index once, then keeps it', async () => {
    const name = `upgrade-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ meta: 'key', visits: 'id, startedAt, syncState', outbox: 'seq, state, recordId', catalogue: 'id, entity' });
    await v1.table('catalogue').bulkPut(demoCatalogue.items.map((i) => ({ id: i.id, entity: 'item', data: i })));
    await v1.table('meta').put({ key: CATALOGUE_CURSOR, value: '7.0.ffffffff-ffff-ffff-ffff-ffffffffffff' });
    v1.close();

    const db = new InloopDatabase(name);
    expect(await db.catalogue.count()).toBe(demoCatalogue.items.length);
    expect(await db.catalogueStaging.count()).toBe(0);
    const first = new CatalogueData(db);
    await first.load();
    expect(first.indexSource).toBe('rebuilt');
    expect(first.search('taalcafe').total).toBeGreaterThan(0);
    const second = new CatalogueData(db);
    await second.load();
    expect(second.indexSource).toBe('stored');
  });
});

describe('a tablet with a large catalogue', () => {
  it('loads every item, read in batches, and opens its stored index with the same answers', async () => {
    const db = new InloopDatabase(`large-${Date.now()}`);
    // More rows than one read batch holds, with ids in no particular order.
    const items = Array.from({ length: 1234 }, (_, n) => {
      const base = demoCatalogue.items[n % demoCatalogue.items.length]!;
      const id = `${((n * 7919) % 100000).toString(16).padStart(8, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
      return { ...base, id, name: { ...base.name, nl: `${base.name.nl} ${n}` } };
    });
    await db.catalogue.bulkPut(items.map((i) => ({ id: i.id, entity: 'item' as const, data: i })));
    await db.meta.put({ key: CATALOGUE_CURSOR, value: '9.0.ffffffff-ffff-ffff-ffff-ffffffffffff' });

    const first = new CatalogueData(db);
    await first.load();
    expect(first.indexSource).toBe('rebuilt');
    expect([...first.items.keys()].sort()).toEqual(items.map((i) => i.id).sort());

    const second = new CatalogueData(db);
    await second.load();
    expect(second.indexSource).toBe('stored');
    expect(second.items.size).toBe(items.length);
    expect(second.search('taalcafe').items.map((i) => i.id)).toEqual(first.search('taalcafe').items.map((i) => i.id));
  });
});

describe('a pull that lands while the catalogue loads', () => {
  it('is not mixed into a stale picture: the load reads again, so rows and cursor agree', async () => {
    const db = new InloopDatabase(`racing-${Date.now()}`);
    await db.catalogue.bulkPut(demoCatalogue.items.map((i) => ({ id: i.id, entity: 'item' as const, data: i })));
    await db.meta.put({ key: CATALOGUE_CURSOR, value: '1.0.ffffffff-ffff-ffff-ffff-ffffffffffff' });
    const late = { ...demoCatalogue.items[0]!, id: 'ffffffff-0000-7000-8000-000000000001', name: { nl: 'Laat binnengekomen cursus' } };
    // Another tab's pull commits a page (a row and the cursor, together) just as the rows are being read.
    const orderBy = db.catalogue.orderBy.bind(db.catalogue);
    let landed = false;
    db.catalogue.orderBy = ((index: string) => {
      if (landed) return orderBy(index);
      landed = true;
      return {
        limit: (n: number) => ({
          toArray: async () => {
            await db.transaction('rw', db.catalogue, db.meta, async () => {
              await db.catalogue.put({ id: late.id, entity: 'item', data: late });
              await db.meta.put({ key: CATALOGUE_CURSOR, value: '2.0.ffffffff-ffff-ffff-ffff-ffffffffffff' });
            });
            return orderBy(index).limit(n).toArray();
          },
        }),
      };
    }) as never;

    const data = new CatalogueData(db);
    await data.load();
    expect(data.items.has(late.id)).toBe(true);
    expect(data.search('laat binnengekomen').items[0]?.id).toBe(late.id);
    // What it saves is an index of exactly the catalogue at the newer cursor.
    await data.saveIndex();
    expect((await db.catalogueIndex.get('search'))?.cursor).toBe('2.0.ffffffff-ffff-ffff-ffff-ffffffffffff');
  });
});
