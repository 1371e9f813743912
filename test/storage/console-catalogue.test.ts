import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app';
import type { Database } from '../../src/server/store/database';
import { createUser } from '../../src/server/store/console/users';
import { pullCatalogueChanges } from '../../src/server/store/catalogue-feed';
import { createLocation, createOrganisation } from '../../src/server/store/organisations';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import type { CatalogueItem } from '../../src/shared/catalogue';
import { uuidv7 } from '../../src/shared/ids';
import { sampleCourse } from '../helpers/catalogue-items';
import { CATALOGUE_IMPORT_MAX_BYTES } from '../../src/shared/catalogue-import';
import { exportServiceList } from '../../src/server/catalogue/export';
import { readCatalogue } from '../../src/server/store/catalogue-store';
import { STORAGE_TARGETS } from '../helpers/databases';

/**
 * Catalogue management from the console on both databases: each change is one version
 * bump that a desk tablet's pull sees exactly (a tombstone for a deletion); stale and
 * invalid changes are refused with the reason and change nothing.
 */
const PASSWORD = 'correct horse battery';
const ORG_B = { id: '01900000-0000-7000-8000-0000000000b1', name: 'Bibliotheek Anderstad' };
const ORG_B_LOCATION = { id: '01900000-0000-7000-8000-0000000000b2', name: 'Bibliotheek Anderstad Centrum' };

