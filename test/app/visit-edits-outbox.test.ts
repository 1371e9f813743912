import { describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { pushOutbox } from '../../src/app/sync/push';
import { countedOf, followUps, todayItems } from '../../src/app/visits/desk-data';
import { EditRefused, updateVisit, voidVisit } from '../../src/app/visits/edit-visit';
import { countPending } from '../../src/app/db/outbox';
import { recordVisit } from '../../src/app/visits/record-visit';
import { recordTally } from '../../src/app/visits/tally';
import { countVisits, listOpenConflicts, loadVisitState } from '../../src/server/store/visit-edits';
import { uuidv7 } from '../../src/shared/ids';
import { useTestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';

const testServer = useTestServer();
let dbCount = 0;

async function newTablet() {
  const local = new InloopDatabase(`edits-${++dbCount}-${Date.now()}`);
  const device = await saveEnrolment(local, await testServer().enrol());
  return { local, device };
}

describe('corrections and voids on the tablet', () => {
  it('saves a correction with its outbox entry, based on the version the tablet holds', async () => {
    const { local, device } = await newTablet();
    const visit = await recordVisit(local, makeVisit(device));
    const corrected = { ...makeVisit(device, { id: visit.id, startedAt: visit.startedAt }), durationSeconds: 60 };
    const saved = await updateVisit(local, corrected);
    expect(saved.version).toBe(2);
    const again = await updateVisit(local, { ...corrected, durationSeconds: 120 });
    expect(again.version).toBe(3);
    const entries = await local.outbox.toArray();
    expect(entries.map((e) => [e.seq, e.type])).toEqual([
      [1, 'visit.create@1'],
      [2, 'visit.update@1'],
      [3, 'visit.update@1'],
    ]);
    expect(entries.map((e) => (e.payload as { baseVersion?: number }).baseVersion)).toEqual([undefined, 1, 2]);
    const [item] = await todayItems(local);
    expect(item).toMatchObject({ sync: 'pending', edit: 'edited' });
    expect(item!.visit.durationSeconds).toBe(120);
  });

  it('refuses to correct or void a visit that did not start today, and saves nothing', async () => {
    const { local, device } = await newTablet();
    const yesterday = new Date(Date.now() - 36 * 3600_000).toISOString();
    const old = await recordVisit(local, makeVisit(device, { startedAt: yesterday, backdated: true }));
    await expect(voidVisit(local, old.id, 'mistake')).rejects.toBeInstanceOf(EditRefused);
    await expect(updateVisit(local, makeVisit(device, { id: old.id, startedAt: yesterday, durationSeconds: 5 }))).rejects.toMatchObject({
      problem: 'notToday',
    });
    expect(await local.outbox.count()).toBe(1);
  });

  it('sends an edit made after sync: the server applies it cleanly', async () => {
    const { local, device } = await newTablet();
    const visit = await recordVisit(local, makeVisit(device));
    await pushOutbox(local, testServer().api, device.token);
    expect((await todayItems(local))[0]).toMatchObject({ sync: 'synced', edit: 'original' });
    const { id, deviceId, locationId, volunteerId, startedAt, channel } = visit;
    await updateVisit(local, {
      id,
      deviceId,
      locationId,
      volunteerId,
      startedAt,
      channel,
      durationSeconds: 600,
      questions: [
        { helpKind: 'digital_service', domain: 'digital_government', organisation: 'logius', topic: 'digid', outcome: 'answered' },
        {
          helpKind: 'referral',
          domain: 'digital_government',
          organisation: 'uwv',
          topic: 'benefits',
          outcome: 'referred',
          referrals: [{ target: { kind: 'partner', organisation: 'uwv' }, mode: 'warm' }],
        },
      ],
    });
    expect((await todayItems(local))[0]).toMatchObject({ sync: 'pending', edit: 'edited' });
    expect(await pushOutbox(local, testServer().api, device.token)).toEqual({ pushed: 1, rejected: 0 });
    expect((await todayItems(local))[0]).toMatchObject({ sync: 'synced', edit: 'edited' });
    expect(await loadVisitState(testServer().db, id)).toMatchObject({ version: 2, voided: false, topics: ['digid', 'benefits'] });
    expect(await listOpenConflicts(testServer().db, id)).toEqual([]);
  });

  it('keeps both when the record changed on the server meanwhile', async () => {
    const { local, device } = await newTablet();
    const visit = await recordVisit(local, makeVisit(device));
    await pushOutbox(local, testServer().api, device.token);
    await testServer().db.query('UPDATE visits SET version = version + 1 WHERE id = $1', [visit.id]);
    await updateVisit(local, { ...makeVisit(device, { id: visit.id, startedAt: visit.startedAt }), durationSeconds: 30 });
    expect(await pushOutbox(local, testServer().api, device.token)).toEqual({ pushed: 1, rejected: 0 });
    expect((await loadVisitState(testServer().db, visit.id))!.payload.durationSeconds).toBe(420);
    expect(await listOpenConflicts(testServer().db, visit.id)).toMatchObject([
      { base_version: 1, current_version: 2, change_type: 'visit.update@1' },
    ]);
  });

  it('voids a visit before and after sync: tombstones on both sides, left out of the counts', async () => {
    const { local, device } = await newTablet();
    const synced = await recordVisit(local, makeVisit(device));
    await pushOutbox(local, testServer().api, device.token);
    const unsent = await recordVisit(local, makeVisit(device));
    const kept = await recordVisit(local, makeVisit(device));
    await voidVisit(local, synced.id, 'duplicate');
    await voidVisit(local, unsent.id, 'test');
    await expect(voidVisit(local, unsent.id, 'test')).rejects.toMatchObject({ problem: 'voided' });
    const items = await todayItems(local);
    expect(items).toHaveLength(3);
    expect(countedOf(items)).toEqual({ visits: 1, questions: 1 });
    expect(await countPending(local)).toBe(4);
    expect(await pushOutbox(local, testServer().api, device.token)).toEqual({ pushed: 4, rejected: 0 });
    expect(await countVisits(testServer().db, { deviceId: device.deviceId })).toEqual({ visits: 1, questions: 1 });
    expect(await loadVisitState(testServer().db, synced.id)).toMatchObject({ voided: true, voidReason: 'duplicate', version: 2 });
    expect(await loadVisitState(testServer().db, unsent.id)).toMatchObject({ voided: true, voidReason: 'test' });
    expect(await loadVisitState(testServer().db, kept.id)).toMatchObject({ voided: false });
  });

  it('lists follow-ups as overdue, today and upcoming, without voided visits', async () => {
    const { local, device } = await newTablet();
    const now = new Date();
    const at = (days: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 10).toISOString();
    const withFollowUp = (followUpAt: string) =>
      makeVisit(device, {
        questions: [
          {
            helpKind: 'referral',
            domain: 'digital_government',
            organisation: 'svb',
            topic: 'pension',
            outcome: 'follow_up',
            referrals: [{ target: { kind: 'text', text: 'Spreekuur SVB' }, mode: 'logged', followUpAt }],
          },
        ],
      });
    await recordVisit(local, withFollowUp(at(-2)));
    await recordVisit(local, withFollowUp(at(0)));
    await recordVisit(local, withFollowUp(at(7)));
    const dropped = await recordVisit(local, withFollowUp(at(1)));
    await voidVisit(local, dropped.id, 'mistake');
    expect((await followUps(local, now)).map((f) => f.due)).toEqual(['overdue', 'today', 'upcoming']);
  });
});

describe('catch-up tallies on the tablet', () => {
  it('saves a tally with its outbox entry and the server stores the counts', async () => {
    const { local, device } = await newTablet();
    const id = uuidv7();
    await recordTally(local, {
      id,
      deviceId: device.deviceId,
      locationId: device.location.id,
      volunteerId: null,
      date: '2026-11-20',
      dayPart: 'morning',
      dimension: 'outcome',
      counts: [
        { topic: 'digid', value: 'answered', count: 12 },
        { topic: 'allowance', value: 'referred', count: 3 },
      ],
    });
    expect(await local.tallies.count()).toBe(1);
    expect((await local.outbox.toArray()).map((e) => e.type)).toEqual(['tally.create@1']);
    expect(await pushOutbox(local, testServer().api, device.token)).toEqual({ pushed: 1, rejected: 0 });
    const { rows } = await testServer().db.query<{ n: number }>('SELECT sum(count)::int AS n FROM tally_counts WHERE tally_id = $1', [id]);
    expect(rows[0]!.n).toBe(15);
  });

  it('refuses counts out of range on the tablet and saves nothing', async () => {
    const { local, device } = await newTablet();
    const tally = {
      id: uuidv7(),
      deviceId: device.deviceId,
      locationId: device.location.id,
      volunteerId: null,
      date: '2026-11-20',
      dayPart: 'evening' as const,
      dimension: 'help_kind' as const,
    };
    await expect(recordTally(local, { ...tally, counts: [{ topic: 'digid', value: 'digital_service', count: 501 }] })).rejects.toThrow();
    await expect(recordTally(local, { ...tally, counts: [{ topic: 'digid', value: 'digital_service', count: -1 }] })).rejects.toThrow();
    await expect(recordTally(local, { ...tally, counts: [{ topic: 'digid', value: 'answered', count: 1 }] })).rejects.toThrow(/dimension/);
    expect(await local.outbox.count()).toBe(0);
    expect(await local.tallies.count()).toBe(0);
  });
});
