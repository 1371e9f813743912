import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { uuidv7 } from '../../src/shared/ids';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type ChangeType,
  type OutboxEntryWire,
  type PushRequest,
  type PushResponse,
} from '../../src/shared/sync';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeTally, makeVisit } from '../helpers/visits';
import { sampleCourse } from '../helpers/catalogue-items';
import { createUser } from '../../src/server/store/console/users';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { CSRF_HEADER } from '../../src/shared/console';
import { toCsv } from '../../src/server/catalogue/csv';
import { readCatalogue } from '../../src/server/store/catalogue-store';
import { DEMO_VOLUNTEERS } from '../../src/server/seed/demo-volunteers';
import type { Visit } from '../../src/shared/visit';
import { consoleParticipant, createRun, insertParticipant, listRuns } from '../../src/server/store/course-runs';
import { FUZZ_SEED, ODD_VALUES, countRowChanges, nasty, pathsOf, replaceAt, mutate } from '../helpers/fuzz';

/**
 * Throws generated and mutated requests at every route the server documents and
 * checks that each gets a clear 4xx (or a 2xx for a valid one), never a 5xx, and that
 * a refused request changes nothing. New routes are covered as soon as they exist.
 */
// 400 per route keeps the run within CI's time across ~80 routes (the odd values go into every field exhaustively besides);
// INLOOP_FUZZ_RUNS=5000 INLOOP_FUZZ_SEED=random explores further before a release.
const RUNS_PER_ROUTE = Number(process.env.INLOOP_FUZZ_RUNS ?? 400);

type Json = Record<string, any>;
/** A query, path or header parameter as the document declares it. */
interface DocumentedParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Json;
}

/** The documented routes with their parameters, read once at collection time from a throwaway server's OpenAPI document. */
const ROUTES = await (async () => {
  const scratch = await openPglite();
  await migrate(scratch);
  const probe = await startTestServer(scratch);
  const doc = (await probe.app.inject({ method: 'GET', url: '/api/docs' })).json() as Json;
  await probe.app.close();
  await scratch.close();
  const resolve = (p: Json) => (p.$ref ? doc.components.parameters[String(p.$ref).split('/').pop()!] : p) as DocumentedParameter;
  return Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: ((op.parameters ?? []) as Json[]).map(resolve),
    })),
  );
})();

/** The odd values that can travel in a query, a path or a header: strings. */
const ODD_STRINGS = [...new Set(ODD_VALUES.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))))];

/**
 * Values for one documented parameter: what its schema describes (its enum, its pattern, its
 * format, numbers around its bounds), since a value that looks right reaches furthest into the
 * route, and odd ones beside them.
 */
function valuesFor(parameter: DocumentedParameter): fc.Arbitrary<string> {
  const schema = parameter.schema ?? {};
  const fitting: Array<fc.Arbitrary<string>> = [];
  if (Array.isArray(schema.enum)) fitting.push(fc.constantFrom(...schema.enum.map(String)));
  if (schema.format === 'uuid') fitting.push(fc.uuid(), fc.constant(uuidv7()));
  else if (schema.format === 'date-time') fitting.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  else if (typeof schema.pattern === 'string') fitting.push(fc.stringMatching(new RegExp(schema.pattern)));
  if (schema.type === 'integer' || schema.type === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
    const max = typeof schema.maximum === 'number' && schema.maximum < 1e12 ? schema.maximum : 1e6;
    fitting.push(fc.integer({ min: min - 2, max: max + 2 }).map(String));
  }
  if (schema.type === 'boolean') fitting.push(fc.constantFrom('true', 'false', '1', '0'));
  return fc.oneof(
    ...fitting.map((arbitrary) => ({ weight: 3, arbitrary })),
    { weight: 1, arbitrary: fc.constantFrom(...ODD_STRINGS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  );
}

/** A query string from the route's documented parameters: some left out, some set, now and then one it does not know. */
function queriesFor(parameters: DocumentedParameter[]): fc.Arbitrary<Record<string, string>> {
  const query = parameters.filter((p) => p.in === 'query');
  const known = query.length
    ? fc.record(Object.fromEntries(query.map((p) => [p.name, valuesFor(p)])), { requiredKeys: [] })
    : fc.constant({});
  return fc
    .tuple(known, fc.option(fc.tuple(fc.constantFrom('unknown', '__proto__', 'constructor'), fc.constantFrom(...ODD_STRINGS)), { freq: 5 }))
    .map(([q, extra]) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(q as Record<string, string | undefined>)) if (v !== undefined) out[k] = v;
      if (extra) out[extra[0]] = extra[1];
      return out;
    });
}

