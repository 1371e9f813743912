import type { ConsoleSession, Role, UserList } from '../../../shared/console';
import { useT } from '../../i18n/i18n';

export interface NewAccount {
  email: string;
  role: Role;
  /** Null for a network administrator. */
  organisationId: string | null;
}

interface Props {
  session: ConsoleSession;
  /** Undefined while loading. */
  users: UserList['users'] | undefined;
  /** The last set-password link to hand over. */
  link: string | null;
  status: string | null;
  onAdd: (account: NewAccount) => Promise<void>;
  onResetLink: (id: string) => void;
  onDeactivate: (id: string) => void;
}

/** The console accounts section as shown: the add form (role and organisation for an administrator) and the list. Its data: AccountsWithData.tsx. */
export function Accounts({ session, users, link, status, onAdd, onResetLink, onDeactivate }: Props) {
  const { t } = useT();
  const organisations = [...new Map(session.locations.map((l) => [l.organisationId, l.organisationName])).entries()];
  const add = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const role = String(form.get('role') ?? 'coordinator') as Role;
    void onAdd({
      email: String(form.get('email')),
      role,
      organisationId: role === 'admin' ? null : String(form.get('organisation') ?? session.user.organisationId),
    });
  };
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('console.sections.users')}</h1>
      <form class="console-filters" onSubmit={add}>
        <label>
          {t('console.signIn.email')}
          <input name="email" type="email" required />
        </label>
        {session.user.role === 'admin' ? (
          <>
            <label>
              {t('console.users.role')}
              <select name="role">
                <option value="coordinator">{t('console.roles.coordinator')}</option>
                <option value="admin">{t('console.roles.admin')}</option>
              </select>
            </label>
            <label>
              {t('console.users.organisation')}
              <select name="organisation">
                {organisations.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        <button type="submit" class="primary">
          {t('console.users.add')}
        </button>
      </form>
      {link ? (
        <p role="status">
          {t('console.users.handOver')} <code>{link}</code>
        </p>
      ) : null}
      {status ? <p role="alert">{status}</p> : null}
      <table class="console-table">
        <thead>
          <tr>
            <th scope="col">{t('console.signIn.email')}</th>
            <th scope="col">{t('console.users.role')}</th>
            <th scope="col">{t('console.devices.state')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('console.volunteers.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users?.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{t(`console.roles.${u.role}`)}</td>
              <td>
                {!u.active ? t('console.volunteers.inactive') : u.hasPassword ? t('console.devices.active') : t('console.users.noPassword')}
              </td>
              <td>
                {u.active ? (
                  <>
                    <button type="button" onClick={() => onResetLink(u.id)}>
                      {t('console.users.resetLink')}
                    </button>
                    {u.id !== session.user.id ? (
                      <button type="button" onClick={() => onDeactivate(u.id)}>
                        {t('console.volunteers.deactivate')}
                      </button>
                    ) : null}
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
