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
 * What replacing the catalogue with `doc` would do. Scope "all": the whole catalogue (what `doc`
 * lacks is removed); "items": only items (organisations and locations stay); "services": the items
 * as a whole, and the organisations and locations `doc` holds added or updated (others stay).
 */
export interface CataloguePlan {
  writes: EntityWrite[];
  deletes: string[];
  unchanged: number;
  /** The stored documents before, by id, of everything written or deleted. */
  before: Map<string, { entity: CatalogueEntityType; data: unknown }>;
}

export type ReplaceScope = 'all' | 'items' | 'services';

export async function planCatalogue(tx: Queryable, doc: CatalogueDocument, scope: ReplaceScope = 'all'): Promise<CataloguePlan> {
  const writes: EntityWrite[] = [
    ...(scope !== 'items' ? doc.organizations.map((o) => ({ entity: 'organization' as const, id: o.id, data: o })) : []),
    ...(scope !== 'items' ? doc.locations.map((l) => ({ entity: 'location' as const, id: l.id, data: l })) : []),
    ...doc.items.map((i) => ({ entity: 'item' as const, id: i.id, data: i })),
  ];
  const keep = new Set(writes.map((w) => w.id));
  const existing = await liveIds(tx, scope === 'all' ? undefined : 'item');
  const deletes = existing.filter((id) => !keep.has(id));
  const stored = await tx.query<{ id: string; entity: CatalogueEntityType; data: unknown }>(
    'SELECT id, entity, data FROM catalogue_entities WHERE NOT deleted',
  );
  const current = new Map(stored.rows.map((r) => [r.id, r]));
  // Only changed documents are written, so an unchanged re-import sends tablets nothing.
  const changed = writes.filter((w) => current.get(w.id) === undefined || !sameJson(JSON.stringify(current.get(w.id)!.data), w.data));
  const before = new Map<string, { entity: CatalogueEntityType; data: unknown }>();
  for (const id of [...changed.map((w) => w.id), ...deletes]) {
    const r = current.get(id);
    if (r) before.set(id, { entity: r.entity, data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data });
  }
  return { writes: changed, deletes, unchanged: writes.length - changed.length, before };
}

/**
 * Makes the stored catalogue equal to `doc` in one transaction (one version bump):
 * new and changed entities are written, those missing from `doc` become tombstones.
 */
export async function replaceCatalogue(
  tx: Queryable,
  doc: CatalogueDocument,
  scope: ReplaceScope = 'all',
  plan?: CataloguePlan,
): Promise<ReplaceResult> {
  const p = plan ?? (await planCatalogue(tx, doc, scope));
  await writeEntities(tx, p.writes, p.deletes);
  return { written: p.writes.length, deleted: p.deletes.length, unchanged: p.unchanged };
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

export function replaceCatalogueInTransaction(db: Database, doc: CatalogueDocument, scope: ReplaceScope = 'all'): Promise<ReplaceResult> {
  return db.transaction((tx) => replaceCatalogue(tx, doc, scope));
}
