import type { Municipality } from '../../shared/municipality';
import type { Queryable } from './database';

/** The municipalities a location serves, in the coordinator's order. */
export async function locationMunicipalities(db: Queryable, locationId: string): Promise<Municipality[]> {
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM location_municipalities WHERE location_id = $1 ORDER BY position, code',
    [locationId],
  );
  return rows.map((r) => ({ code: r.code, name: r.name }));
}

/** Replaces a location's list: what the console's form shows is what tablets get next round. */
export async function setLocationMunicipalities(tx: Queryable, locationId: string, list: Municipality[]): Promise<void> {
  await tx.query('DELETE FROM location_municipalities WHERE location_id = $1', [locationId]);
  if (list.length === 0) return;
  await tx.query(
    `INSERT INTO location_municipalities (location_id, code, name, position)
     SELECT $1, m.code, m.name, m.position FROM jsonb_to_recordset($2::jsonb) AS m(code text, name text, position integer)`,
    [locationId, JSON.stringify(list.map((m, position) => ({ ...m, position })))],
  );
}

/** Names of every municipality the given locations serve (for report labels): code → name. */
export async function municipalityNames(db: Queryable, locationIds: string[] | null): Promise<Record<string, string>> {
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT DISTINCT ON (code) code, name FROM location_municipalities WHERE $1::uuid[] IS NULL OR location_id = ANY($1::uuid[]) ORDER BY code, position',
    [locationIds],
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}
