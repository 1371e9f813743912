import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { authenticateDevice, createEnrolmentCode, enrolDevice } from '../../src/server/store/devices';
import { applyPush } from '../../src/server/store/push';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { purgeExpiredData, retentionFromEnv } from '../../src/server/jobs/retention';
import { STORAGE_TARGETS } from '../helpers/databases';
import { makeVisit } from '../helpers/visits';

const DAY = 86_400_000;

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
    const old = makeVisit(enrolment, { startedAt: new Date(now.getTime() - 400 * DAY).toISOString(), note: 'uitleg gegeven over de blauwe envelop' });
    const recent = makeVisit(enrolment, { startedAt: new Date(now.getTime() - 10 * DAY).toISOString(), note: 'komt volgende week terug' });
    // A correction of the old visit keeps an earlier version with the note in visit_revisions.
    const corrected = { ...old, note: 'uitleg gegeven, formulier samen ingevuld' };
    const entries = [
      { seq: 1, recordId: old.id, type: 'visit.create@1', payload: old, createdAt: old.startedAt },
      { seq: 2, recordId: recent.id, type: 'visit.create@1', payload: recent, createdAt: recent.startedAt },
      { seq: 3, recordId: old.id, type: 'visit.update@1', payload: { visit: corrected, baseVersion: 1 }, createdAt: old.startedAt },
    ];
    expect((await applyPush(db, device, { appVersion: 'test', entries })).rejected).toEqual([]);
    await db.query(`INSERT INTO audit_log (at, action, target_type, target_id) VALUES ($1, 'visit.view', 'visit', $2), ($3, 'visit.view', 'visit', $4)`, [
      new Date(now.getTime() - 800 * DAY).toISOString(),
      old.id,
      new Date(now.getTime() - DAY).toISOString(),
      recent.id,
    ]);

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
    const { rows: revisions } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM visit_revisions WHERE visit_id = $1 AND payload->>'note' IS NOT NULL`, [old.id]);
    expect(revisions[0]!.n).toBe(0);
    const { rows: questions } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_questions WHERE visit_id = $1', [old.id]);
    expect(questions[0]!.n).toBe(1); // the visit still counts
    const { rows: audit } = await db.query<{ target_id: string }>('SELECT target_id FROM audit_log WHERE target_id = ANY($1::text[])', [[old.id, recent.id]]);
    expect(audit.map((a) => a.target_id)).toEqual([recent.id]);

    // Running it again finds nothing more to do.
    expect(await purgeExpiredData(db, { ...retentionFromEnv({}), noteDays: 365, auditDays: 730 }, now)).toMatchObject({ notes: 0, audit: 0 });
  });

  it('refuses a retention period that is not a number of days', () => {
    expect(() => retentionFromEnv({ INLOOP_NOTE_RETENTION_DAYS: 'forever' })).toThrow(/INLOOP_NOTE_RETENTION_DAYS/);
    expect(retentionFromEnv({})).toMatchObject({ noteDays: 365, auditDays: 730, interestDays: 30 });
  });
});
