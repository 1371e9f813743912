import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { writeEntities } from '../../src/server/store/catalogue-feed';
import { CataloguePullCache } from '../../src/server/store/catalogue-pull-cache';
import { purgeTombstones } from '../../src/server/store/catalogue-feed';
import { uuidv7 } from '../../src/shared/ids';

let db: Database;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
});
afterAll(async () => db.close());

describe('the catalogue page cache', () => {
  it('serves a page again only while the catalogue is unchanged', async () => {
    const cache = new CataloguePullCache();
    const first = JSON.parse(await cache.page(db, '0', 100));
    expect(JSON.parse(await cache.page(db, '0', 100))).toEqual(first);
    expect(cache.hits).toBe(1);

    const added = { entity: 'organization' as const, id: uuidv7(), data: { name: 'Nieuw' } };
    await db.transaction((tx) => writeEntities(tx, [added]));
    const after = JSON.parse(await cache.page(db, '0', 100));
    expect(after.changes.map((c: { id: string }) => c.id)).toContain(added.id);
    expect(cache.hits).toBe(1);

    await db.transaction((tx) => writeEntities(tx, [], [added.id]));
    await purgeTombstones(db);
    const purged = JSON.parse(await cache.page(db, '0', 100));
    expect(purged.changes.map((c: { id: string }) => c.id)).not.toContain(added.id);
  });
});
