import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { dashboard, idoSummary } from '../../src/server/store/console/dashboard';
import { correctVisit, listConflicts, listVisits, resolveConflict, reviewVisit, visitDetail } from '../../src/server/store/console/visits';
import { createUser } from '../../src/server/store/console/users';
import { authenticateDevice, createEnrolmentCode, enrolDevice } from '../../src/server/store/devices';
import { applyPush } from '../../src/server/store/push';
import { createVolunteer } from '../../src/server/store/volunteers';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { uuidv7 } from '../../src/shared/ids';
import type { Visit } from '../../src/shared/visit';
import { STORAGE_TARGETS } from '../helpers/databases';
import { ORG_A, ORG_B, ORG_B_LOCATION, PERIOD, buildFixture, type Fixture } from '../helpers/console-fixture';

const sorted = (rows: Array<{ key: string; count: number }>) => Object.fromEntries(rows.map((r) => [r.key, r.count]));
/** Counts of several reports added up key by key. */
const summed = (lists: Array<Array<{ key: string; count: number }>>) => {
  const total: Record<string, number> = {};
  for (const row of lists.flat()) total[row.key] = (total[row.key] ?? 0) + row.count;
  return total;
};
const COUNTED = ['perDay', 'perWeek', 'helpKinds', 'organisations', 'topics', 'outcomes', 'channels', 'locations'] as const;

