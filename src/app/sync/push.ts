import type { PushResponse } from '../../shared/sync';
import { PUSH_BATCH_SIZE } from '../../shared/sync-constants';
import type { InloopDatabase } from '../db/database';
import { durably, storageFacts } from '../db/durable';
import { countPending, pendingEntries } from '../db/outbox';
import { APP_VERSION, SyncError, type ServerApi } from './api';

export interface PushResult {
  pushed: number;
  rejected: number;
}

/**
 * Sends the outbox to the server in batches, oldest first, until it is empty.
 * After each answer, the acknowledged entries leave the outbox in one transaction;
 * rejected ones stay, marked with the server's reason, for the volunteer to see.
 * If the answer is lost, the same entries go again and the server skips what it has.
 */
export async function pushOutbox(db: InloopDatabase, api: ServerApi, token: string, batchSize = PUSH_BATCH_SIZE): Promise<PushResult> {
  const result: PushResult = { pushed: 0, rejected: 0 };
  // Asked once per sync that sends something, not per batch: the browser's estimate is not free on a cheap tablet.
  let storage: ReturnType<typeof storageFacts> | undefined;
  for (;;) {
    const entries = await durably(db, () => pendingEntries(db, batchSize));
    if (entries.length === 0) return result;
    const pending = await durably(db, () => countPending(db));
    const response = await api.push(token, {
      appVersion: APP_VERSION,
      pending,
      storage: await (storage ??= storageFacts()),
      entries: entries.map(({ seq, recordId, type, payload, createdAt }) => ({ seq, recordId, type, payload, createdAt })),
    });
    if (response.ack < entries[0]!.seq) {
      // The server waits for an entry this tablet no longer holds: never skip it silently.
      throw new SyncError(
        'refused',
        `the server expects entry ${response.ack + 1}, but the oldest waiting entry is ${entries[0]!.seq}`,
        undefined,
        'outOfStep',
      );
    }
    const counts = await applyAck(db, response);
    result.pushed += counts.pushed;
    result.rejected += counts.rejected;
  }
}

export async function applyAck(db: InloopDatabase, response: PushResponse): Promise<PushResult> {
  const reasons = new Map(response.rejected.map((r) => [r.seq, r.reason]));
  return durably(db, () =>
    db.transaction('rw', db.outbox, db.visits, async () => {
      const acked = await db.outbox
        .where('seq')
        .belowOrEqual(response.ack)
        .and((e) => e.state === 'pending')
        .toArray();
      let rejected = 0;
      for (const entry of acked) {
        const reason = reasons.get(entry.seq);
        if (reason !== undefined) {
          rejected++;
          await db.outbox.update(entry.seq, { state: 'rejected', reason });
          await db.visits.update(entry.recordId, { syncState: 'rejected', rejectReason: reason });
        } else {
          await db.outbox.delete(entry.seq);
          await db.visits.update(entry.recordId, { syncState: 'synced' });
        }
      }
      return { pushed: acked.length - rejected, rejected };
    }),
  );
}
