import type { Database } from '../store/database';
import { createLocation, createOrganisation, isEmpty } from '../store/organisations';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from './demo-ids';
import { seedDemoVolunteers } from './demo-volunteers';
import { demoCatalogueFor } from './demo-catalogue';
import { replaceCatalogue } from '../store/catalogue-store';

/**
 * On an empty database, creates the clearly labelled demo library with three
 * branches, so that a newcomer can enrol a tablet and record a visit at once.
 * The demo courses are dated from the day of `now`.
 */
export async function seedDemoIfEmpty(db: Database, now: Date = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Serialise with a second server starting at the same moment.
    await tx.query('SELECT pg_advisory_xact_lock(4712)');
    if (!(await isEmpty(tx))) return false;
    await createOrganisation(tx, { ...DEMO_ORGANISATION, isDemo: true });
    for (const loc of DEMO_LOCATIONS)
      await createLocation(tx, { id: loc.id, organisationId: DEMO_ORGANISATION.id, name: loc.name, city: loc.city });
    await seedDemoVolunteers(tx);
    // The example catalogue (every fictional name says "(demo)"), for the demo desks to search and refer to.
    await replaceCatalogue(tx, demoCatalogueFor(now));
    return true;
  });
}