describe.each(STORAGE_TARGETS)('catalogue management on $name', (target) => {
  let db: Database;
  let app: FastifyInstance;
  const as: Record<'admin' | 'coordA' | 'coordB', { cookie: string; csrf: string }> = {} as never;

  const version = async () => Number((await db.query<{ version: number }>('SELECT version FROM sync_state')).rows[0]!.version);
  const cursorNow = async () => (await pullCatalogueChanges(db, '0', 100_000)).cursor;
  async function pullAll(cursor: string) {
    const changes = [];
    for (;;) {
      const page = await pullCatalogueChanges(db, cursor, 100);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return { changes, cursor };
    }
  }
  async function call(who: keyof typeof as, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
    const res = await app.inject({
      method,
      url: `/api/console${url}`,
      headers: {
        cookie: as[who].cookie,
        'x-csrf-token': as[who].csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & { issues?: Array<{ path: string; message: string }> } };
  }

  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db);
    await createOrganisation(db, ORG_B);
    await createLocation(db, { ...ORG_B_LOCATION, organisationId: ORG_B.id });
    app = await buildServer({ db });
    await createUser(db, { email: 'admin@example.org', role: 'admin', password: PASSWORD });
    await createUser(db, { email: 'a@example.org', role: 'coordinator', organisationId: DEMO_ORGANISATION.id, password: PASSWORD });
    await createUser(db, { email: 'b@example.org', role: 'coordinator', organisationId: ORG_B.id, password: PASSWORD });
    for (const [who, email] of [
      ['admin', 'admin@example.org'],
      ['coordA', 'a@example.org'],
      ['coordB', 'b@example.org'],
    ] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/console/session', payload: { email, password: PASSWORD } });
      as[who] = { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken };
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('creates, edits (sessions included), retires and deletes an item; a tablet pulls exactly each change', async () => {
    const item = sampleCourse();
    let cursor = await cursorNow();

    const created = await call('coordA', 'POST', '/catalogue/items', { item });
    expect(created.status).toBe(200);
    let pulled = await pullAll(cursor);
    expect(pulled.changes).toEqual([{ entity: 'item', id: item.id, deleted: false, data: item }]);
    cursor = pulled.cursor;

    const edited: CatalogueItem = {
      ...item,
      name: { nl: 'Werken met de tablet (voorjaar)' },
      sessions: [
        ...item.sessions,
        { start: '2027-03-02T13:30:00+01:00', end: '2027-03-02T15:30:00+01:00', locationId: DEMO_LOCATIONS[1].id, seats: 10 },
      ],
    };
    const updated = await call('coordA', 'PUT', `/catalogue/items/${item.id}`, { baseVersion: created.body.version, item: edited });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBeGreaterThan(created.body.version as number);
    pulled = await pullAll(cursor);
    expect(pulled.changes).toEqual([{ entity: 'item', id: item.id, deleted: false, data: edited }]);
    cursor = pulled.cursor;

    const retired = await call('coordA', 'POST', `/catalogue/items/${item.id}/retire`, {
      baseVersion: updated.body.version,
      status: 'ended',
    });
    expect(retired.status).toBe(200);
    pulled = await pullAll(cursor);
    expect(pulled.changes).toEqual([{ entity: 'item', id: item.id, deleted: false, data: { ...edited, status: 'ended' } }]);
    cursor = pulled.cursor;

    // Only the network administrator deletes.
    const before = await version();
    const refused = await call('coordA', 'DELETE', `/catalogue/items/${item.id}`);
    expect(refused.status).toBe(403);
    expect(await version()).toBe(before);
    const deleted = await call('admin', 'DELETE', `/catalogue/items/${item.id}`);
    expect(deleted.status).toBe(200);
    pulled = await pullAll(cursor);
    expect(pulled.changes).toEqual([{ entity: 'item', id: item.id, deleted: true }]);
    expect((await call('admin', 'GET', `/catalogue/items/${item.id}`)).status).toBe(404);

    const log = await db.query<{ action: string; target_id: string }>(
      `SELECT action, target_id FROM audit_log WHERE target_type = 'catalogue_item' ORDER BY id`,
    );
    expect(log.rows.map((r) => r.action)).toEqual(['create', 'update', 'retire', 'delete']);
    expect(new Set(log.rows.map((r) => r.target_id))).toEqual(new Set([item.id]));
  });

  it("refuses a stale edit with 409 and a clear message, keeping the other person's change", async () => {
    const item = sampleCourse();
    const created = await call('admin', 'POST', '/catalogue/items', { item });
    const base = created.body.version as number;
    const first = await call('coordA', 'PUT', `/catalogue/items/${item.id}`, {
      baseVersion: base,
      item: { ...item, cost: { free: false, amountEur: 12.5 } },
    });
    expect(first.status).toBe(200);
    const cursor = await cursorNow();
    const before = await version();
    const second = await call('admin', 'PUT', `/catalogue/items/${item.id}`, {
      baseVersion: base,
      item: { ...item, name: { nl: 'Andere naam' } },
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toBe('stale');
    expect(second.body.message).toMatch(/changed this item after you opened it/);
    const staleRetire = await call('admin', 'POST', `/catalogue/items/${item.id}/retire`, {
      baseVersion: base,
      status: 'temporarily_closed',
    });
    expect(staleRetire.status).toBe(409);
    expect(await version()).toBe(before);
    expect((await pullAll(cursor)).changes).toEqual([]);
    const now = await call('admin', 'GET', `/catalogue/items/${item.id}`);
    expect(now.body.item).toMatchObject({ name: { nl: 'Werken met de tablet' }, cost: { free: false, amountEur: 12.5 }, status: 'active' });
  });

  it('refuses an invalid item, naming the field, and changes nothing', async () => {
    const cursor = await cursorNow();
    const before = await version();
    const bad = async (item: unknown, path: string) => {
      const res = await call('coordA', 'POST', '/catalogue/items', { item });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.issues?.map((i) => i.path)).toContain(path);
    };
    const item = sampleCourse();
    await bad({ ...item, name: { en: 'Only English' } }, '/item/name/nl');
    await bad({ ...item, themes: [] }, '/item/themes');
    await bad({ ...item, cost: { free: false } }, '/item/cost/amountEur');
    await bad({ ...item, sessions: [{ ...item.sessions[0]!, end: '2027-01-12T09:00:00+01:00' }] }, '/item/sessions/0/end');
    await bad({ ...item, sessions: [{ ...item.sessions[0]!, rrule: 'every tuesday' }] }, '/item/sessions/0/rrule');
    await bad({ ...item, locationIds: [uuidv7()] }, '/item/locationIds/0');
    const edit = await call('coordA', 'PUT', `/catalogue/items/${uuidv7()}`, { baseVersion: 1, item });
    expect(edit.status).toBe(400);
    expect(await version()).toBe(before);
    expect((await pullAll(cursor)).changes).toEqual([]);
  });

  it("lets a coordinator change only their own library's items, never naming another library's branch", async () => {
    const item = sampleCourse();
    const created = await call('coordA', 'POST', '/catalogue/items', { item });
    expect(created.status).toBe(200);
    const before = await version();
    // B may read the shared catalogue, but not change A's item.
    expect((await call('coordB', 'GET', `/catalogue/items/${item.id}`)).body.editable).toBe(false);
    expect(
      (
        await call('coordB', 'PUT', `/catalogue/items/${item.id}`, {
          baseVersion: created.body.version,
          item: { ...item, name: { nl: 'Overgenomen' } },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call('coordB', 'POST', `/catalogue/items/${item.id}/retire`, { baseVersion: created.body.version, status: 'ended' })).status,
    ).toBe(403);
    expect((await call('coordB', 'POST', '/catalogue/items', { item: { ...sampleCourse() } })).status).toBe(403);
    // A may not give it away to another organisation's branches only, nor hold it at B's branch.
    const put = (changed: CatalogueItem) =>
      call('coordA', 'PUT', `/catalogue/items/${item.id}`, { baseVersion: created.body.version, item: changed });
    expect((await put({ ...item, organizationId: '01900000-0000-7000-8000-000000000101', locationIds: [], sessions: [] })).status).toBe(
      403,
    );
    expect((await put({ ...item, locationIds: [DEMO_LOCATIONS[0].id, ORG_B_LOCATION.id] })).status).toBe(403);
    expect(await version()).toBe(before);
    const list = await call('coordB', 'GET', `/catalogue/items?q=${encodeURIComponent('tablet')}&limit=200`);
    expect(list.status).toBe(200);
    expect((list.body.items as Array<{ id: string; editable: boolean }>).find((i) => i.id === item.id)?.editable).toBe(false);
  });

  it('answers malformed catalogue requests with a clear 4xx, never a 5xx, changing nothing', async () => {
    const item = sampleCourse();
    const created = await call('coordA', 'POST', '/catalogue/items', { item });
    const before = await version();
    const cases: Array<[Parameters<typeof call>[1], string, unknown]> = [
      ['POST', '/catalogue/items', { item }],
      ['POST', '/catalogue/items', { item: { ...sampleCourse(), extra: 1 } }],
      ['POST', '/catalogue/items', { item: { ...sampleCourse(), sessions: [{ start: 'morgen', end: 'later' }] } }],
      ['POST', '/catalogue/items', { item: { ...sampleCourse(), name: { nl: 'x'.repeat(5000) } } }],
      ['POST', '/catalogue/items', []],
      ['PUT', `/catalogue/items/${item.id}`, { baseVersion: -1, item }],
      ['PUT', `/catalogue/items/${item.id}`, { baseVersion: 1.5, item }],
      ['PUT', `/catalogue/items/${item.id}`, { baseVersion: 1e20, item }],
      ['PUT', `/catalogue/items/${item.id}`, { baseVersion: created.body.version, item: { ...item, id: uuidv7() } }],
      ['PUT', '/catalogue/items/not-a-uuid', { baseVersion: 1, item }],
      ['POST', `/catalogue/items/${item.id}/retire`, { baseVersion: created.body.version, status: 'active' }],
      ['POST', `/catalogue/items/${uuidv7()}/retire`, { baseVersion: 1, status: 'ended' }],
      ['DELETE', `/catalogue/items/${uuidv7()}`, undefined],
      ['GET', '/catalogue/items?limit=0x10', undefined],
      ['GET', "/catalogue/items?q=%25'%5C_&offset=99999", undefined],
      ['GET', `/catalogue/items/${uuidv7()}`, undefined],
    ];
    for (const [method, url, body] of cases) {
      const who = method === 'DELETE' ? 'admin' : 'coordA';
      const res = await call(who, method, url, body);
      if (url.includes('q=')) expect(res.status, url).toBe(200);
      else expect([400, 404, 409], `${method} ${url}: ${JSON.stringify(res.body).slice(0, 200)}`).toContain(res.status);
      expect(typeof res.body.message).toBe(res.status === 200 ? 'undefined' : 'string');
    }
    expect(await version()).toBe(before);
  });

  it('lists and searches items page by page', async () => {
    const first = await call('coordA', 'GET', '/catalogue/items?limit=10');
    expect(first.status).toBe(200);
    expect((first.body.items as unknown[]).length).toBe(10);
    expect(first.body.total as number).toBeGreaterThan(90);
    const second = await call('coordA', 'GET', `/catalogue/items?limit=10&offset=${first.body.next}`);
    const ids = new Set([...(first.body.items as Array<{ id: string }>), ...(second.body.items as Array<{ id: string }>)].map((i) => i.id));
    expect(ids.size).toBe(20);
    const found = await call('coordA', 'GET', `/catalogue/items?q=${encodeURIComponent('klik')}`);
    expect((found.body.items as Array<{ name: string }>).some((i) => /klik/i.test(i.name))).toBe(true);
  });

  it('checks a data package (ZIP) with a dry run that changes nothing, imports it on apply, and lists the items an import could not sort', async () => {
    const { exportTabularZip } = await import('../../src/server/catalogue/export');
    const { readFileSync } = await import('node:fs');
    const before = await version();
    const zip = (await exportTabularZip(db)).toString('base64');
    const dry = await call('admin', 'POST', '/catalogue/import', { files: [{ name: 'catalogus-hsds.zip', base64: zip }], dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      ok: true,
      dryRun: true,
      packaging: 'HSDS Tabular Data Package',
      problems: [],
      changes: { added: [], changed: [], removed: [] },
    });
    expect(await version()).toBe(before);
    // An official example: dry run first, then the same file applied; its service goes under "Nog niet ingedeeld".
    const example = readFileSync('test/fixtures/hsds-3.0/examples/service_list.json', 'utf8');
    const check = await call('admin', 'POST', '/catalogue/import', { files: [{ name: 'service_list.json', text: example }], dryRun: true });
    expect((check.body.changes as { added: unknown[] }).added).toEqual(
      expect.arrayContaining([expect.objectContaining({ entity: 'item', name: 'Community Counselling' })]),
    );
    expect(check.body.keptNotShown).toEqual(expect.arrayContaining([{ field: 'service.alert', count: 1 }]));
    expect(await version()).toBe(before);
    const applied = await call('admin', 'POST', '/catalogue/import', { files: [{ name: 'service_list.json', text: example }] });
    expect(applied.body).toMatchObject({ ok: true, dryRun: false });
    const unsorted = await call('admin', 'GET', '/catalogue/items?theme=unsorted');
    expect((unsorted.body.items as Array<{ name: string }>).map((i) => i.name)).toEqual(['Community Counselling']);
    // Back to the catalogue as it was, for the tests after this one.
    expect((await call('admin', 'POST', '/catalogue/import', { files: [{ name: 'catalogus-hsds.zip', base64: zip }] })).body.ok).toBe(true);
  });

  it(`imports a file of up to ${CATALOGUE_IMPORT_MAX_BYTES / 1_000_000} MB from the console and refuses a larger one with 413, changing nothing`, async () => {
    const doc = await readCatalogue(db);
    const first = doc.items[0]!;
    const list = JSON.parse(await exportServiceList(db)) as Array<{ id: string; name: string }>;
    const renamed = (nl: string) =>
      JSON.stringify(
        list.map((s) => (s.id === first.id ? { ...s, name: nl } : s)),
        null,
        2,
      );
    // Filled up with line breaks, which JSON escaping doubles on the wire: the most a real file grows.
    const filledTo = (text: string, bytes: number) => text + '\n'.repeat(bytes - Buffer.byteLength(text));
    const importFile = (text: string) => call('admin', 'POST', '/catalogue/import', { fileName: 'catalogus.json', text });
    const nameNow = async () => ((await call('admin', 'GET', `/catalogue/items/${first.id}`)).body.item as CatalogueItem).name.nl;
    const before = await version();

    const over = await importFile(filledTo(renamed('Net te groot'), CATALOGUE_IMPORT_MAX_BYTES + 1));
    expect(over.status).toBe(413);
    expect(over.body.message).toMatch(
      /20\.1 MB: larger than the 20 MB the console imports; nothing was imported\. .*npm run inloop -- catalogue:import FILE/,
    );
    expect(await version()).toBe(before);
    expect(await nameNow()).toBe(first.name.nl);

    // A request beyond even the route's body limit is refused unread, with the same advice.
    const huge = await app.inject({
      method: 'POST',
      url: '/api/console/catalogue/import',
      headers: { cookie: as.admin.cookie, 'x-csrf-token': as.admin.csrf, 'content-type': 'application/json' },
      payload: `{"fileName":"catalogus.json","text":"${' '.repeat(2 * CATALOGUE_IMPORT_MAX_BYTES + 1_000_000)}"}`,
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toContain('npm run inloop -- catalogue:import FILE');
    expect(await version()).toBe(before);
    // Other bad requests to the import keep their own answer.
    const nameless = await call('admin', 'POST', '/catalogue/import', { fileName: '', text: renamed('Zonder naam') });
    expect(nameless.status).toBe(400);
    expect(nameless.body.issues?.map((i) => i.path)).toEqual(['/fileName']);

    const fits = await importFile(filledTo(renamed('Past precies'), CATALOGUE_IMPORT_MAX_BYTES));
    expect(fits.status, JSON.stringify(fits.body).slice(0, 300)).toBe(200);
    expect(fits.body).toMatchObject({ ok: true, issues: [], counts: { items: doc.items.length } });
    expect(await version()).toBeGreaterThan(before);
    expect(await nameNow()).toBe('Past precies');
  });
});
