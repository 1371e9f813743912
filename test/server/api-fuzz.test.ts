import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { uuidv7 } from '../../src/shared/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared/sync';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';
import { sampleCourse } from '../helpers/catalogue-items';
import { createUser } from '../../src/server/store/console/users';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { CSRF_HEADER } from '../../src/shared/console';

/**
 * Throws generated and mutated requests at every route the server documents and
 * checks that each gets a clear 4xx (or a 2xx for a valid one), never a 5xx, and that
 * a refused request changes nothing. New routes are covered as soon as they exist.
 */
const RUNS_PER_ROUTE = Number(process.env.INLOOP_FUZZ_RUNS ?? 2000);
/**
 * A fixed seed keeps CI repeatable: a run that fails fails again with the same
 * counterexample. Set INLOOP_FUZZ_SEED=random (or a number) to explore further.
 */
const SEED = process.env.INLOOP_FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.INLOOP_FUZZ_SEED ?? 20261125);

/** The documented routes, read once at collection time from a throwaway server's OpenAPI document. */
const ROUTES = await (async () => {
  const scratch = await openPglite();
  await migrate(scratch);
  const probe = await startTestServer(scratch);
  const doc = (await probe.app.inject({ method: 'GET', url: '/api/docs' })).json() as { paths: Record<string, Record<string, unknown>> };
  await probe.app.close();
  await scratch.close();
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
})();

let server: TestServer;
let db: Database;
let deskToken: string;
let validPush: unknown;
/** A signed-in network administrator, so console routes are fuzzed past their sign-in check too. */
let consoleAuth: { cookie: string; csrf: string };
const CONSOLE_PASSWORD = 'fuzzing is a long password';

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  server = await startTestServer(db);
  const desk = await server.enrol('desk');
  deskToken = desk.token;
  const visit = makeVisit(desk);
  await createUser(db, { email: 'fuzz-admin@example.org', role: 'admin', password: CONSOLE_PASSWORD });
  const signIn = await server.app.inject({ method: 'POST', url: '/api/console/session', payload: { email: 'fuzz-admin@example.org', password: CONSOLE_PASSWORD } });
  consoleAuth = { cookie: String(signIn.headers['set-cookie']).split(';')[0]!, csrf: signIn.json().csrfToken };
  validPush = { appVersion: 'fuzz', entries: [{ seq: 1, recordId: visit.id, type: 'visit.create@1', payload: visit, createdAt: new Date().toISOString() }] };
  // Test-only bookkeeping: a row-level trigger on every table counts changed rows, so that
  // "changed nothing" is one cheap read per request. The audit log and the count of wrong
  // passwords are left out: recording a refused attempt there is wanted.
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_log', 'sign_in_failures', 'schema_migrations') ORDER BY table_name`,
  );
  await db.query('CREATE TABLE fuzz_changes (n bigint NOT NULL)');
  await db.query('INSERT INTO fuzz_changes VALUES (0)');
  await db.query(`CREATE FUNCTION fuzz_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE fuzz_changes SET n = n + 1; RETURN NULL; END $$`);
  for (const { table_name } of rows) {
    // A signed-in request slides its session's expiry forward now and then, refused or not: wanted, so updates of sessions are left out.
    const events = table_name === 'sessions' ? 'INSERT OR DELETE' : 'INSERT OR UPDATE OR DELETE';
    await db.query(`CREATE TRIGGER fuzz_count AFTER ${events} ON "${table_name}" FOR EACH ROW EXECUTE FUNCTION fuzz_bump()`);
  }
});
afterAll(async () => {
  await server?.app.close();
  await db?.close();
});

async function fingerprint(): Promise<string> {
  return String((await db.query<{ n: number }>('SELECT n FROM fuzz_changes')).rows[0]!.n);
}

/** Strings and scalars that break naive servers; every one is also tried in every field of every valid body. */
const ODD_VALUES: unknown[] = [
  '', ' ', '\u0000', 'a\u0000b', '\u001b[31m', '\ud800', '😀'.repeat(100), 'x'.repeat(100_000), '-1', '1e309', 'NaN', '<script>alert(1)</script>', "' OR 1=1 --",
  0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, 1e308, true, false, null, [], {},
];

/** Values that break naive servers: wrong types, huge and odd strings, deep nesting, pollution keys. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ maxLength: 50 }),
  fc.constantFrom(...ODD_VALUES),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
  fc.integer({ min: 1, max: 3000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
);

/** Every path into a body: the root, each key, each array element, all the way down. */
function pathsOf(valid: unknown): string[][] {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    paths.push(path);
    if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
  };
  walk(valid, []);
  return paths;
}

/** A copy of a valid body with the value at one path replaced. */
function replaceAt(valid: unknown, path: string[], value: unknown, addUnknown = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(valid) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1)!] = value;
  if (addUnknown) copy['unexpected'] = value;
  return copy;
}

/** A valid body with one field, somewhere inside it, replaced by a nasty value. */
function mutate(valid: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(fc.constantFrom(...pathsOf(valid)), nasty, fc.boolean()).map(([path, value, addUnknown]) => replaceAt(valid, path, value, addUnknown));
}

