import { useState } from 'preact/hooks';
import type { ConsoleSession, ResetLink, UserList } from '../../../shared/console';
import { errorMessage, post, useLoad } from '../api';
import { Accounts, type NewAccount } from './Accounts';

/**
 * The console accounts section's data (#/users): loads the accounts in scope, creates one,
 * asks for a one-time password link, deactivates one. Routes: src/server/routes/console/accounts.ts.
 */
export function AccountsWithData({ session }: { session: ConsoleSession }) {
  const [data, reload] = useLoad<UserList>('/users');
  const [link, setLink] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const addAccount = async (account: NewAccount) => {
    try {
      const res = await post<ResetLink>('/users', account);
      setLink(res.link);
      await reload();
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  const resetLink = (id: string) => void post<ResetLink>(`/users/${id}/reset-link`).then((r) => setLink(r.link));
  const deactivate = (id: string) => void post(`/users/${id}/deactivate`).then(reload);
  return (
    <Accounts
      session={session}
      users={data?.users}
      link={link}
      status={status}
      onAdd={addAccount}
      onResetLink={resetLink}
      onDeactivate={deactivate}
    />
  );
}
