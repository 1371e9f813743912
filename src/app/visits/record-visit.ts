import type { ChangeType } from '../../shared/sync';
import type { Visit, VisitInput } from '../../shared/visit';
import { parseVisit } from './visit-schema';
import type { InloopDatabase, LocalVisit } from '../db/database';
import { durably } from '../db/durable';
import { enqueue, outboxTables } from '../db/outbox';

const CREATE: ChangeType = 'visit.create@1';

/**
 * Saves a visit and its outbox entry in one IndexedDB transaction: either both
 * are stored or neither is. Resolves only after the transaction committed, so the
 * caller may then say "saved".
 */
export async function recordVisit(db: InloopDatabase, input: VisitInput): Promise<LocalVisit> {
  const parsed = parseVisit(input);
  const visit: Visit = parsed instanceof Promise ? await parsed : parsed;
  return durably(db, () =>
    db.transaction('rw', [...outboxTables(db), db.visits], async () => {
      // A retry after a connection reported lost may follow a commit that did go through:
      // then the visit is there already, and saving it again must neither fail nor double it.
      const saved = await db.visits.get(visit.id);
      if (saved) return saved;
      const now = new Date().toISOString();
      let local!: LocalVisit;
      await enqueue(db, CREATE, visit.id, visit, now, async (seq) => {
        // version 1: the server's first version of every visit; corrections and voids count up from it.
        local = { ...visit, seq, syncState: 'pending', savedAt: now, version: 1 };
        await db.visits.add(local);
      });
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
