import { describe, expect, it } from 'vitest';
import { listVisitsOfDevice } from '../../src/server/store/visits';
import { MIN_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared/sync';
import { useTestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';

const testServer = useTestServer();
/** A build of the app older than the server accepts: one protocol version below its minimum. */
const OLD_PROTOCOL = String(MIN_PROTOCOL_VERSION - 1);

const visitEntries = (visits: Array<{ id: string }>) =>
  visits.map((visit, i) => ({
    seq: i + 1,
    recordId: visit.id,
    type: 'visit.create@1',
    payload: visit,
    createdAt: new Date().toISOString(),
  }));

function pushAs(protocol: string | undefined, token: string, entries: ReturnType<typeof visitEntries>) {
  return testServer().app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(protocol === undefined ? {} : { [PROTOCOL_HEADER]: protocol }),
    },
    payload: JSON.stringify({ appVersion: '0.0.1', entries }),
  });
}

describe('the server, to an app too old for it', () => {
  it('answers a push with 426 "client_outdated", says to update and that nothing is lost, and stores nothing', async () => {
    const device = await testServer().enrol();
    const visits = [makeVisit(device), makeVisit(device), makeVisit(device)];

    // An old build's protocol, and a build from before the header existed.
    for (const protocol of [OLD_PROTOCOL, undefined]) {
      const response = await pushAs(protocol, device.token, visitEntries(visits));
      expect(response.statusCode).toBe(426);
      expect(response.json()).toEqual({
        error: 'client_outdated',
        message: expect.stringMatching(/too old for the server.*Update the app; nothing on the tablet is lost\./),
      });
    }
    const db = testServer().db;
    expect(await listVisitsOfDevice(db, device.deviceId)).toEqual([]);
    const { rows } = await db.query<{ last_seq: string | number; app_version: string | null }>(
      'SELECT last_seq, app_version FROM devices WHERE id = $1',
      [device.deviceId],
    );
    expect({ lastSeq: Number(rows[0]!.last_seq), appVersion: rows[0]!.app_version }).toEqual({ lastSeq: 0, appVersion: null });

    // The updated app sends the same batch from the start, and all of it is taken.
    const updated = await pushAs(String(PROTOCOL_VERSION), device.token, visitEntries(visits));
    expect(updated.json()).toEqual({ ack: 3, applied: 3, rejected: [] });
    expect((await listVisitsOfDevice(db, device.deviceId)).map((v) => v.id).sort()).toEqual(visits.map((v) => v.id).sort());
  });

  it('refuses a protocol header that is not exactly a decimal integer: 400, and stores nothing', async () => {
    const device = await testServer().enrol();
    const visits = [makeVisit(device)];
    for (const header of ['1.0', ' 1', '1 ', '01', '+1', '-1', '1e0', '0x1', '', 'one', '1,1', '١']) {
      const response = await pushAs(header, device.token, visitEntries(visits));
      expect(response.statusCode, JSON.stringify(header)).toBe(400);
      expect(response.json()).toEqual({
        error: 'invalid_protocol_header',
        message: expect.stringMatching(/inloop-protocol header must be .* whole number in digits/),
      });
    }
    expect(await listVisitsOfDevice(testServer().db, device.deviceId)).toEqual([]);
    // A newer protocol than the server's is a clear "server outdated", not a 400.
    expect((await pushAs(String(PROTOCOL_VERSION + 1), device.token, visitEntries(visits))).json()).toMatchObject({
      error: 'server_outdated',
    });
    expect((await pushAs(String(PROTOCOL_VERSION), device.token, visitEntries(visits))).json()).toEqual({
      ack: 1,
      applied: 1,
      rejected: [],
    });
  });

  it('refuses the catalogue pull the same way', async () => {
    const device = await testServer().enrol();
    const response = await testServer().app.inject({
      method: 'GET',
      url: '/api/sync/catalogue?cursor=0',
      headers: { authorization: `Bearer ${device.token}`, [PROTOCOL_HEADER]: OLD_PROTOCOL },
    });
    expect(response.statusCode).toBe(426);
    expect(response.json()).toMatchObject({ error: 'client_outdated' });
  });
});
