import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/server/store/database';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_REFERENCE_DAY } from '../../src/server/seed/demo-catalogue';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { exportCatalogue } from '../../src/server/cli/catalogue';
import { exportTabularFiles } from '../../src/server/catalogue/export';
import { outboxCommands } from '../../src/server/cli/outbox';
import { UsageError } from '../../src/server/cli/command';
import { importCatalogue } from '../../src/server/catalogue/import';
import { readCatalogue, replaceCatalogueInTransaction } from '../../src/server/store/catalogue-store';
import { OutboxImportError, importOutboxExport } from '../../src/server/store/outbox-import';
import { createEnrolmentCode, enrolDevice, type Enrolment } from '../../src/server/store/devices';
import { catalogueDocumentSchema, type CatalogueDocument } from '../../src/shared/catalogue';
import { OUTBOX_EXPORT_FORMAT, outboxExportSchema, type OutboxExport } from '../../src/shared/outbox-export';
import { uuidv7 } from '../../src/shared/ids';
import { STORAGE_TARGETS } from '../helpers/databases';
import { makeTally, makeVisit } from '../helpers/visits';
import { FUZZ_SEED, countRowChanges, pathsOf, shapeOf, unprintable } from '../helpers/fuzz';
import {
  csvDamage,
  damageCsv,
  damageJson,
  damageOutbox,
  fieldCount,
  jsonDamage,
  outboxEntryDamage,
  readCsvGrid,
  writeCsvGrid,
  type DamagedFile,
  type JsonDamage,
} from '../helpers/file-mutations';

/**
 * Import files (a catalogue as CSV or HSDS JSON, a tablet's emergency outbox export)
 * start out valid and are damaged at random. Each import must either succeed, when the
 * damage left the file valid, or name the problem (row, field, reason) and change
 * nothing at all; it must never fail with anything else.
 */
const RUNS = Number(process.env.INLOOP_IMPORT_FUZZ_RUNS ?? 200);

/** Where a catalogue problem can be: a spreadsheet row, a record of an HSDS list, or the file as a whole. */
/** Where a problem is: a CSV row, the file, or an HSDS record (services[2], services[2].organization, … schedule <id>). */
const ISSUE_ROW = /^(row \d+|\(file\)|services\[\d+\](\.[a-z_]+(\[\d+\])?)*( schedule .+)?)$/;

const sorted = (doc: CatalogueDocument): CatalogueDocument => ({
  organizations: [...doc.organizations].sort((a, b) => a.id.localeCompare(b.id)),
  locations: [...doc.locations].sort((a, b) => a.id.localeCompare(b.id)),
  items: [...doc.items].sort((a, b) => a.id.localeCompare(b.id)),
});

/**
 * The demo catalogue cut down to a dozen items that between them fill every field an item
 * has (sessions, hours, prices, translations, links), so a run is quick and no field is missed.
 */
function sampleOf(demo: CatalogueDocument): CatalogueDocument {
  const fields = new Set<string>();
  const items = demo.items.filter((item, i) => {
    const shapes = pathsOf(item).map(shapeOf);
    const fillsAnother = shapes.some((shape) => !fields.has(shape));
    shapes.forEach((shape) => fields.add(shape));
    return fillsAnother || i < 5;
  });
  return { ...demo, items };
}

/** HSDS JSON as Inloop exports it: the list of compiled services. */
type Hsds = Array<Record<string, unknown> & { attributes: Array<{ taxonomy_term: { code: string } }> }>;
/** Fields the HSDS reader looks for that an exported file may not have (src/server/catalogue/hsds/read.ts). */
const HSDS_FIELDS = [
  'interval',
  'until',
  'bymonthday',
  'count',
  'byday',
  'dtstart',
  'opens_at',
  'closes_at',
  'timezone',
  'x_inloop_seats',
  'x_inloop_end',
  'x_inloop_start',
  'x_inloop_rrule',
  'x_inloop_time_zone',
  'url',
  'website',
  'email',
  'phones',
  'x_inloop_translations',
  'x_inloop_keywords',
  'x_inloop_sign_up_url',
  'x_inloop_is_library',
  'cost_options',
  'attributes',
  'service_at_locations',
  'organization',
  'location',
  'taxonomy_term',
  'required_documents',
  'languages',
  'addresses',
  'schedules',
];
const serialiseHsds = (doc: unknown) => JSON.stringify(doc, null, 2) + '\n';

