import type { EnrolResponse } from '../../shared/sync';
import type { DeviceRecord, InloopDatabase } from './database';
import { durably } from './durable';

/** The enrolment lives in the same database as the outbox: if one is evicted, so is the other, and the tablet re-enrols as a new device. */
export async function loadDevice(db: InloopDatabase): Promise<DeviceRecord | undefined> {
  const row = await durably(db, () => db.meta.get('device'));
  return row?.value as DeviceRecord | undefined;
}

export async function saveEnrolment(db: InloopDatabase, enrolment: EnrolResponse): Promise<DeviceRecord> {
  const device: DeviceRecord = { ...enrolment, enrolledAt: new Date().toISOString() };
  await durably(db, () => db.meta.put({ key: 'device', value: device }));
  return device;
}

/**
 * Hands out the next per-device sequence number. Must run inside the caller's
 * read-write transaction over db.meta, so numbers are gap-free: an aborted save
 * gives its number back.
 */
export async function takeNextSeq(db: InloopDatabase): Promise<number> {
  const row = await db.meta.get('nextSeq');
  const seq = (row?.value as number | undefined) ?? 1;
  await db.meta.put({ key: 'nextSeq', value: seq + 1 });
  return seq;
}