let server: TestServer;
let db: Database;
let deskToken: string;
/** The desk the push fuzzing sends as. */
let deskId: string;
let validPush: unknown;
let rowChanges: () => Promise<number>;
/** Records the body-taking routes act on, so a valid body reaches past the "no such …" check. */
let stored: {
  visit: Visit;
  conflictId: string;
  editedItem: { id: string; version: number };
  retiredItem: { id: string; version: number };
  catalogueCsv: string;
  run: { id: string; sessionId: string; participantId: string; interestId: string };
};
/** A signed-in network administrator, so console routes are fuzzed past their sign-in check too. */
let consoleAuth: { cookie: string; csrf: string };
const CONSOLE_PASSWORD = 'fuzzing is a long password';

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  server = await startTestServer(db);
  const desk = await server.enrol('desk');
  deskToken = desk.token;
  deskId = desk.deviceId;
  const visit = makeVisit(desk);
  const tally = makeTally(desk);
  await createUser(db, { email: 'fuzz-admin@example.org', role: 'admin', password: CONSOLE_PASSWORD });
  const signIn = await server.app.inject({
    method: 'POST',
    url: '/api/console/session',
    payload: { email: 'fuzz-admin@example.org', password: CONSOLE_PASSWORD },
  });
  consoleAuth = { cookie: String(signIn.headers['set-cookie']).split(';')[0]!, csrf: signIn.json().csrfToken };
  // A visit (the handler that takes a batch at once) and a tally (one at a time). A correction is
  // left out: based on version 1 for ever, it would leave a conflict behind on every run after the
  // first, and the console's list of conflicts would slow the rest of this file down.
  const changes: Array<[ChangeType, string, unknown]> = [
    ['visit.create@1', visit.id, visit],
    ['tally.create@1', tally.id, tally],
  ];
  validPush = {
    appVersion: 'fuzz',
    entries: changes.map(([type, recordId, payload], i) => ({ seq: i + 1, recordId, type, payload, createdAt: new Date().toISOString() })),
  };
  stored = await storeRecordsToActOn();
  // The audit log and the count of wrong passwords are left out: recording a refused attempt
  // there is wanted. A signed-in request slides its session's expiry forward now and then,
  // refused or not: wanted too, so updates of sessions are left out.
  rowChanges = await countRowChanges(db, { except: ['audit_log', 'sign_in_failures'], insertOrDeleteOnly: ['sessions'] });
});
afterAll(async () => {
  await server?.app.close();
  await db?.close();
});

