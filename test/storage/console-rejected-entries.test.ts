import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { STORAGE_TARGETS } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';
import { createUser } from '../../src/server/store/console/users';
import { createLocation, createOrganisation } from '../../src/server/store/organisations';
import { createEnrolmentCode } from '../../src/server/store/devices';
import { REJECTED_EXPORT_HEADER } from '../../src/server/store/console/rejected-entries';
import { parseCsvRecords } from '../../src/server/catalogue/csv';
import { DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { CSRF_HEADER } from '../../src/shared/console';
import { uuidv7 } from '../../src/shared/ids';
import type { EnrolResponse, OutboxEntryWire } from '../../src/shared/sync';

const OTHER_ORG = { id: '01900000-0000-7000-8000-0000000000c1', name: 'Bibliotheek Elders' };
const OTHER_LOCATION = { id: '01900000-0000-7000-8000-0000000000c2', name: 'Bibliotheek Elders Centrum' };

/** The coordinator's view of what tablets sent that the server refused, through the console's API. */
describe.each(STORAGE_TARGETS)('rejected entries in the console on $name', (target) => {
  let db: Database;
  let server: TestServer;
  let desk: EnrolResponse;
  let otherDesk: EnrolResponse;
  let coordinator: { cookie: string; csrf: string };
  let admin: { cookie: string; csrf: string };

  async function signIn(email: string, role: 'admin' | 'coordinator', organisationId: string | null) {
    await createUser(db, { email, role, organisationId, password: 'a long enough password' });
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/console/session',
      payload: { email, password: 'a long enough password' },
    });
    return { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrf: response.json().csrfToken as string };
  }
  const asUser = (user: { cookie: string; csrf: string }) => ({ cookie: user.cookie, [CSRF_HEADER]: user.csrf });
  const get = (url: string, user = coordinator) => server.app.inject({ method: 'GET', url: `/api/console${url}`, headers: asUser(user) });
  const post = (url: string, user = coordinator, headers: Record<string, string> = asUser(user)) =>
    server.app.inject({
      method: 'POST',
      url: `/api/console${url}`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{}',
    });

  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db);
    await createOrganisation(db, OTHER_ORG);
    await createLocation(db, { ...OTHER_LOCATION, organisationId: OTHER_ORG.id });
    desk = await server.enrol('desk');
    const { code } = await createEnrolmentCode(db, { locationId: OTHER_LOCATION.id, kind: 'desk' });
    otherDesk = await server.api.enrol(code);
    coordinator = await signIn('coordinator@bieb.example', 'coordinator', DEMO_ORGANISATION.id);
    admin = await signIn('admin@bieb.example', 'admin', null);
    // A good visit, one with a home address in its note, one for another location, and an unknown change type.
    const entry = (
      seq: number,
      type: string,
      payload: unknown,
      recordId = (payload as { id?: string }).id ?? uuidv7(),
    ): OutboxEntryWire => ({ seq, recordId, type, payload, createdAt: new Date().toISOString() });
    const answer = await server.api.push(desk.token, {
      appVersion: 'test',
      entries: [
        entry(1, 'visit.create@1', makeVisit(desk)),
        entry(2, 'visit.create@1', makeVisit(desk, { note: 'woont op Kerkstraat 12, belt terug' })),
        entry(3, 'visit.create@1', makeVisit(desk, { locationId: OTHER_LOCATION.id })),
        entry(4, 'visit.teleport@9', { id: uuidv7() }),
      ],
    });
    expect(answer).toMatchObject({ ack: 4, applied: 1 });
    await server.api.push(otherDesk.token, { appVersion: 'test', entries: [entry(1, 'visit.teleport@9', { id: uuidv7() })] });
  });
  afterAll(async () => {
    await server?.app.close();
    await db?.close();
  });

  it('counts the open rejected entries of each tablet on the device list', async () => {
    const devices = (await get('/devices')).json().devices as Array<{ id: string; rejectedOpen: number }>;
    expect(devices.find((d) => d.id === desk.deviceId)?.rejectedOpen).toBe(3);
    expect(devices.find((d) => d.id === otherDesk.deviceId)).toBeUndefined(); // another organisation's tablet
    const all = (await get('/devices', admin)).json().devices as Array<{ id: string; rejectedOpen: number }>;
    expect(all.find((d) => d.id === otherDesk.deviceId)?.rejectedOpen).toBe(1);
  });

  it("shows a tablet's rejected entries: when, type, reason and the payload with personal data redacted", async () => {
    const response = await get(`/rejected-entries?device=${desk.deviceId}`);
    expect(response.statusCode).toBe(200);
    const list = response.json();
    expect(list.device).toMatchObject({ id: desk.deviceId, kind: 'desk' });
    expect(list.truncated).toBe(false);
    expect(list.entries.map((e: { deviceSeq: number }) => e.deviceSeq).sort()).toEqual([2, 3, 4]);
    const bySeq = new Map(list.entries.map((e: { deviceSeq: number }) => [e.deviceSeq, e]));
    expect(bySeq.get(2)).toMatchObject({
      changeType: 'visit.create@1',
      reason: expect.stringMatching(/contains personal data: address/),
      handledAt: null,
      handledBy: null,
    });
    expect((bySeq.get(2) as { payload: { note: string } }).payload.note).toBe('woont op [address], belt terug');
    expect(bySeq.get(3)).toMatchObject({ reason: expect.stringMatching(/another location/) });
    expect(bySeq.get(4)).toMatchObject({ changeType: 'visit.teleport@9', reason: expect.stringMatching(/unknown change type/) });
    for (const e of list.entries) expect(new Date(e.receivedAt).getTime()).toBeGreaterThan(Date.now() - 600_000);
  });

  it("answers a tablet outside the coordinator's organisation as if it did not exist", async () => {
    expect((await get(`/rejected-entries?device=${otherDesk.deviceId}`)).statusCode).toBe(404);
    expect((await get(`/rejected-entries/export?device=${otherDesk.deviceId}&format=csv`)).statusCode).toBe(404);
    const theirs = (await get(`/rejected-entries?device=${otherDesk.deviceId}`, admin)).json().entries[0].id as number;
    expect((await post(`/rejected-entries/${theirs}/handled`)).statusCode).toBe(404);
    expect((await get(`/rejected-entries?device=${otherDesk.deviceId}`, admin)).json().entries[0].handledAt).toBeNull();
  });

  it('exports them as CSV for Dutch Excel', async () => {
    const response = await get(`/rejected-entries/export?device=${desk.deviceId}&format=csv&state=all`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parseCsvRecords(response.body.replace(/^\uFEFF/, ''), ';').filter((r) => r.some((c) => c !== ''));
    expect(records[0]).toEqual(REJECTED_EXPORT_HEADER);
    expect(records.slice(1).map((r) => r[1])).toEqual(['2', '3', '4']);
    expect(records[1]![7]).toContain('[address]');
    expect(records[1]![7]).not.toContain('Kerkstraat');
  });

  it('marks an entry handled, once, with who did it; it leaves the open count and the open list', async () => {
    const open = (await get(`/rejected-entries?device=${desk.deviceId}`)).json().entries as Array<{ id: number; deviceSeq: number }>;
    const target = open.find((e) => e.deviceSeq === 3)!;
    // Without the CSRF token a change is refused, and nothing changes.
    expect((await post(`/rejected-entries/${target.id}/handled`, coordinator, { cookie: coordinator.cookie })).statusCode).toBe(403);
    expect((await post(`/rejected-entries/${target.id}/handled`)).json()).toEqual({ ok: true });
    expect((await post(`/rejected-entries/${target.id}/handled`, admin)).statusCode).toBe(200); // again: still the first who handled it
    const handled = (await get(`/rejected-entries?device=${desk.deviceId}&state=handled`)).json().entries;
    expect(handled).toEqual([
      expect.objectContaining({ id: target.id, handledBy: 'coordinator@bieb.example', handledAt: expect.any(String) }),
    ]);
    const stillOpen = (await get(`/rejected-entries?device=${desk.deviceId}`)).json().entries as Array<{ deviceSeq: number }>;
    expect(stillOpen.map((e) => e.deviceSeq).sort()).toEqual([2, 4]);
    const devices = (await get('/devices')).json().devices as Array<{ id: string; rejectedOpen: number }>;
    expect(devices.find((d) => d.id === desk.deviceId)?.rejectedOpen).toBe(2);
    expect((await post('/rejected-entries/999999999/handled')).statusCode).toBe(404);
  });
});
