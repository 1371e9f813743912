import type { KioskInbox as KioskInboxData } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { formatLibraryDateTime } from '../../i18n/format';

interface Props {
  /** Null while loading. */
  inbox: KioskInboxData | null;
  onDeleteInterest: (id: string) => void;
}

/** The kiosk inbox as shown: course interest (with its CSV and retention) and help requests. Its data: KioskInboxWithData.tsx. */
export function KioskInbox({ inbox, onDeleteInterest }: Props) {
  const { t, lang } = useT();
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
          {inbox?.interest.map((i) => (
            <tr key={i.id}>
              <td>{formatLibraryDateTime(i.createdAt, lang)}</td>
              <td>{i.locationName}</td>
              <td>{i.firstName}</td>
              <td>{i.contact}</td>
              <td>
                <button type="button" onClick={() => onDeleteInterest(i.id)}>
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
          {inbox?.helpRequests.map((h) => (
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
