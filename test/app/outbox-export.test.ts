import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { buildOutboxExport } from '../../src/app/device/export-outbox';
import { pushOutbox } from '../../src/app/sync/push';
import { recordVisit } from '../../src/app/visits/record-visit';
import { openPglite } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { importOutboxExport } from '../../src/server/store/outbox-import';
import { listVisitsOfDevice } from '../../src/server/store/visits';
import { outboxExportSchema } from '../../src/shared/outbox-export';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';

let server: TestServer;
beforeAll(async () => {
  const db = await openPglite();
  await migrate(db);
  server = await startTestServer(db);
});
afterAll(async () => {
  await server.app.close();
  await server.db.close();
});

describe('emergency export of unsynced entries', () => {
  it('writes a file the server imports, after which the tablet’s own push changes nothing', async () => {
    const local = new InloopDatabase(`export-${Date.now()}`);
    const device = await saveEnrolment(local, await server.enrol());
    for (let i = 0; i < 4; i++) await recordVisit(local, makeVisit(device));

    const file = outboxExportSchema.parse(JSON.parse(JSON.stringify(await buildOutboxExport(local, device))));
    expect(file.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await importOutboxExport(server.db, file)).toMatchObject({ applied: 4 });

    // The tablet comes back online after all: its push is acknowledged and adds nothing.
    expect(await pushOutbox(local, server.api, device.token)).toEqual({ pushed: 4, rejected: 0 });
    expect(await listVisitsOfDevice(server.db, device.deviceId)).toHaveLength(4);
    expect((await buildOutboxExport(local, device)).entries).toEqual([]);
  });
});
