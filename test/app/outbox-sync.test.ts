import { describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { SyncError, type ServerApi } from '../../src/app/sync/api';
import { pushOutbox } from '../../src/app/sync/push';
import { countPending } from '../../src/app/db/outbox';
import { recordVisit, visitsOfToday } from '../../src/app/visits/record-visit';
import { listRejected } from '../../src/server/store/push';
import { listVisitsOfDevice } from '../../src/server/store/visits';
import { useTestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';

const testServer = useTestServer();
let dbCount = 0;

/** A fresh tablet: its own IndexedDB and a new enrolment at the demo's first branch. */
async function newTablet() {
  const local = new InloopDatabase(`tablet-${++dbCount}-${Date.now()}`);
  const device = await saveEnrolment(local, await testServer().enrol());
  return { local, device };
}

describe('outbox', () => {
  it('stores a visit and its outbox entry together, with gap-free sequence numbers', async () => {
    const { local, device } = await newTablet();
    await recordVisit(local, makeVisit(device));
    await recordVisit(local, makeVisit(device));
    const entries = await local.outbox.toArray();
    expect(entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(entries.every((e) => e.type === 'visit.create@1' && e.state === 'pending')).toBe(true);
    expect(await countPending(local)).toBe(2);
    expect((await visitsOfToday(local)).map((v) => v.syncState)).toEqual(['pending', 'pending']);
  });

  it('saves nothing when the visit is invalid', async () => {
    const { local, device } = await newTablet();
    await expect(recordVisit(local, makeVisit(device, { questions: [] }))).rejects.toThrow();
    expect(await local.visits.count()).toBe(0);
    expect(await local.outbox.count()).toBe(0);
    // and the next valid visit still gets sequence 1
    await recordVisit(local, makeVisit(device));
    expect((await local.outbox.toArray()).map((e) => e.seq)).toEqual([1]);
  });
});

describe('push', () => {
  it('delivers every entry once and empties the outbox', async () => {
    const { local, device } = await newTablet();
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push((await recordVisit(local, makeVisit(device))).id);
    const result = await pushOutbox(local, testServer().api, device.token, 3);
    expect(result).toEqual({ pushed: 7, rejected: 0 });
    expect(await countPending(local)).toBe(0);
    expect((await visitsOfToday(local)).every((v) => v.syncState === 'synced')).toBe(true);
    const stored = await listVisitsOfDevice(testServer().db, device.deviceId);
    expect(stored.map((v) => v.id).sort()).toEqual(ids.sort());
  });

  it('retries a push whose response was lost and still makes one record each', async () => {
    const { local, device } = await newTablet();
    for (let i = 0; i < 3; i++) await recordVisit(local, makeVisit(device));
    let lose = true;
    const flaky: ServerApi = {
      ...testServer().api,
      async push(token, body) {
        const response = await testServer().api.push(token, body); // the server commits…
        if (lose) {
          lose = false;
          throw new SyncError('network', 'connection reset'); // …but the tablet never hears back
        }
        return response;
      },
    };
    await expect(pushOutbox(local, flaky, device.token)).rejects.toThrow('connection reset');
    expect(await countPending(local)).toBe(3); // nothing is dropped on the tablet
    await pushOutbox(local, flaky, device.token);
    expect(await countPending(local)).toBe(0);
    expect(await listVisitsOfDevice(testServer().db, device.deviceId)).toHaveLength(3);
  });

  it('keeps one record each when two tabs of one tablet push at once', async () => {
    const { local, device } = await newTablet();
    for (let i = 0; i < 10; i++) await recordVisit(local, makeVisit(device));
    await Promise.all([pushOutbox(local, testServer().api, device.token, 4), pushOutbox(local, testServer().api, device.token, 4)]);
    expect(await countPending(local)).toBe(0);
    expect(await listVisitsOfDevice(testServer().db, device.deviceId)).toHaveLength(10);
  });

  it('keeps both tablets’ records apart when two tablets push at once', async () => {
    const a = await newTablet();
    const b = await newTablet();
    for (let i = 0; i < 5; i++) {
      await recordVisit(a.local, makeVisit(a.device));
      await recordVisit(b.local, makeVisit(b.device));
    }
    await Promise.all([pushOutbox(a.local, testServer().api, a.device.token, 2), pushOutbox(b.local, testServer().api, b.device.token, 2)]);
    expect(await listVisitsOfDevice(testServer().db, a.device.deviceId)).toHaveLength(5);
    expect(await listVisitsOfDevice(testServer().db, b.device.deviceId)).toHaveLength(5);
  });

  it('shows a rejected entry on the tablet with its reason and moves the queue on', async () => {
    const { local, device } = await newTablet();
    const good1 = await recordVisit(local, makeVisit(device));
    // Valid for the tablet, but recorded for a location this device does not belong to.
    const bad = await recordVisit(local, makeVisit(device, { locationId: '01900000-0000-7000-8000-000000000012' }));
    const good2 = await recordVisit(local, makeVisit(device));
    const result = await pushOutbox(local, testServer().api, device.token);
    expect(result).toEqual({ pushed: 2, rejected: 1 });
    const visits = new Map((await visitsOfToday(local)).map((v) => [v.id, v]));
    expect(visits.get(good1.id)?.syncState).toBe('synced');
    expect(visits.get(good2.id)?.syncState).toBe('synced');
    expect(visits.get(bad.id)?.syncState).toBe('rejected');
    expect(visits.get(bad.id)?.rejectReason).toMatch(/another location/);
    const kept = await local.outbox.get(bad.seq);
    expect(kept?.state).toBe('rejected');
    expect(await countPending(local)).toBe(0);
    // the server keeps it too, with the same reason
    const rejected = await listRejected(testServer().db, device.deviceId);
    expect(rejected).toEqual([{ device_seq: bad.seq, record_id: bad.id, reason: expect.stringMatching(/another location/) }]);
    expect(await listVisitsOfDevice(testServer().db, device.deviceId)).toHaveLength(2);
  });

  it('still shows a rejection on the tablet when the answer that carried it was lost', async () => {
    const { local, device } = await newTablet();
    const good = await recordVisit(local, makeVisit(device));
    const bad = await recordVisit(local, makeVisit(device, { locationId: '01900000-0000-7000-8000-000000000012' }));
    let lose = true;
    const flaky: ServerApi = {
      ...testServer().api,
      async push(token, body) {
        const response = await testServer().api.push(token, body); // the server stores both, one as rejected…
        if (lose) {
          lose = false;
          throw new SyncError('network', 'connection reset'); // …and the answer saying so never arrives
        }
        return response;
      },
    };
    await expect(pushOutbox(local, flaky, device.token)).rejects.toThrow('connection reset');
    // The next round sends a shorter batch (the good visit alone); the server acknowledges both, and says which it refused.
    expect(await pushOutbox(local, flaky, device.token, 1)).toEqual({ pushed: 1, rejected: 1 });
    const visits = new Map((await visitsOfToday(local)).map((v) => [v.id, v]));
    expect(visits.get(good.id)?.syncState).toBe('synced');
    expect(visits.get(bad.id)).toMatchObject({ syncState: 'rejected', rejectReason: expect.stringMatching(/another location/) });
    expect((await local.outbox.get(bad.seq))?.state).toBe('rejected');
  });

  it('refuses a revoked tablet and keeps its entries', async () => {
    const { local, device } = await newTablet();
    await recordVisit(local, makeVisit(device));
    await testServer().db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [device.deviceId]);
    await expect(pushOutbox(local, testServer().api, device.token)).rejects.toMatchObject({ failure: 'unenrolled' });
    expect(await countPending(local)).toBe(1);
  });
});
