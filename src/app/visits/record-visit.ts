import type { ChangeType } from '../../shared/sync';
import { visitSchema, type Visit, type VisitInput } from '../../shared/visit';
import type { InloopDatabase, LocalVisit } from '../db/database';
import { takeNextSeq } from '../db/device';
import { durably } from '../db/durable';

const CREATE: ChangeType = 'visit.create@1';

/**
 * Saves a visit and its outbox entry in one IndexedDB transaction: either both
 * are stored or neither is. Resolves only after the transaction committed, so the
 * caller may then say "saved".
 */
export async function recordVisit(db: InloopDatabase, input: VisitInput): Promise<LocalVisit> {
  const visit: Visit = visitSchema.parse(input);
  return durably(db, () =>
    db.transaction('rw', db.meta, db.visits, db.outbox, async () => {
      // A retry after a connection reported lost may follow a commit that did go through:
      // then the visit is there already, and saving it again must neither fail nor double it.
      const saved = await db.visits.get(visit.id);
      if (saved) return saved;
      const seq = await takeNextSeq(db);
      const now = new Date().toISOString();
      // version 1: the server's first version of every visit; corrections and voids count up from it.
      const local: LocalVisit = { ...visit, seq, syncState: 'pending', savedAt: now, version: 1 } as LocalVisit;
      await db.visits.add(local);
      await db.outbox.add({ seq, recordId: visit.id, type: CREATE, payload: visit, createdAt: now, state: 'pending' });
      return local;
    }),
  );
}

/** This tablet's visits that started today (local time), newest first. */
export async function visitsOfToday(db: InloopDatabase, now = new Date()): Promise<LocalVisit[]> {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const visits = await db.visits.where('startedAt').aboveOrEqual(start.toISOString()).toArray();
  return visits.filter((v) => new Date(v.startedAt) >= start).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export function countPending(db: InloopDatabase): Promise<number> {
  return db.outbox.where('state').equals('pending').count();
}
