import { createPartnerLink } from '../../src/server/store/partner-links';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { createUser } from '../../src/server/store/console/users';
import { createVolunteer } from '../../src/server/store/volunteers';
import { exportServiceList } from '../../src/server/catalogue/export';
import { authenticateDevice, createEnrolmentCode, enrolDevice } from '../../src/server/store/devices';
import { applyPush } from '../../src/server/store/push';
import { uuidv7 } from '../../src/shared/ids';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { ORG_A, ORG_B, PERIOD, buildFixture, type Fixture } from '../helpers/console-fixture';
import { sampleCourse } from '../helpers/catalogue-items';
import { createItem } from '../../src/server/store/console/catalogue';
import type { CatalogueItem } from '../../src/shared/catalogue';
import { consoleParticipant, createRun, insertParticipant, listRuns } from '../../src/server/store/course-runs';

/**
 * The authorisation walk: every documented console route, called by each kind of caller.
 * Refused calls must answer 4xx JSON and change nothing; a coordinator of organisation B
 * never sees or touches organisation A's records.
 */
type Who = 'none' | 'desk' | 'kiosk' | 'coordB' | 'coordA' | 'admin';
const PASSWORD = 'correct horse battery';

let app: FastifyInstance;
let db: Database;
let fx: Fixture;
const sessions: Partial<Record<Who, { cookie: string; csrf: string }>> = {};
let ids: Record<string, string> = {};
let aIds: string[] = [];
let catalogueText = '';
let fingerprintSql = '';
/** Catalogue items of organisation A, one per caller that may change them, with the version they were created at. */
const items: Record<string, { item: CatalogueItem; version: number }> = {};