type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; value: string | Buffer };
const rawBodies = fc.constantFrom<Body>(
  { kind: 'raw', value: '{"appVersion": "1", "entries": [' },
  { kind: 'raw', value: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }, // invalid UTF-8 inside a string
  { kind: 'raw', value: 'not json at all' },
  { kind: 'raw', value: '{"a":' + '"x"'.padEnd(3 * 1024 * 1024, ' ') + '}' }, // over the body limit
);

function bodies(valid: unknown): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 3, arbitrary: mutate(valid).map((value): Body => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: nasty.map((value): Body => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: rawBodies },
  );
}

async function documentedRoutes(): Promise<Array<{ method: string; path: string }>> {
  const doc = (await server.app.inject({ method: 'GET', url: '/api/docs' })).json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
}

const VALID_BODIES: Record<string, () => unknown> = {
  'POST /api/sync/push': () => validPush,
  'POST /api/devices/enrol': () => ({ code: 'ABCD-EFGH' }),
  'POST /api/console/session': () => ({ email: 'fuzz-admin@example.org', password: 'not the password' }),
  'POST /api/console/devices/codes': () => ({ locationId: DEMO_LOCATIONS[0].id, kind: 'desk' }),
  'POST /api/console/volunteers': () => ({ locationId: DEMO_LOCATIONS[0].id, displayName: 'Fuzz', pin: '1234' }),
  'POST /api/console/users': () => ({ email: 'new@example.org', role: 'coordinator', organisationId: DEMO_ORGANISATION.id }),
  'POST /api/console/catalogue/items': () => ({ item: sampleCourse({ id: '01900000-0000-7000-8000-00000000f022' }) }),
};

type Caller = 'none' | 'desk' | 'console';

/** Credentials as each caller sends them; the console's session routes never get the cookie, so no run signs it out. */
function credentials(caller: Caller, path: string): Record<string, string> {
  if (caller === 'desk') return { authorization: `Bearer ${deskToken}` };
  if (caller === 'console' && !path.startsWith('/api/console/session')) return { cookie: consoleAuth.cookie, [CSRF_HEADER]: consoleAuth.csrf };
  return {};
}

/** Sends one request and checks the promise of this file: a clear 4xx that changed nothing, or a success; never a 5xx. */
async function sendAndCheck(route: { method: string; path: string }, body: Body, q: Record<string, string>, param: string, caller: Caller): Promise<void> {
  const url = route.path.replace(/\{[^}]+\}|:[A-Za-z]+/g, encodeURIComponent(param)) + '?' + new URLSearchParams(q).toString();
  const before = await fingerprint();
  const response = await server.app.inject({
    method: route.method as 'GET',
    url,
    payload: route.method === 'GET' ? undefined : body.kind === 'json' ? JSON.stringify(body.value) ?? 'null' : body.value,
    headers: {
      'content-type': 'application/json',
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...credentials(caller, route.path),
    },
  });
  if (response.statusCode >= 500) throw new Error(`${route.method} ${url} → ${response.statusCode}: ${response.body.slice(0, 300)}\nbody: ${String(body.kind === 'json' ? JSON.stringify(body.value) : body.value).slice(0, 600)}`);
  if (response.statusCode >= 400) {
    const error = response.json() as { error?: unknown; message?: unknown };
    expect(typeof error.error).toBe('string');
    expect(typeof error.message).toBe('string');
    expect(await fingerprint()).toBe(before);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('every documented route refuses bad input clearly and never fails with 5xx', () => {
  it('documents the routes it serves', async () => {
    const routes = await documentedRoutes();
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /api/sync/push', 'GET /api/sync/catalogue', 'POST /api/devices/enrol']));
  });

  // Random search can miss one odd value in one field (a NUL in appVersion once slipped
  // through 2,000 runs), so every odd value also goes into every field, exhaustively.
  for (const [key, makeValid] of Object.entries(VALID_BODIES)) {
    it(`${key}: every odd value in every field`, { timeout: 600_000 }, async () => {
      const [method, path] = key.split(' ') as [string, string];
      const valid = makeValid();
      for (const fieldPath of pathsOf(valid)) {
        for (const value of ODD_VALUES) {
          await sendAndCheck({ method, path }, { kind: 'json', value: replaceAt(valid, fieldPath, value) }, {}, '', path.startsWith('/api/console') ? 'console' : 'desk');
        }
      }
    });
  }

  // One test per route, so a failure names its route; the list is read from the live OpenAPI document.
  for (const route of ROUTES) {
    it(`${route.method} ${route.path}: ${RUNS_PER_ROUTE} generated requests`, { timeout: 600_000 }, async () => {
      const valid = VALID_BODIES[`${route.method} ${route.path}`]?.() ?? { any: 'thing' };
      const query = fc.dictionary(fc.constantFrom('cursor', 'limit', 'since', 'from', 'to', 'q', 'id'), fc.oneof(fc.string(), fc.constantFrom('0', '-1', '99999999999999999999', 'null')), { maxKeys: 3 });
      const pathParam = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constant(uuidv7()));
      await fc.assert(
        fc.asyncProperty(bodies(valid), query, pathParam, fc.constantFrom<Caller>('none', 'desk', 'console'), (body, q, param, caller) => sendAndCheck(route, body, q, param, caller)),
        { numRuns: RUNS_PER_ROUTE, seed: SEED },
      );
    });
  }
});
