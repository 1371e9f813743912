import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../shared/console';
import { useT } from '../i18n/i18n';
import { ConsoleError, del, get, post } from './api';
import { formatFileSize, formatLibraryDateTime } from '../i18n/format';
import { LocationField } from './LocationField';

function useLoad<T>(path: string): [T | null, () => Promise<void>] {
  const [data, setData] = useState<T | null>(null);
  const reload = () => get<T>(path).then(setData);
  useEffect(() => void reload(), [path]);
  return [data, reload];
}

const message = (err: unknown) => (err instanceof ConsoleError ? err.message : String(err));

export function Volunteers({ session }: { session: ConsoleSession }) {
  const { t } = useT();
  const [data, reload] = useLoad<{ volunteers: Array<{ id: string; locationName: string; displayName: string; active: boolean }> }>('/volunteers');
  const [status, setStatus] = useState<string | null>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    try {
      await post('/volunteers', { locationId: String(form.get('location')), displayName: String(form.get('name')), pin: String(form.get('pin')) });
      formEl.reset();
      setStatus(t('console.volunteers.added'));
      await reload();
    } catch (err) {
      setStatus(message(err));
    }
  };
  const resetPin = async (id: string) => {
    const pin = prompt(t('console.volunteers.newPin'));
    if (!pin) return;
    try {
      await post(`/volunteers/${id}/pin`, { pin });
      setStatus(t('console.volunteers.pinSet'));
    } catch (err) {
      setStatus(message(err));
    }
  };
  return (
    <section aria-labelledby="vol-title">
      <h1 id="vol-title">{t('console.sections.volunteers')}</h1>
      <form class="console-filters" onSubmit={add}>
        <LocationField session={session} required />
        <label>
          {t('console.volunteers.name')}
          <input name="name" required maxLength={40} />
        </label>
        <label>
          {t('console.volunteers.pin')}
          <input name="pin" required inputMode="numeric" pattern="\d{4,8}" autocomplete="off" />
        </label>
        <button type="submit" class="primary">
          {t('console.volunteers.add')}
        </button>
      </form>
      {status ? <p role="status">{status}</p> : null}
      <table class="console-table">
        <thead>
          <tr>
            <th scope="col">{t('console.volunteers.name')}</th>
            <th scope="col">{t('console.filter.location')}</th>
            <th scope="col">{t('console.devices.state')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('console.volunteers.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.volunteers.map((v) => (
            <tr key={v.id}>
              <td>{v.displayName}</td>
              <td>{v.locationName}</td>
              <td>{v.active ? t('console.devices.active') : t('console.volunteers.inactive')}</td>
              <td>
                {v.active ? (
                  <>
                    <button type="button" onClick={() => void resetPin(v.id)}>
                      {t('console.volunteers.resetPin')}
                    </button>
                    <button type="button" onClick={() => void post(`/volunteers/${v.id}/deactivate`).then(reload)}>
                      {t('console.volunteers.deactivate')}
                    </button>
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

export function Users({ session }: { session: ConsoleSession }) {
  const { t } = useT();
  const [data, reload] = useLoad<{ users: Array<{ id: string; email: string; role: string; active: boolean; hasPassword: boolean }> }>('/users');
  const [link, setLink] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const organisations = [...new Map(session.locations.map((l) => [l.organisationId, l.organisationName])).entries()];
  const add = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      const role = String(form.get('role') ?? 'coordinator');
      const res = await post<{ link: string }>('/users', { email: String(form.get('email')), role, organisationId: role === 'admin' ? null : String(form.get('organisation') ?? session.user.organisationId) });
      setLink(res.link);
      await reload();
    } catch (err) {
      setStatus(message(err));
    }
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
          {data?.users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{t(`console.roles.${u.role}`)}</td>
              <td>{!u.active ? t('console.volunteers.inactive') : u.hasPassword ? t('console.devices.active') : t('console.users.noPassword')}</td>
              <td>
                {u.active ? (
                  <>
                    <button type="button" onClick={() => void post<{ link: string }>(`/users/${u.id}/reset-link`).then((r) => setLink(r.link))}>
                      {t('console.users.resetLink')}
                    </button>
                    {u.id !== session.user.id ? (
                      <button type="button" onClick={() => void post(`/users/${u.id}/deactivate`).then(reload)}>
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

export function Inbox() {
  const { t, lang } = useT();
  const [data, reload] = useLoad<{
    helpRequests: Array<{ id: string; locationName: string; topic: string; status: string; createdAt: string }>;
    interest: Array<{ id: string; locationName: string; firstName: string; contactKind: string; contact: string; createdAt: string }>;
  }>('/inbox');
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('console.sections.inbox')}</h1>
      <h2>{t('console.inbox.interest')}</h2>
      <p>{t('console.inbox.retention')}</p>
      <p>
        <a href="/api/console/interest/export?format=csv">{t('console.inbox.csv')}</a>
      </p>
      <table class="console-table">
        <thead>
          <tr>
            <th scope="col">{t('console.inbox.when')}</th>
            <th scope="col">{t('console.filter.location')}</th>
            <th scope="col">{t('console.inbox.name')}</th>
            <th scope="col">{t('console.inbox.contact')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('console.inbox.delete')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.interest.map((i) => (
            <tr key={i.id}>
              <td>{formatLibraryDateTime(i.createdAt, lang)}</td>
              <td>{i.locationName}</td>
              <td>{i.firstName}</td>
              <td>{i.contact}</td>
              <td>
                <button type="button" onClick={() => void del(`/interest/${i.id}`).then(reload)}>
                  {t('console.inbox.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('console.inbox.help')}</h2>
      <table class="console-table">
        <thead>
          <tr>
            <th scope="col">{t('console.inbox.when')}</th>
            <th scope="col">{t('console.filter.location')}</th>
            <th scope="col">{t('console.filter.topic')}</th>
            <th scope="col">{t('console.devices.state')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.helpRequests.map((h) => (
            <tr key={h.id}>
              <td>{formatLibraryDateTime(h.createdAt, lang)}</td>
              <td>{h.locationName}</td>
              <td>{h.topic}</td>
              <td>{h.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function Audit() {
  const { t, lang } = useT();
  const [data] = useLoad<{ entries: Array<{ id: number; at: string; user: string | null; action: string; targetType: string | null; targetId: string | null }> }>('/audit');
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('console.sections.audit')}</h1>
      <table class="console-table">
        <thead>
          <tr>
            <th scope="col">{t('console.inbox.when')}</th>
            <th scope="col">{t('console.audit.who')}</th>
            <th scope="col">{t('console.audit.action')}</th>
            <th scope="col">{t('console.audit.target')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.entries.map((e) => (
            <tr key={e.id}>
              <td>{formatLibraryDateTime(e.at, lang)}</td>
              <td>{e.user ?? t('console.audit.cli')}</td>
              <td>{e.action}</td>
              <td>{[e.targetType, e.targetId].filter(Boolean).join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
