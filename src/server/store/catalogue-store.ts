import type { CatalogueDocument, CatalogueEntityType } from '../../shared/catalogue';
import { writeEntities, type EntityWrite } from './catalogue-feed';
import type { Database, Queryable } from './database';

/** The live catalogue (tombstones left out), in a stable order. */
export async function readCatalogue(db: Queryable): Promise<CatalogueDocument> {
  const { rows } = await db.query<{ entity: CatalogueEntityType; data: never }>(
    'SELECT entity, data FROM catalogue_entities WHERE NOT deleted ORDER BY entity, id',
  );
  return {
    organizations: rows.filter((r) => r.entity === 'organization').map((r) => r.data),
    locations: rows.filter((r) => r.entity === 'location').map((r) => r.data),
    items: rows.filter((r) => r.entity === 'item').map((r) => r.data),
  };
}

export async function liveIds(db: Queryable, entity?: CatalogueEntityType): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM catalogue_entities WHERE NOT deleted ${entity ? 'AND entity = $1' : ''}`,
    entity ? [entity] : [],
  );
  return rows.map((r) => r.id);
}

export interface ReplaceResult {
  written: number;
  deleted: number;
  unchanged: number;
}

/**
 * Makes the stored catalogue equal to `doc` in one transaction (one version bump):
 * new and changed entities are written, those missing from `doc` become tombstones.
 * With scope "items" only items are replaced; organisations and locations stay.
 */
export async function replaceCatalogue(tx: Queryable, doc: CatalogueDocument, scope: 'all' | 'items' = 'all'): Promise<ReplaceResult> {
  const writes: EntityWrite[] = [
    ...(scope === 'all' ? doc.organizations.map((o) => ({ entity: 'organization' as const, id: o.id, data: o })) : []),
    ...(scope === 'all' ? doc.locations.map((l) => ({ entity: 'location' as const, id: l.id, data: l })) : []),
    ...doc.items.map((i) => ({ entity: 'item' as const, id: i.id, data: i })),
  ];
  const keep = new Set(writes.map((w) => w.id));
  const existing = await liveIds(tx, scope === 'items' ? 'item' : undefined);
  const deletes = existing.filter((id) => !keep.has(id));
  const before = await tx.query<{ id: string; data: unknown }>('SELECT id, data FROM catalogue_entities WHERE NOT deleted');
  const current = new Map(before.rows.map((r) => [r.id, JSON.stringify(r.data)]));
  // Only changed documents are written, so an unchanged re-import sends tablets nothing.
  const changed = writes.filter((w) => current.get(w.id) === undefined || !sameJson(current.get(w.id)!, w.data));
  await writeEntities(tx, changed, deletes);
  return { written: changed.length, deleted: deletes.length, unchanged: writes.length - changed.length };
}

function sameJson(stored: string, data: unknown): boolean {
  return canonical(JSON.parse(stored)) === canonical(data);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function replaceCatalogueInTransaction(db: Database, doc: CatalogueDocument, scope: 'all' | 'items' = 'all'): Promise<ReplaceResult> {
  return db.transaction((tx) => replaceCatalogue(tx, doc, scope));
}
