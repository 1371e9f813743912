import type { HelpRequestsResponse } from '../../shared/kiosk';
import type { ChangeType } from '../../shared/sync';
import type { InloopDatabase, LocalHelpRequest } from '../db/database';
import { durably } from '../db/durable';
import { enqueue, outboxTables, pendingRecordIds } from '../db/outbox';

const TAKE: ChangeType = 'helpRequest.take@1';

/**
 * Replaces the desk's copy with the open requests the server just sent. A request
 * taken here whose take is still waiting in the outbox stays, marked taken, so it
 * does not pop back into the queue before the server has heard.
 */
export async function storeOpenHelpRequests(db: InloopDatabase, requests: HelpRequestsResponse['requests']): Promise<void> {
  await durably(db, () =>
    db.transaction('rw', db.helpRequests, db.outbox, async () => {
      const waiting = await pendingRecordIds(db, TAKE);
      const kept = (await db.helpRequests.toArray()).filter((r) => r.takenAt && waiting.has(r.id));
      await db.helpRequests.clear();
      await db.helpRequests.bulkPut([...requests.filter((r) => !waiting.has(r.id)), ...kept]);
    }),
  );
}

/** Requests waiting for a volunteer, oldest first. */
export async function waitingHelpRequests(db: InloopDatabase): Promise<LocalHelpRequest[]> {
  const all = await db.helpRequests.orderBy('createdAt').toArray();
  return all.filter((r) => !r.takenAt);
}

/** How many visitors still wait for a volunteer: the count the desk's tab bar and banner show. */
export async function countWaitingHelpRequests(db: InloopDatabase): Promise<number> {
  return db.helpRequests.filter((r) => !r.takenAt).count();
}

/** "I'll take it": marks it taken here and queues the take for the server, in one transaction. */
export async function takeHelpRequest(db: InloopDatabase, id: string, now = new Date()): Promise<void> {
  const takenAt = now.toISOString();
  await durably(db, () =>
    db.transaction('rw', [...outboxTables(db), db.helpRequests], async () => {
      await db.helpRequests.update(id, { takenAt });
      await enqueue(db, TAKE, id, { id, takenAt }, takenAt);
    }),
  );
}
