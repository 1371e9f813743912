import { readFile } from 'node:fs/promises';
import { outboxExportSchema } from '../../shared/outbox-export';
import { describeIssues } from '../../shared/zod';
import { importOutboxExport } from '../store/outbox-import';
import { UsageError, type Command } from './command';

export const outboxCommands: Record<string, Command> = {
  'outbox:import': {
    usage: "outbox:import FILE                      import a tablet's emergency export of unsynced entries (safe to repeat)",
    async run(db, args) {
      if (!args[0]) throw new UsageError('a file is required');
      let json: unknown;
      try {
        json = JSON.parse(await readFile(args[0], 'utf8'));
      } catch (err) {
        throw new UsageError(`cannot read ${args[0]} as JSON: ${err instanceof Error ? err.message : err}`);
      }
      const parsed = outboxExportSchema.safeParse(json);
      if (!parsed.success) throw new UsageError(`not an Inloop outbox export: ${describeIssues(parsed.error)}`);
      const result = await importOutboxExport(db, parsed.data);
      console.log(
        `Imported ${parsed.data.entries.length} entries of device ${parsed.data.deviceId}: ${result.applied} new, ` +
          `${result.alreadyPresent} already on the server, ${result.rejected} rejected (see the device's rejected entries).`,
      );
    },
  },
};
