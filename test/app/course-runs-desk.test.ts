import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { InloopDatabase, type LocalCourseRun } from '../../src/app/db/database';
import { countPending, pendingEntries } from '../../src/app/db/outbox';
import { pullCourseRuns, storeCourseRuns } from '../../src/app/courses/course-run-sync';
import { addParticipant, endParticipation, markAttendance, saveAssessment } from '../../src/app/courses/course-run-records';
import { CHANGE_PAYLOAD_SCHEMAS } from '../../src/shared/change-payloads';
import { PARTICIPANT_CONSENT_VERSION, type CourseRunsResponse } from '../../src/shared/course-runs';
import { uuidv7 } from '../../src/shared/ids';

/**
 * A desk's course runs (src/app/courses/): the pulled copy, the volunteer's taps saved with
 * their outbox entries, and a pull that keeps what still waits and forgets what the server dropped.
 */
let n = 0;
const newDesk = () => new InloopDatabase(`course-runs-${++n}-${Date.now()}`);
const NOW = new Date('2026-12-03T12:00:00Z');

function run(overrides: Partial<LocalCourseRun> = {}): LocalCourseRun {
  return {
    id: uuidv7(),
    itemId: uuidv7(),
    title: 'Klik & Tik',
    theme: 'digital_skills',
    locationId: uuidv7(),
    sessions: [
      { id: uuidv7(), startsAt: '2026-11-02T09:00:00.000Z' },
      { id: uuidv7(), startsAt: '2026-11-09T09:00:00.000Z' },
    ],
    participants: [
      {
        id: uuidv7(),
        number: 1,
        display: { kind: 'name', value: 'Ans' },
        municipality: null,
        outcome: null,
        stopReason: null,
        present: [],
        assessed: [],
      },
    ],
    closed: false,
    ...overrides,
  };
}

const pulled = (runs: LocalCourseRun[]): CourseRunsResponse => ({ runs, interest: [] });

