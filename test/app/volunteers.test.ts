import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { pushOutbox } from '../../src/app/sync/push';
import { recordVisit } from '../../src/app/visits/record-visit';
import { constantTimeEqual, verifyPin } from '../../src/app/volunteers/pin-verify';
import {
  FIRST_LOCKOUT_MS,
  IDLE_LOCK_MS,
  MAX_LOCKOUT_MS,
  createSessionStore,
  currentVolunteer,
  lock,
  lockoutDelay,
  signIn,
  waitBeforeTry,
  watchIdle,
} from '../../src/app/volunteers/session';
import { localVolunteers, pullVolunteers, type FetchVolunteers } from '../../src/app/volunteers/volunteer-sync';
import { SyncError } from '../../src/app/sync/api';
import { openPglite } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { listRejected } from '../../src/server/store/push';
import { createVolunteer, deactivateVolunteer, hashPin, setVolunteerPin } from '../../src/server/store/volunteers';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { DEMO_VOLUNTEERS } from '../../src/server/seed/demo-volunteers';
import { PIN_ITERATIONS, pinProblem, volunteersResponseSchema } from '../../src/shared/volunteers';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared/sync';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';

let server: TestServer;
let tablets = 0;

beforeAll(async () => {
  const db = await openPglite();
  await migrate(db);
  server = await startTestServer(db);
});
afterAll(async () => {
  await server.app.close();
  await server.db.close();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** GET /api/sync/volunteers against the real route, in-process. */
const viaServer: FetchVolunteers = async (token) => {
  const response = await server.app.inject({
    method: 'GET',
    url: '/api/sync/volunteers',
    headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });
  if (response.statusCode !== 200) throw new SyncError('refused', response.json().message, response.statusCode);
  return volunteersResponseSchema.parse(response.json());
};

/** A desk tablet at a demo branch with its volunteers pulled. */
async function newTablet(locationIndex = 0) {
  const name = `volunteer-tablet-${++tablets}-${Date.now()}`;
  const local = new InloopDatabase(name);
  const device = await saveEnrolment(local, await server.enrol('desk', locationIndex));
  await pullVolunteers(local, device.token, viaServer);
  return { local, device, name };
}

/** A volunteer with a cheap hash, so tests stay quick. */
async function addVolunteer(displayName: string, pin: string, locationIndex = 0) {
  return createVolunteer(server.db, { locationId: DEMO_LOCATIONS[locationIndex]!.id, displayName, pin, iterations: 2_000 });
}

describe('PIN hashes', () => {
  it('are made on the server with Node and checked on the tablet with WebCrypto, offline', async () => {
    const stored = await hashPin('2580', 5_000);
    expect(stored).toMatchObject({ algorithm: 'pbkdf2-sha256', iterations: 5_000 });
    expect(Buffer.from(stored.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(stored.hash, 'base64')).toHaveLength(32);
    expect(JSON.stringify(stored)).not.toContain('2580');
    expect(await verifyPin('2580', stored)).toBe(true);
    expect(await verifyPin('2581', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
    expect(await verifyPin('2580', { ...stored, iterations: 5_001 })).toBe(false);
  });

  it('use a fresh salt every time and a slow default', async () => {
    const a = await hashPin('2580', 1_000);
    const b = await hashPin('2580', 1_000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(150_000);
    const { rows } = await server.db.query<{ pin_iterations: number }>('SELECT pin_iterations FROM volunteers WHERE id = $1', [
      DEMO_VOLUNTEERS[0].id,
    ]);
    expect(rows[0]!.pin_iterations).toBe(PIN_ITERATIONS);
  });

  it('compare in constant time, whatever the lengths', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });

  it('refuse PINs that are too short, too long, or guessed first', () => {
    for (const pin of ['2580', '1357', '864213', '20251125']) expect(pinProblem(pin)).toBeUndefined();
    for (const pin of ['123', '123456789', '12a4', ' 2580', '']) expect(pinProblem(pin)).toBe('format');
    for (const pin of ['0000', '1111', '1234', '4321', '0123', '9876', '123456', '1212', '121212', '8901'])
      expect(pinProblem(pin)).toBe('trivial');
  });
});

describe('the volunteers route', () => {
  it("gives a desk its location's active volunteers with hashes, never PINs", async () => {
    const { local, device } = await newTablet(0);
    const names = (await localVolunteers(local, device.location.id)).map((v) => v.displayName);
    expect(names).toEqual(expect.arrayContaining(DEMO_VOLUNTEERS.map((v) => v.displayName)));
    const raw = await server.app.inject({
      method: 'GET',
      url: '/api/sync/volunteers',
      headers: { authorization: `Bearer ${device.token}`, [PROTOCOL_HEADER]: '1' },
    });
    for (const demo of DEMO_VOLUNTEERS) expect(raw.body).not.toMatch(new RegExp(`"${demo.pin}"`));
    expect(raw.headers['cache-control']).toBe('no-store');
  });

  it("keeps other locations' volunteers off the tablet", async () => {
    await addVolunteer('Noor N.', '4826', 1);
    const centrale = await newTablet(0);
    const noord = await newTablet(1);
    expect((await centrale.local.volunteers.toArray()).map((v) => v.displayName)).not.toContain('Noor N.');
    expect((await noord.local.volunteers.toArray()).map((v) => v.displayName)).toEqual(['Noor N.']);
  });

  it('refuses a kiosk (403) and an unknown tablet (401)', async () => {
    const kiosk = await server.enrol('kiosk');
    const get = (token: string) =>
      server.app.inject({
        method: 'GET',
        url: '/api/sync/volunteers',
        headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: '1' },
      });
    expect((await get(kiosk.token)).statusCode).toBe(403);
    expect((await get('x'.repeat(43))).statusCode).toBe(401);
  });

  it('drops a deactivated volunteer, and a changed PIN applies, on the next sync', async () => {
    const { id } = await addVolunteer('Sem T.', '3691');
    const { local, device } = await newTablet(0);
    const session = createSessionStore();
    expect(await local.volunteers.get(id)).toBeDefined();
    await setVolunteerPin(server.db, id, '7410', 2_000);
    await pullVolunteers(local, device.token, viaServer);
    expect(await signIn(local, session, id, '3691')).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(await signIn(local, session, id, '7410')).toEqual({ ok: true });
    await deactivateVolunteer(server.db, id);
    await pullVolunteers(local, device.token, viaServer);
    expect(await local.volunteers.get(id)).toBeUndefined();
    lock(session);
    expect(await signIn(local, session, id, '7410')).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('signing in on the tablet', () => {
  it('works offline with a demo volunteer and the printed demo PIN', async () => {
    const { local } = await newTablet(0);
    // From here on there is no network at all.
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const session = createSessionStore();
    const anna = DEMO_VOLUNTEERS[0];
    expect(currentVolunteer(session)).toBeUndefined();
    expect(await signIn(local, session, anna.id, anna.pin)).toEqual({ ok: true });
    expect(currentVolunteer(session)).toMatchObject({ id: anna.id, displayName: anna.displayName, locationId: DEMO_LOCATIONS[0].id });
    lock(session);
    expect(currentVolunteer(session)).toBeUndefined();
    expect(session.getState().lockedBecause).toBe('manual');
  });

  it('signs a volunteer in only in memory: a new session (a reload) starts locked', async () => {
    const { id } = await addVolunteer('Lotte K.', '5827');
    const { local } = await newTablet(0);
    const before = createSessionStore();
    expect(await signIn(local, before, id, '5827')).toEqual({ ok: true });
    const afterReload = createSessionStore();
    expect(currentVolunteer(afterReload)).toBeUndefined();
  });

  it('records the signed-in volunteer on a visit, which the server accepts', async () => {
    const { local, device } = await newTablet(0);
    const session = createSessionStore();
    await signIn(local, session, DEMO_VOLUNTEERS[1].id, DEMO_VOLUNTEERS[1].pin);
    await recordVisit(local, makeVisit(device, { volunteerId: currentVolunteer(session)!.id }));
    expect(await pushOutbox(local, server.api, device.token)).toEqual({ pushed: 1, rejected: 0 });
    const { rows } = await server.db.query<{ volunteer_id: string }>('SELECT volunteer_id FROM visits WHERE device_id = $1', [
      device.deviceId,
    ]);
    expect(rows).toEqual([{ volunteer_id: DEMO_VOLUNTEERS[1].id }]);
  });
});

describe('locking when idle', () => {
  it('locks after the idle minutes without a touch, and a touch starts the count again', async () => {
    const { local } = await newTablet(0);
    const session = createSessionStore();
    await signIn(local, session, DEMO_VOLUNTEERS[0].id, DEMO_VOLUNTEERS[0].pin);
    vi.useFakeTimers();
    const screen = new EventTarget();
    const stop = watchIdle(session, { target: screen });
    vi.advanceTimersByTime(IDLE_LOCK_MS - 1000);
    expect(currentVolunteer(session)).toBeDefined();
    screen.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(IDLE_LOCK_MS - 1000);
    expect(currentVolunteer(session)).toBeDefined();
    vi.advanceTimersByTime(1000);
    expect(currentVolunteer(session)).toBeUndefined();
    expect(session.getState().lockedBecause).toBe('idle');
    stop();
  });

  it('takes a shorter idle time when told (for tests and demos)', async () => {
    const { local } = await newTablet(0);
    const session = createSessionStore();
    await signIn(local, session, DEMO_VOLUNTEERS[2].id, DEMO_VOLUNTEERS[2].pin);
    vi.useFakeTimers();
    const stop = watchIdle(session, { idleMs: 5_000, target: new EventTarget() });
    vi.advanceTimersByTime(5_000);
    expect(currentVolunteer(session)).toBeUndefined();
    stop();
  });
});

describe('wrong PINs', () => {
  it('gives three tries, then a wait of 30 s that doubles per further wrong PIN, up to a cap', () => {
    expect([0, 1, 2].map(lockoutDelay)).toEqual([0, 0, 0]);
    expect(lockoutDelay(3)).toBe(FIRST_LOCKOUT_MS);
    expect(lockoutDelay(4)).toBe(2 * FIRST_LOCKOUT_MS);
    expect(lockoutDelay(5)).toBe(4 * FIRST_LOCKOUT_MS);
    expect(lockoutDelay(50)).toBe(MAX_LOCKOUT_MS);
  });

  it('makes the volunteer wait, even with the right PIN, and the wait survives a reload', async () => {
    const { id } = await addVolunteer('Bram D.', '6048');
    const { local, device, name } = await newTablet(0);
    let now = Date.parse('2026-11-25T10:00:00Z');
    const clock = () => now;
    const session = createSessionStore();
    expect(await signIn(local, session, id, '0000', clock)).toEqual({ ok: false, reason: 'wrongPin', triesLeft: 2, waitMs: 0 });
    expect(await signIn(local, session, id, '1111', clock)).toEqual({ ok: false, reason: 'wrongPin', triesLeft: 1, waitMs: 0 });
    expect(await signIn(local, session, id, '2222', clock)).toEqual({ ok: false, reason: 'wrongPin', triesLeft: 0, waitMs: 30_000 });
    expect(await signIn(local, session, id, '6048', clock)).toEqual({ ok: false, reason: 'wait', waitMs: 30_000 });
    expect(currentVolunteer(session)).toBeUndefined();

    // A reload: a new database connection and a new, empty session read the wait from IndexedDB.
    local.close();
    const reopened = new InloopDatabase(name);
    const fresh = createSessionStore();
    now += 10_000;
    expect(await waitBeforeTry(reopened, id, now)).toBe(20_000);
    expect(await signIn(reopened, fresh, id, '6048', clock)).toEqual({ ok: false, reason: 'wait', waitMs: 20_000 });

    // After the wait, another wrong PIN doubles it.
    now += 20_000;
    expect(await signIn(reopened, fresh, id, '3333', clock)).toEqual({ ok: false, reason: 'wrongPin', triesLeft: 0, waitMs: 60_000 });
    now += 60_000;
    expect(await signIn(reopened, fresh, id, '6048', clock)).toEqual({ ok: true });
    expect(await reopened.pinAttempts.get(id)).toBeUndefined();
    // Another volunteer was never affected.
    lock(fresh);
    expect(await signIn(reopened, fresh, DEMO_VOLUNTEERS[0].id, DEMO_VOLUNTEERS[0].pin, clock)).toEqual({ ok: true });
    expect(device.kind).toBe('desk');
  });
});

describe('the privacy guard on the server', () => {
  it('rejects a pushed visit whose note holds personal data, with the reason, and stores nothing of it', async () => {
    const { local, device } = await newTablet(0);
    // The tablet's own check would stop this; here an old or altered tablet sends it anyway.
    const clean = makeVisit(device, { note: 'DigiD-app ingesteld' });
    await recordVisit(local, clean);
    const bad = makeVisit(device, { note: 'BSN 123456782, tel 06-12345678' });
    const response = await server.api.push(device.token, {
      appVersion: 'test',
      entries: [
        { seq: 1, recordId: clean.id, type: 'visit.create@1', payload: clean, createdAt: new Date().toISOString() },
        { seq: 2, recordId: bad.id, type: 'visit.create@1', payload: bad, createdAt: new Date().toISOString() },
      ],
    });
    expect(response.ack).toBe(2);
    expect(response.rejected).toEqual([
      { seq: 2, recordId: bad.id, reason: expect.stringContaining('note: contains personal data: bsn, phone') },
    ]);
    const { rows } = await server.db.query<{ id: string }>('SELECT id FROM visits WHERE device_id = $1', [device.deviceId]);
    expect(rows.map((r) => r.id)).toEqual([clean.id]);
    expect((await listRejected(server.db, device.deviceId)).map((r) => r.reason)).toEqual([
      expect.stringContaining('contains personal data: bsn, phone'),
    ]);
    // The refused record is kept for the coordinator, without what it was refused for.
    const kept = await server.db.query<{ payload: { id: string; note: string } }>(
      'SELECT payload FROM rejected_entries WHERE record_id = $1',
      [bad.id],
    );
    expect(kept.rows[0]!.payload.id).toBe(bad.id);
    expect(kept.rows[0]!.payload.note).toBe('BSN [bsn], tel [phone]');
    expect(JSON.stringify(kept.rows[0]!.payload)).not.toMatch(/123456782|12345678/);
  });

  it('rejects personal data in a free-text or catalogue referral, and accepts numbers that fail the checksums', async () => {
    const { device } = await newTablet(0);
    const referral = (target: Record<string, string>) => ({ target, mode: 'logged' });
    const question = (target: Record<string, string>) => ({
      helpKind: 'referral',
      domain: 'digital_government',
      organisation: 'belastingdienst',
      topic: 'tax_return',
      outcome: 'referred',
      referrals: [referral(target)],
    });
    const byText = makeVisit(device, { questions: [question({ kind: 'text', text: 'bel mevrouw De Vries' })] } as never);
    const byLabel = makeVisit(device, {
      questions: [question({ kind: 'catalogue', itemId: byText.id, label: 'Spreekuur 06-12345678' })],
    } as never);
    // Nine digits failing the eleven-test and an IBAN with a wrong checksum are no personal data: a volunteer may note a case number.
    const harmless = makeVisit(device, { note: 'zaaknummer 123456789, referentie NL91ABNA0417164301' });
    const entries = [byText, byLabel, harmless].map((payload, i) => ({
      seq: i + 1,
      recordId: payload.id,
      type: 'visit.create@1',
      payload,
      createdAt: new Date().toISOString(),
    }));
    const response = await server.api.push(device.token, { appVersion: 'test', entries });
    expect(response.ack).toBe(3);
    expect(response.rejected.map((r) => [r.seq, r.reason])).toEqual([
      [1, expect.stringContaining('contains personal data: name')],
      [2, expect.stringContaining('contains personal data: phone')],
    ]);
    const { rows } = await server.db.query<{ id: string; note: string }>('SELECT id, note FROM visits WHERE device_id = $1', [
      device.deviceId,
    ]);
    expect(rows).toEqual([{ id: harmless.id, note: 'zaaknummer 123456789, referentie NL91ABNA0417164301' }]);
  });

  it.each([
    ['IBAN NL91 ABNA 0417 1643 00', 'iban'],
    ['mail jan@example.nl', 'email'],
    ['bel +44 20 7946 0958', 'phone'],
    ['geboren 12 maart 1960', 'dateOfBirth'],
    ['meneer Jansen', 'name'],
  ])('rejects the note "%s" (%s)', async (note, kind) => {
    const { device } = await newTablet(0);
    const visit = makeVisit(device, { note });
    const response = await server.api.push(device.token, {
      appVersion: 'test',
      entries: [{ seq: 1, recordId: visit.id, type: 'visit.create@1', payload: visit, createdAt: new Date().toISOString() }],
    });
    expect(response.rejected[0]!.reason).toContain(`contains personal data: ${kind}`);
  });
});