function damageHsdsRecords(hsds: Hsds, d: { records: 'drop' | 'duplicate' | 'swap' | 'repeat'; a: number; b: number }): DamagedFile {
  const doc = structuredClone(hsds);
  const [i, j] = [d.a % doc.length, d.b % doc.length];
  if (d.records === 'drop') doc.splice(i, 1);
  if (d.records === 'swap') [doc[i], doc[j]] = [doc[j]!, doc[i]!];
  if (d.records === 'duplicate') doc.push(structuredClone(doc[i]!));
  if (d.records === 'repeat') doc.push(...Array.from({ length: 200 + (d.b % 1000) }, () => structuredClone(doc[i]!)));
  // The same service twice, word for word, is one record met twice (as nested JSON repeats records): not a problem.
  return { content: serialiseHsds(doc), mustFail: false };
}

/** A term of Inloop's theme taxonomy with a code the taxonomy does not have: read as another system's term. */
function withUnknownTheme(hsds: Hsds, d: { theme: string; service: number }): DamagedFile {
  const doc = structuredClone(hsds);
  doc[d.service % doc.length]!.attributes[0]!.taxonomy_term.code = d.theme;
  return { content: serialiseHsds(doc), mustFail: false };
}

/** The outbox import reads its file as UTF-8 text (bad bytes become U+FFFD, which its schema refuses). */
const textOf = (file: DamagedFile): string => (typeof file.content === 'string' ? file.content : file.content.toString('utf8'));

