import type { Database, Queryable } from './database';

export interface LocationRow {
  id: string;
  name: string;
  city: string | null;
  organisation_id: string;
  organisation_name: string;
}

export async function createOrganisation(db: Queryable, org: { id: string; name: string; isDemo?: boolean }): Promise<void> {
  await db.query('INSERT INTO organisations (id, name, is_demo) VALUES ($1, $2, $3)', [org.id, org.name, org.isDemo ?? false]);
}

export async function createLocation(
  db: Queryable,
  loc: { id: string; organisationId: string; name: string; city?: string },
): Promise<void> {
  await db.query('INSERT INTO locations (id, organisation_id, name, city) VALUES ($1, $2, $3, $4)', [
    loc.id,
    loc.organisationId,
    loc.name,
    loc.city ?? null,
  ]);
}

export async function listLocations(db: Queryable): Promise<LocationRow[]> {
  const { rows } = await db.query<LocationRow>(
    `SELECT l.id, l.name, l.city, l.organisation_id, o.name AS organisation_name
       FROM locations l JOIN organisations o ON o.id = l.organisation_id
      ORDER BY o.name, l.name`,
  );
  return rows;
}

/** Finds a location by id or by (case-insensitive) name, for the CLI. */
export async function findLocation(db: Database, idOrName: string): Promise<LocationRow | undefined> {
  const all = await listLocations(db);
  const needle = idOrName.trim().toLowerCase();
  return (
    all.find((l) => l.id === needle) ??
    all.find((l) => l.name.toLowerCase() === needle) ??
    all.find((l) => l.name.toLowerCase().includes(needle))
  );
}

export async function isEmpty(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations');
  return rows[0]!.n === 0;
}
