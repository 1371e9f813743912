import type { OutboxEntryWire } from '../../../shared/sync';
import { visitSchema, type Visit } from '../../../shared/visit';
import { describeIssues } from '../../../shared/zod';
import type { Queryable } from '../database';
import type { AuthenticatedDevice } from '../devices';
import { insertVisits, storedVisitOriginals } from '../visits';
import type { ChangeHandler, ChangeOutcome } from './types';
import { changedRecordReason, sameContent } from './same-record';

function check(device: AuthenticatedDevice, entry: OutboxEntryWire): { ok: true; visit: Visit } | { ok: false; reason: string } {
  if (device.kind !== 'desk') return { ok: false, reason: 'only a desk tablet records visits' };
  const parsed = visitSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid visit: ${describeIssues(parsed.error)}` };
  const visit = parsed.data;
  if (visit.id !== entry.recordId) return { ok: false, reason: 'record id does not match the visit id' };
  if (visit.deviceId !== device.id) return { ok: false, reason: 'visit was recorded by another device' };
  if (visit.locationId !== device.locationId) return { ok: false, reason: "visit is for another location than this device's" };
  return { ok: true, visit };
}

/**
 * New visits, many at once: a batch of a hundred is two INSERTs, not two hundred. The
 * outcome of each entry is the same as if they were applied one by one, in order.
 */
async function createVisits(tx: Queryable, device: AuthenticatedDevice, entries: OutboxEntryWire[]): Promise<ChangeOutcome[]> {
  const checked = entries.map((entry) => check(device, entry));
  // The same id twice in one batch: the first is the record, a later one is judged against it.
  const firstSeqOf = new Map<string, number>();
  entries.forEach((entry, i) => {
    const c = checked[i]!;
    if (c.ok && !firstSeqOf.has(c.visit.id)) firstSeqOf.set(c.visit.id, entry.seq);
  });
  const valid = entries.flatMap((entry, i) => {
    const c = checked[i]!;
    return c.ok && firstSeqOf.get(c.visit.id) === entry.seq ? [{ visit: c.visit, deviceSeq: entry.seq }] : [];
  });
  const inserted = await insertVisits(tx, valid);
  // Visits stored before this batch: who recorded them, and what they first sent (a correction may have changed them since).
  const before = await storedVisitOriginals(
    tx,
    valid.filter((v) => !inserted.has(v.visit.id)).map((v) => v.visit.id),
  );
  return entries.map((entry, i): ChangeOutcome => {
    const c = checked[i]!;
    if (!c.ok) return c;
    const stored = before.get(c.visit.id);
    if (!stored) {
      if (firstSeqOf.get(c.visit.id) === entry.seq) return { ok: true };
      // The same id again later in this batch: the same visit repeated, or a changed one.
      const first = checked[entries.findIndex((e) => e.seq === firstSeqOf.get(c.visit.id))]!;
      return first.ok && sameContent(first.visit, c.visit) ? { ok: true } : { ok: false, reason: changedRecordReason('a visit') };
    }
    // Already stored: from another device it is a clash; from this one a repeat, or a changed visit.
    if (stored.deviceId !== device.id) return { ok: false, reason: 'a visit with this id already exists' };
    return sameContent(stored.original, c.visit) ? { ok: true } : { ok: false, reason: changedRecordReason('a visit') };
  });
}

export const visitCreate: ChangeHandler = Object.assign(
  async (tx: Queryable, device: AuthenticatedDevice, entry: OutboxEntryWire) => (await createVisits(tx, device, [entry]))[0]!,
  { applyMany: createVisits },
);
