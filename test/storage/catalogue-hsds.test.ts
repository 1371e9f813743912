import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/server/store/database';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_REFERENCE_DAY } from '../../src/server/seed/demo-catalogue';
import { readCatalogue } from '../../src/server/store/catalogue-store';
import { exportServiceList, exportTabularFiles, exportTabularZip } from '../../src/server/catalogue/export';
import { importCatalogue } from '../../src/server/catalogue/import';
import { type Row, type Tables } from '../../src/server/catalogue/hsds/graph';
import { readHsdsJson, readTabularPackage } from '../../src/server/catalogue/hsds/packagings';
import { updateItem } from '../../src/server/store/console/catalogue';
import { TABLE, type TableName } from '../../src/server/catalogue/hsds/tables';
import { createUser } from '../../src/server/store/console/users';
import { FIXTURES, readCsv, validateServiceList, validateTabularPackage } from '../helpers/hsds-validator';
import { STORAGE_TARGETS } from '../helpers/databases';

const EXAMPLES = path.join(FIXTURES, 'examples');
const example = (name: string) => readFileSync(path.join(EXAMPLES, name));
const csvExample = (): Map<string, Uint8Array> =>
  new Map(readdirSync(path.join(EXAMPLES, 'csv')).map((n) => [n, readFileSync(path.join(EXAMPLES, 'csv', n))]));

async function version(db: Database): Promise<number> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM sync_state WHERE id = 1');
  return Number(rows[0]!.version);
}

/** The records of any HSDS JSON, by table and id: nesting aside, as the tabular form has them. */
function recordsOfJson(json: unknown): Map<string, Row> {
  return recordsOf(readHsdsJson(json).tables);
}
function recordsOf(tables: Tables): Map<string, Row> {
  return new Map(Object.entries(tables).flatMap(([t, rows]) => rows.map((r) => [`${t}:${String(r.id)}`, r] as [string, Row])));
}
const textFiles = (files: Map<string, Uint8Array>) => new Map([...files].map(([n, b]) => [n, b.toString()]));

