import { parseArgs } from 'node:util';
import { z } from '../../shared/zod';
import { findLocation } from '../store/organisations';
import { VolunteerInputError, createVolunteer, deactivateVolunteer, listVolunteers, setVolunteerPin } from '../store/volunteers';
import { UsageError, type Command } from './command';

/**
 * Coordinators manage a location's volunteers: add one with a PIN, change a PIN,
 * deactivate, list. Desk tablets pick the change up on their next sync.
 */

function pinFrom(values: { pin?: string }): string {
  if (!values.pin) throw new UsageError('--pin is required (4 to 8 digits)');
  return values.pin;
}

function volunteerId(arg: string | undefined): string {
  if (!arg || !z.uuid().safeParse(arg).success) throw new UsageError('a volunteer id is required (see: npm run inloop -- volunteers)');
  return arg;
}

async function inputErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof VolunteerInputError) throw new UsageError(err.message);
    throw err;
  }
}

export const volunteerCommands: Record<string, Command> = {
  'volunteer:add': {
    usage: 'volunteer:add --location <name|id> --name "Anna B." --pin <4-8 digits>   a volunteer who signs in at that location\'s desks',
    async run(db, args) {
      const { values } = parseArgs({ args, options: { location: { type: 'string' }, name: { type: 'string' }, pin: { type: 'string' } } });
      if (!values.location) throw new UsageError('--location is required');
      if (!values.name) throw new UsageError('--name is required: a first name and an initial is enough, e.g. "Anna B."');
      const pin = pinFrom(values);
      const location = await findLocation(db, values.location);
      if (!location) throw new UsageError(`no location matches "${values.location}" (see: npm run inloop -- locations)`);
      const { id } = await inputErrors(() => createVolunteer(db, { locationId: location.id, displayName: values.name!, pin }));
      console.log(`Added ${values.name!.trim()} at ${location.organisation_name} / ${location.name}: ${id}`);
      console.log('Desk tablets there offer this volunteer after their next sync. Tell the volunteer the PIN in person.');
    },
  },
  'volunteer:pin': {
    usage: 'volunteer:pin <volunteer-id> --pin <4-8 digits>   give a volunteer a new PIN',
    async run(db, args) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { pin: { type: 'string' } } });
      const id = volunteerId(positionals[0]);
      const pin = pinFrom(values);
      const changed = await inputErrors(() => setVolunteerPin(db, id, pin));
      console.log(changed ? 'PIN changed. Desk tablets use it after their next sync.' : 'No volunteer with that id.');
      if (!changed) process.exitCode = 1;
    },
  },
  'volunteer:deactivate': {
    usage: 'volunteer:deactivate <volunteer-id>   the volunteer can no longer sign in (gone from tablets on their next sync)',
    async run(db, args) {
      const id = volunteerId(args[0]);
      const done = await deactivateVolunteer(db, id);
      console.log(done ? 'Deactivated. Their recorded visits stay as they are.' : 'No active volunteer with that id.');
      if (!done) process.exitCode = 1;
    },
  },
  volunteers: {
    usage: 'volunteers [--location <name|id>] [--active]   list volunteers',
    async run(db, args) {
      const { values } = parseArgs({ args, options: { location: { type: 'string' }, active: { type: 'boolean', default: false } } });
      let locationId: string | undefined;
      if (values.location) {
        const location = await findLocation(db, values.location);
        if (!location) throw new UsageError(`no location matches "${values.location}" (see: npm run inloop -- locations)`);
        locationId = location.id;
      }
      const rows = await listVolunteers(db, { locationId, includeInactive: !values.active });
      if (rows.length === 0)
        console.log(
          values.active
            ? 'No active volunteers.'
            : 'No volunteers yet. Add one: npm run inloop -- volunteer:add --location <name> --name "Anna B." --pin <digits>',
        );
      for (const v of rows) console.log(`${v.id}  ${v.location_name} / ${v.display_name}${v.active ? '' : '  (deactivated)'}`);
    },
  },
};
