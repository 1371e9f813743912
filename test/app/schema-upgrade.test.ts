import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { InloopDatabase, SCHEMA_VERSIONS } from '../../src/app/db/database';
import { pushOutbox } from '../../src/app/sync/push';
import { countPending } from '../../src/app/db/outbox';
import { recordVisit } from '../../src/app/visits/record-visit';
import { listVisitsOfDevice } from '../../src/server/store/visits';
import { useTestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';

const testServer = useTestServer();

/** A tablet's database as a build that shipped schema `upTo` wrote it: only the versions it knew. */
function databaseOfVersion(name: string, upTo: number): Dexie {
  const old = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= upTo)) old.version(version).stores(stores);
  return old;
}

describe('opening a tablet database written by an earlier version', () => {
  for (const { version } of SCHEMA_VERSIONS) {
    it(`keeps every pending outbox entry of schema version ${version}`, async () => {
      const name = `upgrade-from-${version}-${Date.now()}`;
      const enrolment = await testServer().enrol();
      const device = { ...enrolment, enrolledAt: new Date().toISOString() };

      // Written the way that build wrote it: the device, a sequence counter, visits and their outbox entries.
      const old = databaseOfVersion(name, version);
      await old.open();
      const entries = [];
      for (let seq = 1; seq <= 3; seq++) {
        const visit = makeVisit(enrolment);
        await old.table('visits').add({ ...visit, seq, syncState: 'pending', savedAt: new Date().toISOString() });
        await old
          .table('outbox')
          .add({ seq, recordId: visit.id, type: 'visit.create@1', payload: visit, createdAt: new Date().toISOString(), state: 'pending' });
        entries.push(visit.id);
      }
      await old.table('meta').bulkPut([
        { key: 'device', value: device },
        { key: 'nextSeq', value: 4 },
      ]);
      old.close();

      // The current build opens it.
      const current = new InloopDatabase(name);
      expect(await countPending(current)).toBe(3);
      expect((await current.outbox.toArray()).map((e) => e.recordId)).toEqual(entries);
      // New records continue the sequence, and everything reaches the server once.
      await recordVisit(current, makeVisit(enrolment));
      expect((await current.outbox.toArray()).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(await pushOutbox(current, testServer().api, enrolment.token)).toEqual({ pushed: 4, rejected: 0 });
      expect(await listVisitsOfDevice(testServer().db, enrolment.deviceId)).toHaveLength(4);
      // The tables later versions added are there and usable.
      for (const table of Object.keys(SCHEMA_VERSIONS.at(-1)!.stores)) expect(await current.table(table).count()).toBe(0);
      current.close();
    });
  }
});
