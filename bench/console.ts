import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openPostgres, type Database, type Queryable } from '../src/server/store/database';
import { migrate } from '../src/server/store/migrate';
import { seedDemoIfEmpty } from '../src/server/seed/demo';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../src/server/seed/demo-ids';
import { createLocation, createOrganisation } from '../src/server/store/organisations';
import { countedFigures, figures } from '../src/server/store/console/dashboard';
import { foldFigureDeltas } from '../src/server/store/console/figure-summary';
import { uuidv7 } from '../src/shared/ids';
import { listVisits } from '../src/server/store/console/visits';
import { LOADED_MACHINE, type Benchmark, type Figure } from './types';

/**
 * The coordinator console on a million synthetic visits (PostgreSQL): the visit log's
 * first page, a deep page, a filtered page and the dashboard figures of a quarter,
 * each beside a plain baseline measured in the same run on the same data.
 * Needs INLOOP_BENCH_DATABASE_URL or INLOOP_TEST_DATABASE_URL (a role that may create databases).
 */
const VISITS = Number(process.env.INLOOP_BENCH_VISITS ?? 1_000_000);
const NATIONAL_VISITS = 3 * VISITS;
const REPEATS = 5;
const ORG_B = '01900000-0000-7000-8000-0000000000b1';
const LOC_B = '01900000-0000-7000-8000-0000000000b2';