/** A visit with a review and a correction to come, an open conflict, and two catalogue items to edit and retire. */
async function storeRecordsToActOn(): Promise<typeof stored> {
  const editor = await server.enrol('desk');
  const visit = makeVisit(editor) as Visit;
  const conflicted = makeVisit(editor) as Visit;
  const changes: Array<[string, string, unknown]> = [
    ['visit.create@1', visit.id, visit],
    ['visit.create@1', conflicted.id, conflicted],
    ['visit.update@1', conflicted.id, { visit: { ...conflicted, durationSeconds: 600 }, baseVersion: 1 }],
    // Based on the version the first correction replaced: kept as a conflict for the coordinator.
    ['visit.update@1', conflicted.id, { visit: { ...conflicted, durationSeconds: 60 }, baseVersion: 1 }],
  ];
  await server.api.push(editor.token, {
    appVersion: 'fuzz',
    entries: changes.map(([type, recordId, payload], i) => ({ seq: i + 1, recordId, type, payload, createdAt: new Date().toISOString() })),
  });
  const asConsole = { cookie: consoleAuth.cookie, [CSRF_HEADER]: consoleAuth.csrf };
  const conflicts = (await server.app.inject({ method: 'GET', url: '/api/console/conflicts', headers: asConsole })).json() as {
    conflicts: Array<{ id: number }>;
  };
  const createItem = async (id: string) =>
    (
      await server.app.inject({
        method: 'POST',
        url: '/api/console/catalogue/items',
        headers: asConsole,
        payload: { item: sampleCourse({ id }) },
      })
    ).json() as { id: string; version: number };
  const editedItem = await createItem('01900000-0000-7000-8000-00000000f023');
  const retiredItem = await createItem('01900000-0000-7000-8000-00000000f024');
  expect(conflicts.conflicts).toHaveLength(1);
  expect(editedItem.version).toBeGreaterThan(0);
  // A course run with a session and a participant, and kiosk interest to turn into one.
  const runId = await createRun(db, {
    locationId: DEMO_LOCATIONS[0].id,
    itemId: editedItem.id,
    title: 'Werken met de tablet',
    theme: 'digital_skills',
    sessions: [new Date().toISOString()],
  });
  const participant = consoleParticipant(runId, { display: { kind: 'name', value: 'Ans' }, consentLanguage: 'nl' });
  await insertParticipant(db, participant, null);
  const interestId = uuidv7();
  await db.query(
    `INSERT INTO course_interest (id, location_id, device_id, item_id, first_name, contact_kind, contact, consent_text_version, consent_language, consented_at, created_at)
     VALUES ($1, $2, $3, $4, 'Piet', 'phone', '0612345678', 'v1', 'nl', now(), now())`,
    [interestId, DEMO_LOCATIONS[0].id, editor.deviceId, editedItem.id],
  );
  const run = { id: runId, sessionId: (await listRuns(db, { runId }))[0]!.sessions[0]!.id, participantId: participant.id, interestId };
  // The catalogue as it stands: importing it changes nothing, so the fuzzing of the import starts from a valid no-op.
  return {
    visit,
    conflictId: String(conflicts.conflicts[0]!.id),
    editedItem,
    retiredItem,
    catalogueCsv: toCsv(await readCatalogue(db)),
    run,
  };
}

