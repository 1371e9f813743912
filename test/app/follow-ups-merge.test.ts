import { describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { deskFollowUps, markFollowUp } from '../../src/app/referrals/follow-ups';
import { storeFollowUps } from '../../src/app/referrals/follow-up-sync';
import { recordVisit } from '../../src/app/visits/record-visit';
import { followUpKey, type LocationFollowUp } from '../../src/shared/follow-ups';
import { uuidv7 } from '../../src/shared/ids';
import { makeVisit } from '../helpers/visits';

/**
 * What a desk shows of its location's follow-ups (referrals/follow-ups.ts): the list the
 * server sent, the ones set on this tablet that the server has not sent back yet, and the
 * marks made here that still wait in the outbox.
 */
const device = { deviceId: uuidv7(), location: { id: uuidv7() } };
let n = 0;
const newDesk = () => new InloopDatabase(`follow-ups-${++n}-${Date.now()}`);
const NOW = new Date('2026-12-03T12:00:00Z');
const hoursFrom = (hours: number) => new Date(NOW.getTime() + hours * 3600_000).toISOString();

/** A visit recorded here with a referral that sets a follow-up. */
async function visitWithFollowUp(db: InloopDatabase, followUpAt: string) {
  const visit = makeVisit(device, {
    startedAt: hoursFrom(-1),
    questions: [
      {
        helpKind: 'referral',
        domain: 'other',
        organisation: 'other',
        topic: 'other',
        outcome: 'referred',
        referrals: [{ target: { kind: 'text', text: 'Taalhuis intake' }, mode: 'warm', followUpAt }],
      },
    ],
  } as never);
  await recordVisit(db, visit);
  return visit;
}

/** A follow-up as GET /api/sync/follow-ups sends it (set on any desk of the location). */
function fromServer(overrides: Partial<LocationFollowUp> = {}): LocationFollowUp {
  const visitId = overrides.visitId ?? uuidv7();
  return {
    key: followUpKey(visitId, 0, 0),
    visitId,
    question: 0,
    referral: 0,
    at: hoursFrom(24),
    topic: 'other',
    organisation: 'other',
    what: 'Geldmaatje',
    code: null,
    state: 'open',
    markedAt: null,
    visitStartedAt: hoursFrom(-30),
    ...overrides,
  };
}

describe("a desk's follow-ups: the location's list, its own, its waiting marks", () => {
  it("shows one set here before the server sends it back, then the server's copy (with another desk's mark) instead of a second one", async () => {
    const db = newDesk();
    const visit = await visitWithFollowUp(db, hoursFrom(2));
    const own = await deskFollowUps(db, NOW);
    expect(own.map((f) => [f.what, f.state, f.due, f.waiting])).toEqual([['Taalhuis intake', 'open', 'today', false]]);

    await storeFollowUps(db, [
      fromServer({ visitId: visit.id, key: followUpKey(visit.id, 0, 0), what: 'Taalhuis intake', state: 'kept', markedAt: hoursFrom(0) }),
      fromServer(),
    ]);
    const merged = await deskFollowUps(db, NOW);
    expect(merged.map((f) => [f.what, f.state])).toEqual([
      ['Taalhuis intake', 'kept'],
      ['Geldmaatje', 'open'],
    ]);
  });

  it('leaves out its own follow-ups from more than two weeks ago, as the server does', async () => {
    const db = newDesk();
    await visitWithFollowUp(db, hoursFrom(-15 * 24));
    await visitWithFollowUp(db, hoursFrom(-13 * 24));
    const shown = await deskFollowUps(db, NOW);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.due).toBe('overdue');
  });

  it('keeps a mark made here while it waits, even when a pull from before it brings the old state', async () => {
    const db = newDesk();
    const theirs = fromServer();
    await storeFollowUps(db, [theirs]);
    const [shown] = await deskFollowUps(db, NOW);
    await markFollowUp(db, shown!, 'kept', undefined, NOW);
    expect((await deskFollowUps(db, NOW)).map((f) => [f.state, f.waiting])).toEqual([['kept', true]]);

    // A sync round pulls before the mark reached the server: the server still says open.
    await storeFollowUps(db, [theirs]);
    expect((await deskFollowUps(db, NOW)).map((f) => [f.state, f.waiting])).toEqual([['kept', true]]);

    // The server took the mark (its entry leaves the outbox) and sends it back.
    await db.outbox.clear();
    await storeFollowUps(db, [{ ...theirs, state: 'kept', markedAt: NOW.toISOString() }]);
    expect((await deskFollowUps(db, NOW)).map((f) => [f.state, f.waiting])).toEqual([['kept', false]]);
  });

  it('moves a follow-up to its new time, sorted soonest first, and queues the move once', async () => {
    const db = newDesk();
    const soon = fromServer({ at: hoursFrom(3), what: 'soon' });
    const later = fromServer({ at: hoursFrom(48), what: 'later' });
    await storeFollowUps(db, [later, soon]);
    expect((await deskFollowUps(db, NOW)).map((f) => f.what)).toEqual(['soon', 'later']);

    await markFollowUp(db, soon, 'moved', hoursFrom(72), NOW);
    const shown = await deskFollowUps(db, NOW);
    expect(shown.map((f) => [f.what, f.state, f.due])).toEqual([
      ['later', 'open', 'upcoming'],
      ['soon', 'moved', 'upcoming'],
    ]);
    const entries = await db.outbox.toArray();
    expect(
      entries.map((e) => [e.type, (e.payload as { mark: string; movedTo?: string }).mark, (e.payload as { movedTo?: string }).movedTo]),
    ).toEqual([['followUp.mark@1', 'moved', hoursFrom(72)]]);
  });
});
