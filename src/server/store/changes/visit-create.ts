import type { OutboxEntryWire } from '../../../shared/sync';
import { visitSchema, type Visit } from '../../../shared/visit';
import { describeIssues } from '../../../shared/zod';
import type { Queryable } from '../database';
import type { AuthenticatedDevice } from '../devices';
import { insertVisits, visitOwners } from '../visits';
import type { ChangeHandler, ChangeOutcome } from './types';

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
  // The same id twice in one batch: the first is the record, a later one a clash like any other.
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
  const owners = await visitOwners(
    tx,
    valid.filter((v) => !inserted.has(v.visit.id)).map((v) => v.visit.id),
  );
  return entries.map((entry, i): ChangeOutcome => {
    const c = checked[i]!;
    if (!c.ok) return c;
    if (inserted.has(c.visit.id) && firstSeqOf.get(c.visit.id) === entry.seq) return { ok: true };
    // Already stored: the same id from the same device is a harmless replay; from another device it is a clash.
    const owner = owners.get(c.visit.id) ?? device.id;
    return owner === device.id ? { ok: true } : { ok: false, reason: 'a visit with this id already exists' };
  });
}

export const visitCreate: ChangeHandler = Object.assign(
  async (tx: Queryable, device: AuthenticatedDevice, entry: OutboxEntryWire) => (await createVisits(tx, device, [entry]))[0]!,
  { applyMany: createVisits },
);
