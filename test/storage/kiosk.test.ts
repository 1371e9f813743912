import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { STORAGE_TARGETS } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';
import { uuidv7 } from '../../src/shared/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type EnrolResponse, type OutboxEntryWire } from '../../src/shared/sync';
import { INTEREST_CONSENT_VERSION, verifyExitCode, type CourseInterest, type HelpRequest } from '../../src/shared/kiosk';
import { KIOSK_ROUTES } from '../../src/server/routes/kiosk';
import { setKioskExitCode, setKioskIdleSeconds } from '../../src/server/store/kiosk';
import { purgeKioskData } from '../../src/server/jobs/purge';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';

describe.each(STORAGE_TARGETS)('kiosk on the server ($name)', (target) => {
  let db: Database;
  let server: TestServer;
  let kiosk: EnrolResponse;
  let desk: EnrolResponse;
  let otherDesk: EnrolResponse;
  const seqs = new Map<string, number>();

  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db);
    kiosk = await server.enrol('kiosk', 0);
    desk = await server.enrol('desk', 0);
    otherDesk = await server.enrol('desk', 1);
  });
  afterAll(async () => {
    await server?.app.close();
    await db?.close();
  });

  function call(method: string, url: string, token: string, body?: unknown) {
    return server.app.inject({
      method: method as 'GET',
      url,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
    });
  }

  function entry(device: EnrolResponse, type: string, recordId: string, payload: unknown): OutboxEntryWire {
    const seq = (seqs.get(device.deviceId) ?? 0) + 1;
    seqs.set(device.deviceId, seq);
    return { seq, recordId, type, payload, createdAt: new Date().toISOString() };
  }
  /** Gives back sequence numbers of a push that was refused, so the next one has no gap. */
  function unwind(device: EnrolResponse, n: number) {
    seqs.set(device.deviceId, (seqs.get(device.deviceId) ?? 0) - n);
  }
  const push = (device: EnrolResponse, entries: OutboxEntryWire[]) =>
    call('POST', '/api/sync/push', device.token, { appVersion: 'test', entries });

  function helpRequest(overrides: Partial<HelpRequest> = {}): HelpRequest {
    return {
      id: uuidv7(),
      locationId: kiosk.location.id,
      deviceId: kiosk.deviceId,
      topic: 'digid',
      display: { kind: 'name', value: 'Fatima' },
      createdAt: new Date().toISOString(),
      ...overrides,
    };
  }
  function interest(overrides: Partial<CourseInterest> = {}): CourseInterest {
    return {
      id: uuidv7(),
      locationId: kiosk.location.id,
      deviceId: kiosk.deviceId,
      itemId: uuidv7(),
      firstName: 'Olena',
      contact: { kind: 'phone', value: '06 12 34 56 78' },
      consent: true,
      consentVersion: INTEREST_CONSENT_VERSION,
      consentLanguage: 'uk',
      consentedAt: new Date().toISOString(),
      ...overrides,
    };
  }

  /** Row counts of every table: "nothing changed" means none of them moved. */
  async function snapshot(): Promise<Record<string, number>> {
    const { rows: tables } = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}"`);
      counts[table_name] = rows[0]!.n;
    }
    const { rows } = await db.query<{ s: number }>('SELECT coalesce(sum(last_seq), 0)::int AS s FROM devices');
    counts['devices.last_seq'] = rows[0]!.s;
    return counts;
  }

  it('accepts help requests and course interest from a kiosk, storing the contact minimally', async () => {
    const help = helpRequest();
    const wish = interest({ contact: { kind: 'email', value: ' Olena@Example.org ' } });
    const response = await push(kiosk, [
      entry(kiosk, 'helpRequest.create@1', help.id, help),
      entry(kiosk, 'interest.create@1', wish.id, wish),
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ applied: 2, rejected: [] });
    const { rows } = await db.query<{ first_name: string; contact: string; contact_kind: string; consent_language: string }>(
      'SELECT first_name, contact, contact_kind, consent_language FROM course_interest WHERE id = $1',
      [wish.id],
    );
    expect(rows).toEqual([{ first_name: 'Olena', contact: 'olena@example.org', contact_kind: 'email', consent_language: 'uk' }]);
  });

  it("lets a desk push course interest (the survey hand-over) for its own location, stored once; not another location's or device's", async () => {
    const own = interest({ locationId: desk.location.id, deviceId: desk.deviceId, consentLanguage: 'ar' });
    const first = await push(desk, [entry(desk, 'interest.create@1', own.id, own)]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ applied: 1, rejected: [] });
    // The outbox sends it again (no answer came back): taken, and still one row.
    expect((await push(desk, [entry(desk, 'interest.create@1', own.id, own)])).json()).toMatchObject({ applied: 1, rejected: [] });
    const { rows } = await db.query<{ location_id: string; device_id: string; consent_language: string }>(
      'SELECT location_id, device_id, consent_language FROM course_interest WHERE id = $1',
      [own.id],
    );
    expect(rows).toEqual([{ location_id: desk.location.id, device_id: desk.deviceId, consent_language: 'ar' }]);

    const before = await snapshot();
    const elsewhere = interest({ locationId: otherDesk.location.id, deviceId: desk.deviceId });
    const forged = interest({ locationId: desk.location.id, deviceId: kiosk.deviceId });
    const refused = await push(desk, [
      entry(desk, 'interest.create@1', elsewhere.id, elsewhere),
      entry(desk, 'interest.create@1', forged.id, forged),
    ]);
    expect(refused.statusCode).toBe(200);
    const answer = refused.json() as { rejected: Array<{ recordId: string; reason: string }> };
    expect(answer.rejected.map((r) => [r.recordId, r.reason])).toEqual([
      [elsewhere.id, "interest is for another location than this device's"],
      [forged.id, 'interest was left on another device'],
    ]);
    const stored = await db.query('SELECT 1 FROM course_interest WHERE id = ANY($1::uuid[])', [[elsewhere.id, forged.id]]);
    expect(stored.rows).toEqual([]);
    expect((await snapshot()).course_interest).toBe(before.course_interest);
  });

  it('refuses a help request or course interest sent again under a new seq with other content, and takes an exact repeat', async () => {
    const help = helpRequest({ createdAt: new Date(Date.now() + 3_600_000).toISOString() }); // a kiosk clock ahead: stored capped
    const wish = interest();
    expect(
      (await push(kiosk, [entry(kiosk, 'helpRequest.create@1', help.id, help), entry(kiosk, 'interest.create@1', wish.id, wish)])).json(),
    ).toMatchObject({ applied: 2, rejected: [] });
    const changedHelp = { ...help, topic: 'taxes' as const };
    const changedWish = { ...wish, contact: { kind: 'phone' as const, value: '06 87 65 43 21' } };
    const again = await push(kiosk, [
      entry(kiosk, 'helpRequest.create@1', help.id, changedHelp),
      entry(kiosk, 'interest.create@1', wish.id, changedWish),
      entry(kiosk, 'helpRequest.create@1', help.id, help),
      entry(kiosk, 'interest.create@1', wish.id, wish),
    ]);
    const answer = again.json() as { applied: number; rejected: Array<{ recordId: string; reason: string }> };
    expect(answer.applied).toBe(2);
    expect(answer.rejected.map((r) => r.recordId)).toEqual([help.id, wish.id]);
    for (const r of answer.rejected) expect(r.reason).toMatch(/already received from this tablet with other content/);
    const stored = await db.query<{ topic: string }>('SELECT topic FROM help_requests WHERE id = $1', [help.id]);
    expect(stored.rows).toEqual([{ topic: 'digid' }]);
    const contact = await db.query<{ contact: string }>('SELECT contact FROM course_interest WHERE id = $1', [wish.id]);
    expect(contact.rows).toEqual([{ contact: '0612345678' }]);
  });

  it('rejects interest without consent or with an invalid phone number, and stores none of it', async () => {
    const noConsent = { ...interest(), consent: false };
    const badPhone = interest({ contact: { kind: 'phone', value: '12' } });
    const response = await push(kiosk, [
      entry(kiosk, 'interest.create@1', noConsent.id, noConsent),
      entry(kiosk, 'interest.create@1', badPhone.id, badPhone),
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.json().rejected).toHaveLength(2);
    const { rows } = await db.query('SELECT 1 FROM course_interest WHERE id = ANY($1::uuid[])', [[noConsent.id, badPhone.id]]);
    expect(rows).toEqual([]);
  });

  it('refuses a kiosk that pushes a visit: 403, and nothing changed, not even the help request beside it', async () => {
    const before = await snapshot();
    const help = helpRequest();
    const visit = makeVisit({ deviceId: kiosk.deviceId, location: kiosk.location });
    const response = await push(kiosk, [
      entry(kiosk, 'helpRequest.create@1', help.id, help),
      entry(kiosk, 'visit.create@1', visit.id, visit),
    ]);
    unwind(kiosk, 2);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe('forbidden_change_type');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a kiosk every change type but help requests and interest', async () => {
    const before = await snapshot();
    for (const type of ['visit.create@1', 'helpRequest.take@1', 'visit.update@1', 'visit.void@1', 'tally.create@1', 'something.new@1']) {
      const id = uuidv7();
      const response = await push(kiosk, [entry(kiosk, type, id, { id, takenAt: new Date().toISOString() })]);
      unwind(kiosk, 1);
      expect(response.statusCode, type).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a kiosk token (403, nothing changed) on every device route but catalogue, push and its settings', async () => {
    // What anyone may read without a token: liveness, and the https address tablets must use.
    const PUBLIC_ROUTES = ['GET /api/health', 'GET /api/tablet-address'];
    const before = await snapshot();
    const doc = server.app.swagger() as { paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>> };
    const tried: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        if (KIOSK_ROUTES.includes(route)) continue;
        const url = path.replace(/\{\w+\}/g, uuidv7());
        const response = await call(method.toUpperCase(), url, kiosk.token, method === 'get' || method === 'delete' ? undefined : {});
        // Device routes refuse the kiosk with 403; every other route (the coordinators' console, behind its own
        // sign-in; enrolment and signing in, which need a code or a password) gives a kiosk token nothing either.
        if (operation.security?.some((s) => 'device' in s)) expect(response.statusCode, route).toBe(403);
        else if (!PUBLIC_ROUTES.includes(route)) expect(response.statusCode, route).toBeGreaterThanOrEqual(400);
        tried.push(route);
      }
    }
    expect(tried).toContain('GET /api/sync/help-requests');
    expect(tried.length).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(before);
  });

  it('lets the desks of the same location see open requests and take them; other locations see nothing', async () => {
    const help = helpRequest({ topic: 'taxes', display: { kind: 'number', value: '27' } });
    expect((await push(kiosk, [entry(kiosk, 'helpRequest.create@1', help.id, help)])).statusCode).toBe(200);

    const seen = await call('GET', '/api/sync/help-requests', desk.token);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().requests).toContainEqual({
      id: help.id,
      topic: 'taxes',
      display: { kind: 'number', value: '27' },
      createdAt: expect.any(String),
    });
    expect((await call('GET', '/api/sync/help-requests', otherDesk.token)).json().requests).toEqual([]);

    // A desk may not make help requests itself.
    const forged = helpRequest({ deviceId: desk.deviceId });
    expect((await push(desk, [entry(desk, 'helpRequest.create@1', forged.id, forged)])).statusCode).toBe(403);
    unwind(desk, 1);
    // A desk of another location cannot take it.
    const wrong = await push(otherDesk, [
      entry(otherDesk, 'helpRequest.take@1', help.id, { id: help.id, takenAt: new Date().toISOString() }),
    ]);
    expect(wrong.json().rejected).toHaveLength(1);

    const take = await push(desk, [entry(desk, 'helpRequest.take@1', help.id, { id: help.id, takenAt: new Date().toISOString() })]);
    expect(take.json()).toMatchObject({ applied: 1, rejected: [] });
    const after = await call('GET', '/api/sync/help-requests', desk.token);
    expect(after.json().requests.map((r: { id: string }) => r.id)).not.toContain(help.id);
    const { rows } = await db.query<{ status: string; taken_by_device: string }>(
      'SELECT status, taken_by_device FROM help_requests WHERE id = $1',
      [help.id],
    );
    expect(rows[0]).toEqual({ status: 'taken', taken_by_device: desk.deviceId });
  });

  it("gives a kiosk its location's settings, so idle reset and the exit code work offline; a desk is refused", async () => {
    expect((await call('GET', '/api/sync/kiosk-settings', kiosk.token)).json()).toEqual({
      idleSeconds: 90,
      exitCodeHash: null,
      interestRetentionDays: 30,
    });
    await setKioskExitCode(db, DEMO_LOCATIONS[0].id, '482915');
    await setKioskIdleSeconds(db, DEMO_LOCATIONS[0].id, 45);
    const settings = (await call('GET', '/api/sync/kiosk-settings', kiosk.token)).json();
    expect(settings.idleSeconds).toBe(45);
    expect(settings.exitCodeHash).not.toContain('482915');
    expect(await verifyExitCode('482915', settings.exitCodeHash)).toBe(true);
    expect(await verifyExitCode('482916', settings.exitCodeHash)).toBe(false);
    expect((await call('GET', '/api/sync/kiosk-settings', desk.token)).statusCode).toBe(403);
  });

  it('deletes course interest older than the retention period when the purge runs (fake clock)', async () => {
    const old = interest();
    const fresh = interest();
    const response = await push(kiosk, [
      entry(kiosk, 'interest.create@1', old.id, old),
      entry(kiosk, 'interest.create@1', fresh.id, fresh),
    ]);
    expect(response.json().applied).toBe(2);
    await db.query("UPDATE course_interest SET created_at = now() - interval '31 days' WHERE id = $1", [old.id]);
    const now = new Date();
    const result = await purgeKioskData(db, { now, interestRetentionDays: 30 });
    expect(result.interest).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM course_interest WHERE id = ANY($1::uuid[])', [[old.id, fresh.id]]);
    expect(rows.map((r) => r.id)).toEqual([fresh.id]);

    // 29 days on, the fresh one is still kept; 31 days on, it is gone too, with every stale help request.
    await purgeKioskData(db, { now: new Date(now.getTime() + 29 * 86_400_000), interestRetentionDays: 30 });
    expect((await db.query('SELECT 1 FROM course_interest WHERE id = $1', [fresh.id])).rows).toHaveLength(1);
    const later = await purgeKioskData(db, { now: new Date(now.getTime() + 31 * 86_400_000), interestRetentionDays: 30 });
    expect(later.rejectedInterest).toBeGreaterThanOrEqual(2); // the rejected copies from the consent test
    expect((await db.query('SELECT 1 FROM course_interest')).rows).toHaveLength(0);
    expect((await db.query('SELECT 1 FROM help_requests')).rows).toHaveLength(0);
    expect((await db.query("SELECT 1 FROM rejected_entries WHERE change_type = 'interest.create@1'")).rows).toHaveLength(0);
  });
});