describe.each(STORAGE_TARGETS)('console figures on $name', (target) => {
  let db: Database;
  let fx: Fixture;
  beforeAll(async () => {
    db = await target.open();
    fx = await buildFixture(db);
  }, 60_000);
  afterAll(async () => db?.close());

  it("counts every dashboard figure of a coordinator's organisation as constructed, voided visits left out", async () => {
    const d = await dashboard(db, [ORG_A.id], PERIOD);
    const c = d.current;
    expect(c.visits).toBe(11);
    expect(c.questions).toBe(14);
    expect(sorted(c.perDay)).toEqual({ '2026-07-06': 6, '2026-07-07': 3, '2026-08-12': 2 });
    expect(sorted(c.perWeek)).toEqual({ '2026-W28': 9, '2026-W33': 2 });
    expect(sorted(c.helpKinds)).toEqual({ digital_service: 9, skills_course: 3, referral: 2 });
    expect(sorted(c.organisations)).toEqual({ logius: 6, belastingdienst: 3, library: 3, toeslagen: 2 });
    expect(sorted(c.topics)).toEqual({ digid: 6, tax_return: 3, course_info: 3, allowance: 2 });
    expect(sorted(c.outcomes)).toEqual({ answered: 9, referred: 5 });
    expect(sorted(c.channels)).toEqual({ walk_in: 6, appointment: 3, phone: 2 });
    expect(c.referrals).toEqual([
      { key: 'belastingdienst', warm: 3, logged: 0 },
      { key: 'text', warm: 0, logged: 2 },
    ]);
    expect(c.busyHours).toEqual([
      { weekday: 1, slot: 20, count: 6 },
      { weekday: 2, slot: 29, count: 3 },
      { weekday: 3, slot: 18, count: 2 },
    ]);
    expect(c.returning).toEqual({ returning: 2, firstTime: 4, unknown: 5 });
    expect(sorted(c.locations)).toEqual({ 'Centrale Bibliotheek (demo)': 9, 'Wijkbibliotheek Noord (demo)': 2 });
    expect(d.previous.visits).toBe(4);
    expect(d.lastYear.visits).toBe(5);
  });

  it('narrows to one location, and gives the network administrator every organisation', async () => {
    const one = await dashboard(db, [ORG_A.id], { ...PERIOD, location: fx.deskA2.device.locationId });
    expect(one.current.visits).toBe(2);
    const all = await dashboard(db, null, PERIOD);
    expect(all.current.visits).toBe(18);
    expect(sorted(all.current.channels).online).toBe(7);
    const b = await dashboard(db, [ORG_B.id], PERIOD);
    expect(b.current.visits).toBe(7);
  });

  it("gives the network administrator one organisation's figures: the sum of its locations, none of another organisation's", async () => {
    const orgA = await dashboard(db, null, { ...PERIOD, organisation: ORG_A.id });
    const perLocation = await Promise.all(DEMO_LOCATIONS.map((l) => dashboard(db, null, { ...PERIOD, location: l.id })));
    for (const part of ['current', 'previous', 'lastYear'] as const) {
      expect(orgA[part].visits, part).toBe(perLocation.reduce((n, d) => n + d[part].visits, 0));
      expect(orgA[part].questions, part).toBe(perLocation.reduce((n, d) => n + d[part].questions, 0));
      for (const dim of COUNTED) expect(sorted(orgA[part][dim]), `${part} ${dim}`).toEqual(summed(perLocation.map((d) => d[part][dim])));
    }
    expect(orgA.current.visits).toBe(11);
    expect(orgA.previous.visits).toBe(4);
    expect(orgA.lastYear.visits).toBe(5);
    // B's online visits and B's branch stay out of A's report.
    expect(sorted(orgA.current.channels).online).toBeUndefined();
    expect(orgA.current.locations.map((l) => l.key)).not.toContain(ORG_B_LOCATION.name);
    // What A's coordinator sees of their own organisation, to the last figure.
    expect(orgA).toEqual(await dashboard(db, [ORG_A.id], PERIOD));

    const orgB = await dashboard(db, null, { ...PERIOD, organisation: ORG_B.id });
    expect(orgB.current.visits).toBe(7);
    expect(sorted(orgB.current.locations)).toEqual({ [ORG_B_LOCATION.name]: 7 });
    // A location of another organisation than the one named: nothing, not the location's figures.
    expect((await dashboard(db, null, { ...PERIOD, organisation: ORG_A.id, location: ORG_B_LOCATION.id })).current.visits).toBe(0);
    expect((await dashboard(db, null, { ...PERIOD, organisation: ORG_A.id, location: fx.deskA2.device.locationId })).current.visits).toBe(
      2,
    );
  });

  it('gives a coordinator who names another organisation nothing of it', async () => {
    const d = await dashboard(db, [ORG_A.id], { ...PERIOD, organisation: ORG_B.id });
    expect([d.current.visits, d.previous.visits, d.lastYear.visits]).toEqual([0, 0, 0]);
    expect(d.current.locations).toEqual([]);
    const s = await idoSummary(db, [ORG_A.id], { ...PERIOD, organisation: ORG_B.id });
    expect([s.visits, s.questions, s.channels]).toEqual([0, 0, []]);
    // Naming their own organisation changes nothing for them.
    expect(await dashboard(db, [ORG_A.id], { ...PERIOD, organisation: ORG_A.id })).toEqual(await dashboard(db, [ORG_A.id], PERIOD));
  });

  it('narrows the IDO summary to one organisation for the network administrator', async () => {
    const a = await idoSummary(db, null, { ...PERIOD, organisation: ORG_A.id });
    expect(a).toEqual(await idoSummary(db, [ORG_A.id], PERIOD));
    expect([a.visits, a.questions]).toEqual([11, 14]);
    const b = await idoSummary(db, null, { ...PERIOD, organisation: ORG_B.id });
    expect([b.visits, b.questions]).toEqual([7, 7]);
    expect(sorted(b.channels)).toEqual({ online: 7 });
    const all = await idoSummary(db, null, PERIOD);
    expect(all.visits).toBe(a.visits + b.visits);
  });

  it('lays out the IDO summary with the counts of the KB registration', async () => {
    const s = await idoSummary(db, [ORG_A.id], PERIOD);
    expect(s.visits).toBe(11);
    expect(s.questions).toBe(14);
    expect(sorted(s.domains)).toEqual({ digital_government: 11, library: 3 });
    expect(sorted(s.topics)).toEqual({ digid: 6, tax_return: 3, course_info: 3, allowance: 2 });
    expect(sorted(s.organisations)).toEqual({ logius: 6, belastingdienst: 3, library: 3, toeslagen: 2 });
    expect(sorted(s.helpKinds)).toEqual({ digital_service: 9, skills_course: 3, referral: 2 });
    expect(s.referrals).toEqual({
      questionsReferred: 5,
      warm: 3,
      logged: 2,
      targets: [
        { key: 'belastingdienst', count: 3 },
        { key: 'text', count: 2 },
      ],
    });
    expect(sorted(s.channels)).toEqual({ walk_in: 6, appointment: 3, phone: 2 });
    expect(s.durations).toEqual([
      { key: 'lt15', count: 6 },
      { key: '15to30', count: 2 },
      { key: '30to60', count: 3 },
      { key: 'gt60', count: 0 },
    ]);
  });

  it('pages the visit log with a keyset that neither skips nor repeats, within scope only', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listVisits(db, [ORG_A.id], {}, { cursor, limit: 4 });
      seen.push(...page.visits.map((v) => v.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    // 11 in the period + 4 previous + 5 last year + the voided one (shown in the log, never counted).
    expect(seen).toHaveLength(21);
    expect(new Set(seen).size).toBe(21);
    for (const id of fx.visitIdsB) expect(seen).not.toContain(id);
    expect(seen).toContain(fx.voidedId);
  });

  it('refuses a visit-log cursor it did not give out, changed by a character, as bad input (never a database error)', async () => {
    const { next } = await listVisits(db, [ORG_A.id], {}, { limit: 2 });
    const [startedAt, id] = Buffer.from(next!, 'base64url').toString('utf8').split('|') as [string, string];
    const forged = [
      `${startedAt}|${id.slice(0, 12)}${id.slice(13, 14)}-${id.slice(14)}`, // a dash moved: 36 hex-and-dash characters, no UUID
      `${startedAt.replace(/^(\d{4})-\d\d-\d\d/, '$1-02-30')}|${id}`, // a day February does not have
      `${startedAt.replace(/ \d\d:/, ' 25:')}|${id}`, // an hour past midnight
    ];
    for (const text of forged) {
      await expect(listVisits(db, [ORG_A.id], {}, { cursor: Buffer.from(text).toString('base64url'), limit: 2 })).rejects.toMatchObject({
        statusCode: 400,
        code: 'invalid_cursor',
      });
    }
    expect((await listVisits(db, [ORG_A.id], {}, { cursor: next!, limit: 2 })).visits).toHaveLength(2);
  });

  it('filters the visit log by every dimension and searches notes in Dutch', async () => {
    const count = async (filter: Parameters<typeof listVisits>[2]) =>
      (await listVisits(db, [ORG_A.id], { ...PERIOD, ...filter }, { limit: 200 })).visits.length;
    expect(await count({})).toBe(12);
    expect(await count({ topic: 'tax_return' })).toBe(3);
    expect(await count({ organisation: 'toeslagen' })).toBe(2);
    expect(await count({ helpKind: 'skills_course' })).toBe(3);
    expect(await count({ outcome: 'referred' })).toBe(5);
    expect(await count({ channel: 'phone' })).toBe(3);
    expect(await count({ referral: 'belastingdienst' })).toBe(3);
    expect(await count({ referral: 'text' })).toBe(2);
    expect(await count({ location: fx.deskA2.device.locationId })).toBe(3);
    expect(await count({ device: fx.deskA.device.id })).toBe(9);
    expect(await count({ review: ['received'] })).toBe(12);
    expect(await count({ q: 'wachtwoorden' })).toBe(1);
    expect(
      (await listVisits(db, [ORG_A.id], { topic: 'digid' }, { limit: 200 })).visits.every(
        (v) => v.locationName !== 'Bibliotheek Anderstad Centrum',
      ),
    ).toBe(true);
  });

  it("counts a coordinator's correction in the figures while the desk's record stays as it was", async () => {
    const user = await createUser(db, { email: 'coord@example.org', role: 'coordinator', organisationId: ORG_A.id });
    const id = fx.visitIdsA[5]!; // a Monday DigiD visit, walk-in
    const before = (await visitDetail(db, [ORG_A.id], id))!;
    const original = before.original as Visit;
    const corrected: Visit = {
      ...original,
      channel: 'phone',
      questions: [{ ...original.questions[0]!, topic: 'tax_return', organisation: 'belastingdienst' }],
    };
    expect(await correctVisit(db, id, user.id, { ...corrected, startedAt: '2026-07-06T09:00:00.000Z' }, null)).toBe('mismatch');
    expect(await correctVisit(db, id, user.id, corrected, 'onderwerp verbeterd')).toBe('ok');
    const c = (await dashboard(db, [ORG_A.id], PERIOD)).current;
    expect(c.visits).toBe(11);
    expect(sorted(c.topics)).toEqual({ digid: 5, tax_return: 4, course_info: 3, allowance: 2 });
    expect(sorted(c.channels)).toEqual({ walk_in: 5, appointment: 3, phone: 3 });
    const s = await idoSummary(db, [ORG_A.id], PERIOD);
    expect(sorted(s.organisations)).toEqual({ logius: 5, belastingdienst: 4, library: 3, toeslagen: 2 });
    const after = (await visitDetail(db, [ORG_A.id], id))!;
    expect((after.original as Visit).channel).toBe('walk_in');
    expect(after.visit).toMatchObject({ channel: 'phone', corrected: true, reviewState: 'edited' });
    expect(after.corrections).toHaveLength(1);
    // The log filters on what is reported.
    expect((await listVisits(db, [ORG_A.id], { ...PERIOD, topic: 'tax_return' }, { limit: 200 })).visits.map((v) => v.id)).toContain(id);
  });

  it('keeps review history and resolves conflicts within scope only', async () => {
    const user = await createUser(db, { email: 'coord2@example.org', role: 'coordinator', organisationId: ORG_A.id });
    await reviewVisit(db, fx.visitIdsA[0]!, user.id, 'has_issues', 'duur klopt niet');
    await reviewVisit(db, fx.visitIdsA[0]!, user.id, 'approved', null);
    const detail = (await visitDetail(db, [ORG_A.id], fx.visitIdsA[0]!))!;
    expect(detail.reviews.map((r) => r.state)).toEqual(['has_issues', 'approved']);
    expect(detail.visit.reviewState).toBe('approved');
    expect(await visitDetail(db, [ORG_B.id], fx.visitIdsA[0]!)).toBeUndefined();
    expect(await listConflicts(db, [ORG_B.id])).toEqual([]);
    const open = await listConflicts(db, [ORG_A.id]);
    expect(open).toHaveLength(2);
    expect(await resolveConflict(db, [ORG_B.id], open[0]!.id, user.id, 'take_proposed', null)).toBe(false);
    expect(await resolveConflict(db, [ORG_A.id], open[0]!.id, user.id, 'take_proposed', null)).toBe(true);
    expect(await resolveConflict(db, [ORG_A.id], open[1]!.id, user.id, 'keep_current', null)).toBe(true);
    expect(await listConflicts(db, [ORG_A.id])).toEqual([]);
    const taken = (await visitDetail(db, [ORG_A.id], open[0]!.visitId))!;
    expect(taken.visit).toMatchObject({ corrected: true, note: 'Tweede correctie' });
    expect(taken.original).toMatchObject({ note: 'Eerste correctie' });
  });

  it('filters the visit log by the volunteer who recorded it, alone and with the tablet, within scope only', async () => {
    // Runs last: its visits fall after the period, so the counts above never see them.
    const anna = await createVolunteer(db, { locationId: DEMO_LOCATIONS[0].id, displayName: 'Anna B.', pin: '2580', iterations: 1_000 });
    const karim = await createVolunteer(db, { locationId: DEMO_LOCATIONS[0].id, displayName: 'Karim E.', pin: '1357', iterations: 1_000 });
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' });
    const desk = (await authenticateDevice(db, (await enrolDevice(db, code))!.token))!;
    const recorded = (volunteerId: string, startedAt: string, by: { id: string; locationId: string } = desk) => {
      const id = uuidv7(new Date(startedAt).getTime());
      const payload = {
        id,
        deviceId: by.id,
        locationId: by.locationId,
        volunteerId,
        startedAt,
        durationSeconds: 600,
        channel: 'walk_in',
        questions: [
          { helpKind: 'digital_service', domain: 'digital_government', organisation: 'logius', topic: 'digid', outcome: 'answered' },
        ],
      };
      return { id, entry: { type: 'visit.create@1', recordId: id, payload } };
    };
    const push = async (device: typeof desk, visits: Array<ReturnType<typeof recorded>>) => {
      const { rows } = await db.query<{ last_seq: number }>('SELECT last_seq FROM devices WHERE id = $1', [device.id]);
      const entries = visits.map((v, i) => ({ seq: Number(rows[0]!.last_seq) + i + 1, createdAt: new Date().toISOString(), ...v.entry }));
      expect((await applyPush(db, device, { appVersion: 'test', entries } as never)).rejected).toEqual([]);
    };
    const byAnna = [
      recorded(anna.id, '2026-10-05T08:00:00.000Z'),
      recorded(anna.id, '2026-10-06T08:00:00.000Z'),
      recorded(anna.id, '2026-10-07T08:00:00.000Z'),
    ];
    const byKarim = [recorded(karim.id, '2026-10-05T09:00:00.000Z')];
    // Anna at the fixture's own desk as well: the tablet filter must narrow her visits, not just repeat them.
    const annaAtDeskA = recorded(anna.id, '2026-10-08T08:00:00.000Z', fx.deskA.device);
    await push(desk, [...byAnna, ...byKarim]);
    await push(fx.deskA.device, [annaAtDeskA]);

    const ids = async (scope: string[], filter: Parameters<typeof listVisits>[2]) =>
      (await listVisits(db, scope, filter, { limit: 200 })).visits.map((v) => v.id).sort();
    expect(await ids([ORG_A.id], { volunteer: anna.id })).toEqual([...byAnna, annaAtDeskA].map((v) => v.id).sort());
    expect(await ids([ORG_A.id], { volunteer: karim.id })).toEqual(byKarim.map((v) => v.id));
    expect(await ids([ORG_A.id], { volunteer: anna.id, device: desk.id })).toEqual(byAnna.map((v) => v.id).sort());
    expect(await ids([ORG_A.id], { volunteer: anna.id, device: fx.deskA.device.id })).toEqual([annaAtDeskA.id]);
    expect(await ids([ORG_A.id], { volunteer: karim.id, device: fx.deskA.device.id })).toEqual([]);
    expect(await ids([ORG_A.id], { device: desk.id })).toHaveLength(4);
    const row = (await listVisits(db, [ORG_A.id], { volunteer: karim.id })).visits[0]!;
    expect(row).toMatchObject({ volunteerId: karim.id, volunteerName: 'Karim E.' });
    // Another library's coordinator cannot reach these visits by naming the volunteer or the tablet.
    expect(await ids([ORG_B.id], { volunteer: anna.id })).toEqual([]);
    expect(await ids([ORG_B.id], { device: desk.id })).toEqual([]);
  });
});
