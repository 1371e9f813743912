import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { authenticateDevice, createEnrolmentCode, enrolDevice, revokeDevice } from '../../src/server/store/devices';
import { applyPush, listRejected, readSyncState } from '../../src/server/store/push';
import { listVisitsOfDevice } from '../../src/server/store/visits';
import { pullCatalogueChanges, purgeTombstones, writeEntities } from '../../src/server/store/catalogue-feed';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { uuidv7 } from '../../src/shared/ids';
import type { OutboxEntryWire } from '../../src/shared/sync';
import { STORAGE_TARGETS } from '../helpers/databases';
import { currentEpoch, renewEpochIfMoved } from '../../src/server/store/sync-epoch';
import { makeVisit } from '../helpers/visits';

describe.each(STORAGE_TARGETS)('sync store on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db);
  });
  afterAll(async () => db?.close());

  async function enrolled() {
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' });
    const enrolment = (await enrolDevice(db, code))!;
    const device = (await authenticateDevice(db, enrolment.token))!;
    return { enrolment, device };
  }

  function entries(enrolment: { deviceId: string; location: { id: string } }, from: number, count: number): OutboxEntryWire[] {
    return Array.from({ length: count }, (_, i) => {
      const visit = makeVisit(enrolment);
      return { seq: from + i, recordId: visit.id, type: 'visit.create@1', payload: visit, createdAt: new Date().toISOString() };
    });
  }

  it('seeds the demo only once', async () => {
    expect(await seedDemoIfEmpty(db)).toBe(false);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM locations');
    expect(rows[0]!.n).toBe(3);
  });

  it('spends an enrolment code once and stores only a hash of the token', async () => {
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[1].id, kind: 'kiosk' });
    const first = await enrolDevice(db, code.toLowerCase());
    expect(first?.kind).toBe('kiosk');
    expect(await enrolDevice(db, code)).toBeUndefined();
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM devices WHERE id = $1', [first!.deviceId]);
    expect(rows[0]!.token_hash).not.toContain(first!.token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an expired code', async () => {
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk', ttlHours: -1 });
    expect(await enrolDevice(db, code)).toBeUndefined();
  });

  it('applies a batch once, however often it is delivered', async () => {
    const { enrolment, device } = await enrolled();
    const batch = entries(enrolment, 1, 5);
    const request = { appVersion: 'test', entries: batch };
    expect(await applyPush(db, device, request)).toEqual({ ack: 5, applied: 5, rejected: [] });
    // The retry gets the first answer again, and nothing is stored twice.
    expect(await applyPush(db, device, request)).toEqual({ ack: 5, applied: 5, rejected: [] });
    expect(await listVisitsOfDevice(db, device.id)).toHaveLength(5);
  });

  it('waits for a missing entry instead of skipping it when deliveries are reordered', async () => {
    const { enrolment, device } = await enrolled();
    const all = entries(enrolment, 1, 6);
    // The second half arrives first: nothing of it may be applied before entries 1–3.
    expect(await applyPush(db, device, { appVersion: 'test', entries: all.slice(3) })).toMatchObject({ ack: 0, applied: 0 });
    expect(await applyPush(db, device, { appVersion: 'test', entries: all.slice(0, 3) })).toMatchObject({ ack: 3, applied: 3 });
    expect(await applyPush(db, device, { appVersion: 'test', entries: all.slice(3) })).toMatchObject({ ack: 6, applied: 3 });
    expect(await listVisitsOfDevice(db, device.id)).toHaveLength(6);
  });

  it('acknowledges up to the first gap of a batch that repeats a seq and resends an old one, and keeps that ack', async () => {
    const { enrolment, device } = await enrolled();
    const all = entries(enrolment, 1, 7);
    expect(await applyPush(db, device, { appVersion: 'test', entries: all.slice(0, 2) })).toMatchObject({ ack: 2, applied: 2 });
    // 2 again (stored before), 3 twice, 4, then 6 and 7 after the missing 5.
    const mixed = [all[6]!, all[1]!, all[2]!, all[2]!, all[3]!, all[5]!];
    expect(await applyPush(db, device, { appVersion: 'test', entries: mixed })).toEqual({ ack: 4, applied: 3, rejected: [] });
    expect((await readSyncState(db, device)).ack).toBe(4);
    expect(await listVisitsOfDevice(db, device.id)).toHaveLength(4);
    expect(await applyPush(db, device, { appVersion: 'test', entries: all.slice(4) })).toEqual({ ack: 7, applied: 3, rejected: [] });
    expect((await readSyncState(db, device)).ack).toBe(7);
    expect(await listVisitsOfDevice(db, device.id)).toHaveLength(7);
  });

  it('applies concurrent deliveries of the same batch exactly once', async () => {
    const { enrolment, device } = await enrolled();
    const request = { appVersion: 'test', entries: entries(enrolment, 1, 20) };
    const results = await Promise.all([applyPush(db, device, request), applyPush(db, device, request), applyPush(db, device, request)]);
    expect(results).toEqual([1, 2, 3].map(() => ({ ack: 20, applied: 20, rejected: [] })));
    expect(await listVisitsOfDevice(db, device.id)).toHaveLength(20);
  });

  it('stores a rejected entry with its reason and acknowledges it', async () => {
    const { enrolment, device } = await enrolled();
    const [good] = entries(enrolment, 1, 1);
    const bad: OutboxEntryWire = {
      seq: 2,
      recordId: uuidv7(),
      type: 'visit.create@1',
      payload: { questions: 'none' },
      createdAt: new Date().toISOString(),
    };
    const unknown: OutboxEntryWire = {
      seq: 3,
      recordId: uuidv7(),
      type: 'visit.teleport@9',
      payload: {},
      createdAt: new Date().toISOString(),
    };
    const nul: OutboxEntryWire = { ...entries(enrolment, 4, 1)[0]!, payload: { ...makeVisit(enrolment), note: 'a\u0000b' } };
    const result = await applyPush(db, device, { appVersion: 'test', entries: [good!, bad, unknown, nul] });
    expect(result.ack).toBe(4);
    expect(result.applied).toBe(1);
    expect(result.rejected.map((r) => r.seq)).toEqual([2, 3, 4]);
    expect(result.rejected[1]!.reason).toMatch(/unknown change type/);
    expect(result.rejected[2]!.reason).toMatch(/control characters/);
    expect((await listRejected(db, device.id)).map((r) => r.device_seq)).toEqual([2, 3, 4]);
  });

  it('reports a rejection again when the answer that carried it was lost', async () => {
    const { enrolment, device } = await enrolled();
    const [first, , third] = entries(enrolment, 1, 3);
    const invalid: OutboxEntryWire = { ...entries(enrolment, 2, 1)[0]!, payload: { ...makeVisit(enrolment), note: 'BSN 123456782' } };
    const batch = [first!, invalid, third!];
    const answer = await applyPush(db, device, { appVersion: 'test', entries: batch });
    expect(answer).toEqual({
      ack: 3,
      applied: 2,
      rejected: [{ seq: 2, recordId: invalid.recordId, reason: expect.stringMatching(/contains personal data: bsn/) }],
    });
    // The answer never arrived: the tablet sends the same batch, and hears the same answer.
    expect(await applyPush(db, device, { appVersion: 'test', entries: batch })).toEqual(answer);
    // Or it sends the batch with newer entries after it: the refusal is reported again, beside the new ones.
    const later = entries(enrolment, 4, 2);
    const bigger = await applyPush(db, device, { appVersion: 'test', entries: [...batch, ...later] });
    expect(bigger).toEqual({ ack: 5, applied: 4, rejected: answer.rejected });
    // The answer covers the seqs from the request's first to the ack: a batch of later entries carries no older refusals…
    expect(await applyPush(db, device, { appVersion: 'test', entries: later })).toEqual({ ack: 5, applied: 2, rejected: [] });
    // …and a shorter batch acknowledged past its own end (its longer first delivery's answer was lost) carries the refusals it covers.
    expect(await applyPush(db, device, { appVersion: 'test', entries: [first!] })).toEqual({
      ack: 5,
      applied: 4,
      rejected: answer.rejected,
    });
    expect((await listRejected(db, device.id)).map((r) => r.device_seq)).toEqual([2]);
    expect(await listVisitsOfDevice(db, device.id)).toHaveLength(4);
  });

  it('keeps a visit refused for an address with the address redacted', async () => {
    const { enrolment, device } = await enrolled();
    const [entry] = entries(enrolment, 1, 1);
    const payload = { ...(entry!.payload as object), note: 'woont op Burgemeester van Roijensingel 3a, 6211 AB 12' };
    const result = await applyPush(db, device, { appVersion: 'test', entries: [{ ...entry!, payload }] });
    expect(result.rejected[0]?.reason).toMatch(/contains personal data: address/);
    const kept = await db.query<{ payload: { note: string } }>('SELECT payload FROM rejected_entries WHERE device_id = $1', [device.id]);
    expect(kept.rows[0]!.payload.note).toBe('woont op [address], [address]');
  });

  it('refuses, and never counts as applied, a visit sent again under a new seq with other content', async () => {
    const { enrolment, device } = await enrolled();
    const [entry] = entries(enrolment, 1, 1);
    await applyPush(db, device, { appVersion: 'test', entries: [entry!] });
    const original = entry!.payload as ReturnType<typeof makeVisit>;
    const changed: OutboxEntryWire = { ...entry!, seq: 2, payload: { ...original, durationSeconds: 3000 } };
    const sameAgain: OutboxEntryWire = { ...entry!, seq: 3 };
    const result = await applyPush(db, device, { appVersion: 'test', entries: [changed, sameAgain] });
    expect(result).toEqual({
      ack: 3,
      applied: 1,
      rejected: [
        { seq: 2, recordId: entry!.recordId, reason: expect.stringMatching(/already received from this tablet with other content/) },
      ],
    });
    const { rows } = await db.query<{ duration_seconds: number }>('SELECT duration_seconds FROM visits WHERE id = $1', [entry!.recordId]);
    expect(rows.map((r) => r.duration_seconds)).toEqual([original.durationSeconds]);
    // In one batch too: the second of two entries with one id but different content is refused.
    const [fresh] = entries(enrolment, 4, 1);
    const freshChanged: OutboxEntryWire = { ...fresh!, seq: 5, payload: { ...(fresh!.payload as object), channel: 'phone' } };
    const inOne = await applyPush(db, device, { appVersion: 'test', entries: [fresh!, freshChanged] });
    expect(inOne.applied).toBe(1);
    expect(inOne.rejected.map((r) => r.seq)).toEqual([5]);
  });

  it('takes a repeat of a corrected visit as the visit it first was, not as a change', async () => {
    const { enrolment, device } = await enrolled();
    const [entry] = entries(enrolment, 1, 1);
    const visit = entry!.payload as ReturnType<typeof makeVisit>;
    const correction: OutboxEntryWire = {
      seq: 2,
      recordId: visit.id,
      type: 'visit.update@1',
      payload: { visit: { ...visit, durationSeconds: 60 }, baseVersion: 1 },
      createdAt: new Date().toISOString(),
    };
    expect(await applyPush(db, device, { appVersion: 'test', entries: [entry!, correction] })).toMatchObject({
      ack: 2,
      applied: 2,
      rejected: [],
    });
    expect(await applyPush(db, device, { appVersion: 'test', entries: [{ ...entry!, seq: 3 }] })).toEqual({
      ack: 3,
      applied: 1,
      rejected: [],
    });
    const { rows } = await db.query<{ duration_seconds: number }>('SELECT duration_seconds FROM visits WHERE id = $1', [visit.id]);
    expect(rows[0]!.duration_seconds).toBe(60);
  });

  it('applies a batch in bulk with the same outcome as one by one', async () => {
    const { enrolment, device } = await enrolled();
    const [a, b] = entries(enrolment, 1, 2);
    const replayOfA = { ...a!, seq: 2 };
    const bad: OutboxEntryWire = {
      seq: 3,
      recordId: uuidv7(),
      type: 'visit.create@1',
      payload: { id: 'no' },
      createdAt: new Date().toISOString(),
    };
    const result = await applyPush(db, device, { appVersion: 'test', entries: [a!, replayOfA, bad, { ...b!, seq: 4 }] });
    expect(result.ack).toBe(4);
    expect(result.applied).toBe(3);
    expect(result.rejected.map((r) => r.seq)).toEqual([3]);
    expect((await listVisitsOfDevice(db, device.id)).map((v) => v.id).sort()).toEqual([a!.recordId, b!.recordId].sort());
    expect((await listVisitsOfDevice(db, device.id)).every((v) => v.questions === 1)).toBe(true);
  });

  it('stores a rejection whose reason quotes a key with a control character', async () => {
    const { enrolment, device } = await enrolled();
    const [entry] = entries(enrolment, 1, 1);
    const odd = { ...entry!, payload: { ...(entry!.payload as object), ['bad\u0000key']: 1 } };
    const result = await applyPush(db, device, { appVersion: 'test', entries: [odd] });
    expect(result.ack).toBe(1);
    expect(result.rejected[0]?.reason).toMatch(/bad\?key/);
    expect((await listRejected(db, device.id)).map((r) => r.device_seq)).toEqual([1]);
  });

  it('acknowledges and keeps, as unreadable, a refused payload that jsonb cannot hold', async () => {
    const { enrolment, device } = await enrolled();
    let deep: unknown = 'bottom';
    for (let i = 0; i < 5000; i++) deep = { deeper: deep };
    const [a, b, c] = entries(enrolment, 1, 3);
    const lone = { ...a!, payload: { ...(a!.payload as object), note: 'half a pair \ud800 here' } };
    const loneKey = { ...b!, payload: { ...(b!.payload as object), ['key\udc00']: 1 } };
    const nested = { ...c!, payload: deep };
    const result = await applyPush(db, device, { appVersion: 'test', entries: [lone, loneKey, nested] });
    expect(result.ack).toBe(3);
    expect(result.rejected.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(result.rejected[1]!.reason).toMatch(/key\?/);
    const kept = await db.query<{ payload: unknown }>('SELECT payload FROM rejected_entries WHERE device_id = $1 ORDER BY device_seq', [
      device.id,
    ]);
    expect(kept.rows.map((r) => r.payload)).toEqual([{ unreadable: true }, { unreadable: true }, { unreadable: true }]);
  });

  it('rejects a visit id that another device already used', async () => {
    const a = await enrolled();
    const b = await enrolled();
    const [entry] = entries(a.enrolment, 1, 1);
    await applyPush(db, a.device, { appVersion: 'test', entries: [entry!] });
    const stolen = { ...entry!, payload: { ...(entry!.payload as object), deviceId: b.device.id } };
    const result = await applyPush(db, b.device, { appVersion: 'test', entries: [stolen] });
    expect(result.rejected[0]?.reason).toMatch(/already exists/);
  });

  it('no longer authenticates a revoked device', async () => {
    const { enrolment, device } = await enrolled();
    expect(await revokeDevice(db, device.id)).toBe(true);
    expect(await authenticateDevice(db, enrolment.token)).toBeUndefined();
  });

  describe('catalogue pull feed', () => {
    const org = (n: number) => ({ entity: 'organization' as const, id: uuidv7(), data: { name: `Org ${n}` } });

    it('pages through changes in commit order and resumes from any cursor', async () => {
      const writes = Array.from({ length: 25 }, (_, i) => org(i));
      await db.transaction((tx) => writeEntities(tx, writes.slice(0, 10)));
      await db.transaction((tx) => writeEntities(tx, writes.slice(10)));
      const seen = new Map<string, unknown>();
      let cursor = '0';
      let pages = 0;
      for (;;) {
        const page = await pullCatalogueChanges(db, cursor, 7);
        pages++;
        for (const c of page.changes) seen.set(c.id, c.data);
        cursor = page.cursor;
        if (!page.more) break;
      }
      for (const w of writes) expect(seen.get(w.id)).toEqual(w.data);
      expect(pages).toBeGreaterThanOrEqual(4);
      // Caught up: nothing more until something changes.
      expect((await pullCatalogueChanges(db, cursor, 7)).changes).toEqual([]);
      const changed = { ...writes[3]!, data: { name: 'Org 3, renamed' } };
      await db.transaction((tx) => writeEntities(tx, [changed], [writes[4]!.id]));
      const delta = await pullCatalogueChanges(db, cursor, 100);
      expect(delta.changes).toEqual(
        expect.arrayContaining([
          { entity: 'organization', id: changed.id, deleted: false, data: changed.data },
          { entity: 'organization', id: writes[4]!.id, deleted: true },
        ]),
      );
      expect(delta.changes).toHaveLength(2);
    });

    it('does not bump the version of a document written unchanged', async () => {
      const w = org(99);
      await db.transaction((tx) => writeEntities(tx, [w]));
      const { cursor } = await pullAll(db);
      expect(await db.transaction((tx) => writeEntities(tx, [w]))).toBe(0);
      expect((await pullCatalogueChanges(db, cursor, 100)).changes).toEqual([]);
    });

    it('answers an old cursor with a reset after tombstones were purged', async () => {
      const before = await pullAll(db);
      const gone = org(100);
      await db.transaction((tx) => writeEntities(tx, [gone]));
      await db.transaction((tx) => writeEntities(tx, [], [gone.id]));
      await purgeTombstones(db);
      const page = await pullCatalogueChanges(db, before.cursor, 1000);
      expect(page.reset).toBe(true);
      expect(page.changes.some((c) => c.deleted)).toBe(false);
      // A tablet that starts over reaches the live set, without a second reset on the way.
      const fresh = await pullAll(db, 3);
      expect(fresh.resets).toBe(0);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalogue_entities WHERE NOT deleted');
      expect(fresh.ids.size).toBe(rows[0]!.n);
    });

    it('answers a cursor from the future, or of another history, with a reset instead of "nothing new"', async () => {
      await db.transaction((tx) => writeEntities(tx, [org(200)]));
      const { cursor } = await pullAll(db);
      const [epoch, version, horizon, id] = cursor.split('.') as [string, string, string, string];
      expect(epoch).toBe(await currentEpoch(db));
      expect((await pullCatalogueChanges(db, cursor, 1000)).reset).toBe(false);
      const otherEpoch = epoch.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      for (const odd of [
        `${epoch}.${Number(version) + 5}.${horizon}.${id}`, // a version this database has not reached
        `${epoch}.${version}.${Number(horizon) + 1}.${id}`, // a horizon it has not reached
        `${otherEpoch}.${version}.${horizon}.${id}`, // another database's, or this one's before a restore
        `${version}.${horizon}.${id}`, // protocol 1: no epoch at all
      ]) {
        const page = await pullCatalogueChanges(db, odd, 1000);
        expect(page.reset, odd).toBe(true);
        expect(page.cursor.startsWith(`${epoch}.`)).toBe(true);
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalogue_entities WHERE NOT deleted');
        expect(page.changes).toHaveLength(rows[0]!.n);
      }
    });

    it('gives a protocol 1 client cursors without the epoch, and resets it only from the future', async () => {
      await db.transaction((tx) => writeEntities(tx, [org(300)]));
      const page = await pullCatalogueChanges(db, '0', 1000, 'legacy');
      expect(page.cursor).toMatch(/^\d+\.\d+\.[0-9a-f-]{36}$/);
      expect(await pullCatalogueChanges(db, page.cursor, 1000, 'legacy')).toMatchObject({ reset: false, changes: [] });
      const [version, horizon, id] = page.cursor.split('.');
      expect((await pullCatalogueChanges(db, `${Number(version) + 1}.${horizon}.${id}`, 1000, 'legacy')).reset).toBe(true);
    });

    it('renews the epoch when the database was restored elsewhere, so every older cursor is reset', async () => {
      const { cursor } = await pullAll(db);
      const before = await currentEpoch(db);
      expect(await renewEpochIfMoved(db)).toBe(false); // same place: same history
      expect(await currentEpoch(db)).toBe(before);
      // As if pg_restore had put this data into another database: the identity it last saw no longer fits.
      await db.query("UPDATE sync_state SET epoch_identity = 'elsewhere' WHERE id = 1");
      expect(await renewEpochIfMoved(db)).toBe(true);
      expect(await currentEpoch(db)).not.toBe(before);
      expect((await pullCatalogueChanges(db, cursor, 1000)).reset).toBe(true);
      expect(await renewEpochIfMoved(db)).toBe(false);
    });
  });
});

async function pullAll(db: Database, pageSize = 1000) {
  let cursor = '0';
  let resets = 0;
  const ids = new Set<string>();
  for (;;) {
    const page = await pullCatalogueChanges(db, cursor, pageSize);
    if (page.reset) resets++;
    for (const c of page.changes) {
      if (c.deleted) ids.delete(c.id);
      else ids.add(c.id);
    }
    cursor = page.cursor;
    if (!page.more) return { cursor, resets, ids };
  }
}
