import type { ChangeType } from '../../shared/sync';
import { tallySchema, type TallyInput } from '../../shared/visit-edits';
import type { InloopDatabase, LocalTally } from '../db/database';
import { durably } from '../db/durable';
import { enqueue, outboxTables } from '../db/outbox';

const CREATE: ChangeType = 'tally.create@1';

/** Saves a tally sheet and its outbox entry in one transaction; resolves after it committed. */
export async function recordTally(db: InloopDatabase, input: TallyInput): Promise<LocalTally> {
  const tally = tallySchema.parse(input);
  const tallies = db.tallies;
  return durably(db, () =>
    db.transaction('rw', [...outboxTables(db), tallies], async () => {
      const now = new Date().toISOString();
      let local!: LocalTally;
      await enqueue(db, CREATE, tally.id, tally, now, async (seq) => {
        local = { ...tally, seq, savedAt: now };
        await tallies.add(local);
      });
      return local;
    }),
  );
}

/** Tallies entered on this tablet, newest first. */
export async function recentTallies(db: InloopDatabase, limit = 20): Promise<LocalTally[]> {
  const all = await db.tallies.toArray();
  return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt)).slice(0, limit);
}
