import type { ChangeType } from '../../shared/sync';
import type { InloopDatabase, OutboxEntry } from './database';
import { durably } from './durable';

/**
 * The outbox: every change this tablet makes for the server waits here until the
 * server acknowledged it. What is stored where, all in the tablet's one IndexedDB:
 * - `outbox`: one entry per change, keyed by its sequence number; `state` pending
 *   until acknowledged (then the entry is deleted), or rejected with the server's
 *   reason, kept for the volunteer to see;
 * - `meta`, key `nextSeq`: the next sequence number this device hands out;
 * - the record itself (a visit, a tally, a taken help request) in its own table,
 *   written in the same transaction as its entry. A kiosk keeps no other copy: what
 *   a visitor sends lives in the outbox only.
 *
 * A record and its entry are saved in one transaction: open it over
 * `outboxTables(db)` and the record's table, and call `enqueue` inside. Never catch
 * a Dexie error inside that transaction: a caught BulkError leaves half of it committed.
 */

/** The tables `enqueue` writes: list them in the caller's read-write transaction. */
export function outboxTables(db: InloopDatabase) {
  return [db.meta, db.outbox];
}

/**
 * Hands out the next per-device sequence number. Runs inside the caller's
 * read-write transaction over db.meta, so numbers are gap-free: an aborted save
 * gives its number back.
 */
export async function takeNextSeq(db: InloopDatabase): Promise<number> {
  const row = await db.meta.get('nextSeq');
  const seq = (row?.value as number | undefined) ?? 1;
  await db.meta.put({ key: 'nextSeq', value: seq + 1 });
  return seq;
}

/**
 * Adds a change to the outbox inside the caller's transaction (see outboxTables) and
 * returns its sequence number. A record that carries the number is written by
 * `saveRecord`, after the number is taken and before the entry: the entry stays the
 * transaction's last write.
 */
export async function enqueue(
  db: InloopDatabase,
  type: ChangeType,
  recordId: string,
  payload: unknown,
  createdAt = new Date().toISOString(),
  saveRecord?: (seq: number) => Promise<unknown>,
): Promise<number> {
  const seq = await takeNextSeq(db);
  if (saveRecord) await saveRecord(seq); // (no bare await: Dexie would see the transaction idle and commit it)
  await db.outbox.add({ seq, recordId, type, payload, createdAt, state: 'pending' });
  return seq;
}

/**
 * A change with no record of its own on the tablet, in a transaction of its own.
 * Resolves after it committed, so the caller may then say "sent".
 */
export async function enqueueAlone(db: InloopDatabase, type: ChangeType, recordId: string, payload: unknown): Promise<void> {
  await durably(db, () => db.transaction('rw', outboxTables(db), () => enqueue(db, type, recordId, payload)));
}

/** Entries still to be sent: the count the status line, the update banner and the Tablet tab show. */
export function countPending(db: InloopDatabase): Promise<number> {
  return db.outbox.where('state').equals('pending').count();
}

/** Entries the server refused, kept with its reason. */
export function countRejected(db: InloopDatabase): Promise<number> {
  return db.outbox.where('state').equals('rejected').count();
}

/** The oldest entries still to be sent, oldest first; all of them without a limit. */
export function pendingEntries(db: InloopDatabase, limit?: number): Promise<OutboxEntry[]> {
  const pending = db.outbox.where('state').equals('pending');
  return (limit === undefined ? pending : pending.limit(limit)).toArray();
}

/** The records whose change of this type still waits to be sent. */
export async function pendingRecordIds(db: InloopDatabase, type: ChangeType): Promise<Set<string>> {
  const entries = await db.outbox
    .where('state')
    .equals('pending')
    .filter((e) => e.type === type)
    .toArray();
  return new Set(entries.map((e) => e.recordId));
}

/** Every entry, waiting or refused, about these records. */
export function entriesForRecords(db: InloopDatabase, recordIds: string[]): Promise<OutboxEntry[]> {
  return recordIds.length ? db.outbox.where('recordId').anyOf(recordIds).toArray() : Promise.resolve([]);
}

/** Deletes the refused entries; returns how many. */
export function deleteRejected(db: InloopDatabase): Promise<number> {
  return db.outbox.where('state').equals('rejected').delete();
}
