import { openPglite, type Database } from '../src/server/store/database';
import { migrate } from '../src/server/store/migrate';
import { seedDemoIfEmpty } from '../src/server/seed/demo';
import { demoCatalogue } from '../src/server/seed/demo-catalogue';
import { writeEntities } from '../src/server/store/catalogue-feed';

/**
 * The coordinator's part, done on a data directory before the server owns it (PGlite has
 * one owner at a time): the demo library with its catalogue, then whatever `prepare` sets
 * up (enrolment codes, settings, partner links).
 */
export async function prepareDemoData<T>(dataDir: string, prepare: (db: Database) => Promise<T>): Promise<T> {
  const db = await openPglite(dataDir);
  try {
    await migrate(db);
    await seedDemoIfEmpty(db);
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM catalogue_entities WHERE entity = 'item'");
    if (rows[0]!.n === 0) {
      await db.transaction((tx) =>
        writeEntities(tx, [
          ...demoCatalogue.organizations.map((data) => ({ entity: 'organization' as const, id: data.id, data })),
          ...demoCatalogue.locations.map((data) => ({ entity: 'location' as const, id: data.id, data })),
          ...demoCatalogue.items.map((data) => ({ entity: 'item' as const, id: data.id, data })),
        ]),
      );
    }
    return await prepare(db);
  } finally {
    await db.close();
  }
}
