import { courseInterestSchema, helpRequestSchema, type CourseInterest, type HelpRequest } from '../../shared/kiosk';
import type { ChangeType } from '../../shared/sync';
import type { InloopDatabase } from '../db/database';
import { enqueueAlone } from '../db/outbox';

const HELP: ChangeType = 'helpRequest.create@1';
const INTEREST: ChangeType = 'interest.create@1';

/*
 * What a visitor sends from the kiosk goes into the outbox only: the kiosk keeps no
 * other copy, and the outbox entry leaves the tablet once the server acknowledged it.
 * Each save resolves after its transaction committed, so the kiosk may then say "sent".
 */

export async function saveHelpRequest(db: InloopDatabase, input: HelpRequest): Promise<HelpRequest> {
  const request = helpRequestSchema.parse(input);
  await enqueueAlone(db, HELP, request.id, request);
  return request;
}

export async function saveInterest(db: InloopDatabase, input: CourseInterest): Promise<CourseInterest> {
  const interest = courseInterestSchema.parse(input);
  await enqueueAlone(db, INTEREST, interest.id, interest);
  return interest;
}
