import { uuidv7 } from '../../shared/ids';
import { followUpKey, type FollowUpMark, type FollowUpMarkChange } from '../../shared/follow-ups';
import type { InloopDatabase, LocalFollowUp } from '../db/database';
import { durably } from '../db/durable';
import { enqueue, outboxTables } from '../db/outbox';
import { MARK, waitingMarks } from './follow-up-sync';
import { dueOf, followUps as ownFollowUps, type FollowUpDue } from '../visits/desk-data';

/** As far back as the server sends them (store/referrals.ts FOLLOW_UP_PAST_DAYS). */
const FOLLOW_UP_PAST_DAYS = 14;

/**
 * Follow-up appointments belong to the location: each desk pulls its location's list every
 * sync round (follow-up-sync.ts), and marks one kept, missed or moved offline
 * (followUp.mark@1 through the outbox); the other desks see the mark after their next round.
 */

export interface ShownFollowUp extends LocalFollowUp {
  due: FollowUpDue;
  /** Marked here, and the mark not yet sent. */
  waiting: boolean;
}

/**
 * The location's follow-ups as this desk knows them: the pulled list, and the ones set on
 * this tablet that the server has not sent back yet. Soonest first.
 */
export async function deskFollowUps(db: InloopDatabase, now = new Date()): Promise<ShownFollowUp[]> {
  const [pulled, own, waiting] = await Promise.all([db.followUps.toArray(), ownFollowUps(db, now), waitingMarks(db)]);
  const byKey = new Map<string, LocalFollowUp>(pulled.map((f) => [f.key, f]));
  const since = now.getTime() - FOLLOW_UP_PAST_DAYS * 86_400_000;
  for (const f of own) {
    const key = followUpKey(f.visitId, f.question, f.referralIndex);
    if (byKey.has(key) || Date.parse(f.at) < since) continue;
    byKey.set(key, {
      key,
      visitId: f.visitId,
      question: f.question,
      referral: f.referralIndex,
      at: f.at,
      topic: f.topic,
      organisation: f.organisation,
      what:
        f.referral.target.kind === 'catalogue'
          ? f.referral.target.label
          : f.referral.target.kind === 'text'
            ? f.referral.target.text
            : f.referral.target.organisation,
      code: f.referral.code ?? null,
      state: 'open',
      markedAt: null,
      visitStartedAt: f.visitStartedAt,
    });
  }
  return [...byKey.values()]
    .map((f) => ({ ...f, due: dueOf(f.at, now), waiting: waiting.has(f.key) }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

/** Marks a follow-up kept, missed or moved, here and for the server, in one transaction. */
export async function markFollowUp(
  db: InloopDatabase,
  f: LocalFollowUp,
  mark: FollowUpMark,
  movedTo?: string,
  now = new Date(),
): Promise<void> {
  const markedAt = now.toISOString();
  const change: FollowUpMarkChange = {
    id: uuidv7(now.getTime()),
    visitId: f.visitId,
    question: f.question,
    referral: f.referral,
    mark,
    markedAt,
    ...(mark === 'moved' ? { movedTo } : {}),
  };
  await durably(db, () =>
    db.transaction('rw', [...outboxTables(db), db.followUps], async () => {
      await db.followUps.put({ ...f, state: mark, markedAt, at: mark === 'moved' && movedTo ? movedTo : f.at });
      await enqueue(db, MARK, change.id, change, markedAt);
    }),
  );
}
