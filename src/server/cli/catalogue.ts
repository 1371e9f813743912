import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportCsv, exportServiceList, exportTabularFiles, exportTabularZip } from '../catalogue/export';
import { importCatalogue, type CatalogueInput } from '../catalogue/import';
import { reportLines } from '../catalogue/report';
import { formatIssue } from '../catalogue/validate';
import type { Database } from '../store/database';
import { UsageError, type Command } from './command';

/** The catalogue as one file's text (JSON list of services, or Inloop's CSV). */
export async function exportCatalogue(db: Database, format: 'hsds' | 'json' | 'csv'): Promise<string> {
  return format === 'csv' ? exportCsv(db) : exportServiceList(db);
}

/** Why a file could not be read, in words rather than an errno code. */
function unreadableBecause(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EISDIR':
      return 'that is a folder, not a file';
    case 'EACCES':
      return 'no permission to read it';
    default:
      return (err as Error).message;
  }
}

/**
 * A file's bytes; a folder (or a datapackage.json) is read as a Tabular Data Package: the
 * datapackage.json and the CSVs beside it. Bytes, not 'utf8' text: Node would turn what is not
 * UTF-8 into U+FFFD without a word.
 */
function readInput(file: string): CatalogueInput {
  const folder = statSync(file).isDirectory() ? file : path.basename(file) === 'datapackage.json' ? path.dirname(file) : undefined;
  if (folder === undefined) return readFileSync(file);
  const names = readdirSync(folder);
  if (!names.includes('datapackage.json'))
    throw Object.assign(new Error('that is a folder without a datapackage.json (an HSDS data package has one)'), { code: 'NOPACKAGE' });
  return new Map(
    names.filter((n) => n === 'datapackage.json' || n.toLowerCase().endsWith('.csv')).map((n) => [n, readFileSync(path.join(folder, n))]),
  );
}

export const catalogueCommands: Record<string, Command> = {
  'catalogue:import': {
    usage:
      "catalogue:import [--dry-run] <file>           replace the catalogue from HSDS (a data package: folder, datapackage.json or .zip; JSON) or its items from Inloop's CSV; all or nothing; --dry-run only says what would change",
    async run(db, args) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean' } } });
      const file = positionals[0];
      if (!file) throw new UsageError('a file is required');
      const dryRun = values['dry-run'] === true;
      let input: CatalogueInput;
      try {
        input = readInput(file);
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${unreadableBecause(err)}; nothing was imported`);
      }
      const outcome = await importCatalogue(db, file, input, { dryRun });
      if (outcome.issues.length) {
        console.error(`Nothing was imported: ${file} (${outcome.packaging}) has ${outcome.issues.length} problem(s):`);
        for (const issue of outcome.issues) console.error(`  ${formatIssue(issue)}`);
        for (const line of reportLines(outcome).slice(1)) console.error(line);
        process.exitCode = 1;
        return;
      }
      const { counts } = outcome;
      const what =
        outcome.format === 'csv'
          ? `${counts.items} items`
          : `${counts.organizations} organisations, ${counts.locations} locations, ${counts.items} items`;
      const lines = reportLines(outcome);
      if (dryRun) {
        console.log(`Dry run, nothing was changed: ${file} (${outcome.packaging}) holds ${what}. Importing it would change:`);
        for (const line of lines) console.log(line);
        return;
      }
      const result = outcome.result!;
      const changes = result.written + result.deleted;
      console.log(
        `Imported ${file} (${outcome.packaging}): ${what}. ` +
          (changes
            ? `${result.written} new or changed, ${result.deleted} removed, ${result.unchanged} unchanged. Tablets pick this up at their next sync.`
            : 'Nothing changed: the catalogue already was exactly this.'),
      );
      for (const line of lines.slice(1)) console.log(line);
    },
  },
  'catalogue:export': {
    usage:
      "catalogue:export --format json|tabular|csv [file]  HSDS JSON (list of services), HSDS Tabular Data Package (a folder, or .zip) or Inloop's CSV (to stdout without a file)",
    async run(db, args) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' } } });
      const target = positionals[0];
      const guessed = target?.toLowerCase().endsWith('.csv')
        ? 'csv'
        : target?.toLowerCase().endsWith('.zip')
          ? 'tabular'
          : target?.toLowerCase().endsWith('.json')
            ? 'json'
            : undefined;
      const format = values.format === 'hsds' ? 'json' : (values.format ?? guessed);
      if (format !== 'json' && format !== 'csv' && format !== 'tabular') throw new UsageError('--format must be json, tabular or csv');
      if (format === 'tabular') {
        if (!target) throw new UsageError('a data package needs a folder or a .zip file to write to');
        if (target.toLowerCase().endsWith('.zip')) {
          writeFileSync(target, await exportTabularZip(db));
          console.log(`Wrote the catalogue as an HSDS Tabular Data Package to ${target}.`);
        } else {
          mkdirSync(target, { recursive: true });
          const files = await exportTabularFiles(db);
          for (const [name, text] of files) writeFileSync(path.join(target, name), text, 'utf8');
          console.log(
            `Wrote the catalogue as an HSDS Tabular Data Package (datapackage.json and ${files.size - 1} CSV files) to ${target}.`,
          );
        }
        return;
      }
      const text = await exportCatalogue(db, format);
      if (target) {
        writeFileSync(target, text, 'utf8');
        console.log(`Wrote the catalogue as ${format === 'csv' ? 'CSV' : 'HSDS JSON'} to ${target}.`);
      } else process.stdout.write(text);
    },
  },
};