describe.each(STORAGE_TARGETS)('damaged import files on $name', (target) => {
  let db: Database;
  let rowChanges: () => Promise<number>;
  let original: CatalogueDocument;
  let validCsv: string;
  let validHsds: string;
  let validPackage: Map<string, string>;
  let dir: string;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);

  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db, DEMO_REFERENCE_DAY);
    await replaceCatalogueInTransaction(db, sampleOf(await readCatalogue(db)));
    original = await readCatalogue(db);
    validCsv = await exportCatalogue(db, 'csv');
    validHsds = await exportCatalogue(db, 'hsds');
    validPackage = await exportTabularFiles(db);
    rowChanges = await countRowChanges(db);
    dir = await mkdtemp(path.join(tmpdir(), 'inloop-import-fuzz-'));
    // The outbox command reports what it imported; the runs would fill the log with it.
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The version counter tablets pull by, and every row written anywhere. */
  async function snapshot() {
    const { rows } = await db.query<{ version: number | string }>('SELECT version FROM sync_state WHERE id = 1');
    return { version: Number(rows[0]!.version), rowsWritten: await rowChanges() };
  }

  function expectNothingPolluted() {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
  }

  /** One damaged catalogue file through the importer the CLI and the console share. */
  async function importCatalogueFile(fileName: string, file: DamagedFile): Promise<void> {
    const before = await snapshot();
    // As the CLI hands it over: the bytes, decoded strictly by the import itself.
    const outcome = await importCatalogue(db, fileName, file.content);
    expectNothingPolluted();
    if (outcome.issues.length > 0) {
      for (const issue of outcome.issues) {
        expect(issue.row).toMatch(ISSUE_ROW);
        expect(issue.field).not.toBe('');
        expect(issue.reason).not.toBe('');
      }
      expect(await snapshot()).toEqual(before);
      return;
    }
    expect(file.mustFail, 'a file that cannot be valid was imported').toBe(false);
    if (outcome.result!.written + outcome.result!.deleted === 0) {
      // The damage left the catalogue as it was (an extra unknown field, say): tablets are sent nothing.
      expect((await snapshot()).version).toBe(before.version);
      return;
    }
    // What was stored is a catalogue tablets can use, and it exports and imports back unchanged.
    expect(catalogueDocumentSchema.safeParse(await readCatalogue(db)).success).toBe(true);
    expect((await importCatalogue(db, 'again.json', await exportCatalogue(db, 'hsds'))).result).toMatchObject({ written: 0, deleted: 0 });
    // Back to the demo catalogue for the next run: the whole catalogue, from its data package.
    expect((await importCatalogue(db, 'catalogus', validPackage)).issues).toEqual([]);
    expect(sorted(await readCatalogue(db))).toEqual(sorted(original));
  }

  it('the valid files import back to the same catalogue (the fuzzing starts from them)', async () => {
    const grid = readCsvGrid(validCsv);
    expect(grid.length).toBe(original.items.length + 1);
    expect(writeCsvGrid(grid)).toBe(validCsv);
    await importCatalogueFile('aanbod.csv', { content: validCsv, mustFail: false });
    await importCatalogueFile('catalogus.json', { content: validHsds, mustFail: false });
  });

  it(`a catalogue CSV with rows, columns, cells, quoting or bytes damaged: ${RUNS} files`, { timeout: 120_000 }, async () => {
    const grid = readCsvGrid(validCsv);
    await fc.assert(
      fc.asyncProperty(csvDamage, fc.constantFrom('aanbod.csv', 'aanbod.txt', 'aanbod'), (damage, fileName) =>
        importCatalogueFile(fileName, damageCsv(grid, damage)),
      ),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
  });

  it(`an HSDS catalogue with records, values, keys, nesting or bytes damaged: ${RUNS} files`, { timeout: 120_000 }, async () => {
    const hsds = JSON.parse(validHsds) as Hsds;
    const damage = fc.oneof(
      { weight: 4, arbitrary: jsonDamage(HSDS_FIELDS).map((json) => ({ json })) },
      { weight: 2, arbitrary: fc.record({ records: fc.constantFrom('drop', 'duplicate', 'swap', 'repeat'), a: fc.nat(), b: fc.nat() }) },
      {
        weight: 1,
        arbitrary: fc.record({ theme: fc.constantFrom('kookkunst', 'Digital_Skills', '__proto__', 'constructor'), service: fc.nat() }),
      },
    );
    await fc.assert(
      fc.asyncProperty(damage, fc.constantFrom('catalogus.json', 'catalogus'), (d, fileName) =>
        importCatalogueFile(
          fileName,
          'json' in d ? damageJson(hsds, d.json, serialiseHsds) : 'records' in d ? damageHsdsRecords(hsds, d) : withUnknownTheme(hsds, d),
        ),
      ),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
  });

  // Random search can miss the one field that breaks (a URL, an id, an RRULE part), so every
  // field also gets each kind of damage that has broken an importer before, exhaustively.
  it(
    'every catalogue field: characters the database cannot store, nesting thousands deep, an unprintable object',
    { timeout: 120_000 },
    async () => {
      const grid = readCsvGrid(validCsv);
      for (let column = 0; column < grid[0]!.length; column++) {
        for (const text of ['\u0000', '\ud800', '\udc00'] as const)
          await importCatalogueFile('aanbod.csv', damageCsv(grid, { op: 'insertIntoCell', row: 0, column, at: 1, text }));
      }
      const hsds = JSON.parse(validHsds) as Hsds;
      const sweep = async (damage: JsonDamage) => importCatalogueFile('catalogus.json', damageJson(hsds, damage, serialiseHsds));
      for (let path = 0; path < fieldCount(hsds); path++) {
        await sweep({ op: 'deepNest', path, depth: 10_000 });
        await sweep({ op: 'unprintable', path });
      }
      for (let path = 0; path < fieldCount(hsds, 'text'); path++) {
        for (const text of ['\u0000', '\ud800'] as const) await sweep({ op: 'insertIntoString', path, at: 1, text });
      }
      for (let path = 0; path < fieldCount(hsds, 'object'); path++) {
        await sweep({ op: 'addKeys', path, keys: HSDS_FIELDS, value: unprintable() });
      }
    },
  );

  // What the fuzzing found, kept as plain examples.
  it('names the field of a link holding a character the database cannot store, instead of failing', async () => {
    const grid = readCsvGrid(validCsv);
    const column = grid[0]!.indexOf('url');
    const row = grid.findIndex((r, i) => i > 0 && r[column]);
    grid[row]![column] += '/a\u0000b';
    const before = await snapshot();
    const csv = await importCatalogue(db, 'aanbod.csv', writeCsvGrid(grid));
    expect(csv.issues).toEqual([
      { row: `row ${row + 1}`, field: 'url', reason: expect.stringMatching(/\\u0000b": contains control characters$/) },
    ]);
    const hsds = JSON.parse(validHsds) as Array<{ organization: { website?: string } }>;
    const withSite = hsds.findIndex((s) => s.organization.website);
    hsds[withSite]!.organization.website += '/\ud800';
    const json = await importCatalogue(db, 'catalogus.json', JSON.stringify(hsds));
    expect(json.issues).toEqual([
      {
        row: expect.stringMatching(/^services\[\d+\]\.organization$/),
        field: 'website',
        reason: expect.stringMatching(/cannot be stored/),
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('names the record when an HSDS value is nested thousands deep or is an object that cannot be printed', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const nested = await importCatalogue(db, 'catalogus.json', validHsds.replace(/"name": "[^"]*"/, `"name": ${deep}`));
    expect(nested.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 'services[0]', field: 'name', reason: 'nested too deep' })]),
    );
    const hsds = JSON.parse(validHsds) as Array<{
      service_at_locations?: Array<{ location: Record<string, unknown> }>;
      schedules?: Array<Record<string, unknown>>;
    }>;
    hsds.find((s) => s.service_at_locations?.length)!.service_at_locations![0]!.location.id = unprintable();
    hsds.find((s) => s.schedules?.some((x) => x.freq && x.dtstart))!.schedules!.find((x) => x.dtstart)!.interval = unprintable();
    const outcome = await importCatalogue(db, 'catalogus.json', JSON.stringify(hsds));
    expect(outcome.issues).toEqual(
      expect.arrayContaining([
        {
          row: expect.stringMatching(/^services\[\d+\]\.service_at_locations\[0\]\.location$/),
          field: 'id',
          reason: expect.stringMatching(/^wrong type: \{"toString":1,"valueOf":1\}/),
        },
        {
          row: expect.stringMatching(/^services\[\d+\]$/),
          field: 'sessions.0.rrule',
          reason: expect.stringMatching(/INTERVAL=\{.*expected an RFC 5545 RRULE$/),
        },
      ]),
    );
  });

  // -------------------------------------------------------------------------
  // Emergency outbox exports, through the coordinator's command (npm run inloop -- outbox:import FILE)
  // -------------------------------------------------------------------------

  async function freshDesk(): Promise<Enrolment> {
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' });
    return (await enrolDevice(db, code))!;
  }

  /** What a desk tablet exports after a morning offline: visits, a correction, a void and a catch-up tally. */
  function exportOf(desk: Enrolment): OutboxExport {
    const [first, second, third] = [makeVisit(desk), makeVisit(desk), makeVisit(desk, { channel: 'appointment' })];
    const tally = makeTally(desk);
    const changes: Array<[string, string, unknown]> = [
      ['visit.create@1', first.id, first],
      ['visit.create@1', second.id, second],
      ['visit.update@1', first.id, { visit: { ...first, durationSeconds: 900 }, baseVersion: 1 }],
      ['visit.void@1', second.id, { visitId: second.id, baseVersion: 1, reason: 'duplicate' }],
      ['tally.create@1', tally.id, tally],
      ['visit.create@1', third.id, third],
    ];
    const createdAt = new Date().toISOString();
    return outboxExportSchema.parse({
      format: OUTBOX_EXPORT_FORMAT,
      deviceId: desk.deviceId,
      locationId: desk.location.id,
      exportedAt: createdAt,
      appVersion: '0.9.0',
      entries: changes.map(([type, recordId, payload], i) => ({ seq: i + 1, recordId, type, payload, createdAt })),
    });
  }

  /** As the tablet writes the file (src/app/device/export-outbox.ts). */
  const serialiseExport = (doc: unknown) => JSON.stringify(doc, null, 1);

  async function importOutboxFile(file: DamagedFile): Promise<void> {
    const filePath = path.join(dir, 'outbox-export.json');
    await writeFile(filePath, file.content);
    const before = await snapshot();
    let refusal: Error | undefined;
    try {
      await outboxCommands['outbox:import']!.run(db, [filePath]);
    } catch (err) {
      // Only the documented refusals: the file is not an export (usage), or cannot be imported as it is.
      if (!(err instanceof UsageError || err instanceof OutboxImportError)) throw err;
      refusal = err;
    }
    expectNothingPolluted();
    if (refusal) {
      expect(refusal.message).not.toBe('');
      expect(await snapshot()).toEqual(before);
      return;
    }
    expect(file.mustFail, 'a file that cannot be valid was imported').toBe(false);
    // Nothing was skipped silently: the server now holds every entry of the file.
    const imported = outboxExportSchema.parse(JSON.parse(textOf(file)));
    const { rows } = await db.query<{ last_seq: number | string }>('SELECT last_seq FROM devices WHERE id = $1', [imported.deviceId]);
    expect(Number(rows[0]!.last_seq)).toBe(Math.max(0, ...imported.entries.map((e) => e.seq)));
  }

  it('the valid outbox export imports every entry (the fuzzing starts from it)', async () => {
    const desk = await freshDesk();
    await importOutboxFile({ content: serialiseExport(exportOf(desk)), mustFail: false });
    const { rows } = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM rejected_entries WHERE device_id = $1', [
      desk.deviceId,
    ]);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('refuses an outbox export that would be stored in part (a gap past the first batch, an entry twice, a change the device does not make, a payload jsonb cannot hold), storing none of it', async () => {
    const many = async (count: number) => {
      const desk = await freshDesk();
      const template = exportOf(desk);
      const entries = Array.from({ length: count }, (_, i) => {
        const visit = makeVisit(desk);
        return { seq: i + 1, recordId: visit.id, type: 'visit.create@1', payload: visit as unknown, createdAt: template.exportedAt };
      });
      return { ...template, entries };
    };
    const refusals: Array<[string, OutboxExport, RegExp]> = [];
    const gap = await many(600);
    gap.entries.splice(549, 1);
    refusals.push(['gap', gap, /the server waits for entry 550, which this file does not hold/]);
    const twice = await many(3);
    twice.entries.push({ ...twice.entries[1]!, recordId: uuidv7() });
    refusals.push(['twice', twice, /entry 2 appears twice/]);
    const kiosk = await many(3);
    kiosk.entries[2]!.type = 'helpRequest.create@1';
    refusals.push(['kiosk', kiosk, /entry 3 is a "helpRequest.create@1" change, which a desk does not make/]);
    const broken = await many(3);
    broken.entries[1]!.payload = { ...(broken.entries[1]!.payload as object), note: 'a\udc00' };
    refusals.push(['broken', broken, /entry 2 holds a broken character/]);
    const deep = await many(3);
    deep.entries[0]!.payload = JSON.parse('['.repeat(5_000) + ']'.repeat(5_000));
    refusals.push(['deep', deep, /entry 1 holds data nested deeper than 32 levels/]);
    for (const [name, file, reason] of refusals) {
      const before = await snapshot();
      const refusal = await importOutboxExport(db, file).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(await snapshot(), name).toEqual(before);
      expect(refusal, name).toBeInstanceOf(OutboxImportError);
      expect((refusal as Error).message, name).toMatch(reason);
    }
  });

  it(`an outbox export with entries, values, keys, nesting or bytes damaged: ${RUNS} files`, { timeout: 120_000 }, async () => {
    const damage = fc.oneof(
      { weight: 3, arbitrary: jsonDamage().map((json) => ({ json })) },
      { weight: 2, arbitrary: outboxEntryDamage.map((entries) => ({ entries })) },
    );
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        const valid = exportOf(await freshDesk());
        await importOutboxFile('json' in d ? damageJson(valid, d.json, serialiseExport) : damageOutbox(valid, d.entries, serialiseExport));
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
  });

  it(
    'every field of an outbox export: characters the database cannot store, nesting thousands deep, an unprintable object',
    { timeout: 120_000 },
    async () => {
      const shape = exportOf(await freshDesk());
      const sweep = async (damage: JsonDamage) => importOutboxFile(damageJson(exportOf(await freshDesk()), damage, serialiseExport));
      for (let path = 0; path < fieldCount(shape); path++) {
        await sweep({ op: 'deepNest', path, depth: 10_000 });
        await sweep({ op: 'unprintable', path });
      }
      for (let path = 0; path < fieldCount(shape, 'text'); path++) {
        for (const text of ['\u0000', '\ud800'] as const) await sweep({ op: 'insertIntoString', path, at: 1, text });
      }
    },
  );
});