describe("a desk's course runs", () => {
  it('keeps the pulled runs and sends nothing for them', async () => {
    const db = newDesk();
    const r = run();
    await pullCourseRuns(db, 'token', async () => pulled([r]));
    expect(await db.courseRuns.toArray()).toEqual([{ ...r, interest: [] }]);
    expect(await countPending(db)).toBe(0);
  });

  it('saves a participant, an attendance tap, an end and a self-assessment with one valid outbox entry each', async () => {
    const db = newDesk();
    const r = run();
    await storeCourseRuns(db, [r]);
    const id = await addParticipant(db, r.id, { display: { kind: 'name', value: '  Fatima ' }, consentLanguage: 'ar' }, NOW);
    await markAttendance(db, r.id, id, r.sessions[0]!.id, true, NOW);
    await endParticipation(db, r.id, r.participants[0]!.id, { outcome: 'stopped', stopReason: 'too_hard' }, NOW);
    await saveAssessment(
      db,
      r,
      id,
      'start',
      'ar',
      [
        { statement: 'useDevice', score: 2 },
        { statement: 'sendEmail', score: 1 },
      ],
      NOW,
    );

    const [stored] = await db.courseRuns.toArray();
    const fatima = stored!.participants.find((p) => p.id === id)!;
    expect(fatima).toMatchObject({
      number: 0,
      display: { kind: 'name', value: 'Fatima' },
      present: [r.sessions[0]!.id],
      assessed: ['start'],
    });
    expect(stored!.participants[0]).toMatchObject({ outcome: 'stopped', stopReason: 'too_hard' });

    const entries = await pendingEntries(db);
    expect(
      entries.map((e) => [e.type, e.recordId === id || e.recordId === r.participants[0]!.id || e.type === 'courseAssessment.create@1']),
    ).toEqual([
      ['courseParticipant.add@1', true],
      ['courseAttendance.mark@1', true],
      ['courseParticipant.end@1', true],
      ['courseAssessment.create@1', true],
    ]);
    // Each payload is what the server's handler accepts.
    for (const e of entries)
      expect(CHANGE_PAYLOAD_SCHEMAS[e.type as keyof typeof CHANGE_PAYLOAD_SCHEMAS].safeParse(e.payload).success, e.type).toBe(true);
    expect(entries[0]!.payload).toMatchObject({ consent: true, consentVersion: PARTICIPANT_CONSENT_VERSION, consentLanguage: 'ar' });
    // The answers live in the outbox only: the run keeps that it was given, not the scores.
    expect(JSON.stringify(stored)).not.toContain('useDevice');
  });

  it('undoes a tap with a second entry, so the latest counts', async () => {
    const db = newDesk();
    const r = run();
    await storeCourseRuns(db, [r]);
    const ans = r.participants[0]!.id;
    await markAttendance(db, r.id, ans, r.sessions[1]!.id, true, NOW);
    await markAttendance(db, r.id, ans, r.sessions[1]!.id, false, new Date(NOW.getTime() + 1000));
    expect((await db.courseRuns.get(r.id))!.participants[0]!.present).toEqual([]);
    expect((await pendingEntries(db)).map((e) => (e.payload as { present: boolean }).present)).toEqual([true, false]);
  });

  it('refuses a bad change and saves nothing: no consent-less or empty participant, no stop without a reason', async () => {
    const db = newDesk();
    const r = run();
    await storeCourseRuns(db, [r]);
    await expect(addParticipant(db, r.id, { display: { kind: 'name', value: '   ' }, consentLanguage: 'nl' }, NOW)).rejects.toThrow();
    await expect(endParticipation(db, r.id, r.participants[0]!.id, { outcome: 'stopped' } as never, NOW)).rejects.toThrow();
    await expect(
      saveAssessment(db, r, r.participants[0]!.id, 'start', 'nl', [{ statement: 'loginDigid', score: 3 }], NOW),
    ).rejects.toThrow();
    await expect(markAttendance(db, uuidv7(), r.participants[0]!.id, r.sessions[0]!.id, true, NOW)).rejects.toThrow(
      /no longer on the tablet/,
    );
    expect(await countPending(db)).toBe(0);
    expect(await db.courseRuns.get(r.id)).toEqual({ ...r, interest: [] });
  });

  it('keeps its waiting changes over a pull that has not seen them, and takes the server’s copy once they are sent', async () => {
    const db = newDesk();
    const r = run();
    await storeCourseRuns(db, [r]);
    const id = await addParticipant(db, r.id, { display: { kind: 'number', value: 'K-7' }, consentLanguage: 'nl' }, NOW);
    await markAttendance(db, r.id, r.participants[0]!.id, r.sessions[0]!.id, true, NOW);

    // A round whose push failed: the server still has the old run.
    await storeCourseRuns(db, [r]);
    const stale = (await db.courseRuns.get(r.id))!;
    expect(stale.participants.map((p) => p.display?.value)).toEqual(['Ans', 'K-7']);
    expect(stale.participants[0]!.present).toEqual([r.sessions[0]!.id]);

    // Sent and acknowledged: the server numbered the participant; the pull shows its copy.
    await db.outbox.clear();
    const numbered = {
      ...r,
      participants: [
        { ...r.participants[0]!, present: [r.sessions[0]!.id] },
        {
          id,
          number: 2,
          display: { kind: 'number' as const, value: 'K-7' },
          municipality: null,
          outcome: null,
          stopReason: null,
          present: [],
          assessed: [],
        },
      ],
    };
    await storeCourseRuns(db, [numbered]);
    expect(await db.courseRuns.toArray()).toEqual([{ ...numbered, interest: [] }]);
  });

  it('forgets a run the server no longer sends (closed), and a name retention blanked', async () => {
    const db = newDesk();
    const kept = run();
    const closed = run();
    await storeCourseRuns(db, [kept, closed]);
    await storeCourseRuns(db, [{ ...kept, participants: [{ ...kept.participants[0]!, display: null }] }]);
    const all = await db.courseRuns.toArray();
    expect(all.map((x) => x.id)).toEqual([kept.id]);
    expect(JSON.stringify(all)).not.toContain('Ans');
  });

  it('turns kiosk interest into a participant in one step, offline, and the interest leaves every run of the course', async () => {
    const db = newDesk();
    const r = run();
    const again = run({ itemId: r.itemId });
    const other = run();
    const kiosk = { id: uuidv7(), itemId: r.itemId, firstName: 'Noor', createdAt: '2026-11-20T10:00:00.000Z' };
    const elsewhere = { id: uuidv7(), itemId: other.itemId, firstName: 'Piet', createdAt: '2026-11-21T10:00:00.000Z' };
    const response: CourseRunsResponse = { runs: [r, again, other], interest: [kiosk, elsewhere] };
    await pullCourseRuns(db, 'token', async () => response);
    const shown = async (id: string) => (await db.courseRuns.get(id))!.interest!.map((i) => i.firstName);
    expect(await shown(r.id)).toEqual(['Noor']);
    expect(await shown(again.id)).toEqual(['Noor']);
    expect(await shown(other.id)).toEqual(['Piet']);
    // Only the first name and when: the tablet holds nothing else of the visitor.
    expect(Object.keys((await db.courseRuns.get(r.id))!.interest![0]!).sort()).toEqual(['createdAt', 'firstName', 'id']);

    const id = await addParticipant(
      db,
      r.id,
      { display: { kind: 'name', value: 'Noor' }, consentLanguage: 'nl', fromInterestId: kiosk.id },
      NOW,
    );
    const [entry] = await pendingEntries(db);
    expect(entry).toMatchObject({ type: 'courseParticipant.add@1', recordId: id });
    expect(entry!.payload).toMatchObject({
      fromInterestId: kiosk.id,
      consentVersion: PARTICIPANT_CONSENT_VERSION,
      display: { value: 'Noor' },
    });
    expect(CHANGE_PAYLOAD_SCHEMAS['courseParticipant.add@1'].safeParse(entry!.payload).success).toBe(true);
    expect((await db.courseRuns.get(r.id))!.participants.map((p) => p.display?.value)).toEqual(['Ans', 'Noor']);
    expect(await shown(r.id)).toEqual([]);
    expect(await shown(again.id)).toEqual([]);
    expect(await shown(other.id)).toEqual(['Piet']);

    // A pull before the push arrived still lists the interest: it stays done on this desk.
    await pullCourseRuns(db, 'token', async () => response);
    expect(await shown(r.id)).toEqual([]);
    expect(await shown(again.id)).toEqual([]);
    expect(await countPending(db)).toBe(1);
  });
});
