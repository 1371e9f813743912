import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { createUser } from '../../src/server/store/console/users';
import { DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { InloopDatabase } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { pushOutbox } from '../../src/app/sync/push';
import { recordVisit } from '../../src/app/visits/record-visit';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';

let db: Database;
let server: TestServer;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  server = await startTestServer(db);
  await createUser(db, {
    email: 'coordinator@example.org',
    role: 'coordinator',
    organisationId: DEMO_ORGANISATION.id,
    password: 'a long enough password 1',
  });
});
afterAll(async () => {
  await server.app.close();
  await db.close();
});

/** The coordinator's device list shows what each tablet last said about its storage. */
describe("a tablet's storage state in the console", () => {
  it('is reported with a push and listed for the coordinator', async () => {
    const local = new InloopDatabase(`storage-${Date.now()}`);
    const device = await saveEnrolment(local, await server.enrol());
    await recordVisit(local, makeVisit(device));
    // What the browser answers on a tablet that was not allowed to keep its data.
    vi.stubGlobal('navigator', {
      storage: { persisted: async () => false, estimate: async () => ({ usage: 3 * 1048576, quota: 2048 * 1048576 }) },
    });
    try {
      await pushOutbox(local, server.api, device.token);
    } finally {
      vi.unstubAllGlobals();
    }

    const signIn = await server.app.inject({
      method: 'POST',
      url: '/api/console/session',
      payload: { email: 'coordinator@example.org', password: 'a long enough password 1' },
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const list = await server.app.inject({ method: 'GET', url: '/api/console/devices', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const row = (list.json() as { devices: Array<{ id: string; storage: unknown; pendingReported: number | null }> }).devices.find(
      (d) => d.id === device.deviceId,
    );
    expect(row?.storage).toEqual({ persisted: false, usedBytes: 3 * 1048576, quotaBytes: 2048 * 1048576 });
    expect(row?.pendingReported).toBe(1);
  });
});
