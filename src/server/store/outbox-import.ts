import { MAX_PUSH_ENTRIES } from '../../shared/sync';
import type { OutboxExport } from '../../shared/outbox-export';
import { changeTypeAllowed } from '../../shared/kiosk';
import type { Database } from './database';
import type { AuthenticatedDevice } from './devices';
import { applyPush } from './push';

export interface OutboxImportResult {
  applied: number;
  rejected: number;
  alreadyPresent: number;
  ack: number;
}

/** A file that cannot be imported as it is; nothing of it was stored. */
export class OutboxImportError extends Error {}

/** Far deeper than any change a tablet makes (a visit correction is five levels deep). */
const MAX_PAYLOAD_DEPTH = 32;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Applies a tablet's emergency export as if the tablet had pushed it: same
 * sequence rules, so importing a file twice (or after the tablet synced after all)
 * changes nothing the second time. Works for a revoked device too: that is what
 * the export is for.
 */
export async function importOutboxExport(db: Database, file: OutboxExport): Promise<OutboxImportResult> {
  const { rows } = await db.query<{ id: string; kind: 'desk' | 'kiosk'; location_id: string; organisation_id: string }>(
    'SELECT d.id, d.kind, d.location_id, l.organisation_id FROM devices d JOIN locations l ON l.id = d.location_id WHERE d.id = $1',
    [file.deviceId],
  );
  const row = rows[0];
  if (!row) throw new OutboxImportError(`no device ${file.deviceId} on this server: was the file exported from a tablet of this network?`);
  if (row.location_id !== file.locationId) throw new OutboxImportError('the file names another location than the device belongs to');
  const device: AuthenticatedDevice = { id: row.id, kind: row.kind, locationId: row.location_id, organisationId: row.organisation_id };
  const entries = [...file.entries].sort((a, b) => a.seq - b.seq);
  const lastBefore = await refuseIncomplete(db, device, entries);
  // What the server held before this import is "already present", however a push answers for it.
  const result: OutboxImportResult = { applied: 0, rejected: 0, alreadyPresent: entries.filter((e) => e.seq <= lastBefore).length, ack: 0 };
  for (let i = 0; i < entries.length; i += MAX_PUSH_ENTRIES) {
    const batch = entries.slice(i, i + MAX_PUSH_ENTRIES);
    const response = await applyPush(db, device, { appVersion: `import:${file.appVersion}`.slice(0, 40), entries: batch });
    const inBatch = new Set(batch.map((e) => e.seq));
    const rejectedNow = response.rejected.filter((r) => r.seq > lastBefore && inBatch.has(r.seq)).length;
    result.rejected += rejectedNow;
    result.applied += batch.filter((e) => e.seq > lastBefore && e.seq <= response.ack).length - rejectedNow;
    result.ack = response.ack;
    if (response.ack < batch.at(-1)!.seq)
      throw new OutboxImportError(`the server waits for entry ${response.ack + 1}, which this file does not hold`);
  }
  return result;
}

/**
 * A push stores what it can and acknowledges up to the first gap; a file is imported in
 * batches of pushes. So a file with a gap, a sequence number used twice or a change its
 * device may not make would be stored in part before it was refused: judged whole, first.
 * Returns the device's last sequence number before the import.
 */
async function refuseIncomplete(db: Database, device: AuthenticatedDevice, entries: OutboxExport['entries']): Promise<number> {
  const forbidden = entries.find((e) => !changeTypeAllowed(device.kind, e.type));
  if (forbidden)
    throw new OutboxImportError(`entry ${forbidden.seq} is a "${forbidden.type}" change, which a ${device.kind} does not make`);
  for (const entry of entries) {
    const problem = unstorablePayload(entry.payload);
    if (problem) throw new OutboxImportError(`entry ${entry.seq} ${problem}, which no tablet makes; the file was damaged`);
  }
  const twice = entries.find((e, i) => i > 0 && entries[i - 1]!.seq === e.seq);
  if (twice) throw new OutboxImportError(`entry ${twice.seq} appears twice in the file`);
  const { rows } = await db.query<{ last_seq: number }>('SELECT last_seq FROM devices WHERE id = $1', [device.id]);
  const lastSeq = Number(rows[0]!.last_seq);
  let expected = lastSeq + 1;
  for (const entry of entries) {
    if (entry.seq < expected) continue;
    if (entry.seq > expected) throw new OutboxImportError(`the server waits for entry ${expected}, which this file does not hold`);
    expected++;
  }
  return lastSeq;
}

/**
 * A refused entry is kept with its payload, as jsonb, for the coordinator. Two things in a
 * payload would make that fail and the whole import with it: nesting deep enough to overflow
 * the stack of the code that stores it, and half a surrogate pair, which jsonb cannot hold.
 * Walked without recursion, so the check itself cannot overflow.
 */
function unstorablePayload(payload: unknown): string | undefined {
  const stack: Array<[unknown, number]> = [[payload, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) return 'holds a broken character (half a surrogate pair)';
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_PAYLOAD_DEPTH) return `holds data nested deeper than ${MAX_PAYLOAD_DEPTH} levels`;
    for (const [key, child] of Object.entries(value)) stack.push([key, depth + 1], [child, depth + 1]);
  }
  return undefined;
}
