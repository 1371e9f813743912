import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_REFERENCE_DAY } from '../../src/server/seed/demo-catalogue';
import { catalogueCommands } from '../../src/server/cli/catalogue';
import { UsageError } from '../../src/server/cli/command';
import { readCatalogue } from '../../src/server/store/catalogue-store';
import { toCsv } from '../../src/server/catalogue/csv';
import { readdirSync } from 'node:fs';
import { validateServiceList, validateTabularPackage } from '../helpers/hsds-validator';
import type { CatalogueDocument } from '../../src/shared/catalogue';

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await seedDemoIfEmpty(db, DEMO_REFERENCE_DAY);
  dir = mkdtempSync(path.join(tmpdir(), 'inloop-catalogue-cli-'));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs a command as `npm run inloop -- <name> …` would, collecting what it prints. */
async function run(name: string, ...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  await catalogueCommands[name]!.run(db, args);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { out: out.join('\n'), err: err.join('\n'), exitCode };
}

async function version(): Promise<number> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM sync_state WHERE id = 1');
  return Number(rows[0]!.version);
}

function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text, 'utf8');
  return at;
}

describe('catalogue:export', () => {
  it('writes the catalogue as a CSV file a spreadsheet opens, one row per item', async () => {
    const target = path.join(dir, 'aanbod.csv');
    const { out, exitCode } = await run('catalogue:export', '--format', 'csv', target);
    expect(exitCode).toBe(0);
    expect(out).toBe(`Wrote the catalogue as CSV to ${target}.`);
    const text = readFileSync(target, 'utf8');
    const items = (await readCatalogue(db)).items;
    expect(text.startsWith('\ufeffid;kind;status;')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(items.length + 1);
  });

  it('prints HSDS JSON (a list of compiled services) when no file is given, and refuses an unknown format', async () => {
    const { out, exitCode } = await run('catalogue:export', '--format', 'json');
    expect(exitCode).toBe(0);
    const services = JSON.parse(out) as unknown[];
    expect(services).toHaveLength((await readCatalogue(db)).items.length);
    expect(validateServiceList(services)).toEqual([]);
    await expect(run('catalogue:export', '--format', 'xlsx')).rejects.toThrow(new UsageError('--format must be json, tabular or csv'));
  });

  it('writes an HSDS Tabular Data Package to a folder, and as one ZIP file', async () => {
    const folder = path.join(dir, 'pakket');
    const { out } = await run('catalogue:export', '--format', 'tabular', folder);
    expect(out).toMatch(/^Wrote the catalogue as an HSDS Tabular Data Package \(datapackage\.json and \d+ CSV files\) to /);
    const names = readdirSync(folder);
    expect(names).toEqual(
      expect.arrayContaining(['datapackage.json', 'services.csv', 'organizations.csv', 'locations.csv', 'schedules.csv']),
    );
    expect(validateTabularPackage(new Map(names.map((n) => [n, readFileSync(path.join(folder, n), 'utf8')])))).toEqual([]);
    const zip = path.join(dir, 'pakket.zip');
    await run('catalogue:export', zip);
    expect(readFileSync(zip).subarray(0, 2).toString()).toBe('PK');
    // Read back, folder and ZIP alike, it is the catalogue it came from.
    expect((await run('catalogue:import', folder)).out).toMatch(/Nothing changed: the catalogue already was exactly this\./);
    expect((await run('catalogue:import', path.join(folder, 'datapackage.json'))).out).toMatch(/Nothing changed/);
    expect((await run('catalogue:import', zip)).out).toMatch(/^Imported .*pakket\.zip \(HSDS Tabular Data Package\).*Nothing changed/);
  });
});

describe('catalogue:import', () => {
  it('imports a valid CSV, saying how many items it holds and what changed', async () => {
    const before = await readCatalogue(db);
    const [first, ...rest] = before.items;
    const renamed = { ...first!, name: { ...first!.name, nl: 'Klik & Tik – opnieuw beginnen' } };
    const edited: CatalogueDocument = { ...before, items: [renamed, ...rest.slice(0, -1)] };
    const csv = file('aanbod-nieuw.csv', toCsv(edited));
    const v = await version();

    const { out, err, exitCode } = await run('catalogue:import', csv);
    expect(err).toBe('');
    expect(exitCode).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      `Imported ${csv} (CSV): ${before.items.length - 1} items. 1 new or changed, 1 removed, ${before.items.length - 2} unchanged. Tablets pick this up at their next sync.`,
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'Changed:',
        `  item Klik & Tik – opnieuw beginnen (${first!.id}): name`,
        'Removed:',
        `  item ${before.items.at(-1)!.name.nl} (${before.items.at(-1)!.id})`,
      ]),
    );
    const after = await readCatalogue(db);
    expect(after.items.find((i) => i.id === first!.id)?.name.nl).toBe('Klik & Tik – opnieuw beginnen');
    expect(after.items.some((i) => i.id === before.items.at(-1)!.id)).toBe(false);
    expect(await version()).toBeGreaterThan(v);

    // The same file again changes nothing and says so.
    expect((await run('catalogue:import', csv)).out).toMatch(/Nothing changed: the catalogue already was exactly this\.$/);
  });

  it('refuses a file with bad rows as a whole, naming each row, field and reason', async () => {
    const before = await readCatalogue(db);
    const items = [...before.items];
    items[1] = { ...items[1]!, themes: ['kookkunst' as never] };
    items[4] = { ...items[4]!, id: items[0]!.id };
    items[6] = { ...items[6]!, name: { ...items[6]!.name, nl: 'Een naam die er niet in mag komen' } };
    const csv = file('aanbod-fout.csv', toCsv({ ...before, items }));
    const v = await version();

    const { out, err, exitCode } = await run('catalogue:import', csv);
    expect(exitCode).toBe(1);
    expect(out).toBe('');
    const lines = err.split('\n');
    expect(lines[0]).toBe(`Nothing was imported: ${csv} (CSV) has 2 problem(s):`);
    expect(lines[1]).toMatch(/^ {2}row 3, themes\.0: unknown theme "kookkunst"; expected one of digital_skills, /);
    expect(lines[2]).toBe(`  row 6, id: duplicate id ${items[0]!.id} (also in row 2)`);
    // All or nothing: the good change in row 8 was not applied either.
    expect(await version()).toBe(v);
    expect(await readCatalogue(db)).toEqual(before);
  });

  it('says plainly when the file is not there, and changes nothing', async () => {
    const before = await readCatalogue(db);
    const missing = path.join(dir, 'bestaat-niet.csv');
    await expect(run('catalogue:import', missing)).rejects.toThrow(
      new UsageError(`cannot read ${missing}: there is no such file; nothing was imported`),
    );
    await expect(run('catalogue:import', dir)).rejects.toThrow(
      `cannot read ${dir}: that is a folder without a datapackage.json (an HSDS data package has one)`,
    );
    await expect(run('catalogue:import')).rejects.toThrow(new UsageError('a file is required'));
    expect(await readCatalogue(db)).toEqual(before);
  });

  it('--dry-run says what would be new, changed and removed, and changes nothing', async () => {
    const before = await readCatalogue(db);
    const [first, second, ...rest] = JSON.parse((await run('catalogue:export', '--format', 'json')).out) as Array<Record<string, unknown>>;
    first!.name = 'Proefnaam';
    const json = file('proef.json', JSON.stringify([first, ...rest]));
    const v = await version();
    const { out, exitCode } = await run('catalogue:import', '--dry-run', json);
    expect(exitCode).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^Dry run, nothing was changed: .*proef\.json \(HSDS JSON \(list of compiled services\)\) holds /);
    expect(lines[1]).toMatch(/^items: 0 new, 1 changed, 1 removed; /);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Changed:',
        `  item Proefnaam (${String(first!.id)}): name`,
        'Removed:',
        `  item ${String(second!.name)} (${String(second!.id)})`,
      ]),
    );
    expect(await version()).toBe(v);
    expect(await readCatalogue(db)).toEqual(before);
  });
});
