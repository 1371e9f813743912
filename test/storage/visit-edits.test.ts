import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { authenticateDevice, createEnrolmentCode, enrolDevice } from '../../src/server/store/devices';
import { applyPush, listRejected } from '../../src/server/store/push';
import { countVisits, listOpenConflicts, listRevisions, loadVisitState } from '../../src/server/store/visit-edits';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { uuidv7 } from '../../src/shared/ids';
import type { OutboxEntryWire } from '../../src/shared/sync';
import type { Visit } from '../../src/shared/visit';
import { STORAGE_TARGETS } from '../helpers/databases';
import { makeVisit } from '../helpers/visits';

describe.each(STORAGE_TARGETS)('visit edits, voids and tallies on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db);
  });
  afterAll(async () => db?.close());

  async function tablet(locationIndex = 0) {
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[locationIndex]!.id, kind: 'desk' });
    const enrolment = (await enrolDevice(db, code))!;
    const device = (await authenticateDevice(db, enrolment.token))!;
    let seq = 0;
    const push = (type: string, recordId: string, payload: unknown) =>
      applyPush(db, device, {
        appVersion: 'test',
        entries: [{ seq: ++seq, recordId, type, payload, createdAt: new Date().toISOString() } satisfies OutboxEntryWire],
      });
    return { enrolment, device, push };
  }

  it('applies a correction based on the current version, keeps the earlier version and replaces the questions', async () => {
    const t = await tablet();
    const visit = makeVisit(t.enrolment) as Visit;
    expect(await t.push('visit.create@1', visit.id, visit)).toMatchObject({ applied: 1, rejected: [] });
    const corrected: Visit = {
      ...visit,
      durationSeconds: 900,
      questions: [
        {
          helpKind: 'digital_service',
          domain: 'digital_government',
          organisation: 'belastingdienst',
          topic: 'tax_return',
          actions: ['did_together'],
          outcome: 'answered',
          referrals: [],
        },
        {
          helpKind: 'referral',
          domain: 'digital_government',
          organisation: 'toeslagen',
          topic: 'allowance',
          actions: [],
          outcome: 'referred',
          referrals: [{ target: { kind: 'partner', organisation: 'toeslagen' }, mode: 'warm' }],
        },
      ],
    };
    expect(await t.push('visit.update@1', visit.id, { visit: corrected, baseVersion: 1 })).toMatchObject({ applied: 1, rejected: [] });
    const state = await loadVisitState(db, visit.id);
    expect(state).toMatchObject({ version: 2, voided: false, topics: ['tax_return', 'allowance'] });
    expect(state!.payload.durationSeconds).toBe(900);
    const revisions = await listRevisions(db, visit.id);
    expect(revisions.map((r) => r.version)).toEqual([1]);
    expect(revisions[0]!.payload.questions.map((q) => q.topic)).toEqual(['digid']);
    expect(await listOpenConflicts(db, visit.id)).toEqual([]);
  });

  it('keeps both when the visit changed meanwhile and marks the conflict for the coordinator', async () => {
    const t = await tablet();
    const visit = makeVisit(t.enrolment) as Visit;
    await t.push('visit.create@1', visit.id, visit);
    // Someone else (e.g. the coordinator) changed the record in the meantime: it is at version 2 now.
    await db.query('UPDATE visits SET version = 2 WHERE id = $1', [visit.id]);
    const proposal = { ...visit, durationSeconds: 60 };
    expect(await t.push('visit.update@1', visit.id, { visit: proposal, baseVersion: 1 })).toMatchObject({ applied: 1, rejected: [] });
    const state = await loadVisitState(db, visit.id);
    expect(state).toMatchObject({ version: 2, voided: false, topics: ['digid'] });
    expect(state!.payload.durationSeconds).toBe(420);
    const conflicts = await listOpenConflicts(db, visit.id);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      device_id: t.device.id,
      change_type: 'visit.update@1',
      base_version: 1,
      current_version: 2,
      resolved_at: null,
    });
    expect((conflicts[0]!.proposed as { visit: Visit }).visit.durationSeconds).toBe(60);
  });

  it('leaves a voided visit as a tombstone and out of every count', async () => {
    const t = await tablet(1);
    const location = DEMO_LOCATIONS[1]!.id;
    const before = await countVisits(db, { locationId: location });
    const keep = makeVisit(t.enrolment) as Visit;
    const drop = makeVisit(t.enrolment, {
      questions: [
        { helpKind: 'digital_service', domain: 'digital_government', organisation: 'logius', topic: 'digid', outcome: 'answered' },
        { helpKind: 'digital_service', domain: 'digital_government', organisation: 'uwv', topic: 'benefits', outcome: 'partly' },
      ],
    }) as Visit;
    await t.push('visit.create@1', keep.id, keep);
    await t.push('visit.create@1', drop.id, drop);
    expect(await countVisits(db, { locationId: location })).toEqual({ visits: before.visits + 2, questions: before.questions + 3 });
    expect(await t.push('visit.void@1', drop.id, { visitId: drop.id, baseVersion: 1, reason: 'duplicate' })).toMatchObject({
      applied: 1,
      rejected: [],
    });
    expect(await countVisits(db, { locationId: location })).toEqual({ visits: before.visits + 1, questions: before.questions + 1 });
    expect(await countVisits(db, { deviceId: t.device.id })).toEqual({ visits: 1, questions: 1 });
    expect(await loadVisitState(db, drop.id)).toMatchObject({ version: 2, voided: true, voidReason: 'duplicate' });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM counted_visits WHERE id = $1', [drop.id]);
    expect(rows[0]!.n).toBe(0);
    // A later correction based on the voided version is kept as a conflict, the tombstone stays.
    await t.push('visit.update@1', drop.id, { visit: drop, baseVersion: 2 });
    expect(await loadVisitState(db, drop.id)).toMatchObject({ voided: true });
    expect(await listOpenConflicts(db, drop.id)).toHaveLength(1);
  });

  it('refuses edits of a visit the server never stored or another tablet recorded', async () => {
    const a = await tablet();
    const b = await tablet();
    const visit = makeVisit(a.enrolment) as Visit;
    await a.push('visit.create@1', visit.id, visit);
    const foreign = await b.push('visit.void@1', visit.id, { visitId: visit.id, baseVersion: 1, reason: 'mistake' });
    expect(foreign.rejected[0]?.reason).toMatch(/another device/);
    const ghost = makeVisit(a.enrolment) as Visit;
    const missing = await a.push('visit.update@1', ghost.id, { visit: ghost, baseVersion: 1 });
    expect(missing.rejected[0]?.reason).toMatch(/no such visit/);
    expect((await listRejected(db, b.device.id)).map((r) => r.record_id)).toEqual([visit.id]);
    expect(await loadVisitState(db, visit.id)).toMatchObject({ version: 1, voided: false });
  });

  it('stores a catch-up tally with its counts and refuses counts out of range', async () => {
    const t = await tablet();
    const tally = {
      id: uuidv7(),
      deviceId: t.device.id,
      locationId: t.device.locationId,
      volunteerId: null,
      date: '2026-11-23',
      dayPart: 'afternoon',
      dimension: 'help_kind',
      counts: [
        { topic: 'digid', value: 'digital_service', count: 7 },
        { topic: 'tax_return', value: 'referral', count: 2 },
      ],
    };
    expect(await t.push('tally.create@1', tally.id, tally)).toMatchObject({ applied: 1, rejected: [] });
    const { rows } = await db.query<{ topic: string; value: string; count: number }>(
      'SELECT topic, value, count FROM tally_counts WHERE tally_id = $1 ORDER BY topic',
      [tally.id],
    );
    expect(rows).toEqual([
      { topic: 'digid', value: 'digital_service', count: 7 },
      { topic: 'tax_return', value: 'referral', count: 2 },
    ]);
    const tooMany = { ...tally, id: uuidv7(), counts: [{ topic: 'digid', value: 'digital_service', count: 501 }] };
    expect((await t.push('tally.create@1', tooMany.id, tooMany)).rejected[0]?.reason).toMatch(/invalid tally/);
    const wrongDimension = { ...tally, id: uuidv7(), counts: [{ topic: 'digid', value: 'answered', count: 1 }] };
    expect((await t.push('tally.create@1', wrongDimension.id, wrongDimension)).rejected[0]?.reason).toMatch(/dimension/);
    // The same tally again under a new seq: an exact repeat is taken, other counts are refused, never counted as applied.
    expect(await t.push('tally.create@1', tally.id, tally)).toMatchObject({ applied: 1, rejected: [] });
    const recounted = { ...tally, counts: [{ topic: 'digid', value: 'digital_service', count: 9 }] };
    const refused = await t.push('tally.create@1', tally.id, recounted);
    expect(refused.applied).toBe(0);
    expect(refused.rejected[0]?.reason).toMatch(/already received from this tablet with other content/);
    const { rows: after } = await db.query<{ count: number }>("SELECT count FROM tally_counts WHERE tally_id = $1 AND topic = 'digid'", [
      tally.id,
    ]);
    expect(after).toEqual([{ count: 7 }]);
  });
});
