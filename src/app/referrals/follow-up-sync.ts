import type { FollowUpMarkChange, LocationFollowUp } from '../../shared/follow-ups';
import { followUpKey } from '../../shared/follow-up-marks';
import type { ChangeType } from '../../shared/sync';
import type { InloopDatabase, LocalFollowUp } from '../db/database';
import { durably } from '../db/durable';
import { getFromServer } from '../sync/api';

export const MARK: ChangeType = 'followUp.mark@1';

/**
 * The desk's pull of its location's follow-ups (GET /api/sync/follow-ups), each sync round.
 * Small on purpose: it is part of the first load (services.ts); the list and the marks load lazily.
 */
export type FetchFollowUps = (token: string) => Promise<{ followUps: LocationFollowUp[] }>;
export const httpFollowUps =
  (base = ''): FetchFollowUps =>
  (token) =>
    getFromServer(() => import('../../shared/follow-ups').then((m) => m.followUpsResponseSchema), `${base}/api/sync/follow-ups`, token);

/** The marks this desk made that still wait in the outbox, by follow-up. */
export async function waitingMarks(db: InloopDatabase): Promise<Map<string, FollowUpMarkChange>> {
  const entries = await db.outbox
    .where('state')
    .equals('pending')
    .filter((e) => e.type === MARK)
    .toArray();
  const marks = new Map<string, FollowUpMarkChange>();
  for (const e of entries) {
    const m = e.payload as FollowUpMarkChange;
    marks.set(followUpKey(m.visitId, m.question, m.referral), m);
  }
  return marks;
}

/** Replaces the desk's copy with the server's list; a follow-up marked here whose mark still waits keeps the local mark. */
export async function storeFollowUps(db: InloopDatabase, pulled: LocationFollowUp[]): Promise<void> {
  await durably(db, () =>
    db.transaction('rw', db.followUps, db.outbox, async () => {
      const waiting = await waitingMarks(db);
      const kept = (await db.followUps.bulkGet([...waiting.keys()])).filter((f): f is LocalFollowUp => Boolean(f));
      await db.followUps.clear();
      await db.followUps.bulkPut([...pulled.filter((f) => !waiting.has(f.key)), ...kept]);
    }),
  );
}

export async function pullFollowUps(db: InloopDatabase, token: string, fetch: FetchFollowUps = httpFollowUps()): Promise<void> {
  const { followUps } = await fetch(token);
  await storeFollowUps(db, followUps);
}
