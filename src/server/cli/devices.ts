import { parseArgs } from 'node:util';
import { LIBRARY_TIME_ZONE } from '../../shared/library-clock';
import { readConfig } from '../config';
import { createEnrolmentCode, revokeDevice } from '../store/devices';
import { findLocation, listLocations } from '../store/organisations';
import { UsageError, type Command } from './command';
import { NO_TABLET_ADDRESS, linkBase } from '../tls/tablet-url';

export const deviceCommands: Record<string, Command> = {
  locations: {
    usage: 'locations                               list organisations and their locations',
    async run(db) {
      for (const l of await listLocations(db)) console.log(`${l.id}  ${l.organisation_name} / ${l.name}`);
    },
  },
  'device:code': {
    usage: 'device:code --location <name|id> [--kind desk|kiosk] [--hours 72]   one-time code to enrol a tablet',
    async run(db, args) {
      const { values } = parseArgs({
        args,
        options: { location: { type: 'string' }, kind: { type: 'string', default: 'desk' }, hours: { type: 'string', default: '72' } },
      });
      if (!values.location) throw new UsageError('--location is required');
      if (values.kind !== 'desk' && values.kind !== 'kiosk') throw new UsageError('--kind must be desk or kiosk');
      const hours = Number(values.hours);
      if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new UsageError('--hours must be between 1 and 720');
      const location = await findLocation(db, values.location);
      if (!location) throw new UsageError(`no location matches "${values.location}" (see: npm run inloop -- locations)`);
      const { code, expiresAt } = await createEnrolmentCode(db, { locationId: location.id, kind: values.kind, ttlHours: hours });
      const config = readConfig();
      const { base, forTablets } = linkBase(config);
      console.log(`Enrolment code for a ${values.kind} at ${location.organisation_name} / ${location.name}: ${code}`);
      console.log(`Valid once, until ${expiresAt.toLocaleString('nl-NL', { timeZone: LIBRARY_TIME_ZONE })}. Link: ${base}/?enrol=${code}`);
      if (!forTablets) console.log(NO_TABLET_ADDRESS);
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
