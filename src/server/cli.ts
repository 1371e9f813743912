import { parseArgs } from 'node:util';
import { readConfig } from './config';
import { openDatabase, type Database } from './store/database';
import { migrate } from './store/migrate';
import { createEnrolmentCode, revokeDevice } from './store/devices';
import { findLocation, listLocations } from './store/organisations';

/**
 * Coordinator commands: npm run inloop -- <command> [options]
 * Each command is a small function of the database and its parsed options.
 */
type Command = { usage: string; run: (db: Database, args: string[]) => Promise<void> };

const commands: Record<string, Command> = {
  locations: {
    usage: 'locations                               list organisations and their locations',
    async run(db) {
      for (const l of await listLocations(db)) console.log(`${l.id}  ${l.organisation_name} / ${l.name}`);
    },
  },
  'device:code': {
    usage: 'device:code --location <name|id> [--kind desk|kiosk] [--hours 72]   one-time code to enrol a tablet',
    async run(db, args) {
      const { values } = parseArgs({ args, options: { location: { type: 'string' }, kind: { type: 'string', default: 'desk' }, hours: { type: 'string', default: '72' } } });
      if (!values.location) throw new UsageError('--location is required');
      if (values.kind !== 'desk' && values.kind !== 'kiosk') throw new UsageError('--kind must be desk or kiosk');
      const hours = Number(values.hours);
      if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new UsageError('--hours must be between 1 and 720');
      const location = await findLocation(db, values.location);
      if (!location) throw new UsageError(`no location matches "${values.location}" (see: npm run inloop -- locations)`);
      const { code, expiresAt } = await createEnrolmentCode(db, { locationId: location.id, kind: values.kind, ttlHours: hours });
      const base = readConfig().publicUrl ?? `http://localhost:${readConfig().port}`;
      console.log(`Enrolment code for a ${values.kind} at ${location.organisation_name} / ${location.name}: ${code}`);
      console.log(`Valid once, until ${expiresAt.toLocaleString('nl-NL')}. Link: ${base}/?enrol=${code}`);
    },
  },
  'device:revoke': {
    usage: 'device:revoke <device-id>               refuse this tablet from now on',
    async run(db, args) {
      if (!args[0]) throw new UsageError('a device id is required');
      console.log((await revokeDevice(db, args[0])) ? 'Revoked.' : 'No active device with that id.');
    },
  },
};

class UsageError extends Error {}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log('Usage: npm run inloop -- <command>\n\n' + Object.values(commands).map((c) => '  ' + c.usage).join('\n'));
    process.exit(name ? 2 : 0);
  }
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    await command.run(db, args);
  } catch (err) {
    console.error(err instanceof UsageError ? `Error: ${err.message}\n  ${command.usage}` : err);
    process.exitCode = 2;
  } finally {
    await db.close();
  }
}

void main();
