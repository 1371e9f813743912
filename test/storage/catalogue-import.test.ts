import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/server/store/database';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { demoCatalogue, DEMO_REFERENCE_DAY } from '../../src/server/seed/demo-catalogue';
import { readCatalogue, replaceCatalogueInTransaction } from '../../src/server/store/catalogue-store';
import { pullCatalogueChanges } from '../../src/server/store/catalogue-feed';
import { importCatalogue } from '../../src/server/catalogue/import';
import { catalogueCommands, exportCatalogue } from '../../src/server/cli/catalogue';
import { toCsv } from '../../src/server/catalogue/csv';
import type { CatalogueDocument } from '../../src/shared/catalogue';
import { STORAGE_TARGETS } from '../helpers/databases';
import { currentEpoch } from '../../src/server/store/sync-epoch';

const sorted = (doc: CatalogueDocument): CatalogueDocument => ({
  organizations: [...doc.organizations].sort((a, b) => a.id.localeCompare(b.id)),
  locations: [...doc.locations].sort((a, b) => a.id.localeCompare(b.id)),
  items: [...doc.items].sort((a, b) => a.id.localeCompare(b.id)),
});

async function version(db: Database): Promise<number> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM sync_state WHERE id = 1');
  return Number(rows[0]!.version);
}

/** Windows-1252 characters outside Latin-1 (those a catalogue is likely to hold). */
const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };

/** As Dutch Excel saves a plain "CSV": Windows-1252, no byte order mark, "?" for what the code page lacks. */
function asWindows1252(text: string): Buffer {
  return Buffer.from(
    [...text.replace(/^\ufeff/, '')].map((c) => {
      const code = c.codePointAt(0)!;
      return code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (CP1252_EXTRA[c] ?? 0x3f);
    }),
  );
}