export async function freshDatabase(): Promise<Database> {
  const url = process.env.INLOOP_BENCH_DATABASE_URL ?? process.env.INLOOP_TEST_DATABASE_URL;
  if (!url) throw new Error('The console benchmark needs PostgreSQL: set INLOOP_BENCH_DATABASE_URL (or INLOOP_TEST_DATABASE_URL).');
  const name = `inloop_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const db = await openPostgres(dbUrl.toString());
  return {
    ...db,
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Visits first..last (device_seq = i) spread over the devices of the given locations, at
 * minutes over the last two years, with 1 or 2 questions each; one transaction per batch.
 */
async function addVisits(db: Database, first: number, last: number, locationIds: string[]): Promise<void> {
  const batch = 100_000;
  for (let start = first; start <= last; start += batch) {
    const end = Math.min(last, start + batch - 1);
    await db.transaction(async (tx) => {
      await tx.query(
        `CREATE TEMP TABLE fill_batch ON COMMIT DROP AS
         WITH d AS (SELECT id, location_id, row_number() OVER (ORDER BY location_id) - 1 AS k FROM devices WHERE location_id = ANY($3::uuid[]))
         SELECT gen_random_uuid() AS id, d.id AS device_id, d.location_id, g.i
           FROM generate_series($1::int, $2::int) AS g(i) JOIN d ON d.k = g.i % cardinality($3::uuid[])`,
        [start, end, locationIds],
      );
      await tx.query(
        `INSERT INTO visits (id, device_id, location_id, started_at, duration_seconds, channel, returning_visitor, note, device_seq, payload)
         SELECT b.id, b.device_id, b.location_id,
                date_trunc('minute', now() - make_interval(mins => ((b.i::bigint * 7919) % (730 * 24 * 60))::int)),
                300 + (b.i * 37) % 3300,
                (ARRAY['walk_in','appointment','phone','online'])[1 + b.i % 4],
                CASE b.i % 3 WHEN 0 THEN true WHEN 1 THEN false END,
                CASE WHEN b.i % 10 = 0 THEN (ARRAY['DigiD wachtwoord vergeten','Aangifte samen ingevuld','Toeslag aangevraagd','Afspraak bij gemeente gemaakt'])[1 + (b.i / 10) % 4] END,
                b.i, '{}'::jsonb
           FROM fill_batch b`,
      );
      await tx.query(
        `INSERT INTO visit_questions (visit_id, position, help_kind, domain, organisation, topic, actions, outcome, referrals)
         SELECT b.id, p.position,
                (ARRAY['digital_service','skills_course','digital_society','provider_info','referral'])[1 + (b.i + p.position) % 5],
                'digital_government',
                (ARRAY['logius','belastingdienst','toeslagen','uwv','gemeente','svb'])[1 + (b.i + p.position) % 6],
                (ARRAY['digid','tax_return','allowance','benefits','municipal','pension','banking','course_info'])[1 + (b.i * 3 + p.position) % 8],
                '{}', (ARRAY['answered','partly','referred','follow_up'])[1 + (b.i + p.position) % 4],
                CASE WHEN (b.i + p.position) % 4 = 2 THEN '[{"target":{"kind":"partner","organisation":"belastingdienst"},"mode":"warm"}]'::jsonb ELSE '[]'::jsonb END
           FROM fill_batch b CROSS JOIN LATERAL (SELECT generate_series(0, CASE WHEN b.i % 10 < 3 THEN 1 ELSE 0 END) AS position) p`,
      );
    });
  }
}

async function addDevices(db: Database, locationIds: string[], tag: string): Promise<void> {
  for (const [i, loc] of locationIds.entries()) {
    await db.query(`INSERT INTO devices (id, location_id, kind, token_hash) VALUES (gen_random_uuid(), $1, 'desk', $2)`, [
      loc,
      `bench-${tag}-${i}`,
    ]);
  }
}

/** Synthetic visits over two years at four branches (three of the demo library, one of another); the summary folded. */
export async function fill(db: Database): Promise<void> {
  await migrate(db);
  await seedDemoIfEmpty(db);
  await createOrganisation(db, { id: ORG_B, name: 'Bibliotheek Anderstad' });
  await createLocation(db, { id: LOC_B, organisationId: ORG_B, name: 'Anderstad Centrum' });
  const locations = [...DEMO_LOCATIONS.map((l) => l.id), LOC_B];
  await addDevices(db, locations, 'a');
  await addVisits(db, 0, VISITS - 1, locations);
  await foldFigureDeltas(db);
  await db.query('ANALYZE');
}

/**
 * The rest of a national network: NATIONAL_VISITS in all, the visits beyond the first
 * VISITS at 16 more branches of four more library organisations.
 */
async function fillNational(db: Database): Promise<void> {
  const locations: string[] = [];
  for (let o = 0; o < 4; o++) {
    const org = uuidv7();
    await createOrganisation(db, { id: org, name: `Bibliotheek Regio ${o + 1}` });
    for (let l = 0; l < 4; l++) {
      const id = uuidv7();
      await createLocation(db, { id, organisationId: org, name: `Regio ${o + 1} vestiging ${l + 1}` });
      locations.push(id);
    }
  }
  await addDevices(db, locations, 'n');
  await addVisits(db, VISITS, NATIONAL_VISITS - 1, locations);
  await foldFigureDeltas(db);
  await db.query('ANALYZE');
}

async function median(fn: () => Promise<unknown>, repeats = REPEATS): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** Runs fn in a transaction where the planner may not use indexes: the plain scan-and-sort baseline. */
function withoutIndexes<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_indexscan = off');
    await tx.query('SET LOCAL enable_bitmapscan = off');
    await tx.query('SET LOCAL enable_indexonlyscan = off');
    return fn(tx);
  });
}

export const consoleBenchmark: Benchmark = {
  name: 'console',
  title: 'Coordinator console: visit log and dashboard',
  dataSize: `${VISITS.toLocaleString('en')} synthetic visits over two years at four branches of two organisations, 1.3 questions each; for the national year ${(NATIONAL_VISITS - VISITS).toLocaleString('en')} more at 16 branches of four more organisations (${NATIONAL_VISITS.toLocaleString('en')} in all) (PostgreSQL)`,
  baseline:
    "log pages and note search: the same SQL with index scans switched off (a plain scan and sort, as without the console's indexes); " +
    "deep page: a naive OFFSET query instead of the keyset cursor; dashboard: the dashboard's query before issue 18 (countedFigures: every visit and question of the period counted in SQL, with the console's indexes), against the summary counts of migrations 016 (days) and 017 (whole months, and the whole network's days and months for the national year) (pending deltas folded first; the national year's baseline is timed once after one warm-up run).",
  aims: [
    {
      figure: "dashboard figures, one organisation's quarter",
      atMost: 50,
      says: "issue 18: one organisation's quarter at most 50 ms at 1,000,000 visits",
      ifMissed: `Cause: the quarter's whole months are read from the month counts (migration 017), its edge days from the day counts and its edge hours from the rows. Next step: see which part the time goes to (EXPLAIN ANALYZE of each). ${LOADED_MACHINE}`,
    },
    {
      figure: 'dashboard figures, national year',
      atMost: 200,
      says: 'issue 18: a national year at most 200 ms at 3,000,000 visits',
      ifMissed: `Cause: an unfiltered national year reads the whole network's month counts for its whole months and the network's day counts for the partial months at either end (migration 017), a few thousand rows that PostgreSQL sums in 5–15 ms; each of its three parts also scans the deltas not yet folded, so a deltas table holding many rows (or, before it is vacuumed, the dead rows of a large fold: 327 ms on 4 December, before the vacuum after large folds) costs every read. Next step: EXPLAIN ANALYZE of each part, and the deltas' size when it ran. ${LOADED_MACHINE}`,
    },
  ],
  async run() {
    const db = await freshDatabase();
    try {
      const t0 = performance.now();
      await fill(db);
      console.log(`  filled in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      const scope = [DEMO_ORGANISATION.id];
      const quarterTo = new Date();
      const quarterFrom = new Date(quarterTo.getTime() - 91 * 86400_000);
      const period = { from: quarterFrom.toISOString(), to: quarterTo.toISOString() };
      const filter = { topic: 'digid' as const, channel: 'walk_in' as const, ...period };
      const out: Figure[] = [];
      const both = async (
        figure: string,
        inloop: (tx: Queryable) => Promise<unknown>,
        baseline: (tx: Queryable) => Promise<unknown>,
        baselineIndexes = false,
      ) => {
        const a = await median(() => inloop(db));
        const b = await median(() => (baselineIndexes ? db.transaction(baseline) : withoutIndexes(db, baseline)));
        out.push({ figure, inloop: a, baseline: b, unit: 'ms' });
        console.log(`  ${figure}: ${a.toFixed(1)} ms vs ${b.toFixed(1)} ms`);
      };
      await both(
        'visit log, first page (50)',
        (tx) => listVisits(tx, scope, {}, { limit: 50 }),
        (tx) => listVisits(tx, scope, {}, { limit: 50 }),
      );
      // The cursor after page 1,000 (or halfway, for small runs), found once; the baseline pages there with OFFSET.
      const deep = Math.min(49_950, Math.floor((VISITS * 0.75) / 100) * 50);
      const { rows } = await db.query<{ started_key: string; id: string }>(
        `SELECT v.started_at::text AS started_key, v.id FROM visits v JOIN locations l ON l.id = v.location_id WHERE l.organisation_id = $1 ORDER BY v.started_at DESC, v.id DESC OFFSET $2 LIMIT 1`,
        [DEMO_ORGANISATION.id, deep - 1],
      );
      const cursor = Buffer.from(`${rows[0]!.started_key}|${rows[0]!.id}`).toString('base64url');
      await both(
        `visit log, page ${(deep / 50 + 1).toLocaleString('en')} (keyset vs OFFSET)`,
        (tx) => listVisits(tx, scope, {}, { cursor, limit: 50 }),
        (tx) =>
          tx.query(
            `SELECT v.id, v.started_at, v.channel, v.note FROM visits v JOIN locations l ON l.id = v.location_id
              WHERE l.organisation_id = $1 ORDER BY v.started_at DESC, v.id DESC OFFSET $2 LIMIT 50`,
            [DEMO_ORGANISATION.id, deep],
          ),
        true,
      );
      await both(
        'visit log, filtered page (topic, channel, quarter)',
        (tx) => listVisits(tx, scope, filter, { limit: 50 }),
        (tx) => listVisits(tx, scope, filter, { limit: 50 }),
      );
      await both(
        'visit log, note search',
        (tx) => listVisits(tx, scope, { q: 'wachtwoord' }, { limit: 50 }),
        (tx) => listVisits(tx, scope, { q: 'wachtwoord' }, { limit: 50 }),
      );
      // Whole local days (midnight to midnight), as the console asks for a period.
      const wholeDays = async (days: number) => {
        const { rows: r } = await db.query<{ from: Date; to: Date }>(
          `SELECT ((date_trunc('day', now() AT TIME ZONE 'Europe/Amsterdam') - make_interval(days => $1)) AT TIME ZONE 'Europe/Amsterdam') AS "from",
                  (date_trunc('day', now() AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'Europe/Amsterdam') AS "to"`,
          [days],
        );
        return { from: new Date(r[0]!.from).toISOString(), to: new Date(r[0]!.to).toISOString() };
      };
      const quarter = await wholeDays(91);
      await both(
        `dashboard figures, one organisation's quarter at ${VISITS.toLocaleString('en')} visits`,
        (q) => figures(q, scope, quarter),
        (tx) => countedFigures(tx, scope, quarter),
        true,
      );
      // A period that does not start at midnight: its first and last hours are counted from the rows.
      await both(
        `dashboard figures, the same quarter from now back to this hour 91 days ago (partial first and last day)`,
        (q) => figures(q, scope, period),
        (tx) => countedFigures(tx, scope, period),
        true,
      );
      const t1 = performance.now();
      await fillNational(db);
      console.log(`  national fill in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
      const national = await wholeDays(365);
      const nationalFigures = await figures(db, null, national);
      const a = await median(() => figures(db, null, national));
      const b = await median(() => countedFigures(db, null, national), 1);
      out.push({
        figure: `dashboard figures, national year at ${NATIONAL_VISITS.toLocaleString('en')} visits (${nationalFigures.visits.toLocaleString('en')} in the year)`,
        inloop: a,
        baseline: b,
        unit: 'ms',
      });
      console.log(`  national year: ${a.toFixed(1)} ms vs ${b.toFixed(1)} ms`);
      const { rows: version } = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
      return { figures: out, environment: `PostgreSQL ${version[0]!.v}, Node ${process.version}` };
    } finally {
      await db.close();
    }
  },
};
