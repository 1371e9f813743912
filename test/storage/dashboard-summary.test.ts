import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { countedFigures, figures, type Period } from '../../src/server/store/console/dashboard';
import { foldFigureDeltas } from '../../src/server/store/console/figure-summary';
import { correctVisit, resolveConflict, visitDetail } from '../../src/server/store/console/visits';
import { createUser } from '../../src/server/store/console/users';
import { setLocationMunicipalities } from '../../src/server/store/municipalities';
import { applyPush } from '../../src/server/store/push';
import { purgeExpiredData, retentionFromEnv } from '../../src/server/jobs/retention';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { uuidv7 } from '../../src/shared/ids';
import type { Visit, VisitInput } from '../../src/shared/visit';
import type { Scope } from '../../src/server/store/console/scope';
import { STORAGE_TARGETS } from '../helpers/databases';
import { ORG_A, ORG_B, ORG_B_LOCATION, PERIOD, buildFixture, type Fixture } from '../helpers/console-fixture';

/**
 * The dashboard is served from summary counts (migration 016) kept by triggers. Whatever
 * happens to the visits — pushes, desk edits, voids, coordinators' corrections and conflict
 * resolutions, retention — the figures must equal counting the rows again (countedFigures,
 * the query the dashboard used before), for every scope, filter and period, whether or not
 * the pending deltas have been folded into the counts yet.
 */
const PERIODS: Array<[string, Period]> = [
  ['a quarter from local midnight', PERIOD],
  ['hours to hours (partial first and last day)', { from: '2026-07-06T09:00:00.000Z', to: '2026-08-12T07:30:00.000Z' }],
  ['part of one day', { from: '2026-07-06T07:00:00.000Z', to: '2026-07-06T12:00:00.000Z' }],
  ['two years', { from: '2024-12-31T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' }],
  // Whole months (migration 017) with whole days before and after them from the day counts.
  ['whole months between partial months', { from: '2026-06-14T22:00:00.000Z', to: '2026-09-10T22:00:00.000Z' }],
  // One local month, 1 August 00:00 to 1 September 00:00 Dutch summer time.
  ['one whole month', { from: '2026-07-31T22:00:00.000Z', to: '2026-08-31T22:00:00.000Z' }],
  // Across the autumn clock change: October is 31 days and one hour long.
  ['whole months across the clock change', { from: '2026-09-30T22:00:00.000Z', to: '2026-11-30T23:00:00.000Z' }],
  // An hour after the first local midnight of a month: that month is not whole, its first day counted from the rows.
  ['from 01:00 on the first of a month', { from: '2026-06-30T23:00:00.000Z', to: '2026-10-01T10:00:00.000Z' }],
];

