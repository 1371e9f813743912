import { parseArgs } from 'node:util';
import { exitCodeSchema } from '../../shared/kiosk';
import { purgeExpiredData, retentionFromEnv } from '../jobs/retention';
import { deleteInterest, listInterest, setKioskExitCode, setKioskIdleSeconds } from '../store/kiosk';
import { findLocation } from '../store/organisations';
import type { Database } from '../store/database';
import { UsageError, type Command } from './command';

async function location(db: Database, name: string | undefined) {
  if (!name) throw new UsageError('--location is required');
  const found = await findLocation(db, name);
  if (!found) throw new UsageError(`no location matches "${name}" (see: npm run inloop -- locations)`);
  return found;
}

export const kioskCommands: Record<string, Command> = {
  'kiosk:exit-code': {
    usage: 'kiosk:exit-code --location <name|id> --code <6-32 letters/digits>   the code a coordinator types to leave kiosk mode',
    async run(db, args) {
      const { values } = parseArgs({ args, options: { location: { type: 'string' }, code: { type: 'string' } } });
      const loc = await location(db, values.location);
      if (!values.code || !exitCodeSchema.safeParse(values.code).success) throw new UsageError('--code must be 6 to 32 letters or digits');
      await setKioskExitCode(db, loc.id, values.code);
      console.log(`Kiosk exit code set for ${loc.organisation_name} / ${loc.name}. Kiosks pick it up at their next sync.`);
    },
  },
  'kiosk:idle': {
    usage: 'kiosk:idle --location <name|id> --seconds <10-3600>   after how long without a touch a kiosk starts over (default 90)',
    async run(db, args) {
      const { values } = parseArgs({ args, options: { location: { type: 'string' }, seconds: { type: 'string' } } });
      const loc = await location(db, values.location);
      const seconds = Number(values.seconds);
      if (!Number.isInteger(seconds) || seconds < 10 || seconds > 3600)
        throw new UsageError('--seconds must be a whole number from 10 to 3600');
      await setKioskIdleSeconds(db, loc.id, seconds);
      console.log(`Kiosks at ${loc.organisation_name} / ${loc.name} start over after ${seconds} s without a touch.`);
    },
  },
  'interest:list': {
    usage:
      'interest:list [--location <name|id>]          course interest left at the kiosks (deleted automatically after the retention period)',
    async run(db, args) {
      const { values } = parseArgs({ args, options: { location: { type: 'string' } } });
      const loc = values.location ? await location(db, values.location) : undefined;
      const rows = await listInterest(db, loc?.id);
      if (rows.length === 0) console.log('No course interest.');
      for (const r of rows) {
        const when = new Date(r.created_at).toLocaleString('nl-NL');
        console.log(`${r.id}  ${when}  ${r.location_name}  ${r.item_name ?? r.item_id}  ${r.first_name}  ${r.contact_kind}: ${r.contact}`);
      }
    },
  },
  'interest:delete': {
    usage: 'interest:delete <id>                          delete one course interest (e.g. once you have called back)',
    async run(db, args) {
      if (!args[0]) throw new UsageError('an id is required');
      console.log((await deleteInterest(db, args[0])) ? 'Deleted.' : 'No course interest with that id.');
    },
  },
  purge: {
    usage:
      'purge                                         remove what is past its retention period: visit notes, audit entries, course interest, help requests, counts of wrong passwords, catalogue deletions tablets have had time to pull',
    async run(db) {
      const result = await purgeExpiredData(db, retentionFromEnv());
      console.log(
        `Blanked ${result.notes} visit notes; deleted ${result.audit} audit entries, ${result.interest} course interest, ` +
          `${result.rejectedInterest} rejected interest entries, ${result.helpRequests} help requests, ${result.signInFailures} stale counts of wrong passwords, ` +
          `${result.tombstones} old catalogue deletions (tablets that have not pulled since start over from the live catalogue).`,
      );
    },
  },
};
