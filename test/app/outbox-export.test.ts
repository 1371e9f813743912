import { describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { buildOutboxExport } from '../../src/app/device/export-outbox';
import { pushOutbox } from '../../src/app/sync/push';
import { recordVisit } from '../../src/app/visits/record-visit';
import { importOutboxExport } from '../../src/server/store/outbox-import';
import { listVisitsOfDevice } from '../../src/server/store/visits';
import { outboxExportSchema } from '../../src/shared/outbox-export';
import { useTestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';

const testServer = useTestServer();

describe('emergency export of unsynced entries', () => {
  it('writes a file the server imports, after which the tablet’s own push changes nothing', async () => {
    const local = new InloopDatabase(`export-${Date.now()}`);
    const device = await saveEnrolment(local, await testServer().enrol());
    for (let i = 0; i < 4; i++) await recordVisit(local, makeVisit(device));

    const file = outboxExportSchema.parse(JSON.parse(JSON.stringify(await buildOutboxExport(local, device))));
    expect(file.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await importOutboxExport(testServer().db, file)).toMatchObject({ applied: 4 });

    // The tablet comes back online after all: its push is acknowledged and adds nothing.
    expect(await pushOutbox(local, testServer().api, device.token)).toEqual({ pushed: 4, rejected: 0 });
    expect(await listVisitsOfDevice(testServer().db, device.deviceId)).toHaveLength(4);
    expect((await buildOutboxExport(local, device)).entries).toEqual([]);
  });
});
