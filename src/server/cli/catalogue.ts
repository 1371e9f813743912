import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toCsv } from '../catalogue/csv';
import { toHsds } from '../catalogue/hsds';
import { importCatalogue } from '../catalogue/import';
import { formatIssue } from '../catalogue/validate';
import { readCatalogue } from '../store/catalogue-store';
import type { Database } from '../store/database';
import { UsageError, type Command } from './command';

export async function exportCatalogue(db: Database, format: 'hsds' | 'csv'): Promise<string> {
  const doc = await readCatalogue(db);
  return format === 'csv' ? toCsv(doc) : JSON.stringify(toHsds(doc), null, 2) + '\n';
}

/** Why a file could not be read, in words rather than an errno code. */
function unreadableBecause(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'there is no such file';
    case 'EISDIR': return 'that is a folder, not a file';
    case 'EACCES': return 'no permission to read it';
    default: return (err as Error).message;
  }
}

export const catalogueCommands: Record<string, Command> = {
  'catalogue:import': {
    usage: 'catalogue:import <file.json|file.csv>     replace the catalogue (HSDS JSON) or its items (CSV); all or nothing',
    async run(db, args) {
      const file = args[0];
      if (!file) throw new UsageError('a file is required');
      // Bytes, not 'utf8' text: Node would turn what is not UTF-8 into U+FFFD without a word.
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${unreadableBecause(err)}; nothing was imported`);
      }
      const outcome = await importCatalogue(db, file, bytes);
      if (outcome.issues.length) {
        console.error(`Nothing was imported: ${file} (${outcome.format.toUpperCase()}) has ${outcome.issues.length} problem(s):`);
        for (const issue of outcome.issues) console.error(`  ${formatIssue(issue)}`);
        process.exitCode = 1;
        return;
      }
      const { result, counts } = outcome;
      const what = outcome.format === 'csv' ? `${counts.items} items` : `${counts.organizations} organisations, ${counts.locations} locations, ${counts.items} items`;
      const changes = result!.written + result!.deleted;
      console.log(
        `Imported ${file} (${outcome.format.toUpperCase()}): ${what}. ` +
          (changes
            ? `${result!.written} new or changed, ${result!.deleted} removed, ${result!.unchanged} unchanged. Tablets pick this up at their next sync.`
            : 'Nothing changed: the catalogue already was exactly this.'),
      );
    },
  },
  'catalogue:export': {
    usage: 'catalogue:export --format hsds|csv [file]  write the catalogue (to stdout without a file)',
    async run(db, args) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' } } });
      const format = values.format ?? (positionals[0]?.toLowerCase().endsWith('.csv') ? 'csv' : positionals[0] ? 'hsds' : undefined);
      if (format !== 'hsds' && format !== 'csv') throw new UsageError('--format must be hsds or csv');
      const text = await exportCatalogue(db, format);
      if (positionals[0]) {
        writeFileSync(positionals[0], text, 'utf8');
        console.log(`Wrote the catalogue as ${format.toUpperCase()} to ${positionals[0]}.`);
      } else process.stdout.write(text);
    },
  },
};
