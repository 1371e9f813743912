import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openPostgres, type Database, type Queryable } from '../src/server/store/database';
import { migrate } from '../src/server/store/migrate';
import { seedDemoIfEmpty } from '../src/server/seed/demo';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../src/server/seed/demo-ids';
import { createLocation, createOrganisation } from '../src/server/store/organisations';
import { figures } from '../src/server/store/console/dashboard';
import { listVisits } from '../src/server/store/console/visits';
import type { Benchmark, Figure } from './types';

/**
 * The coordinator console on a million synthetic visits (PostgreSQL): the visit log's
 * first page, a deep page, a filtered page and the dashboard figures of a quarter,
 * each beside a plain baseline measured in the same run on the same data.
 * Needs INLOOP_BENCH_DATABASE_URL or INLOOP_TEST_DATABASE_URL (a role that may create databases).
 */
const VISITS = Number(process.env.INLOOP_BENCH_VISITS ?? 1_000_000);
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

/** Synthetic visits over two years at four branches (three of the demo library, one of another), in batches. */
export async function fill(db: Database): Promise<void> {
  await migrate(db);
  await seedDemoIfEmpty(db);
  await createOrganisation(db, { id: ORG_B, name: 'Bibliotheek Anderstad' });
  await createLocation(db, { id: LOC_B, organisationId: ORG_B, name: 'Anderstad Centrum' });
  const locations = [...DEMO_LOCATIONS.map((l) => l.id), LOC_B];
  for (const [i, loc] of locations.entries()) {
    await db.query(`INSERT INTO devices (id, location_id, kind, token_hash) VALUES (gen_random_uuid(), $1, 'desk', $2)`, [loc, `bench-${i}`]);
  }
  const batch = 100_000;
  for (let start = 0; start < VISITS; start += batch) {
    const n = Math.min(batch, VISITS - start);
    await db.query(
      `WITH d AS (SELECT id, location_id, row_number() OVER (ORDER BY location_id) - 1 AS k FROM devices),
            g AS (SELECT i, gen_random_uuid() AS id FROM generate_series($1::int, $2::int) AS i)
       INSERT INTO visits (id, device_id, location_id, started_at, duration_seconds, channel, returning_visitor, note, device_seq, payload)
       SELECT g.id, d.id, d.location_id,
              date_trunc('minute', now() - make_interval(mins => ((g.i::bigint * 7919) % (730 * 24 * 60))::int)),
              300 + (g.i * 37) % 3300,
              (ARRAY['walk_in','appointment','phone','online'])[1 + g.i % 4],
              CASE g.i % 3 WHEN 0 THEN true WHEN 1 THEN false END,
              CASE WHEN g.i % 10 = 0 THEN (ARRAY['DigiD wachtwoord vergeten','Aangifte samen ingevuld','Toeslag aangevraagd','Afspraak bij gemeente gemaakt'])[1 + (g.i / 10) % 4] END,
              g.i, '{}'::jsonb
         FROM g JOIN d ON d.k = g.i % 4`,
      [start, start + n - 1],
    );
  }
  await db.query(
    `INSERT INTO visit_questions (visit_id, position, help_kind, domain, organisation, topic, actions, outcome, referrals)
     SELECT v.id, p.position,
            (ARRAY['digital_service','skills_course','digital_society','provider_info','referral'])[1 + (v.device_seq + p.position) % 5],
            'digital_government',
            (ARRAY['logius','belastingdienst','toeslagen','uwv','gemeente','svb'])[1 + (v.device_seq + p.position) % 6],
            (ARRAY['digid','tax_return','allowance','benefits','municipal','pension','banking','course_info'])[1 + (v.device_seq * 3 + p.position) % 8],
            '{}', (ARRAY['answered','partly','referred','follow_up'])[1 + (v.device_seq + p.position) % 4],
            CASE WHEN (v.device_seq + p.position) % 4 = 2 THEN '[{"target":{"kind":"partner","organisation":"belastingdienst"},"mode":"warm"}]'::jsonb ELSE '[]'::jsonb END
       FROM visits v CROSS JOIN LATERAL (SELECT generate_series(0, CASE WHEN v.device_seq % 10 < 3 THEN 1 ELSE 0 END) AS position) p`,
  );
  await db.query('ANALYZE');
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
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

/** The plain way to the dashboard: read every visit and question of the quarter and count in Node. */
async function naiveFigures(tx: Queryable, period: { from: string; to: string }) {
  const { rows } = await tx.query<{ started_at: Date; channel: string; returning_visitor: boolean | null; location: string; help_kind: string; organisation: string; topic: string; outcome: string; referrals: Array<{ mode: string }> }>(
    `SELECT v.started_at, v.channel, v.returning_visitor, l.name AS location, q.help_kind, q.organisation, q.topic, q.outcome, q.referrals
       FROM visits v JOIN locations l ON l.id = v.location_id JOIN visit_questions q ON q.visit_id = v.id
      WHERE l.organisation_id = $1 AND v.voided_at IS NULL AND v.started_at >= $2 AND v.started_at < $3`,
    [DEMO_ORGANISATION.id, period.from, period.to],
  );
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const maps = Array.from({ length: 9 }, () => new Map<string, number>());
  for (const r of rows) {
    const d = new Date(r.started_at);
    count(maps[0]!, d.toISOString().slice(0, 10));
    count(maps[1]!, r.help_kind);
    count(maps[2]!, r.organisation);
    count(maps[3]!, r.topic);
    count(maps[4]!, r.outcome);
    count(maps[5]!, r.channel);
    count(maps[6]!, `${d.getUTCDay()}-${d.getUTCHours() * 2 + (d.getUTCMinutes() >= 30 ? 1 : 0)}`);
    count(maps[7]!, r.location);
    for (const ref of r.referrals) count(maps[8]!, ref.mode);
  }
  return maps;
}

export const consoleBenchmark: Benchmark = {
  name: 'console',
  title: 'Coordinator console: visit log and dashboard',
  dataSize: `${VISITS.toLocaleString('en')} synthetic visits over two years at four branches of two organisations, 1.3 questions each (PostgreSQL)`,
  baseline:
    'log pages and note search: the same SQL with index scans switched off (a plain scan and sort, as without the console\'s indexes); ' +
    'deep page: a naive OFFSET query instead of the keyset cursor; dashboard: every visit and question of the quarter read into Node and counted there.',
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
      const both = async (figure: string, inloop: (tx: Queryable) => Promise<unknown>, baseline: (tx: Queryable) => Promise<unknown>, baselineIndexes = false) => {
        const a = await median(() => inloop(db));
        const b = await median(() => (baselineIndexes ? db.transaction(baseline) : withoutIndexes(db, baseline)));
        out.push({ figure, inloop: a, baseline: b, unit: 'ms' });
        console.log(`  ${figure}: ${a.toFixed(1)} ms vs ${b.toFixed(1)} ms`);
      };
      await both('visit log, first page (50)', (tx) => listVisits(tx, scope, {}, { limit: 50 }), (tx) => listVisits(tx, scope, {}, { limit: 50 }));
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
      await both('visit log, filtered page (topic, channel, quarter)', (tx) => listVisits(tx, scope, filter, { limit: 50 }), (tx) => listVisits(tx, scope, filter, { limit: 50 }));
      await both('visit log, note search', (tx) => listVisits(tx, scope, { q: 'wachtwoord' }, { limit: 50 }), (tx) => listVisits(tx, scope, { q: 'wachtwoord' }, { limit: 50 }));
      await both('dashboard figures, one quarter', (q) => figures(q, scope, period), (tx) => naiveFigures(tx, period), true);
      const { rows: version } = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
      return { figures: out, environment: `PostgreSQL ${version[0]!.v}, Node ${process.version}` };
    } finally {
      await db.close();
    }
  },
};
