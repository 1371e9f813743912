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
