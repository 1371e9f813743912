import type { CatalogueItem, CatalogueLocation, CatalogueOrganization } from '../../../shared/catalogue';
import { itemReferenceIssues, type FieldIssue } from '../../../shared/console';
import { writeEntities } from '../catalogue-feed';
import type { Database, Queryable } from '../database';
import { audit } from './audit';
import type { ConsoleUser } from './users';

/**
 * Catalogue management from the console: one item at a time, each change in one
 * transaction through writeEntities (so the version counter bumps and tablets pull it),
 * with its audit entry in the same transaction.
 *
 * Who may change what (docs/console.md, "Catalogue management"):
 * - a network administrator: every item; only they delete (a tombstone);
 * - a coordinator: an item their library organisation offers (item.organizationId is
 *   their organisation's id), or one held only at their own branches (every locationId
 *   is one of their organisation's locations). The item must stay theirs after the
 *   change, and may never name a branch of another library organisation.
 */

export class CatalogueEditError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}

export interface EditRights {
  admin: boolean;
  organisationId: string | null;
  ownBranches: ReadonlySet<string>;
  otherLibraryBranches: ReadonlySet<string>;
}

export async function editRights(db: Queryable, user: Pick<ConsoleUser, 'role' | 'organisationId'>): Promise<EditRights> {
  const { rows } = await db.query<{ id: string; organisation_id: string }>('SELECT id, organisation_id FROM locations');
  const own = new Set<string>();
  const other = new Set<string>();
  for (const r of rows) (r.organisation_id === user.organisationId ? own : other).add(r.id);
  return { admin: user.role === 'admin', organisationId: user.organisationId, ownBranches: own, otherLibraryBranches: other };
}

function placesOf(item: Pick<CatalogueItem, 'locationIds' | 'sessions'>): string[] {
  return [...item.locationIds, ...item.sessions.flatMap((s) => (s.locationId ? [s.locationId] : []))];
}

/** Whether the user may change this item (as stored, or as they want to store it). */
export function mayEdit(rights: EditRights, item: Pick<CatalogueItem, 'organizationId' | 'locationIds' | 'sessions'>): boolean {
  if (rights.admin) return true;
  if (rights.organisationId === null) return false;
  if (placesOf(item).some((id) => rights.otherLibraryBranches.has(id))) return false;
  if (item.organizationId === rights.organisationId) return true;
  return item.locationIds.length > 0 && item.locationIds.every((id) => rights.ownBranches.has(id));
}

const FORBIDDEN = "You may change only items your library offers or holds at its own branches, and not name another library's branches.";

export interface ItemRow {
  item: CatalogueItem;
  version: number;
  updatedAt: string;
}

async function itemRow(db: Queryable, id: string, lock = false): Promise<ItemRow | undefined> {
  const { rows } = await db.query<{ data: CatalogueItem; version: number; updated_at: string }>(
    `SELECT data, version, updated_at FROM catalogue_entities WHERE id = $1 AND entity = 'item' AND NOT deleted${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  const r = rows[0];
  return r ? { item: r.data, version: Number(r.version), updatedAt: new Date(r.updated_at).toISOString() } : undefined;
}

export interface ListOptions {
  q?: string;
  kind?: 'course' | 'service';
  status?: 'active' | 'temporarily_closed' | 'ended';
  theme?: string;
  offset?: number;
  limit?: number;
}

/** Items by Dutch name, searched in names (all languages), keywords and the organisation's name. */
export async function listItems(db: Queryable, rights: EditRights, opts: ListOptions) {
  const limit = opts.limit ?? 50;
  const offset = opts.offset ?? 0;
  const like = opts.q ? `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await db.query<{
    id: string;
    data: CatalogueItem;
    version: number;
    updated_at: string;
    org_name: string | null;
    total: number;
  }>(
    `SELECT i.id, i.data, i.version, i.updated_at, o.data->>'name' AS org_name, count(*) OVER () AS total
       FROM catalogue_entities i
       LEFT JOIN catalogue_entities o ON o.id::text = i.data->>'organizationId' AND o.entity = 'organization' AND NOT o.deleted
      WHERE i.entity = 'item' AND NOT i.deleted
        AND ($1::text IS NULL OR (i.data->'name')::text ILIKE $1 OR (i.data->'keywords')::text ILIKE $1 OR (o.data->>'name') ILIKE $1)
        AND ($2::text IS NULL OR i.data->>'kind' = $2)
        AND ($3::text IS NULL OR i.data->>'status' = $3)
        AND ($6::text IS NULL OR (i.data->'themes') @> jsonb_build_array($6::text))
      ORDER BY lower(i.data->'name'->>'nl'), i.id
      LIMIT $4 OFFSET $5`,
    [like, opts.kind ?? null, opts.status ?? null, limit, offset, opts.theme ?? null],
  );
  const total = rows.length ? Number(rows[0]!.total) : 0;
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.data.kind,
      name: r.data.name.nl,
      status: r.data.status,
      organizationId: r.data.organizationId,
      organizationName: r.org_name,
      version: Number(r.version),
      updatedAt: new Date(r.updated_at).toISOString(),
      editable: mayEdit(rights, r.data),
    })),
    total,
    next: offset + rows.length < total ? offset + rows.length : null,
  };
}

