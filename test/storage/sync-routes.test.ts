import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { STORAGE_TARGETS } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';
import { LEGACY_CURSOR_PATTERN, CURSOR_PATTERN, PROTOCOL_HEADER, PROTOCOL_VERSION, type OutboxEntryWire } from '../../src/shared/sync';

/** The sync routes as a client meets them over HTTP, on both databases. */
describe.each(STORAGE_TARGETS)('sync routes on $name', (target) => {
  let db: Database;
  let server: TestServer;
  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.app.close();
    await db?.close();
  });

  const get = (url: string, token: string, protocol = String(PROTOCOL_VERSION)) =>
    server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: protocol } });

  it('tells a tablet its ack without an entry being sent, the same ack a push answers', async () => {
    const desk = await server.enrol('desk');
    expect((await get('/api/sync/state', desk.token)).json()).toEqual({ deviceId: desk.deviceId, ack: 0, rejected: 0 });
    const visits = [makeVisit(desk), makeVisit(desk, { locationId: '01900000-0000-7000-8000-000000000012' }), makeVisit(desk)];
    const entries: OutboxEntryWire[] = visits.map((visit, i) => ({
      seq: i + 1,
      recordId: visit.id,
      type: 'visit.create@1',
      payload: visit,
      createdAt: new Date().toISOString(),
    }));
    const pushed = await server.api.push(desk.token, { appVersion: 'test', entries });
    expect(pushed).toMatchObject({ ack: 3, applied: 2 });
    const state = await get('/api/sync/state', desk.token);
    expect(state.statusCode).toBe(200);
    expect(state.json()).toEqual({ deviceId: desk.deviceId, ack: 3, rejected: 1 });
    // Reading it changes nothing, and a kiosk, which pushes too, may read its own.
    expect((await get('/api/sync/state', desk.token)).json()).toEqual(state.json());
    const kiosk = await server.enrol('kiosk');
    expect((await get('/api/sync/state', kiosk.token)).json()).toEqual({ deviceId: kiosk.deviceId, ack: 0, rejected: 0 });
    expect((await get('/api/sync/state', 'x'.repeat(40))).statusCode).toBe(401);
  });

  it('gives a protocol 2 client cursors with the epoch and a protocol 1 client cursors without it', async () => {
    const desk = await server.enrol('desk');
    const current = (await get('/api/sync/catalogue?cursor=0&limit=1000', desk.token)).json() as { cursor: string; reset: boolean };
    expect(current.cursor).toMatch(CURSOR_PATTERN);
    const old = (await get('/api/sync/catalogue?cursor=0&limit=1000', desk.token, '1')).json() as { cursor: string };
    expect(old.cursor).toMatch(LEGACY_CURSOR_PATTERN);
    // An app updated to protocol 2 still holds its protocol 1 cursor: it is reset once, then carries on.
    const updated = (await get(`/api/sync/catalogue?cursor=${old.cursor}&limit=1000`, desk.token)).json() as {
      cursor: string;
      reset: boolean;
    };
    expect(updated.reset).toBe(true);
    expect((await get(`/api/sync/catalogue?cursor=${updated.cursor}&limit=1000`, desk.token)).json()).toMatchObject({
      reset: false,
      changes: [],
    });
  });
});
