import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { CatalogueData } from '../../src/app/catalogue/catalogue-data';
import { CATALOGUE_CURSOR } from '../../src/app/sync/pull';
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
