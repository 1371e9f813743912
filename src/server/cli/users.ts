import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { MIN_PASSWORD_LENGTH } from '../../shared/console';
import { UserInputError, createPasswordReset, createUser, findUserByEmail } from '../store/console/users';
import { audit } from '../store/console/audit';
import { UsageError, type Command } from './command';
import { linkBase } from '../tls/tablet-url';

function link(token: string): string {
  const config = readConfig();
  return `${linkBase(config).base}/console/#/password/${token}`;
}

export const userCommands: Record<string, Command> = {
  'user:create': {
    usage:
      'user:create --email <address> --role admin|coordinator [--organisation <name|id>]   console account (password from INLOOP_PASSWORD, else a one-time link)',
    async run(db, args) {
      const { values } = parseArgs({
        args,
        options: { email: { type: 'string' }, role: { type: 'string' }, organisation: { type: 'string' } },
      });
      if (!values.email) throw new UsageError('--email is required');
      if (values.role !== 'admin' && values.role !== 'coordinator') throw new UsageError('--role must be admin or coordinator');
      let organisationId: string | null = null;
      if (values.role === 'coordinator') {
        if (!values.organisation) throw new UsageError('a coordinator needs --organisation');
        const needle = values.organisation.trim().toLowerCase();
        const { rows } = await db.query<{ id: string; name: string }>('SELECT id, name FROM organisations ORDER BY name');
        const org =
          rows.find((o) => o.id === needle) ??
          rows.find((o) => o.name.toLowerCase() === needle) ??
          rows.find((o) => o.name.toLowerCase().includes(needle));
        if (!org) throw new UsageError(`no organisation matches "${values.organisation}" (see: npm run inloop -- locations)`);
        organisationId = org.id;
      }
      const password = process.env.INLOOP_PASSWORD;
      if (password !== undefined && password.length < MIN_PASSWORD_LENGTH)
        throw new UsageError(`INLOOP_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
      try {
        const user = await createUser(db, { email: values.email, role: values.role, organisationId, password });
        await audit(db, {
          userId: null,
          organisationId,
          action: 'create (cli)',
          targetType: 'user',
          targetId: user.id,
          details: { role: user.role },
        });
        console.log(`Created ${user.role} ${user.email}.`);
        if (!password) {
          const { token, expiresAt } = await createPasswordReset(db, user.id);
          console.log(`Set the password once, until ${expiresAt.toLocaleString('nl-NL')}: ${link(token)}`);
        }
      } catch (err) {
        if (err instanceof UserInputError) throw new UsageError(err.message);
        throw err;
      }
    },
  },
  'user:reset-link': {
    usage: 'user:reset-link --email <address>      one-time link to set a new console password',
    async run(db, args) {
      const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
      if (!values.email) throw new UsageError('--email is required');
      const user = await findUserByEmail(db, values.email);
      if (!user) throw new UsageError(`no account ${values.email}`);
      const { token, expiresAt } = await createPasswordReset(db, user.id);
      await audit(db, {
        userId: null,
        organisationId: user.organisationId,
        action: 'reset_link (cli)',
        targetType: 'user',
        targetId: user.id,
      });
      console.log(`Valid once, until ${expiresAt.toLocaleString('nl-NL')}: ${link(token)}`);
    },
  },
};
