import type { CatalogueEntityType } from '../../../shared/catalogue';
import type { Queryable } from '../../store/database';
import { canonicalJson, sameJson, type Row, type Tables } from './graph';
import type { IdMap } from './render';
import type { TableName } from './tables';

/**
 * What an imported HSDS file said about an entity beyond what Inloop shows, kept on the server
 * (tablets never get it) so an export gives it back: the file's rows for the entity (`rows`),
 * Inloop's own rendering of the entity as it was imported (`basis`) and the ids the file gave
 * derived records. At export, a field Inloop owns is written from Inloop's current data when it
 * changed since the import, and as the file had it when it did not; a field or record Inloop does
 * not own is always written as the file had it.
 */
export interface KeptHsds {
  rows: Tables;
  basis: Tables;
  ids: IdMap;
}

function byId(rows: Row[] | undefined): Map<string, Row> {
  return new Map((rows ?? []).map((r) => [String(r.id), r]));
}

/** True when the file's rows are exactly Inloop's rendering (then there is nothing to keep). */
export function sameRows(a: Tables, b: Tables): boolean {
  const tables = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<TableName>;
  for (const t of tables) {
    const x = (a[t] ?? []).map(canonicalJson).sort();
    const y = (b[t] ?? []).map(canonicalJson).sort();
    if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
  }
  return true;
}

function mergeRow(kept: Row, basis: Row, now: Row): Row {
  const out: Row = {};
  for (const k of new Set([...Object.keys(kept), ...Object.keys(basis), ...Object.keys(now)])) {
    const owned = k in basis || k in now;
    const v = !owned ? kept[k] : sameJson(now[k], basis[k]) ? kept[k] : now[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Inloop's rows for an entity now, with what was kept from the file merged in. */
export function mergeKept(now: Tables, kept: KeptHsds): Tables {
  const out: Tables = {};
  const tables = new Set([...Object.keys(now), ...Object.keys(kept.rows), ...Object.keys(kept.basis)]) as Set<TableName>;
  for (const t of tables) {
    const k = byId(kept.rows[t]);
    const b = byId(kept.basis[t]);
    const n = byId(now[t]);
    const rows: Row[] = [];
    for (const [id, row] of k) {
      const basis = b.get(id);
      const current = n.get(id);
      if (!basis)
        rows.push(row); // Inloop never took it over: the file's, always
      else if (current) rows.push(mergeRow(row, basis, current));
      // else: Inloop took it over and it is gone now (e.g. a session deleted in the console)
    }
    for (const [id, row] of n) {
      if (k.has(id)) continue;
      const basis = b.get(id);
      // Inloop added it at the import (the file did not have it) and nothing changed since: leave it out, as the file did.
      if (basis && sameJson(basis, row)) continue;
      rows.push(row);
    }
    if (rows.length) out[t] = rows;
  }
  return out;
}

export async function readKept(db: Queryable): Promise<Map<string, KeptHsds>> {
  const { rows } = await db.query<{ entity_id: string; kept: KeptHsds }>(
    `SELECT k.entity_id, k.kept FROM catalogue_hsds_kept k JOIN catalogue_entities e ON e.id = k.entity_id AND NOT e.deleted`,
  );
  return new Map(rows.map((r) => [r.entity_id, typeof r.kept === 'string' ? (JSON.parse(r.kept) as KeptHsds) : r.kept]));
}

/**
 * Stores what an import keeps, in the import's transaction: a kept record for every entity the
 * file gave more than Inloop shows, none for the others it holds (and none for those removed).
 */
export async function writeKept(
  tx: Queryable,
  entities: Array<{ entity: CatalogueEntityType; id: string; kept?: KeptHsds }>,
  removed: string[],
): Promise<void> {
  const clear = [...removed, ...entities.filter((e) => !e.kept).map((e) => e.id)];
  if (clear.length) await tx.query('DELETE FROM catalogue_hsds_kept WHERE entity_id = ANY($1::uuid[])', [clear]);
  for (const e of entities) {
    if (!e.kept) continue;
    await tx.query(
      `INSERT INTO catalogue_hsds_kept (entity_id, entity, kept) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (entity_id) DO UPDATE SET entity = EXCLUDED.entity, kept = EXCLUDED.kept, updated_at = now()`,
      [e.id, e.entity, JSON.stringify(e.kept)],
    );
  }
}

/** Counts of what is kept but not shown: fields of records Inloop shows, and whole records it does not. */
export function keptNotShown(kept: KeptHsds): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string) => out.set(k, (out.get(k) ?? 0) + 1);
  for (const [t, rows] of Object.entries(kept.rows) as Array<[TableName, Row[]]>) {
    const basis = byId(kept.basis[t]);
    for (const row of rows) {
      const b = basis.get(String(row.id));
      if (!b) {
        if (t !== 'taxonomy_term' && t !== 'taxonomy') add(t);
        continue;
      }
      for (const k of Object.keys(row)) if (!(k in b) && !k.endsWith('_id')) add(`${t}.${k}`);
    }
  }
  return out;
}