/** The catalogue's organisations and locations, for the editor's choices. */
export async function catalogueReferences(db: Queryable, rights: EditRights) {
  const { rows } = await db.query<{ entity: 'organization' | 'location'; data: CatalogueOrganization & CatalogueLocation }>(
    `SELECT entity, data FROM catalogue_entities WHERE entity IN ('organization', 'location') AND NOT deleted ORDER BY lower(data->>'name'), id`,
  );
  return {
    organizations: rows
      .filter((r) => r.entity === 'organization')
      .map((r) => ({ id: r.data.id, name: r.data.name, editable: rights.admin || r.data.id === rights.organisationId })),
    locations: rows
      .filter((r) => r.entity === 'location')
      .map((r) => ({
        id: r.data.id,
        name: r.data.name,
        organizationId: r.data.organizationId,
        city: r.data.city ?? null,
        address: r.data.address ?? null,
        ownBranch: rights.ownBranches.has(r.data.id),
        otherLibrary: rights.otherLibraryBranches.has(r.data.id),
      })),
    canDelete: rights.admin,
  };
}

export async function itemDetail(db: Queryable, rights: EditRights, id: string) {
  const row = await itemRow(db, id);
  if (!row) return undefined;
  const refs = await db.query<{ entity: string; data: unknown }>(
    `SELECT entity, data FROM catalogue_entities WHERE NOT deleted AND (id = $1::uuid OR id = ANY($2::uuid[])) ORDER BY lower(data->>'name'), id`,
    [row.item.organizationId, [...new Set(placesOf(row.item))]],
  );
  return {
    item: row.item,
    version: row.version,
    updatedAt: row.updatedAt,
    organization: refs.rows.find((r) => r.entity === 'organization')?.data ?? null,
    locations: refs.rows.filter((r) => r.entity === 'location').map((r) => r.data),
    editable: mayEdit(rights, row.item),
    deletable: rights.admin,
  };
}

async function knownReferences(tx: Queryable) {
  const { rows } = await tx.query<{ entity: string; id: string }>(
    `SELECT entity, id FROM catalogue_entities WHERE entity IN ('organization', 'location') AND NOT deleted`,
  );
  return {
    organizations: new Set(rows.filter((r) => r.entity === 'organization').map((r) => r.id)),
    locations: new Set(rows.filter((r) => r.entity === 'location').map((r) => r.id)),
  };
}

