import { courseInterestSchema, helpRequestSchema, type CourseInterest, type HelpRequest } from '../../shared/kiosk';
import type { ChangeType } from '../../shared/sync';
import type { InloopDatabase } from '../db/database';
import { takeNextSeq } from '../db/device';
import { durably } from '../db/durable';

const HELP: ChangeType = 'helpRequest.create@1';
const INTEREST: ChangeType = 'interest.create@1';

/**
 * What a visitor sends from the kiosk goes into the outbox only: the kiosk keeps no
 * other copy, and the outbox entry leaves the tablet once the server acknowledged it.
 * Resolves after the transaction committed, so the kiosk may then say "sent".
 */
async function enqueue(db: InloopDatabase, type: ChangeType, id: string, payload: unknown): Promise<void> {
  await durably(db, () =>
    db.transaction('rw', db.meta, db.outbox, async () => {
      const seq = await takeNextSeq(db);
      await db.outbox.add({ seq, recordId: id, type, payload, createdAt: new Date().toISOString(), state: 'pending' });
    }),
  );
}

export async function saveHelpRequest(db: InloopDatabase, input: HelpRequest): Promise<HelpRequest> {
  const request = helpRequestSchema.parse(input);
  await enqueue(db, HELP, request.id, request);
  return request;
}

export async function saveInterest(db: InloopDatabase, input: CourseInterest): Promise<CourseInterest> {
  const interest = courseInterestSchema.parse(input);
  await enqueue(db, INTEREST, interest.id, interest);
  return interest;
}