async function fingerprint(): Promise<number> {
  return rowChanges();
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
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

/**
 * A valid request for each route that takes a body, for the mutations to start from; `id` is a
 * record the route acts on (the path's {id}), so a valid body gets past "no such …" and into
 * the route's own checks.
 */
const VALID_REQUESTS: Record<string, () => { body: unknown; id?: string }> = {
  'POST /api/sync/push': () => ({ body: validPush }),
  'POST /api/devices/enrol': () => ({ body: { code: 'ABCD-EFGH' } }),
  'POST /api/console/session': () => ({ body: { email: 'fuzz-admin@example.org', password: 'not the password' } }),
  'POST /api/console/password': () => ({ body: { token: 'aBcD'.repeat(8), password: 'a new long password' } }),
  'POST /api/console/visits/{id}/review': () => ({ id: stored.visit.id, body: { state: 'has_issues', comment: 'Onderwerp klopt niet' } }),
  'POST /api/console/visits/{id}/corrections': () => ({
    id: stored.visit.id,
    body: { visit: { ...stored.visit, durationSeconds: 900 }, comment: 'Duur gecorrigeerd' },
  }),
  'POST /api/console/conflicts/{id}/resolve': () => ({
    id: stored.conflictId,
    body: { resolution: 'keep_current', comment: 'De eerste correctie klopt' },
  }),
  'POST /api/console/devices/codes': () => ({ body: { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' } }),
  'POST /api/console/volunteers': () => ({ body: { locationId: DEMO_LOCATIONS[0].id, displayName: 'Fuzz', pin: '4826' } }),
  'POST /api/console/volunteers/{id}/pin': () => ({ id: DEMO_VOLUNTEERS[0].id, body: { pin: '97531' } }),
  'POST /api/console/users': () => ({ body: { email: 'new@example.org', role: 'coordinator', organisationId: DEMO_ORGANISATION.id } }),
  'POST /api/console/catalogue/import': () => ({ body: { fileName: 'aanbod.csv', text: stored.catalogueCsv } }),
  'POST /api/console/catalogue/items': () => ({ body: { item: sampleCourse({ id: '01900000-0000-7000-8000-00000000f022' }) } }),
  'PUT /api/console/catalogue/items/{id}': () => ({
    id: stored.editedItem.id,
    body: {
      baseVersion: stored.editedItem.version,
      item: sampleCourse({
        id: stored.editedItem.id,
        name: { nl: 'Werken met de tablet, deel 2' },
        cost: { free: false, amountEur: 12.5 },
      }),
    },
  }),
  'POST /api/console/catalogue/items/{id}/retire': () => ({
    id: stored.retiredItem.id,
    body: { baseVersion: stored.retiredItem.version, status: 'temporarily_closed' },
  }),
  'POST /api/console/courses/runs': () => ({
    body: { itemId: stored.editedItem.id, locationId: DEMO_LOCATIONS[0].id, sessions: [new Date().toISOString()] },
  }),
  'POST /api/console/courses/runs/{id}/participants': () => ({
    id: stored.run.id,
    body: { display: { kind: 'number', value: '8' }, consent: true },
  }),
  'POST /api/console/courses/runs/{id}/participants/from-interest': () => ({
    id: stored.run.id,
    body: { interestId: stored.run.interestId, consent: true },
  }),
  'POST /api/console/courses/runs/{id}/attendance': () => ({
    id: stored.run.id,
    body: { participantId: stored.run.participantId, sessionId: stored.run.sessionId, present: true },
  }),
  'POST /api/console/courses/runs/{id}/end': () => ({
    id: stored.run.id,
    body: { participantId: stored.run.participantId, outcome: 'stopped', stopReason: 'work' },
  }),
};

/**
 * A valid query for routes that page with a cursor the server issued, for the mutations to start
 * from: a random cursor is refused (or, for the catalogue, reset) before it reaches the database,
 * while a real one with a character changed gets that far.
 */
let validQueries: Record<string, Record<string, string>> = {};
async function readValidQueries(): Promise<typeof validQueries> {
  const asDesk = { authorization: `Bearer ${deskToken}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  const catalogue = (await server.app.inject({ method: 'GET', url: '/api/sync/catalogue?cursor=0&limit=2', headers: asDesk })).json() as {
    cursor: string;
  };
  const asConsole = credentials('console', '/api/console/visits');
  const visits = (await server.app.inject({ method: 'GET', url: '/api/console/visits?limit=1', headers: asConsole })).json() as {
    next: string | null;
  };
  const audit = (await server.app.inject({ method: 'GET', url: '/api/console/audit', headers: asConsole })).json() as {
    next?: string | number | null;
  };
  return {
    'GET /api/sync/catalogue': { cursor: catalogue.cursor, limit: '2' },
    ...(visits.next ? { 'GET /api/console/visits': { cursor: visits.next, limit: '1' } } : {}),
    ...(audit.next ? { 'GET /api/console/audit': { cursor: String(audit.next) } } : {}),
  };
}

/** A valid query with one value changed a little: a character replaced, added or dropped. */
function mutateQuery(valid: Record<string, string>): fc.Arbitrary<Record<string, string>> {
  const keys = Object.keys(valid);
  return fc
    .tuple(
      fc.constantFrom(...keys),
      fc.nat(),
      fc.constantFrom('0', 'f', '-', '.', 'g', 'Z', ' ', '%', '\u0000'),
      fc.constantFrom('replace', 'insert', 'delete'),
    )
    .map(([key, at, char, how]) => {
      const value = valid[key]!;
      const i = value.length === 0 ? 0 : at % value.length;
      const changed =
        how === 'replace'
          ? value.slice(0, i) + char + value.slice(i + 1)
          : how === 'insert'
            ? value.slice(0, i) + char + value.slice(i)
            : value.slice(0, i) + value.slice(i + 1);
      return { ...valid, [key]: changed };
    });
}

type Caller = 'none' | 'desk' | 'console';

/** Escapes that no client should send in a path, sent as they are: broken UTF-8, NUL, an escaped slash, a lone %. */
const RAW_PATH_VALUES = ['%ED%A0%80', '%00', '%2F', '%2e%2e', '%', '%zz', '..'];
/** A path segment as a client would escape it; half a surrogate pair, which has no UTF-8, goes as the broken bytes it would be. */
function pathSegment(value: string): string {
  if (RAW_PATH_VALUES.includes(value)) return value;
  const lone = /([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/;
  return value
    .split(lone)
    .map((part, i) => (i % 2 === 1 ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

const PUSH = 'POST /api/sync/push';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function deskLastSeq(): Promise<number> {
  return Number((await db.query<{ last_seq: number | string }>('SELECT last_seq FROM devices WHERE id = $1', [deskId])).rows[0]!.last_seq);
}

/**
 * A tablet never sends a sequence number twice, so the sample's entries (seq 1, 2) are moved
 * past the desk's last one: otherwise every run after the first would be skipped as already
 * applied, before any handler judged its payload. A seq the mutation replaced stays as generated.
 * Spread copies own keys as they are, "__proto__" included.
 */
function withFreshSeqs(body: Body, lastSeq: number): Body {
  if (body.kind !== 'json' || !isRecord(body.value) || !Array.isArray(body.value.entries)) return body;
  const entries = body.value.entries.map((entry: unknown, i) =>
    isRecord(entry) && entry.seq === i + 1 ? { ...entry, seq: lastSeq + i + 1 } : entry,
  );
  return { kind: 'json', value: { ...body.value, entries } };
}

type StoredRecord = { sql: string; by: (entry: OutboxEntryWire) => unknown[] };
/** A correction or void is either applied (the version it replaced is kept) or kept as a conflict. */
const VISIT_EDIT: StoredRecord = {
  sql: `SELECT 1 FROM visit_revisions WHERE replaced_by_device = $1 AND replaced_by_seq = $2
        UNION ALL SELECT 1 FROM visit_conflicts WHERE device_id = $1 AND device_seq = $2`,
  by: (e) => [deskId, e.seq],
};
/** Where an applied change of each type leaves its mark, found by the entry that made it. */
const STORED: Record<ChangeType, StoredRecord> = {
  'visit.create@1': { sql: 'SELECT 1 FROM visits WHERE id = $1 AND device_id = $2', by: (e) => [e.recordId, deskId] },
  'tally.create@1': { sql: 'SELECT 1 FROM tallies WHERE id = $1 AND device_id = $2', by: (e) => [e.recordId, deskId] },
  'visit.update@1': VISIT_EDIT,
  'visit.void@1': VISIT_EDIT,
  'helpRequest.take@1': { sql: "SELECT 1 FROM help_requests WHERE id = $1 AND status = 'taken'", by: (e) => [e.recordId] },
  'helpRequest.create@1': { sql: 'SELECT 1 FROM help_requests WHERE id = $1 AND device_id = $2', by: (e) => [e.recordId, deskId] },
  'interest.create@1': { sql: 'SELECT 1 FROM course_interest WHERE id = $1 AND device_id = $2', by: (e) => [e.recordId, deskId] },
  'followUp.mark@1': { sql: 'SELECT 1 FROM follow_up_marks WHERE id = $1 AND device_id = $2', by: (e) => [e.recordId, deskId] },
  'survey.create@1': { sql: 'SELECT 1 FROM survey_responses WHERE id = $1 AND device_id = $2', by: (e) => [e.recordId, deskId] },
  'courseParticipant.add@1': { sql: 'SELECT 1 FROM course_participants WHERE id = $1 AND device_id = $2', by: (e) => [e.recordId, deskId] },
  'courseAttendance.mark@1': { sql: 'SELECT 1 FROM course_attendance WHERE participant_id = $1', by: (e) => [e.recordId] },
  'courseParticipant.end@1': { sql: 'SELECT 1 FROM course_participants WHERE id = $1 AND outcome IS NOT NULL', by: (e) => [e.recordId] },
  'courseAssessment.create@1': { sql: 'SELECT 1 FROM course_assessments WHERE id = $1', by: (e) => [e.recordId] },
};

/**
 * An accepted push answers for every entry it was sent: each one from the desk's last seq on,
 * without a gap, is acknowledged (a duplicate is skipped; after a gap the rest waits for the
 * missing one), and each acknowledged entry is stored or listed as rejected, with its reason
 * kept for the coordinator. The answer covers every seq from the request's lowest to the ack:
 * `applied` and `rejected` together count them all, each rejection as kept.
 */
async function checkPushAnswered(sent: Body, lastSeq: number, answer: PushResponse): Promise<void> {
  // What the server read: the JSON, not the object it was made from.
  const { entries } = JSON.parse(JSON.stringify(sent.value)) as PushRequest;
  let ack = lastSeq;
  const acknowledged: OutboxEntryWire[] = [];
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (entry.seq === ack + 1) {
      ack = entry.seq;
      acknowledged.push(entry);
    } else if (entry.seq > ack) break;
  }
  expect(answer.ack).toBe(ack);
  const lowest = Math.min(...entries.map((e) => e.seq));
  expect(answer.applied + answer.rejected.length).toBe(Math.max(0, ack - lowest + 1));
  for (const r of answer.rejected) expect(r.seq >= lowest && r.seq <= ack, `rejection of seq ${r.seq} in range`).toBe(true);
  const rejections = new Map(answer.rejected.map((r) => [r.seq, r]));
  for (const entry of acknowledged) {
    const rejection = rejections.get(entry.seq);
    if (rejection) {
      expect(rejection.recordId).toBe(entry.recordId);
      expect(rejection.reason).not.toBe('');
      const kept = await db.query<{ reason: string }>('SELECT reason FROM rejected_entries WHERE device_id = $1 AND device_seq = $2', [
        deskId,
        entry.seq,
      ]);
      expect(kept.rows[0]?.reason, `rejection of seq ${entry.seq} kept`).toBe(rejection.reason);
    } else {
      expect(Object.hasOwn(STORED, entry.type), `"${entry.type}" applied`).toBe(true);
      const where = STORED[entry.type as ChangeType];
      expect((await db.query(where.sql, where.by(entry))).rows.length, `${entry.type} seq ${entry.seq} stored`).toBeGreaterThan(0);
    }
  }
}

/** Credentials as each caller sends them; the console's session routes never get the cookie, so no run signs it out. */
function credentials(caller: Caller, path: string): Record<string, string> {
  if (caller === 'desk') return { authorization: `Bearer ${deskToken}` };
  if (caller === 'console' && !path.startsWith('/api/console/session'))
    return { cookie: consoleAuth.cookie, [CSRF_HEADER]: consoleAuth.csrf };
  return {};
}

/** Sends one request and checks the promise of this file: a clear 4xx that changed nothing, or a success; never a 5xx. */
async function sendAndCheck(
  route: { method: string; path: string },
  generated: Body,
  q: Record<string, string>,
  param: string,
  caller: Caller,
  headers: Record<string, string> = {},
): Promise<void> {
  const isPush = `${route.method} ${route.path}` === PUSH;
  const lastSeq = isPush ? await deskLastSeq() : 0;
  const body = isPush ? withFreshSeqs(generated, lastSeq) : generated;
  const url = route.path.replace(/\{[^}]+\}|:[A-Za-z]+/g, pathSegment(param)) + '?' + new URLSearchParams(q).toString();
  const before = await fingerprint();
  const response = await server.app.inject({
    method: route.method as 'GET',
    url,
    payload: route.method === 'GET' ? undefined : body.kind === 'json' ? (JSON.stringify(body.value) ?? 'null') : body.value,
    headers: {
      'content-type': 'application/json',
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...credentials(caller, route.path),
      ...headers,
    },
  });
  if (response.statusCode >= 500)
    throw new Error(
      `${route.method} ${url} ${JSON.stringify(headers)} → ${response.statusCode}: ${response.body.slice(0, 300)}\nbody: ${String(body.kind === 'json' ? JSON.stringify(body.value) : body.value).slice(0, 600)}`,
    );
  if (response.statusCode >= 400) {
    const error = response.json() as { error?: unknown; message?: unknown };
    expect(typeof error.error).toBe('string');
    expect(typeof error.message).toBe('string');
    expect(await fingerprint()).toBe(before);
  } else if (isPush) {
    await checkPushAnswered(body, lastSeq, response.json());
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('every documented route refuses bad input clearly and never fails with 5xx', () => {
  it('documents the routes it serves', async () => {
    const routes = await documentedRoutes();
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/sync/push', 'GET /api/sync/catalogue', 'POST /api/devices/enrol']),
    );
  });

  it('takes every sample body as valid (the mutations start from them)', async () => {
    for (const [key, makeValid] of Object.entries(VALID_REQUESTS)) {
      const [method, path] = key.split(' ') as [string, string];
      const { body, id = '' } = makeValid();
      const response = await server.app.inject({
        method: method as 'POST',
        url: path.replace('{id}', id),
        payload: JSON.stringify(body),
        headers: {
          'content-type': 'application/json',
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          ...credentials(path.startsWith('/api/console') ? 'console' : 'desk', path),
        },
      });
      // Refused for what it says (a wrong password, an unknown code), never for its shape.
      expect(response.statusCode, `${key}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      if (response.statusCode >= 400) expect(response.json().error, `${key}: ${response.body.slice(0, 300)}`).not.toBe('invalid_request');
      if (key.endsWith('/catalogue/items/{id}') || key.endsWith('/retire')) expect(response.statusCode, key).toBe(200);
      // The push fuzzing starts from entries their handlers take.
      if (key === PUSH) expect(response.json(), response.body.slice(0, 300)).toMatchObject({ ack: 2, applied: 2, rejected: [] });
    }
    validQueries = await readValidQueries();
    expect(Object.keys(validQueries)).toEqual(expect.arrayContaining(['GET /api/sync/catalogue', 'GET /api/console/visits']));
    // The edits above moved both items on a version; the fuzzing edits them from there.
    for (const item of [stored.editedItem, stored.retiredItem]) {
      const detail = await server.app.inject({
        method: 'GET',
        url: `/api/console/catalogue/items/${item.id}`,
        headers: credentials('console', ''),
      });
      item.version = (detail.json() as { version: number }).version;
    }
  });

  // Random search can miss one odd value in one field (a NUL in appVersion once slipped
  // through 2,000 runs), so every odd value also goes into every field, exhaustively.
  for (const [key, makeValid] of Object.entries(VALID_REQUESTS)) {
    it(`${key}: every odd value in every field`, { timeout: 600_000 }, async () => {
      const [method, path] = key.split(' ') as [string, string];
      const { body, id = '' } = makeValid();
      for (const fieldPath of pathsOf(body)) {
        for (const value of ODD_VALUES) {
          await sendAndCheck(
            { method, path },
            { kind: 'json', value: replaceAt(body, fieldPath, value) },
            {},
            id,
            path.startsWith('/api/console') ? 'console' : 'desk',
          );
        }
      }
    });
  }

  // Every odd value in every query, path and header parameter the document declares, one at a time,
  // the rest of the request valid: a route must refuse each clearly, as it does a bad body.
  for (const route of ROUTES.filter((r) => r.parameters.length > 0)) {
    it(`${route.method} ${route.path}: every odd value in every documented parameter`, { timeout: 600_000 }, async () => {
      const key = `${route.method} ${route.path}`;
      const { body, id = uuidv7() } = VALID_REQUESTS[key]?.() ?? { body: {} };
      const caller: Caller = route.path.startsWith('/api/console') ? 'console' : 'desk';
      for (const parameter of route.parameters) {
        for (const value of parameter.in === 'path' ? [...ODD_STRINGS, ...RAW_PATH_VALUES] : ODD_STRINGS) {
          if (parameter.in === 'query') await sendAndCheck(route, { kind: 'json', value: body }, { [parameter.name]: value }, id, caller);
          else if (parameter.in === 'path') await sendAndCheck(route, { kind: 'json', value: body }, {}, value, caller);
          // Control characters and non-ASCII cannot go into an HTTP header at all, so they are not sent there.
          // eslint-disable-next-line no-control-regex
          else if (!/[\u0000-\u001f\u007f-\uffff]/.test(value))
            await sendAndCheck(route, { kind: 'json', value: body }, {}, id, caller, { [parameter.name]: value });
        }
      }
    });
  }

  // One test per route, so a failure names its route; the list and each route's parameters are read from the live OpenAPI document.
  for (const route of ROUTES) {
    it(`${route.method} ${route.path}: ${RUNS_PER_ROUTE} generated requests`, { timeout: 600_000 }, async () => {
      const { body: valid, id } = VALID_REQUESTS[`${route.method} ${route.path}`]?.() ?? { body: { any: 'thing' } };
      const validQuery = validQueries[`${route.method} ${route.path}`];
      const queries = validQuery
        ? fc.oneof(queriesFor(route.parameters), { weight: 2, arbitrary: mutateQuery(validQuery) })
        : queriesFor(route.parameters);
      const pathParameter = route.parameters.find((p) => p.in === 'path');
      // Half the time the record the valid body is for, where there is one, so the body's fields are judged too.
      const pathParam = fc.oneof(
        pathParameter ? valuesFor(pathParameter) : fc.string({ maxLength: 40 }),
        ...(id ? [{ weight: 3, arbitrary: fc.constant(id) }] : []),
      );
      await fc.assert(
        fc.asyncProperty(bodies(valid), queries, pathParam, fc.constantFrom<Caller>('none', 'desk', 'console'), (body, q, param, caller) =>
          sendAndCheck(route, body, q, param, caller),
        ),
        { numRuns: RUNS_PER_ROUTE, seed: FUZZ_SEED },
      );
    });
  }
});
