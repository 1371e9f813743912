import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { createEnrolmentCode, enrolDevice, authenticateDevice, revokeDevice } from '../../src/server/store/devices';
import { importOutboxExport } from '../../src/server/store/outbox-import';
import { applyPush } from '../../src/server/store/push';
import { listVisitsOfDevice } from '../../src/server/store/visits';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { OUTBOX_EXPORT_FORMAT, outboxExportSchema, type OutboxExport } from '../../src/shared/outbox-export';
import { STORAGE_TARGETS } from '../helpers/databases';
import { makeVisit } from '../helpers/visits';

describe.each(STORAGE_TARGETS)('emergency export import on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db);
  });
  afterAll(async () => db?.close());

  async function tabletWithExport(count: number, firstSeq = 1) {
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' });
    const enrolment = (await enrolDevice(db, code))!;
    const file: OutboxExport = {
      format: OUTBOX_EXPORT_FORMAT,
      deviceId: enrolment.deviceId,
      locationId: enrolment.location.id,
      exportedAt: new Date().toISOString(),
      appVersion: '0.1.0',
      entries: Array.from({ length: count }, (_, i) => {
        const visit = makeVisit(enrolment);
        return { seq: firstSeq + i, recordId: visit.id, type: 'visit.create@1', payload: visit, createdAt: new Date().toISOString() };
      }),
    };
    return { enrolment, file: outboxExportSchema.parse(JSON.parse(JSON.stringify(file))) };
  }

  it('imports a revoked tablet’s unsynced entries once, however often the file is read in', async () => {
    const { enrolment, file } = await tabletWithExport(7);
    await revokeDevice(db, enrolment.deviceId); // the tablet broke; its token is refused from now on
    expect(await importOutboxExport(db, file)).toMatchObject({ applied: 7, alreadyPresent: 0, rejected: 0, ack: 7 });
    expect(await importOutboxExport(db, file)).toMatchObject({ applied: 0, alreadyPresent: 7, rejected: 0 });
    expect(await listVisitsOfDevice(db, enrolment.deviceId)).toHaveLength(7);
  });

  it('skips what the tablet managed to push before it was exported', async () => {
    const { enrolment, file } = await tabletWithExport(5);
    const device = (await authenticateDevice(db, enrolment.token))!;
    await applyPush(db, device, { appVersion: 'test', entries: file.entries.slice(0, 3) });
    expect(await importOutboxExport(db, file)).toMatchObject({ applied: 2, alreadyPresent: 3 });
    expect(await listVisitsOfDevice(db, enrolment.deviceId)).toHaveLength(5);
  });

  it('refuses a file that starts after a gap, changing nothing', async () => {
    const { enrolment, file } = await tabletWithExport(3, 4);
    await expect(importOutboxExport(db, file)).rejects.toThrow(/waits for entry 1/);
    expect(await listVisitsOfDevice(db, enrolment.deviceId)).toHaveLength(0);
  });

  it('refuses a file of an unknown device', async () => {
    const { file } = await tabletWithExport(1);
    await expect(importOutboxExport(db, { ...file, deviceId: '01900000-0000-7000-8000-00000000dead' })).rejects.toThrow(/no device/);
  });
});