describe.each(STORAGE_TARGETS)('HSDS 3.0 packagings on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db, DEMO_REFERENCE_DAY);
  });
  afterAll(async () => {
    await db?.close();
  });

  describe('the demo catalogue exported', () => {
    it('as a JSON list of compiled services: every service valid against the official compiled schema (0 violations)', async () => {
      const list = JSON.parse(await exportServiceList(db)) as Array<Record<string, unknown>>;
      expect(list).toHaveLength((await readCatalogue(db)).items.length);
      expect(validateServiceList(list)).toEqual([]);
      // Not just valid by being empty: the records a referral needs are inside.
      const course = list.find((s) => (s.schedules as Row[] | undefined)?.some((x) => x.dtstart))!;
      expect(course.organization).toMatchObject({ name: expect.any(String), description: expect.any(String) });
      expect((course.service_at_locations as Row[])[0]!.location).toMatchObject({
        location_type: 'physical',
        addresses: [expect.objectContaining({ postal_code: expect.any(String), country: 'NL' })],
      });
      expect((course.schedules as Row[]).find((x) => x.dtstart)).toMatchObject({
        dtstart: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        timezone: expect.any(Number),
        opens_at: expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/),
      });
    });

    it('as a Tabular Data Package: the official tables, fields, types, required fields and foreign keys, every row valid (0 violations)', async () => {
      const files = await exportTabularFiles(db);
      expect(validateTabularPackage(files)).toEqual([]);
      for (const name of [
        'datapackage.json',
        'organizations.csv',
        'services.csv',
        'locations.csv',
        'service_at_location.csv',
        'schedules.csv',
        'addresses.csv',
        'attributes.csv',
        'taxonomy_terms.csv',
        'taxonomies.csv',
        'cost_options.csv',
      ])
        expect(files.has(name), name).toBe(true);
      const services = readCsv(files.get('services.csv')!);
      expect(services.length - 1).toBe((await readCatalogue(db)).items.length);
      // The extension fields are declared and named as extensions.
      const dp = JSON.parse(files.get('datapackage.json')!) as {
        resources: Array<{ name: string; schema: { fields: Array<{ name: string }> } }>;
      };
      expect(dp.resources.find((r) => r.name === 'service')!.schema.fields.map((f) => f.name)).toEqual(
        expect.arrayContaining(['x_inloop_translations', 'x_inloop_keywords']),
      );
    });

    it('publishes the themes as an HSDS taxonomy whose terms are described in Dutch and in English', async () => {
      const files = await exportTabularFiles(db);
      const [header, ...rows] = readCsv(files.get('taxonomy_terms.csv')!).filter((r) => r.some(Boolean));
      const col = (n: string) => header!.indexOf(n);
      const themes = rows.filter((r) => r[col('taxonomy')] === 'Inloop thema');
      for (const lang of ['nl', 'en']) {
        const terms = themes.filter((r) => r[col('language')] === lang);
        expect(terms.map((r) => r[col('code')]).sort()).toEqual([
          'digital_government',
          'digital_skills',
          'health_skills',
          'language',
          'law',
          'money',
          'numeracy',
          'personal_development',
          'unsorted',
          'work',
        ]);
        for (const t of terms) expect(t[col('description')]!.length).toBeGreaterThan(10);
      }
      expect(themes.find((r) => r[col('code')] === 'digital_skills' && r[col('language')] === 'en')![col('name')]).toBe('Digital skills');
      expect(themes.find((r) => r[col('code')] === 'unsorted' && r[col('language')] === 'nl')![col('name')]).toBe('Nog niet ingedeeld');
    });
  });

  describe('round trips', () => {
    it('JSON list: export → import → export is the same bytes, and the import changes nothing and bumps no version', async () => {
      const first = await exportServiceList(db);
      const v = await version(db);
      const outcome = await importCatalogue(db, 'catalogus-hsds.json', first);
      expect(outcome.issues).toEqual([]);
      expect(outcome.changes).toMatchObject({ added: [], changed: [], removed: [] });
      expect(await version(db)).toBe(v);
      expect(await exportServiceList(db)).toBe(first);
    });

    it('Tabular Data Package (as a ZIP): export → import → export is the same bytes, file by file', async () => {
      const first = await exportTabularFiles(db);
      const v = await version(db);
      const outcome = await importCatalogue(db, 'catalogus-hsds.zip', new Uint8Array(await exportTabularZip(db)));
      expect(outcome.issues).toEqual([]);
      expect(outcome.packaging).toBe('HSDS Tabular Data Package');
      expect(outcome.changes).toMatchObject({ added: [], changed: [], removed: [] });
      expect(await version(db)).toBe(v);
      const again = await exportTabularFiles(db);
      expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
      for (const [name, text] of first) expect(again.get(name), name).toBe(text);
    });
  });

  describe('every official example as published', () => {
    const refused: Record<string, RegExp> = {
      'base.json': /description of an HSDS API .* holds no services/,
      'location.json': /holds no services \(only one location\)/,
      'organization_list.json': /holds no services; .*empty the catalogue/,
      'taxonomy.json': /holds no services \(only one taxonomy\)/,
      'taxonomy_list.json': /holds no services; .*empty the catalogue/,
      'taxonomy_term.json': /holds no services \(only one taxonomy_term\)/,
      'taxonomy_term_list.json': /holds no services; .*empty the catalogue/,
    };
    const imported = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json') && !(f in refused));

    it.each(Object.entries(refused))('%s is refused, saying it holds no services, and changes nothing', async (name, reason) => {
      const before = await readCatalogue(db);
      const v = await version(db);
      const outcome = await importCatalogue(db, name, example(name));
      expect(outcome.issues).toEqual([{ row: '(file)', field: '(document)', reason: expect.stringMatching(reason) }]);
      expect(await version(db)).toBe(v);
      expect(await readCatalogue(db)).toEqual(before);
    });

    it.each(imported)('%s imports, and exported again equals the original on every HSDS field (ordering aside)', async (name) => {
      const original = JSON.parse(example(name).toString()) as unknown;
      const outcome = await importCatalogue(db, name, example(name));
      expect(outcome.issues).toEqual([]);
      expect(outcome.counts.items).toBe(1);
      const exported = JSON.parse(await exportServiceList(db)) as unknown[];
      const ours = recordsOfJson(exported);
      const lostTables = new Set(outcome.notKept.map((n) => n.field));
      for (const [key, record] of recordsOfJson(original)) {
        const table = key.split(':')[0] as TableName;
        if (lostTables.has(TABLE[table].path.replace(/\.csv$/, ''))) continue; // listed in the report as not kept
        expect(ours.get(key), key).toEqual(record);
      }
      // What the example holds beyond what Inloop shows is reported as kept (not silently dropped).
      expect(outcome.keptNotShown.map((k) => k.field)).toEqual(
        expect.arrayContaining(['service.alert', 'service.minimum_age', 'service.alternate_name']),
      );
    });

    it('the CSV data package imports from its files, and exported again equals every row the report does not list as not kept', async () => {
      const outcome = await importCatalogue(db, 'datapackage.json', csvExample());
      expect(outcome.issues).toEqual([]);
      expect(outcome.notKept.map((n) => n.field).sort()).toEqual([
        'attributes',
        'meta_table_descriptions',
        'metadata',
        'taxonomies',
        'taxonomy_terms',
      ]);
      expect(outcome.notKept.every((n) => n.count === 1)).toBe(true);
      const original = recordsOf(readTabularPackage(textFiles(csvExample())).tables);
      const exported = recordsOf(readTabularPackage(await exportTabularFiles(db)).tables);
      for (const [key, row] of original) {
        const table = key.split(':')[0]!;
        if (['attribute', 'metadata', 'meta_table_description', 'taxonomy', 'taxonomy_term'].includes(table)) continue;
        expect(exported.get(key), key).toEqual(row);
      }
      // The JSON list made from it is valid against the official compiled schema.
      expect(validateServiceList(JSON.parse(await exportServiceList(db)))).toEqual([]);
    });

    it('service_full.json: several weekdays, a date-only start, a numeric time zone and cost_options read as a coordinator expects', async () => {
      const outcome = await importCatalogue(db, 'service_full.json', example('service_full.json'));
      expect(outcome.issues).toEqual([]);
      const [item] = (await readCatalogue(db)).items;
      // dtstart 2005-01-01, opens 10:00 and closes 18:00 at UTC+3: the same moments, in Dutch time.
      expect(item!.sessions).toEqual([
        expect.objectContaining({
          start: '2005-01-01T08:00:00+01:00',
          end: '2005-01-01T16:00:00+01:00',
          rrule: 'FREQ=WEEKLY;INTERVAL=1;COUNT=3;UNTIL=20050101;BYDAY=TH,FR;BYMONTHDAY=2,3,4;BYWEEKNO=41,42;BYYEARDAY=2,3,4;WKST=TU',
        }),
      ]);
      expect(Date.parse(item!.sessions[0]!.start)).toBe(Date.UTC(2005, 0, 1, 7));
      expect(item!.cost).toEqual({ free: false, note: { nl: expect.stringContaining('£50 per hour') } });
      expect(item!.themes).toEqual(['unsorted']);
      expect(outcome.notes.map((n) => n.field)).toEqual(expect.arrayContaining(['attributes', 'cost_options']));
      // Ids, the country and the numeric time zone go back out as they came in.
      const [service] = JSON.parse(await exportServiceList(db)) as Array<Record<string, any>>;
      expect(service!.service_at_locations[0].id).toBe('e94c9f38-1e8f-4564-91d4-d53501ab1765');
      expect(service!.schedules[0]).toMatchObject({
        id: '48102e86-bb50-41c4-8f1e-e269368c41d1',
        timezone: 3,
        opens_at: '10:00:00',
        byday: 'TH,FR',
      });
      expect(service!.service_at_locations[0].location.addresses[0].country).toBe('US');
      expect(service!.cost_options[0]).toMatchObject({ currency: 'gbp', amount: 35 });
    });

    it('keeps the fields Inloop does not show when the item is edited in the console, and writes the edit', async () => {
      await importCatalogue(db, 'service_full.json', example('service_full.json'));
      const admin = { user: await createUser(db, { email: `admin-${Date.now()}@example.org`, role: 'admin' }) };
      const { rows } = await db.query<{ version: number; data: any }>(
        `SELECT version, data FROM catalogue_entities WHERE entity = 'item' AND NOT deleted`,
      );
      const item = rows[0]!.data;
      await updateItem(db, admin, item.id, Number(rows[0]!.version), { ...item, themes: ['health_skills'], name: { nl: 'Gesprekshulp' } });
      const [service] = JSON.parse(await exportServiceList(db)) as Array<Record<string, any>>;
      expect(service!.name).toBe('Gesprekshulp');
      expect(service!.alert).toMatch(/COVID-19/);
      expect(service!.minimum_age).toBe(12);
      expect(recordsOfJson([service]).get('contact:1e7efce3-639b-4880-940c-b95cd30cdb50')).toMatchObject({
        name: 'Ann Persona',
        title: 'Reception Manager',
      });
      expect(service!.schedules[0].id).toBe('48102e86-bb50-41c4-8f1e-e269368c41d1');
      const codes = (service!.attributes as Array<{ taxonomy_term: { code: string; taxonomy?: string } }>).map((a) => a.taxonomy_term.code);
      expect(codes).toEqual(expect.arrayContaining(['code', 'health_skills']));
      expect(codes).not.toContain('unsorted');
      expect(validateServiceList([service])).toEqual([]);
    });
  });

  it('reads a file Inloop wrote before the HSDS packagings (lists of organisations, locations and services, an x_inloop object) without losing its fields', async () => {
    const db = await target.open();
    const [org, loc, svc, sal] = [
      '01900000-0000-7000-8000-0000000a0001',
      '01900000-0000-7000-8000-0000000a0002',
      '01900000-0000-7000-8000-0000000a0003',
      '01900000-0000-7000-8000-0000000a0004',
    ];
    const old = {
      hsds_version: '3.0',
      generator: 'Inloop',
      organizations: [
        {
          id: org,
          name: 'Bibliotheek (demo)',
          description: 'De bibliotheek',
          phones: [],
          x_inloop: { isLibrary: true, description: { en: 'The library' } },
        },
      ],
      locations: [
        {
          id: loc,
          location_type: 'physical',
          organization_id: org,
          name: 'Centrale',
          addresses: [
            {
              id: '01900000-0000-7000-8000-0000000a0005',
              location_id: loc,
              address_1: 'Plein 1',
              city: 'Stad',
              country: 'NL',
              address_type: 'physical',
            },
          ],
          schedules: [
            {
              id: '01900000-0000-7000-8000-0000000a0006',
              location_id: loc,
              timezone: 'Europe/Amsterdam',
              freq: 'WEEKLY',
              byday: 'TU',
              opens_at: '10:00',
              closes_at: '17:00',
              attending_type: 'opening hours',
            },
          ],
        },
      ],
      services: [
        {
          id: svc,
          organization_id: org,
          name: 'Klik & Tik',
          description: 'De basis',
          status: 'active',
          fees_description: 'gratis',
          languages: [{ id: '01900000-0000-7000-8000-0000000a0007', service_id: svc, code: 'nl' }],
          required_documents: [{ id: '01900000-0000-7000-8000-0000000a0008', service_id: svc, document: 'digid' }],
          schedules: [
            {
              id: '01900000-0000-7000-8000-0000000a0009',
              service_id: svc,
              location_id: loc,
              service_at_location_id: sal,
              dtstart: '2027-01-12T10:00:00+01:00',
              timezone: 'Europe/Amsterdam',
              freq: 'WEEKLY',
              count: 4,
              opens_at: '10:00',
              closes_at: '12:00',
              x_inloop: { kind: 'session', seats: 8 },
            },
          ],
          attributes: [
            {
              id: '01900000-0000-7000-8000-0000000a000a',
              link_id: svc,
              link_type: 'service',
              taxonomy_term: {
                id: '01900000-0000-7000-8000-0000000a000b',
                code: 'digital_skills',
                name: 'digital_skills',
                taxonomy: 'inloop-theme',
              },
            },
            {
              id: '01900000-0000-7000-8000-0000000a000c',
              link_id: svc,
              link_type: 'service',
              taxonomy_term: {
                id: '01900000-0000-7000-8000-0000000a000d',
                code: 'must_learn',
                name: 'must_learn',
                taxonomy: 'inloop-audience',
              },
            },
          ],
          x_inloop: {
            kind: 'course',
            format: 'in_person',
            level: 'beginner',
            name: { en: 'Click & Type' },
            description: { en: 'The basics' },
            cost: { free: true },
            signUp: { method: 'registration', url: 'https://example.org/aanmelden' },
            keywords: ['computer'],
            locationIds: [loc],
          },
        },
      ],
      service_at_locations: [{ id: sal, service_id: svc, location_id: loc }],
    };
    const outcome = await importCatalogue(db, 'catalogus-oud.json', JSON.stringify(old));
    expect(outcome.issues).toEqual([]);
    const doc = await readCatalogue(db);
    expect(doc.organizations[0]).toMatchObject({ isLibrary: true, description: { nl: 'De bibliotheek', en: 'The library' } });
    expect(doc.locations[0]).toMatchObject({ address: 'Plein 1', city: 'Stad', hours: [{ weekday: 2, opens: '10:00', closes: '17:00' }] });
    expect(doc.items[0]).toMatchObject({
      kind: 'course',
      level: 'beginner',
      themes: ['digital_skills'],
      audience: ['must_learn'],
      name: { nl: 'Klik & Tik', en: 'Click & Type' },
      bring: ['digid'],
      cost: { free: true },
      keywords: ['computer'],
      signUp: { method: 'registration', url: 'https://example.org/aanmelden' },
      locationIds: [loc],
      sessions: [
        { start: '2027-01-12T10:00:00+01:00', end: '2027-01-12T12:00:00+01:00', rrule: 'FREQ=WEEKLY;COUNT=4', locationId: loc, seats: 8 },
      ],
    });
    await db.close();
  });

  describe('dry run and all or nothing', () => {
    it('a dry run names the new, changed and removed items, what is not kept and what is kept, and changes nothing', async () => {
      const db = await target.open();
      await seedDemoIfEmpty(db, DEMO_REFERENCE_DAY);
      const v = await version(db);
      const before = await readCatalogue(db);
      const files = await exportTabularFiles(db);
      const services = readCsv(files.get('services.csv')!);
      const header = services[0]!;
      // Rename the first service, drop the second; add an orphan row another system might have.
      const renamedId = services[1]![0]!;
      const removedId = services[2]![0]!;
      const edited = files.get('services.csv')!.split('\r\n');
      edited[1] = edited[1]!.replace(services[1]![header.indexOf('name')]!, 'Nieuwe naam');
      edited.splice(2, 1);
      files.set('services.csv', edited.join('\r\n'));
      files.set(
        'meta_table_descriptions.csv',
        'id,name,language,character_set\r\nc11af60b-a394-4e53-9943-324dda2d17a1,Example name,ur,ASCII\r\n',
      );
      const outcome = await importCatalogue(db, 'pakket', files, { dryRun: true });
      expect(outcome.dryRun).toBe(true);
      expect(outcome.issues).toEqual([]);
      expect(outcome.changes.changed).toEqual([expect.objectContaining({ id: renamedId, name: 'Nieuwe naam', fields: ['name'] })]);
      expect(outcome.changes.removed).toEqual([expect.objectContaining({ id: removedId })]);
      // The table another system adds, and the rows of the removed service left in other tables, are named with their counts.
      expect(outcome.notKept).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'meta_table_descriptions', count: 1 }),
          expect.objectContaining({ field: 'attributes', count: expect.any(Number) }),
        ]),
      );
      expect(await version(db)).toBe(v);
      expect(await readCatalogue(db)).toEqual(before);
      await db.close();
    });

    it('a dry run of a file with problems lists them per record and field, and changes nothing', async () => {
      const db = await target.open();
      await seedDemoIfEmpty(db, DEMO_REFERENCE_DAY);
      const v = await version(db);
      const list = JSON.parse(await exportServiceList(db)) as Array<Record<string, unknown>>;
      list[0]!.status = 'open';
      delete list[1]!.name;
      const outcome = await importCatalogue(db, 'x.json', JSON.stringify(list), { dryRun: true });
      expect(outcome.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 'services[0]', field: 'status', reason: expect.stringMatching(/"open" is not allowed/) }),
          expect.objectContaining({ row: 'services[1]', field: 'name' }),
        ]),
      );
      expect(await version(db)).toBe(v);
      await db.close();
    });
  });
});
