import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../../shared/console';
import type { partnerLinkCreatedSchema, partnerLinkListSchema } from '../../../shared/referrals';
import type { z } from '../../../shared/zod';
import { formatLibraryDateTime } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { ConsoleError, get, post } from '../api';
import { ensureReferralConsoleTexts } from '../referrals/texts';

type LinkList = z.infer<typeof partnerLinkListSchema>;
type Created = z.infer<typeof partnerLinkCreatedSchema>;

/** The console's partner links: made per library organisation and partner, shown once, revocable; every change audited by the server. */
export function PartnerLinks({ session }: { session: ConsoleSession }) {
  ensureReferralConsoleTexts();
  const { t, lang } = useT();
  const [list, setList] = useState<LinkList | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const organisations = [...new Map(session.locations.map((l) => [l.organisationId, l.organisationName])).entries()];
  const reload = () => get<LinkList>('/partner-links').then(setList);
  useEffect(() => void reload(), []);

  const create = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setProblem(null);
    try {
      setCreated(
        await post<Created>('/partner-links', {
          organisationId: String(form.get('organisation')),
          partnerId: String(form.get('partner')),
          label: String(form.get('label') ?? '').trim() || undefined,
        }),
      );
      await reload();
    } catch (err) {
      setProblem(err instanceof ConsoleError ? err.message : String(err));
    }
  };
  const revoke = async (id: string) => {
    await post(`/partner-links/${id}/revoke`);
    await reload();
  };

  return (
    <section aria-labelledby="partners-title" class="console-partners">
      <h1 id="partners-title">{t('console.sections.partners')}</h1>
      <p>{t('console.partners.intro')}</p>
      <form class="console-card" onSubmit={(e) => void create(e)}>
        <p>
          <label for="partner-org">{t('console.partners.organisation')}</label>
          <select id="partner-org" name="organisation" required>
            {organisations.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="partner-partner">{t('console.partners.partner')}</label>
          <select id="partner-partner" name="partner" required>
            {list?.partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="partner-label">{t('console.partners.label')}</label>
          <input id="partner-label" name="label" maxLength={100} />
        </p>
        <p>
          <button type="submit" class="primary">
            {t('console.partners.create')}
          </button>
        </p>
        {problem ? (
          <p role="alert" class="banner error">
            {problem}
          </p>
        ) : null}
        {created ? (
          <p role="status" class="banner">
            {t('console.partners.created')} <code class="partner-link">{created.link}</code>
          </p>
        ) : null}
      </form>
      <h2 id="partner-list-title">{t('console.partners.list')}</h2>
      {list && list.links.length === 0 ? <p>{t('console.partners.none')}</p> : null}
      {list && list.links.length ? (
        <table aria-labelledby="partner-list-title">
          <thead>
            <tr>
              <th scope="col">{t('console.partners.partner')}</th>
              <th scope="col">{t('console.partners.label')}</th>
              <th scope="col">{t('console.partners.createdAt')}</th>
              <th scope="col">{t('console.partners.lastUsed')}</th>
              <th scope="col">{t('console.referrals.state')}</th>
            </tr>
          </thead>
          <tbody>
            {list.links.map((l) => (
              <tr key={l.id}>
                <td>{l.partnerName}</td>
                <td>{l.label ?? ''}</td>
                <td>{formatLibraryDateTime(l.createdAt, lang)}</td>
                <td>{l.lastUsedAt ? formatLibraryDateTime(l.lastUsedAt, lang) : t('console.partners.never')}</td>
                <td>
                  {l.revokedAt ? (
                    `${t('console.partners.revoked')} ${formatLibraryDateTime(l.revokedAt, lang)}`
                  ) : (
                    <>
                      {t('console.partners.active')}{' '}
                      <button
                        type="button"
                        aria-label={t('console.partners.revokeOne', { partner: l.partnerName })}
                        onClick={() => void revoke(l.id)}
                      >
                        {t('console.partners.revoke')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