describe.each(STORAGE_TARGETS)('dashboard summary on $name', (target) => {
  let db: Database;
  let fx: Fixture;
  const push = async (desk: Fixture['deskA'], entries: Array<{ type: string; recordId: string; payload: unknown }>) => {
    const { rows } = await db.query<{ last_seq: string }>('SELECT last_seq FROM devices WHERE id = $1', [desk.device.id]);
    let seq = Number(rows[0]!.last_seq);
    const res = await applyPush(db, desk.device, {
      appVersion: 'test',
      entries: entries.map((e) => ({ seq: ++seq, createdAt: new Date().toISOString(), ...e })),
    } as never);
    expect(res.rejected).toEqual([]);
    expect(res.ack).toBe(seq);
  };
  const visit = (desk: Fixture['deskA'], startedAt: string, o: Partial<VisitInput>): VisitInput => ({
    id: uuidv7(new Date(startedAt).getTime()),
    deviceId: desk.device.id,
    locationId: desk.device.locationId,
    volunteerId: null,
    startedAt,
    durationSeconds: 900,
    channel: 'walk_in',
    questions: [
      {
        helpKind: 'digital_service',
        domain: 'digital_government',
        organisation: 'uwv',
        topic: 'benefits',
        actions: [],
        outcome: 'answered',
        referrals: [],
      },
    ],
    ...o,
  });

  /** Every scope, filter and period: summary figures equal the rows counted again. */
  async function expectFiguresFromRows(): Promise<number> {
    const cases: Array<[Scope, Partial<Period>]> = [
      [[ORG_A.id], {}],
      [[ORG_B.id], {}],
      [null, {}],
      [null, { organisation: ORG_A.id }],
      [[ORG_A.id], { location: DEMO_LOCATIONS[0].id }],
      [[ORG_A.id], { location: ORG_B_LOCATION.id }],
      [null, { municipality: 'GM0363' }],
      [[ORG_A.id], { municipality: 'not_asked' }],
    ];
    let checked = 0;
    for (const [, period] of PERIODS) {
      for (const [scope, filter] of cases) {
        const p = { ...period, ...filter };
        expect(await figures(db, scope, p), JSON.stringify({ scope, p })).toEqual(await countedFigures(db, scope, p));
        checked++;
      }
    }
    return checked;
  }

  /** The folded counts equal a recount from scratch (figure_rebuild). */
  async function expectCountsRebuildable(): Promise<void> {
    await foldFigureDeltas(db);
    const snapshot = async () =>
      (
        await db.query(
          `SELECT location_id, day::text, municipality, dim, key, n::int, warm::int FROM visit_figure_counts WHERE n <> 0 OR warm <> 0 ORDER BY 1, 2, 3, 4, 5`,
        )
      ).rows;
    const months = async () =>
      (
        await db.query(
          `SELECT location_id, month::text, municipality, dim, key, n::int, warm::int FROM visit_figure_months WHERE n <> 0 OR warm <> 0 ORDER BY 1, 2, 3, 4, 5`,
        )
      ).rows;
    const network = async () =>
      (
        await db.query(
          `SELECT 'day' AS level, day::text AS at, dim, key, n::int, warm::int FROM visit_figure_network_days WHERE n <> 0 OR warm <> 0
           UNION ALL
           SELECT 'month', month::text, dim, key, n::int, warm::int FROM visit_figure_network_months WHERE n <> 0 OR warm <> 0 ORDER BY 1, 2, 3, 4`,
        )
      ).rows;
    const kept = await snapshot();
    const keptMonths = await months();
    const keptNetwork = await network();
    expect(keptNetwork.length).toBeGreaterThan(0);
    await db.query('SELECT figure_rebuild()');
    expect(await snapshot()).toEqual(kept);
    expect(await months()).toEqual(keptMonths);
    expect(await network()).toEqual(keptNetwork);
  }

  beforeAll(async () => {
    db = await target.open();
    fx = await buildFixture(db);
    await setLocationMunicipalities(db, DEMO_LOCATIONS[0].id, [
      { code: 'GM0363', name: 'Amsterdam' },
      { code: 'GM0437', name: 'Ouder-Amstel' },
    ]);
  }, 60_000);
  afterAll(async () => db?.close());

  it('counts the fixture (pushes, a void, desk edits and conflicts) as the rows do, before and after folding', async () => {
    const pending = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_figure_deltas');
    expect(pending.rows[0]!.n).toBeGreaterThan(0);
    expect(await expectFiguresFromRows()).toBe(PERIODS.length * 8);
    expect((await figures(db, [ORG_A.id], PERIOD)).visits).toBe(11);
    await expectCountsRebuildable();
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_figure_deltas')).rows[0]!.n).toBe(0);
    await expectFiguresFromRows();
  });

  it('follows municipalities, late-evening visits, catalogue referrals and desk edits of time and municipality', async () => {
    // 23:50 Dutch summer time is the next day in UTC terms: it belongs to 9 July.
    const late = visit(fx.deskA, '2026-07-09T21:50:00.000Z', {
      municipality: 'GM0363',
      returning: false,
      questions: [
        {
          helpKind: 'referral',
          domain: 'digital_government',
          organisation: 'gemeente',
          topic: 'municipal',
          actions: [],
          outcome: 'referred',
          referrals: [
            { target: { kind: 'catalogue', itemId: uuidv7(), label: 'Klik & Tik' }, mode: 'warm' },
            { target: { kind: 'partner', organisation: 'uwv' }, mode: 'logged' },
          ],
        },
      ],
    });
    const moved = visit(fx.deskA, '2026-07-10T08:00:00.000Z', { municipality: 'GM0437', channel: 'appointment' });
    await push(
      fx.deskA,
      [late, moved].map((v) => ({ type: 'visit.create@1', recordId: v.id, payload: v })),
    );
    const c = await figures(db, [ORG_A.id], PERIOD);
    expect(c.perDay.find((d) => d.key === '2026-07-09')?.count).toBe(1);
    expect(c.referrals.find((r) => r.key === 'catalogue:Klik & Tik')).toEqual({ key: 'catalogue:Klik & Tik', warm: 1, logged: 0 });
    // The desk moves one visit to another day and municipality.
    await push(fx.deskA, [
      {
        type: 'visit.update@1',
        recordId: moved.id,
        payload: { visit: { ...moved, startedAt: '2026-07-11T08:00:00.000Z', municipality: 'GM0363' }, baseVersion: 1 },
      },
    ]);
    const after = await figures(db, [ORG_A.id], { ...PERIOD, municipality: 'GM0363' });
    expect(after.visits).toBe(2);
    expect(after.perDay.map((d) => d.key)).toEqual(['2026-07-09', '2026-07-11']);
    await expectFiguresFromRows();
    await expectCountsRebuildable();
  });

  it("follows coordinators' corrections (twice over), conflict resolutions and a void of a corrected visit", async () => {
    const user = await createUser(db, { email: 'summary@example.org', role: 'coordinator', organisationId: ORG_A.id });
    const id = fx.visitIdsA[4]!;
    const original = (await visitDetail(db, [ORG_A.id], id))!.original as Visit;
    expect(
      await correctVisit(
        db,
        id,
        user.id,
        {
          ...original,
          channel: 'phone',
          returning: null,
          questions: [{ ...original.questions[0]!, topic: 'tax_return', organisation: 'belastingdienst' }],
        },
        null,
      ),
    ).toBe('ok');
    await expectFiguresFromRows();
    expect(
      await correctVisit(
        db,
        id,
        user.id,
        {
          ...original,
          channel: 'online',
          questions: [
            {
              ...original.questions[0]!,
              topic: 'allowance',
              organisation: 'toeslagen',
              referrals: [{ target: { kind: 'text', text: 'Schuldhulp' }, mode: 'warm' }],
            },
            { ...original.questions[0]!, topic: 'course_info', domain: 'library', organisation: 'library', helpKind: 'skills_course' },
          ],
        },
        'tweede keer',
      ),
    ).toBe('ok');
    await expectFiguresFromRows();
    for (const [i, conflict] of fx.conflictIds.entries())
      await resolveConflict(db, [ORG_A.id], conflict, user.id, i === 0 ? 'take_proposed' : 'keep_current', null);
    await expectFiguresFromRows();
    const corrected = (await visitDetail(db, [ORG_A.id], id))!;
    await push(fx.deskA, [
      { type: 'visit.void@1', recordId: id, payload: { visitId: id, baseVersion: corrected.visit.version, reason: 'duplicate' } },
    ]);
    const c = await figures(db, [ORG_A.id], PERIOD);
    expect(c.visits).toBe(12);
    expect(c.channels.find((r) => r.key === 'online')).toBeUndefined();
    await expectFiguresFromRows();
    await expectCountsRebuildable();
  });

  it('keeps every figure through retention (notes blanked, visits and questions kept)', async () => {
    const before = await figures(db, null, PERIODS[3]![1]);
    const result = await purgeExpiredData(db, { ...retentionFromEnv({}), noteDays: 1 }, new Date('2027-06-01T00:00:00Z'));
    expect(result.notes).toBeGreaterThan(0);
    expect(await figures(db, null, PERIODS[3]![1])).toEqual(before);
    await expectFiguresFromRows();
    await expectCountsRebuildable();
  });

  it('counts visits either side of local midnight at the end of a month in their own local month, also across the clock change', async () => {
    // 23:50 on 31 July and 00:10 on 1 August Dutch summer time; 00:30 on 25 October (summer time) and 23:30 on 31 October (winter time).
    const julyLast = visit(fx.deskA2, '2026-07-31T21:50:00.000Z', { channel: 'phone' });
    const augustFirst = visit(fx.deskA2, '2026-07-31T22:10:00.000Z', { channel: 'online' });
    const clockChange = visit(fx.deskA2, '2026-10-24T22:30:00.000Z', {});
    const octoberLast = visit(fx.deskA2, '2026-10-31T22:30:00.000Z', {});
    await push(
      fx.deskA2,
      [julyLast, augustFirst, clockChange, octoberLast].map((v) => ({ type: 'visit.create@1', recordId: v.id, payload: v })),
    );
    const august = { from: '2026-07-31T22:00:00.000Z', to: '2026-08-31T22:00:00.000Z' };
    const before = await figures(db, [ORG_A.id], august);
    expect(before.perDay.find((d) => d.key === '2026-08-01')?.count).toBe(1);
    expect(before.perDay.find((d) => d.key === '2026-07-31')).toBeUndefined();
    await foldFigureDeltas(db);
    expect(await figures(db, [ORG_A.id], august)).toEqual(before);
    const october = await figures(db, [ORG_A.id], { from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z' });
    expect(october.perDay).toEqual([
      { key: '2026-10-25', count: 1 },
      { key: '2026-10-31', count: 1 },
    ]);
    expect(october.busyHours).toContainEqual({ weekday: 7, slot: 1, count: 1 });
    await expectFiguresFromRows();
    await expectCountsRebuildable();
  });
});