describe.each(STORAGE_TARGETS)('catalogue import and export on $name', (target) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db, DEMO_REFERENCE_DAY);
    dir = mkdtempSync(path.join(tmpdir(), 'inloop-catalogue-encoding-'));
  });
  afterAll(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The exported CSV with the first item renamed "Café De Tafel". */
  function csvWithCafe(before: CatalogueDocument): { csv: string; itemId: string } {
    const lines = toCsv(before).split('\r\n');
    const header = lines[0]!.replace('\ufeff', '').split(';');
    const cells = lines[1]!.split(';');
    cells[header.indexOf('name_nl')] = 'Café De Tafel';
    lines[1] = cells.join(';');
    return { csv: lines.join('\r\n'), itemId: cells[header.indexOf('id')]! };
  }

  /** `catalogue:import <file>` as a coordinator runs it: what it printed to stderr, and its exit code. */
  async function importWithCli(name: string, bytes: Buffer): Promise<{ err: string; exitCode: number }> {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
    try {
      await catalogueCommands['catalogue:import']!.run(db, [file]);
      return { err: err.join('\n'), exitCode: Number(process.exitCode ?? 0) };
    } finally {
      process.exitCode = undefined;
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('seeds the demo catalogue on an empty database, labelled as example data', async () => {
    const doc = await readCatalogue(db);
    expect(doc.items).toHaveLength(demoCatalogue.items.length);
    expect(doc.organizations.find((o) => o.isLibrary)?.name).toMatch(/\(demo\)/);
    expect(sorted(doc)).toEqual(sorted(demoCatalogue));
  });

  it('exports HSDS and imports it back to the same catalogue, without a new version', async () => {
    const before = await readCatalogue(db);
    const json = await exportCatalogue(db, 'hsds');
    const services = JSON.parse(json) as Array<{
      service_at_locations?: unknown[];
      schedules?: Array<{ freq?: string; dtstart?: string }>;
    }>;
    expect(services).toHaveLength(before.items.length);
    expect(services.some((s) => s.service_at_locations?.length)).toBe(true);
    expect(services.some((s) => s.schedules?.some((x) => x.freq === 'WEEKLY' && x.dtstart))).toBe(true);
    const v = await version(db);
    const outcome = await importCatalogue(db, 'catalogue.json', json);
    expect(outcome.issues).toEqual([]);
    expect(outcome.result).toMatchObject({ written: 0, deleted: 0 });
    expect(await version(db)).toBe(v);
    expect(sorted(await readCatalogue(db))).toEqual(sorted(before));
  });

  it('imports an HSDS file that changes and removes things, in one version, leaving tombstones', async () => {
    const original = await exportCatalogue(db, 'hsds');
    const [first, second, ...rest] = JSON.parse(original) as Array<Record<string, unknown>>;
    first!.name = 'Nieuwe naam voor de cursus';
    const v = await version(db);
    const outcome = await importCatalogue(db, 'x.json', JSON.stringify([first, ...rest]));
    expect(outcome.issues).toEqual([]);
    expect(outcome.result).toMatchObject({ written: 1, deleted: 1 });
    expect(await version(db)).toBe(v + 1);
    const after = await readCatalogue(db);
    expect(after.items.find((i) => i.id === first!.id)?.name.nl).toBe('Nieuwe naam voor de cursus');
    expect(after.items.find((i) => i.id === second!.id)).toBeUndefined();
    const page = await pullCatalogueChanges(db, `${await currentEpoch(db)}.${v}.0.ffffffff-ffff-ffff-ffff-ffffffffffff`, 100);
    expect(page.changes.find((c) => c.id === second!.id)).toMatchObject({ deleted: true });
    // put it back as it was
    expect((await importCatalogue(db, 'x.json', original)).issues).toEqual([]);
  });

  it('exports a Dutch-Excel CSV and imports it back to the same catalogue', async () => {
    const before = await readCatalogue(db);
    const csv = await exportCatalogue(db, 'csv');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.split('\r\n')[0]).toMatch(/^\ufeffid;kind;status;organization_id;/);
    const v = await version(db);
    const outcome = await importCatalogue(db, 'aanbod.csv', csv);
    expect(outcome.issues).toEqual([]);
    expect(outcome.result).toMatchObject({ written: 0, deleted: 0 });
    expect(await version(db)).toBe(v);
    expect(sorted(await readCatalogue(db))).toEqual(sorted(before));
  });

  it('applies an edited CSV: a changed price and a removed row', async () => {
    const before = await readCatalogue(db);
    const lines = toCsv(before).split('\r\n');
    const header = lines[0]!.replace('\ufeff', '').split(';');
    const col = (name: string) => header.indexOf(name);
    // A paid item gets a new price written the Dutch way.
    const paidRow = lines.findIndex((l, i) => i > 0 && l.split(';')[col('free')] === 'nee');
    const cells = lines[paidRow]!.split(';');
    const paidId = cells[col('id')]!;
    cells[col('amount_eur')] = '12,50';
    lines[paidRow] = cells.join(';');
    const removedId = lines[1]!.split(';')[col('id')]!;
    lines.splice(1, 1);
    const outcome = await importCatalogue(db, 'aanbod.csv', lines.join('\r\n'));
    expect(outcome.issues).toEqual([]);
    const after = await readCatalogue(db);
    expect(after.items.find((i) => i.id === paidId)?.cost.amountEur).toBe(12.5);
    expect(after.items.find((i) => i.id === removedId)).toBeUndefined();
    expect(after.organizations).toHaveLength(before.organizations.length);
    expect((await importCatalogue(db, 'aanbod.csv', toCsv(before))).issues).toEqual([]);
  });

  it('refuses a CSV with bad rows, wrong types, unknown themes and duplicates, changes nothing and names every problem', async () => {
    const before = await readCatalogue(db);
    const v = await version(db);
    const lines = toCsv(before).split('\r\n');
    const header = lines[0]!.replace('\ufeff', '').split(';');
    const col = (name: string) => header.indexOf(name);
    const edit = (row: number, column: string, value: string) => {
      const cells = lines[row]!.split(';');
      cells[col(column)] = value;
      lines[row] = cells.join(';');
    };
    edit(2, 'themes', 'digital_skills | kookkunst'); // row 3: unknown theme
    edit(3, 'amount_eur', 'veel'); // row 4: wrong type
    edit(3, 'free', 'nee');
    edit(4, 'id', lines[5]!.split(';')[col('id')]!); // row 5: duplicate of row 6
    edit(7, 'organization_id', '01900000-0000-7000-8000-00000000ffff'); // row 8: dangling
    edit(8, 'walk_in_hours', 'maandag de hele dag'); // row 9: bad hours
    edit(9, 'name_nl', ''); // row 10: missing name
    const changedName = lines[10]!.split(';')[col('id')]!;
    edit(10, 'name_nl', 'Dit mag niet doorkomen'); // a valid change that must not be applied either
    const outcome = await importCatalogue(db, 'aanbod.csv', lines.join('\r\n'));
    const text = outcome.issues.map((i) => `${i.row} | ${i.field} | ${i.reason}`);
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^row 3 \| themes\.1 \| unknown theme "kookkunst"/),
        expect.stringMatching(/^row 4 \| cost\.amountEur \| wrong type: "veel"/),
        expect.stringMatching(/^row 6 \| id \| duplicate id .* \(also in row 5\)/),
        expect.stringMatching(/^row 8 \| organizationId \| refers to organisation .* which does not exist/),
        expect.stringMatching(/^row 9 \| walk_in_hours \| "maandag de hele dag" is not like/),
        expect.stringMatching(/^row 10 \| name\.nl \| missing/),
      ]),
    );
    expect(await version(db)).toBe(v);
    const after = await readCatalogue(db);
    expect(after.items.find((i) => i.id === changedName)?.name.nl).not.toBe('Dit mag niet doorkomen');
    expect(sorted(after)).toEqual(sorted(before));
  });

  it('refuses a CSV saved as Windows-1252 (Dutch Excel\'s plain "CSV"), saying to save it as CSV UTF-8, and changes nothing', async () => {
    const before = await readCatalogue(db);
    const v = await version(db);
    const bytes = asWindows1252(csvWithCafe(before).csv);
    const refusal = { row: '(file)', field: '(encoding)', reason: expect.stringContaining('the file is not UTF-8') };
    // As the command line reads it (bytes), and as text some lenient decoding already damaged.
    for (const file of [bytes, new TextDecoder().decode(bytes)]) {
      const outcome = await importCatalogue(db, 'aanbod.csv', file);
      expect(outcome.issues).toEqual([refusal]);
      expect(outcome.issues[0]!.reason).toContain('in Excel choose "Save as → CSV UTF-8 (comma delimited)"');
    }
    const cli = await importWithCli('aanbod-excel.csv', bytes);
    expect(cli.exitCode).toBe(1);
    expect(cli.err).toMatch(/^Nothing was imported: .*aanbod-excel\.csv \(CSV\) has 1 problem/);
    expect(cli.err).toContain(
      'the file is not UTF-8, so accented letters would be lost; in Excel choose "Save as → CSV UTF-8 (comma delimited)"',
    );
    expect(await version(db)).toBe(v);
    expect(sorted(await readCatalogue(db))).toEqual(sorted(before));
  });

  it('imports the same CSV saved as CSV UTF-8, byte order mark and all, with "Café" intact', async () => {
    const before = await readCatalogue(db);
    const { csv, itemId } = csvWithCafe(before);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const outcome = await importCatalogue(db, 'aanbod.csv', bytes);
    expect(outcome.issues).toEqual([]);
    expect(outcome.result).toMatchObject({ written: 1, deleted: 0 });
    expect((await readCatalogue(db)).items.find((i) => i.id === itemId)?.name.nl).toBe('Café De Tafel');
    // And back to the catalogue as it was, from a UTF-8 file through the command line.
    const restored = await importWithCli('aanbod-utf8.csv', Buffer.from(toCsv(before), 'utf8'));
    expect(restored).toEqual({ err: '', exitCode: 0 });
    expect(sorted(await readCatalogue(db))).toEqual(sorted(before));
  });

  it('refuses HSDS with dangling references and wrong types, naming the record', async () => {
    const before = await readCatalogue(db);
    const services = JSON.parse(await exportCatalogue(db, 'hsds')) as Array<Record<string, any>>;
    services[0]!.organization_id = '01900000-0000-7000-8000-00000000eeee';
    services[1]!.languages = 'nl';
    const held = services.findIndex((s) => s.service_at_locations?.length);
    services[held]!.service_at_locations[0].location.name = 42;
    const outcome = await importCatalogue(db, 'x.json', JSON.stringify(services));
    const text = outcome.issues.map((i) => `${i.row} | ${i.field} | ${i.reason}`);
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^services\[0\] \| organizationId \| refers to organisation/),
        expect.stringMatching(/^services\[1\] \| languages \| wrong type: "nl" \(expected a list of records\)/),
        expect.stringMatching(/^services\[\d+\]\.service_at_locations\[0\]\.location \| name \| wrong type: 42/),
      ]),
    );
    expect(sorted(await readCatalogue(db))).toEqual(sorted(before));
    expect((await importCatalogue(db, 'x.json', '{ not json')).issues[0]!.reason).toMatch(/not valid JSON/);
  });

  it('replaces the catalogue all or nothing even when the database fails midway', async () => {
    const before = await readCatalogue(db);
    const broken = { ...before, items: [...before.items, { ...before.items[0]!, id: 'not-a-uuid' }] };
    await expect(replaceCatalogueInTransaction(db, { ...broken, items: broken.items.slice(1) } as CatalogueDocument)).rejects.toThrow();
    expect(sorted(await readCatalogue(db))).toEqual(sorted(before));
  });
});