async function checkReferences(tx: Queryable, item: CatalogueItem): Promise<void> {
  const issues = itemReferenceIssues(item, await knownReferences(tx));
  if (issues.length)
    throw new CatalogueEditError(
      400,
      'invalid_item',
      `The item is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
}

async function versionOf(tx: Queryable, id: string): Promise<number> {
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM catalogue_entities WHERE id = $1', [id]);
  return Number(rows[0]!.version);
}

export interface Actor {
  user: Pick<ConsoleUser, 'id' | 'role' | 'organisationId'>;
}

function stale(current: ItemRow): CatalogueEditError {
  return new CatalogueEditError(
    409,
    'stale',
    `Someone else changed this item after you opened it (now version ${current.version}, ${current.updatedAt}). Reopen it to see their change, then make yours again.`,
  );
}

/** A new item; its id comes from the client (like a tablet's records) and must be new. */
export function createItem(db: Database, actor: Actor, item: CatalogueItem): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
    const rights = await editRights(tx, actor.user);
    if (!mayEdit(rights, item)) throw new CatalogueEditError(403, 'forbidden', FORBIDDEN);
    const { rows } = await tx.query('SELECT 1 FROM catalogue_entities WHERE id = $1', [item.id]);
    if (rows.length)
      throw new CatalogueEditError(409, 'exists', 'An entry with this id exists already (or existed); create the item anew.');
    await checkReferences(tx, item);
    await writeEntities(tx, [{ entity: 'item', id: item.id, data: item }]);
    await audit(tx, {
      userId: actor.user.id,
      organisationId: actor.user.organisationId,
      action: 'create',
      targetType: 'catalogue_item',
      targetId: item.id,
      details: { title: item.name.nl },
    });
    return { id: item.id, version: await versionOf(tx, item.id) };
  });
}

/** Replaces an item (sessions included) when nobody changed it since baseVersion. */
export function updateItem(
  db: Database,
  actor: Actor,
  id: string,
  baseVersion: number,
  item: CatalogueItem,
): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
    if (item.id !== id)
      throw new CatalogueEditError(400, 'invalid_item', "The item's id differs from the address.", [
        { path: '/item/id', message: 'differs from the address' },
      ]);
    const current = await itemRow(tx, id, true);
    if (!current) throw new CatalogueEditError(404, 'not_found', 'This item does not exist (or was deleted).');
    const rights = await editRights(tx, actor.user);
    if (!mayEdit(rights, current.item) || !mayEdit(rights, item)) throw new CatalogueEditError(403, 'forbidden', FORBIDDEN);
    if (current.version !== baseVersion) throw stale(current);
    await checkReferences(tx, item);
    await writeEntities(tx, [{ entity: 'item', id, data: item }]);
    const changed = changedFields(current.item, item);
    await audit(tx, {
      userId: actor.user.id,
      organisationId: actor.user.organisationId,
      action: 'update',
      targetType: 'catalogue_item',
      targetId: id,
      details: { title: item.name.nl, fields: changed },
    });
    return { id, version: await versionOf(tx, id) };
  });
}

/** Ends an item or closes it for a while: a status change tablets pull, not a deletion. */
export function retireItem(
  db: Database,
  actor: Actor,
  id: string,
  baseVersion: number,
  status: 'ended' | 'temporarily_closed',
): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
    const current = await itemRow(tx, id, true);
    if (!current) throw new CatalogueEditError(404, 'not_found', 'This item does not exist (or was deleted).');
    const rights = await editRights(tx, actor.user);
    if (!mayEdit(rights, current.item)) throw new CatalogueEditError(403, 'forbidden', FORBIDDEN);
    if (current.version !== baseVersion) throw stale(current);
    await writeEntities(tx, [{ entity: 'item', id, data: { ...current.item, status } }]);
    await audit(tx, {
      userId: actor.user.id,
      organisationId: actor.user.organisationId,
      action: 'retire',
      targetType: 'catalogue_item',
      targetId: id,
      details: { title: current.item.name.nl, status },
    });
    return { id, version: await versionOf(tx, id) };
  });
}

/** Network administrator only (checked by the route): a tombstone tablets pull. */
export function deleteItem(db: Database, actor: Actor, id: string): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
    const current = await itemRow(tx, id, true);
    if (!current) throw new CatalogueEditError(404, 'not_found', 'This item does not exist (or was deleted).');
    await writeEntities(tx, [], [id]);
    await audit(tx, {
      userId: actor.user.id,
      organisationId: actor.user.organisationId,
      action: 'delete',
      targetType: 'catalogue_item',
      targetId: id,
      details: { title: current.item.name.nl },
    });
    return { id, version: await versionOf(tx, id) };
  });
}

function changedFields(before: CatalogueItem, after: CatalogueItem): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof CatalogueItem>;
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}