async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/console/session', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: res.json().csrfToken };
}

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  fx = await buildFixture(db);
  app = await buildServer({ db });
  await createUser(db, { email: 'admin@example.org', role: 'admin', password: PASSWORD });
  await createUser(db, { email: 'a@example.org', role: 'coordinator', organisationId: ORG_A.id, password: PASSWORD });
  await createUser(db, { email: 'b@example.org', role: 'coordinator', organisationId: ORG_B.id, password: PASSWORD });
  const a2 = await createUser(db, { email: 'a2@example.org', role: 'coordinator', organisationId: ORG_A.id });
  const a3 = await createUser(db, { email: 'a3@example.org', role: 'coordinator', organisationId: ORG_A.id });
  const a4 = await createUser(db, { email: 'a4@example.org', role: 'coordinator', organisationId: ORG_A.id });
  sessions.admin = await signIn('admin@example.org');
  sessions.coordA = await signIn('a@example.org');
  sessions.coordB = await signIn('b@example.org');
  const volunteer = await createVolunteer(db, { locationId: DEMO_LOCATIONS[0].id, displayName: 'Anna B.', pin: '4729' });
  const spare = (await enrolDevice(db, (await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' })).code))!;
  const interest = async () => {
    const id = uuidv7();
    await db.query(
      `INSERT INTO course_interest (id, location_id, device_id, item_id, first_name, contact_kind, contact, consent_text_version, consent_language, consented_at, created_at)
       VALUES ($1, $2, $3, $4, 'Piet', 'phone', '0612345678', 'v1', 'nl', now(), now())`,
      [id, DEMO_LOCATIONS[0].id, fx.kioskA.device.id, uuidv7()],
    );
    return id;
  };
  // Two entries of A's spare desk that the server refuses, for the rejected-entries routes.
  const refused = await applyPush(db, (await authenticateDevice(db, spare.token))!, {
    appVersion: 'walk',
    entries: [1, 2].map((seq) => ({ seq, recordId: uuidv7(), type: 'visit.teleport@9', payload: {}, createdAt: new Date().toISOString() })),
  });
  expect(refused.rejected).toHaveLength(2);
  const rejectedIds = (
    await db.query<{ id: string }>('SELECT id::text FROM rejected_entries WHERE device_id = $1 ORDER BY device_seq', [spare.deviceId])
  ).rows.map((r) => r.id);
  ids = {
    rejected1: rejectedIds[0]!,
    rejected2: rejectedIds[1]!,
    visit: fx.visitIdsA[0]!,
    volunteer: volunteer.id,
    device: spare.deviceId,
    userA2: a2.id,
    userA3: a3.id,
    userA4: a4.id,
    conflict1: String(fx.conflictIds[0]),
    conflict2: String(fx.conflictIds[1]),
    interest1: await interest(),
    interest2: await interest(),
    partnerLink1: (await createPartnerLink(db, { organisationId: ORG_A.id, partnerId: JURIDISCH_LOKET, createdBy: null })).id,
    partnerLink2: (await createPartnerLink(db, { organisationId: ORG_A.id, partnerId: JURIDISCH_LOKET, createdBy: null })).id,
  };
  const runId = await createRun(db, {
    locationId: DEMO_LOCATIONS[0].id,
    itemId: uuidv7(),
    title: 'Klik & Tik',
    theme: 'digital_skills',
    sessions: [PERIOD.from],
  });
  const participant = consoleParticipant(runId, { display: { kind: 'name', value: 'Ans' }, consentLanguage: 'nl' });
  await insertParticipant(db, participant, null);
  Object.assign(ids, {
    courseRun: runId,
    courseSession: (await listRuns(db, { runId }))[0]!.sessions[0]!.id,
    participant: participant.id,
    courseInterest1: await interest(),
    courseInterest2: await interest(),
  });
  aIds = [
    runId,
    participant.id,
    ...fx.visitIdsA,
    fx.deskA.device.id,
    fx.deskA2.device.id,
    spare.deviceId,
    volunteer.id,
    ids.interest1!,
    ...DEMO_LOCATIONS.map((l) => l.id),
  ];
  const adminUser = {
    id: (await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@example.org'`)).rows[0]!.id,
    role: 'admin' as const,
    organisationId: null,
  };
  for (const key of ['editA', 'editAdmin', 'retireA', 'retireAdmin', 'delete']) {
    const item = sampleCourse({ name: { nl: `Cursus ${key}` } });
    const { version } = await createItem(db, { user: adminUser }, item);
    items[key] = { item, version };
  }
  aIds.push(...Object.values(items).map((i) => i.item.id));
  catalogueText = await exportServiceList(db);
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  fingerprintSql =
    'SELECT ' +
    rows.map((r) => `(SELECT count(*) FROM "${r.table_name}")::text`).join(" || ',' || ") +
    ` || (SELECT count(*) FROM devices WHERE revoked_at IS NULL)::text || (SELECT count(*) FROM volunteers WHERE active)::text
      || (SELECT string_agg(pin_hash, ',' ORDER BY id) FROM volunteers) || (SELECT count(*) FROM users WHERE active)::text
      || (SELECT string_agg(review_state, ',' ORDER BY id) FROM visits) || (SELECT count(*) FROM sessions WHERE revoked_at IS NULL)::text
      || (SELECT count(*) FROM visit_conflicts WHERE resolved_at IS NULL)::text || (SELECT version FROM sync_state)::text
      || (SELECT count(*) FROM rejected_entries WHERE handled_at IS NULL)::text AS f`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const fingerprint = async () => (await db.query<{ f: string }>(fingerprintSql)).rows[0]!.f;

interface Case {
  /** Path with {param} placeholders, as in the OpenAPI document. */
  route: string;
  url: (who: Who) => string;
  body?: (who: Who) => unknown;
  /** What coordinator B gets: refused (403/404) or an answer about B's own organisation. */
  b: 'refused' | 'own' | 'shared';
  /** Coordinators refused too (network administrator only). */
  adminOnly?: boolean;
  /** The call ends the session it is made with: made with a fresh one. */
  endsSession?: boolean;
}

/** A partner organisation of the demo catalogue. */
const JURIDISCH_LOKET = '01900000-0000-7000-8000-000000000101';
const period = `from=${encodeURIComponent(PERIOD.from)}&to=${encodeURIComponent(PERIOD.to)}`;
let emailCounter = 0;
const CASES: Case[] = [
  { route: 'GET /api/console/session', url: () => '/api/console/session', b: 'own' },
  { route: 'DELETE /api/console/session', url: () => '/api/console/session', b: 'own', endsSession: true },
  { route: 'POST /api/console/session/everywhere', url: () => '/api/console/session/everywhere', b: 'own', endsSession: true },
  { route: 'GET /api/console/visits', url: () => '/api/console/visits?limit=200', b: 'own' },
  { route: 'GET /api/console/visits/{id}', url: () => `/api/console/visits/${ids.visit}`, b: 'refused' },
  {
    route: 'POST /api/console/visits/{id}/review',
    url: () => `/api/console/visits/${ids.visit}/review`,
    body: () => ({ state: 'approved', comment: 'ok' }),
    b: 'refused',
  },
  {
    route: 'POST /api/console/visits/{id}/corrections',
    url: () => `/api/console/visits/${fx.visitIdsA[3]}/corrections`,
    body: () => ({ visit: correctionOf(fx.visitIdsA[3]!), comment: 'kanaal verbeterd' }),
    b: 'refused',
  },
  { route: 'GET /api/console/conflicts', url: () => '/api/console/conflicts', b: 'own' },
  {
    route: 'POST /api/console/conflicts/{id}/resolve',
    url: (who) => `/api/console/conflicts/${who === 'admin' ? ids.conflict2 : ids.conflict1}/resolve`,
    body: () => ({ resolution: 'keep_current' }),
    b: 'refused',
  },
  { route: 'GET /api/console/dashboard', url: () => `/api/console/dashboard?${period}`, b: 'own' },
  { route: 'GET /api/console/ido-summary', url: () => `/api/console/ido-summary?${period}`, b: 'own' },
  { route: 'GET /api/console/exports/visits', url: () => `/api/console/exports/visits?format=csv&${period}`, b: 'own' },
  { route: 'GET /api/console/exports/report', url: () => `/api/console/exports/report?format=csv&${period}`, b: 'own' },
  { route: 'GET /api/console/devices', url: () => '/api/console/devices', b: 'own' },
  {
    route: 'POST /api/console/devices/codes',
    url: () => '/api/console/devices/codes',
    body: () => ({ locationId: DEMO_LOCATIONS[1].id, kind: 'desk' }),
    b: 'refused',
  },
  { route: 'POST /api/console/devices/{id}/revoke', url: () => `/api/console/devices/${ids.device}/revoke`, b: 'refused' },
  { route: 'GET /api/console/volunteers', url: () => '/api/console/volunteers', b: 'own' },
  {
    route: 'POST /api/console/volunteers',
    url: () => '/api/console/volunteers',
    body: () => ({ locationId: DEMO_LOCATIONS[0].id, displayName: 'Kees', pin: '4729' }),
    b: 'refused',
  },
  { route: 'POST /api/console/volunteers/{id}/deactivate', url: () => `/api/console/volunteers/${ids.volunteer}/deactivate`, b: 'refused' },
  {
    route: 'POST /api/console/volunteers/{id}/pin',
    url: () => `/api/console/volunteers/${ids.volunteer}/pin`,
    body: () => ({ pin: '8316' }),
    b: 'refused',
  },
  { route: 'GET /api/console/users', url: () => '/api/console/users', b: 'own' },
  {
    route: 'POST /api/console/users',
    url: () => '/api/console/users',
    body: () => ({ email: `new${++emailCounter}@example.org`, role: 'coordinator', organisationId: ORG_A.id }),
    b: 'refused',
  },
  { route: 'POST /api/console/users/{id}/reset-link', url: () => `/api/console/users/${ids.userA2}/reset-link`, b: 'refused' },
  {
    route: 'POST /api/console/users/{id}/deactivate',
    url: (who) => `/api/console/users/${who === 'admin' ? ids.userA4 : ids.userA3}/deactivate`,
    b: 'refused',
  },
  { route: 'GET /api/console/audit', url: () => '/api/console/audit', b: 'own' },
  { route: 'GET /api/console/inbox', url: () => '/api/console/inbox', b: 'own' },
  { route: 'GET /api/console/interest/export', url: () => '/api/console/interest/export?format=csv', b: 'own' },
  { route: 'GET /api/console/finder', url: () => '/api/console/finder', b: 'own' },
  { route: 'GET /api/console/partner-links', url: () => '/api/console/partner-links', b: 'own' },
  {
    route: 'POST /api/console/partner-links',
    url: () => '/api/console/partner-links',
    body: () => ({ organisationId: ORG_A.id, partnerId: JURIDISCH_LOKET }),
    b: 'refused',
  },
  {
    route: 'POST /api/console/partner-links/{id}/revoke',
    url: (who) => `/api/console/partner-links/${who === 'admin' ? ids.partnerLink2 : ids.partnerLink1}/revoke`,
    b: 'refused',
  },
  { route: 'GET /api/console/referrals/funnel', url: () => `/api/console/referrals/funnel?${period}`, b: 'own' },
  { route: 'GET /api/console/referrals', url: () => `/api/console/referrals?${period}`, b: 'own' },
  { route: 'GET /api/console/follow-ups', url: () => '/api/console/follow-ups', b: 'own' },
  { route: 'GET /api/console/impact/survey', url: () => `/api/console/impact/survey?${period}`, b: 'own' },
  {
    route: 'GET /api/console/locations/{id}/municipalities',
    url: () => `/api/console/locations/${DEMO_LOCATIONS[0].id}/municipalities`,
    b: 'refused',
  },
  {
    route: 'PUT /api/console/locations/{id}/municipalities',
    url: () => `/api/console/locations/${DEMO_LOCATIONS[0].id}/municipalities`,
    body: () => ({ municipalities: [{ code: 'GM0363', name: 'Amsterdam' }] }),
    b: 'refused',
  },
  {
    route: 'PUT /api/console/finder/{id}',
    url: () => `/api/console/finder/${ORG_A.id}`,
    body: () => ({ colour: '#0b4f96', frameAncestors: ['https://www.bieb-a.test'] }),
    b: 'refused',
  },
  {
    route: 'DELETE /api/console/interest/{id}',
    url: (who) => `/api/console/interest/${who === 'admin' ? ids.interest2 : ids.interest1}`,
    b: 'refused',
  },
  { route: 'GET /api/console/rejected-entries', url: () => `/api/console/rejected-entries?device=${ids.device}&state=all`, b: 'refused' },
  {
    route: 'GET /api/console/rejected-entries/export',
    url: () => `/api/console/rejected-entries/export?device=${ids.device}&format=csv`,
    b: 'refused',
  },
  {
    route: 'POST /api/console/rejected-entries/{id}/handled',
    url: (who) => `/api/console/rejected-entries/${who === 'admin' ? ids.rejected2 : ids.rejected1}/handled`,
    b: 'refused',
  },
  { route: 'GET /api/console/catalogue/export', url: () => '/api/console/catalogue/export?format=hsds', b: 'shared' },
  {
    route: 'POST /api/console/catalogue/import',
    url: () => '/api/console/catalogue/import',
    body: () => ({ fileName: 'catalogus.json', text: catalogueText }),
    b: 'refused',
    adminOnly: true,
  },
  // After the import (a whole catalogue, which would undo them): changing items one by one.
  { route: 'GET /api/console/catalogue/items', url: () => '/api/console/catalogue/items?q=cursus&limit=20', b: 'shared' },
  { route: 'GET /api/console/catalogue/references', url: () => '/api/console/catalogue/references', b: 'shared' },
  { route: 'GET /api/console/catalogue/items/{id}', url: () => `/api/console/catalogue/items/${items.editA!.item.id}`, b: 'shared' },
  {
    route: 'POST /api/console/catalogue/items',
    url: () => '/api/console/catalogue/items',
    body: () => ({ item: sampleCourse({ name: { nl: 'Nieuwe cursus' } }) }),
    b: 'refused',
  },
  {
    route: 'PUT /api/console/catalogue/items/{id}',
    url: (who) => `/api/console/catalogue/items/${items[who === 'admin' ? 'editAdmin' : 'editA']!.item.id}`,
    body: (who) => {
      const { item, version } = items[who === 'admin' ? 'editAdmin' : 'editA']!;
      return { baseVersion: version, item: { ...item, name: { nl: `${item.name.nl} (gewijzigd)` } } };
    },
    b: 'refused',
  },
  {
    route: 'POST /api/console/catalogue/items/{id}/retire',
    url: (who) => `/api/console/catalogue/items/${items[who === 'admin' ? 'retireAdmin' : 'retireA']!.item.id}/retire`,
    body: (who) => ({ baseVersion: items[who === 'admin' ? 'retireAdmin' : 'retireA']!.version, status: 'ended' }),
    b: 'refused',
  },
  {
    route: 'DELETE /api/console/catalogue/items/{id}',
    url: () => `/api/console/catalogue/items/${items.delete!.item.id}`,
    b: 'refused',
    adminOnly: true,
  },
  { route: 'GET /api/console/courses/runs', url: () => '/api/console/courses/runs', b: 'own' },
  {
    route: 'POST /api/console/courses/runs',
    url: () => '/api/console/courses/runs',
    body: () => ({ itemId: items.editA!.item.id, locationId: DEMO_LOCATIONS[0].id, sessions: [PERIOD.from] }),
    b: 'refused',
  },
  {
    route: 'POST /api/console/courses/runs/{id}/participants',
    url: () => `/api/console/courses/runs/${ids.courseRun}/participants`,
    body: () => ({ display: { kind: 'number', value: '4' }, consent: true }),
    b: 'refused',
  },
  {
    route: 'POST /api/console/courses/runs/{id}/participants/from-interest',
    url: () => `/api/console/courses/runs/${ids.courseRun}/participants/from-interest`,
    body: (who) => ({ interestId: who === 'admin' ? ids.courseInterest2 : ids.courseInterest1, consent: true }),
    b: 'refused',
  },
  {
    route: 'POST /api/console/courses/runs/{id}/attendance',
    url: () => `/api/console/courses/runs/${ids.courseRun}/attendance`,
    body: () => ({ participantId: ids.participant, sessionId: ids.courseSession, present: true }),
    b: 'refused',
  },
  {
    route: 'POST /api/console/courses/runs/{id}/end',
    url: () => `/api/console/courses/runs/${ids.courseRun}/end`,
    body: () => ({ participantId: ids.participant, outcome: 'finished' }),
    b: 'refused',
  },
  { route: 'POST /api/console/courses/runs/{id}/close', url: () => `/api/console/courses/runs/${ids.courseRun}/close`, b: 'refused' },
  { route: 'GET /api/console/courses/figures', url: () => `/api/console/courses/figures?${period}`, b: 'own' },
  { route: 'GET /api/console/courses/kb-export', url: () => `/api/console/courses/kb-export?${period}`, b: 'own' },
];
/** Routes without a session: their own checks (tested below). */
const PUBLIC = ['POST /api/console/session', 'POST /api/console/password'];

const originals: Record<string, unknown> = {};
function correctionOf(id: string) {
  const original = originals[id] as Record<string, unknown>;
  return { ...original, channel: 'appointment' };
}

async function call(c: Case, who: Who, opts: { csrf?: 'omit' | 'wrong' } = {}) {
  const [method] = c.route.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE'];
  const headers: Record<string, string> = {};
  if (who === 'desk') headers.authorization = `Bearer ${fx.deskA.token}`;
  if (who === 'kiosk') headers.authorization = `Bearer ${fx.kioskA.token}`;
  let session = who === 'coordA' || who === 'coordB' || who === 'admin' ? sessions[who]! : undefined;
  if (session && c.endsSession && !opts.csrf)
    session = await signIn(who === 'admin' ? 'admin@example.org' : who === 'coordA' ? 'a@example.org' : 'b@example.org');
  if (session) {
    headers.cookie = session.cookie;
    if (opts.csrf !== 'omit') headers['x-csrf-token'] = opts.csrf === 'wrong' ? 'x'.repeat(43) : session.csrf;
  }
  const body = c.body?.(who);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await app.inject({ method, url: c.url(who), headers, payload: body === undefined ? undefined : JSON.stringify(body) });
  // Signing out everywhere ended the walk's own session of this user too: start a new one.
  if (
    c.endsSession &&
    res.statusCode === 200 &&
    c.route.includes('everywhere') &&
    (who === 'coordA' || who === 'coordB' || who === 'admin')
  ) {
    sessions[who] = await signIn(who === 'admin' ? 'admin@example.org' : who === 'coordA' ? 'a@example.org' : 'b@example.org');
  }
  return res;
}

function expectApiError(res: { body: string }) {
  const error = JSON.parse(res.body) as { error?: unknown; message?: unknown };
  expect(typeof error.error).toBe('string');
  expect(typeof error.message).toBe('string');
}

describe('the console authorisation walk', () => {
  it('covers every documented console route', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/console'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...CASES.map((c) => c.route), ...PUBLIC].sort());
    for (const id of fx.visitIdsA)
      originals[id] = (await db.query<{ payload: unknown }>('SELECT payload FROM visits WHERE id = $1', [id])).rows[0]!.payload;
  });

  for (const who of ['none', 'desk', 'kiosk'] as const) {
    it(`refuses every route to ${who === 'none' ? 'a caller without credentials' : `a ${who} token`} with 401, changing nothing`, async () => {
      for (const c of CASES) {
        const before = await fingerprint();
        const res = await call(c, who);
        expect(res.statusCode, `${c.route} as ${who}`).toBe(401);
        expectApiError(res);
        expect(await fingerprint(), `${c.route} as ${who}`).toBe(before);
      }
    });
  }

  it("refuses every change without the session's CSRF token (403), changing nothing", async () => {
    for (const c of CASES.filter((c) => !c.route.startsWith('GET'))) {
      for (const csrf of ['omit', 'wrong'] as const) {
        const before = await fingerprint();
        const res = await call(c, 'coordA', { csrf });
        expect(res.statusCode, `${c.route} csrf ${csrf}`).toBe(403);
        expect(res.json().error).toBe('csrf');
        expect(await fingerprint()).toBe(before);
      }
    }
  });

  it('keeps a coordinator of another organisation out of organisation A, by any URL', async () => {
    for (const c of CASES) {
      const before = await fingerprint();
      const res = await call(c, 'coordB');
      if (c.b === 'refused' || c.adminOnly) {
        expect([403, 404], `${c.route} as B`).toContain(res.statusCode);
        expectApiError(res);
        expect(await fingerprint(), `${c.route} as B`).toBe(before);
      } else {
        expect(res.statusCode, `${c.route} as B`).toBe(200);
        if (c.b === 'own') for (const id of aIds) expect(res.body.includes(id), `${c.route} as B shows ${id}`).toBe(false);
      }
    }
    // B's own figures: the 7 visits of B's branch, none of A's.
    const dash = await call(
      CASES.find((c) => c.route === 'GET /api/console/dashboard')!,
      'coordB',
    );
    expect(dash.json().current.visits).toBe(7);
  });

  it('reports on one library organisation: any for the administrator, only their own for a coordinator', async () => {
    const get = (who: 'coordA' | 'coordB' | 'admin', url: string) =>
      app.inject({ method: 'GET', url, headers: { cookie: sessions[who]!.cookie } });
    const reports = (organisation: string) => [
      `/api/console/dashboard?${period}&organisation=${organisation}`,
      `/api/console/ido-summary?${period}&organisation=${organisation}`,
      `/api/console/ido-summary?${period}&organisation=${organisation}&format=csv`,
      `/api/console/exports/report?format=csv&${period}&organisation=${organisation}`,
      `/api/console/exports/report?format=xlsx&${period}&organisation=${organisation}`,
    ];
    for (const [who, other] of [
      ['coordA', ORG_B.id],
      ['coordB', ORG_A.id],
    ] as const) {
      for (const url of reports(other)) {
        const before = await fingerprint();
        const res = await get(who, url);
        expect(res.statusCode, `${url} as ${who}`).toBe(404);
        expect(res.json()).toMatchObject({ error: 'not_found' });
        expect(res.body).not.toContain(other);
        expect(await fingerprint(), `${url} as ${who}`).toBe(before);
      }
    }
    // An organisation that does not exist is answered the same, to the administrator too; a malformed id is bad input.
    expect((await get('admin', reports(uuidv7())[0]!)).statusCode).toBe(404);
    expect((await get('admin', `/api/console/dashboard?${period}&organisation=logius`)).statusCode).toBe(400);

    const own = await get('coordA', reports(ORG_A.id)[0]!);
    expect(own.statusCode).toBe(200);
    const adminA = await get('admin', reports(ORG_A.id)[0]!);
    expect(adminA.json()).toEqual(own.json());
    const adminB = await get('admin', reports(ORG_B.id)[0]!);
    expect(adminB.json().current.visits).toBe(7);
    const idoB = await get('admin', reports(ORG_B.id)[1]!);
    expect(idoB.json()).toMatchObject({ visits: 7, channels: [{ key: 'online', count: 7 }] });
    // The export of the summary is audited with the organisation it covered.
    const { rows } = await db.query<{ details: { organisation?: string } }>(
      `SELECT details FROM audit_log WHERE target_type = 'ido_summary' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]!.details.organisation).toBe(ORG_B.id);
  });

  for (const who of ['coordA', 'admin'] as const) {
    it(`lets ${who === 'admin' ? 'the network administrator' : 'the coordinator of organisation A'} use every route on A's records`, async () => {
      for (const c of CASES) {
        const before = await fingerprint();
        const res = await call(c, who);
        if (c.adminOnly && who !== 'admin') {
          expect(res.statusCode, `${c.route} as ${who}`).toBe(403);
          expect(await fingerprint()).toBe(before);
        } else {
          expect(res.statusCode, `${c.route} as ${who}: ${res.body.slice(0, 200)}`).toBe(200);
        }
      }
    });
  }

  it('applied what the allowed calls asked: review, correction beside the original, revocation, rejected entries handled', async () => {
    const handled = await db.query<{ email: string }>(
      'SELECT u.email FROM rejected_entries r JOIN users u ON u.id = r.handled_by WHERE r.device_id = $1 ORDER BY r.device_seq',
      [ids.device],
    );
    expect(handled.rows.map((r) => r.email)).toEqual(['a@example.org', 'admin@example.org']);
    const visit = (await db.query<{ review_state: string }>('SELECT review_state FROM visits WHERE id = $1', [ids.visit])).rows[0]!;
    expect(visit.review_state).toBe('approved');
    const corrected = (
      await db.query<{ channel: string; payload: { channel: string } }>('SELECT channel, payload FROM visits WHERE id = $1', [
        fx.visitIdsA[3],
      ])
    ).rows[0]!;
    expect(corrected.channel).toBe('walk_in');
    expect(corrected.payload.channel).toBe('walk_in');
    const corrections = (
      await db.query<{ payload: { channel: string } }>('SELECT payload FROM visit_corrections WHERE visit_id = $1', [fx.visitIdsA[3]])
    ).rows;
    expect(corrections.map((c) => c.payload.channel)).toEqual(['appointment', 'appointment']);
    const revoked = (await db.query('SELECT 1 FROM devices WHERE id = $1 AND revoked_at IS NOT NULL', [ids.device])).rows;
    expect(revoked).toHaveLength(1);
    // The administrator's own changes came after their import; A's changes the import (a whole catalogue) undid, so they are read from the audit log.
    const catalogue = async (id: string) =>
      (await db.query<{ deleted: boolean; data: CatalogueItem | null }>('SELECT deleted, data FROM catalogue_entities WHERE id = $1', [id]))
        .rows[0]!;
    expect((await catalogue(items.editAdmin!.item.id)).data!.name.nl).toBe('Cursus editAdmin (gewijzigd)');
    expect((await catalogue(items.retireAdmin!.item.id)).data!.status).toBe('ended');
    expect((await catalogue(items.delete!.item.id)).deleted).toBe(true);
    const log = await db.query<{ email: string; action: string; target_id: string }>(
      `SELECT u.email, a.action, a.target_id FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.target_type = 'catalogue_item' ORDER BY a.id`,
    );
    const byA = log.rows.filter((r) => r.email === 'a@example.org');
    expect(byA.map((r) => r.action)).toEqual(['create', 'update', 'retire']);
    expect(byA.slice(1).map((r) => r.target_id)).toEqual([items.editA!.item.id, items.retireA!.item.id]);
    // The administrator's first five creations are this walk's own fixture items.
    expect(
      log.rows
        .filter((r) => r.email === 'admin@example.org')
        .map((r) => r.action)
        .slice(5),
    ).toEqual(['create', 'update', 'retire', 'delete']);
  });

  it('never writes visit contents to the audit log', async () => {
    const { rows } = await db.query<{ details: unknown }>('SELECT details FROM audit_log');
    const text = JSON.stringify(rows);
    expect(text).not.toContain('Wachtwoord');
    expect(text).not.toContain('0612345678');
  });

  it('signs in only with the right password, and signing out everywhere ends every session', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/console/session',
      payload: { email: 'a@example.org', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    const cookie = String(
      (await app.inject({ method: 'POST', url: '/api/console/session', payload: { email: 'a@example.org', password: PASSWORD } })).headers[
        'set-cookie'
      ],
    );
    expect(cookie).toMatch(/inloop_session=[A-Za-z0-9_-]+; Path=\/api\/console; HttpOnly; SameSite=Strict/);
    const one = await signIn('a@example.org');
    const two = await signIn('a@example.org');
    const out = await app.inject({
      method: 'POST',
      url: '/api/console/session/everywhere',
      headers: { cookie: one.cookie, 'x-csrf-token': one.csrf },
    });
    expect(out.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/console/session', headers: { cookie: two.cookie } })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/console/session', headers: { cookie: sessions.coordA!.cookie } })).statusCode,
    ).toBe(401);
  });

  it('sets a password once with a one-time link', async () => {
    const admin = await signIn('admin@example.org');
    const created = await app.inject({
      method: 'POST',
      url: '/api/console/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'Nieuw@Example.org', role: 'coordinator', organisationId: ORG_B.id }),
    });
    expect(created.statusCode).toBe(200);
    const token = (created.json().link as string).split('/password/')[1]!;
    const set = (password: string) => app.inject({ method: 'POST', url: '/api/console/password', payload: { token, password } });
    expect((await set('een goed wachtwoord')).statusCode).toBe(200);
    expect((await set('een ander wachtwoord')).statusCode).toBe(404);
    const res = await app.inject({
      method: 'POST',
      url: '/api/console/session',
      payload: { email: 'nieuw@example.org', password: 'een goed wachtwoord' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().locations.map((l: { organisationId: string }) => l.organisationId)).toEqual([ORG_B.id]);
  });
});
