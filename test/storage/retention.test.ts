import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { authenticateDevice, createEnrolmentCode, enrolDevice } from '../../src/server/store/devices';
import { applyPush } from '../../src/server/store/push';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { purgeExpiredData, retentionFromEnv } from '../../src/server/jobs/retention';
import { pullCatalogueChanges, writeEntities } from '../../src/server/store/catalogue-feed';
import { insertHelpRequest } from '../../src/server/store/kiosk';
import { uuidv7 } from '../../src/shared/ids';
import { STORAGE_TARGETS } from '../helpers/databases';
import { makeVisit } from '../helpers/visits';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(STORAGE_TARGETS)('retention on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db);
  });
  afterAll(async () => db?.close());

  it('blanks old visit notes everywhere, keeps the visits, deletes old audit entries, and leaves recent ones', async () => {
    const now = new Date('2027-06-01T12:00:00Z');
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' });
    const enrolment = (await enrolDevice(db, code))!;
    const device = (await authenticateDevice(db, enrolment.token))!;
    const old = makeVisit(enrolment, {
      startedAt: new Date(now.getTime() - 400 * DAY).toISOString(),
      note: 'uitleg gegeven over de blauwe envelop',
    });
    const recent = makeVisit(enrolment, { startedAt: new Date(now.getTime() - 10 * DAY).toISOString(), note: 'komt volgende week terug' });
    // A correction of the old visit keeps an earlier version with the note in visit_revisions.
    const corrected = { ...old, note: 'uitleg gegeven, formulier samen ingevuld' };
    const entries = [
      { seq: 1, recordId: old.id, type: 'visit.create@1', payload: old, createdAt: old.startedAt },
      { seq: 2, recordId: recent.id, type: 'visit.create@1', payload: recent, createdAt: recent.startedAt },
      { seq: 3, recordId: old.id, type: 'visit.update@1', payload: { visit: corrected, baseVersion: 1 }, createdAt: old.startedAt },
    ];
    expect((await applyPush(db, device, { appVersion: 'test', entries })).rejected).toEqual([]);
    await db.query(
      `INSERT INTO audit_log (at, action, target_type, target_id) VALUES ($1, 'visit.view', 'visit', $2), ($3, 'visit.view', 'visit', $4)`,
      [new Date(now.getTime() - 800 * DAY).toISOString(), old.id, new Date(now.getTime() - DAY).toISOString(), recent.id],
    );

    const result = await purgeExpiredData(db, { ...retentionFromEnv({}), noteDays: 365, auditDays: 730 }, now);
    expect(result.notes).toBe(1);
    expect(result.audit).toBe(1);

    const { rows } = await db.query<{ id: string; note: string | null; payload_note: string | null }>(
      `SELECT id, note, payload->>'note' AS payload_note FROM visits WHERE id = ANY($1::uuid[]) ORDER BY started_at`,
      [[old.id, recent.id]],
    );
    expect(rows).toEqual([
      { id: old.id, note: null, payload_note: null },
      { id: recent.id, note: 'komt volgende week terug', payload_note: 'komt volgende week terug' },
    ]);
    const { rows: revisions } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM visit_revisions WHERE visit_id = $1 AND payload->>'note' IS NOT NULL`,
      [old.id],
    );
    expect(revisions[0]!.n).toBe(0);
    const { rows: questions } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_questions WHERE visit_id = $1', [
      old.id,
    ]);
    expect(questions[0]!.n).toBe(1); // the visit still counts
    const { rows: audit } = await db.query<{ target_id: string }>('SELECT target_id FROM audit_log WHERE target_id = ANY($1::text[])', [
      [old.id, recent.id],
    ]);
    expect(audit.map((a) => a.target_id)).toEqual([recent.id]);

    // Running it again finds nothing more to do.
    expect(await purgeExpiredData(db, { ...retentionFromEnv({}), noteDays: 365, auditDays: 730 }, now)).toMatchObject({
      notes: 0,
      audit: 0,
    });
  });

  it('refuses a retention period that is not a number of days', () => {
    expect(() => retentionFromEnv({ INLOOP_NOTE_RETENTION_DAYS: 'forever' })).toThrow(/INLOOP_NOTE_RETENTION_DAYS/);
    expect(() => retentionFromEnv({ INLOOP_TOMBSTONE_RETENTION_DAYS: '0' })).toThrow(/INLOOP_TOMBSTONE_RETENTION_DAYS/);
    expect(() => retentionFromEnv({ INLOOP_HELP_REQUEST_RETENTION_HOURS: '1.5' })).toThrow(/INLOOP_HELP_REQUEST_RETENTION_HOURS .*hours/);
    expect(retentionFromEnv({})).toMatchObject({
      noteDays: 365,
      auditDays: 730,
      interestDays: 30,
      helpRequestHours: 24,
      tombstoneDays: 90,
    });
    expect(retentionFromEnv({ INLOOP_HELP_REQUEST_RETENTION_HOURS: '4', INLOOP_TOMBSTONE_RETENTION_DAYS: '30' })).toMatchObject({
      helpRequestHours: 4,
      tombstoneDays: 30,
    });
  });

  it('deletes help requests after INLOOP_HELP_REQUEST_RETENTION_HOURS, taken or not', async () => {
    const now = new Date('2027-06-01T12:00:00Z');
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'kiosk' });
    const kiosk = (await enrolDevice(db, code))!;
    const ask = async (hoursAgo: number) => {
      const id = uuidv7();
      await insertHelpRequest(db, {
        id,
        locationId: kiosk.location.id,
        deviceId: kiosk.deviceId,
        topic: 'digid',
        display: { kind: 'name', value: 'Fatima' },
        createdAt: now.toISOString(),
      });
      await db.query('UPDATE help_requests SET created_at = $2 WHERE id = $1', [
        id,
        new Date(now.getTime() - hoursAgo * HOUR).toISOString(),
      ]);
      return id;
    };
    const sixHours = await ask(6);
    const twoHours = await ask(2);
    const kept = async () =>
      (await db.query<{ id: string }>('SELECT id FROM help_requests WHERE id = ANY($1::uuid[])', [[sixHours, twoHours]])).rows.map(
        (r) => r.id,
      );

    // The default day keeps both.
    await purgeExpiredData(db, retentionFromEnv({}), now);
    expect((await kept()).sort()).toEqual([sixHours, twoHours].sort());
    const result = await purgeExpiredData(db, retentionFromEnv({ INLOOP_HELP_REQUEST_RETENTION_HOURS: '4' }), now);
    expect(result.helpRequests).toBe(1);
    expect(await kept()).toEqual([twoHours]);
  });

  it('forgets catalogue deletions after INLOOP_TOMBSTONE_RETENTION_DAYS; only tablets that have not pulled since start over', async () => {
    const now = new Date('2027-06-01T12:00:00Z');
    const periods = retentionFromEnv({ INLOOP_TOMBSTONE_RETENTION_DAYS: '90' });
    const doc = (name: string) => ({ entity: 'organization' as const, id: uuidv7(), data: { name } });
    const [longGone, recentlyGone, live] = [doc('Oude vestiging'), doc('Gesloten filiaal'), doc('Centrale')];
    await db.transaction((tx) => writeEntities(tx, [longGone, recentlyGone, live]));
    const deleteAt = async (entity: { id: string }, daysAgo: number) => {
      await db.transaction((tx) => writeEntities(tx, [], [entity.id]));
      await db.query('UPDATE catalogue_entities SET updated_at = $2 WHERE id = $1', [
        entity.id,
        new Date(now.getTime() - daysAgo * DAY).toISOString(),
      ]);
    };

    const away = await pullAll(db, '0'); // a tablet that has not pulled since, e.g. in a cupboard
    await deleteAt(longGone, 100);
    await db.transaction((tx) => writeEntities(tx, [{ ...live, data: { name: 'Centrale Bibliotheek' } }])); // the catalogue moves on
    const active = await pullAll(db, away.cursor); // a tablet that pulled after that
    expect(active.deleted).toEqual([longGone.id]);
    await deleteAt(recentlyGone, 10);

    // The hourly job runs, and runs again.
    await purgeExpiredData(db, periods, now);
    const second = await purgeExpiredData(db, periods, new Date(now.getTime() + HOUR));
    expect(second.tombstones).toBe(1);
    const { rows } = await db.query<{ id: string; deleted: boolean }>(
      'SELECT id, deleted FROM catalogue_entities WHERE id = ANY($1::uuid[]) ORDER BY id',
      [[longGone.id, recentlyGone.id, live.id]],
    );
    expect(rows).toEqual(
      [
        { id: recentlyGone.id, deleted: true },
        { id: live.id, deleted: false },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );

    // The tablet that missed the old deletion is told to start over, and ends up with only the live catalogue.
    const restart = await pullAll(db, away.cursor);
    expect(restart.reset).toBe(true);
    expect(restart.live).toContain(live.id);
    expect(restart.live).not.toContain(longGone.id);
    expect(restart.live).not.toContain(recentlyGone.id);
    // The one that saw it keeps its place and still learns of the recent deletion.
    const carryOn = await pullAll(db, active.cursor);
    expect(carryOn.reset).toBe(false);
    expect(carryOn.deleted).toEqual([recentlyGone.id]);
  });
});

/** Pulls the catalogue from a cursor to the end, as a tablet does. */
async function pullAll(db: Database, from: string) {
  let cursor = from;
  let reset = false;
  const live: string[] = [];
  const deleted: string[] = [];
  for (;;) {
    const page = await pullCatalogueChanges(db, cursor, 100);
    reset ||= page.reset;
    for (const c of page.changes) (c.deleted ? deleted : live).push(c.id);
    cursor = page.cursor;
    if (!page.more) return { cursor, reset, live, deleted };
  }
}
