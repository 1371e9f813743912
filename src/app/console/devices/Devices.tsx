import type { ConsoleSession, DeviceRow, EnrolCode } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { formatLibraryDateTime, formatMebibytes } from '../../i18n/format';
import { LocationField } from '../LocationField';
import { QrCode } from '../../shell/QrCode';

export interface NewEnrolment {
  locationId: string;
  kind: DeviceRow['kind'];
}

interface Props {
  session: ConsoleSession;
  devices: DeviceRow[];
  /** The enrolment code just made, shown until the next. */
  code: EnrolCode | null;
  onEnrol: (enrolment: NewEnrolment) => Promise<void>;
  onRevoke: (id: string) => Promise<void>;
}

/** The devices section as shown: the enrolment form with its QR code, and the tablets. Its data: DevicesWithData.tsx. */
export function Devices({ session, devices, code, onEnrol, onRevoke }: Props) {
  const { t, lang } = useT();
  const enrol = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    await onEnrol({ locationId: String(form.get('location')), kind: String(form.get('kind')) as NewEnrolment['kind'] });
  };
  const revoke = async (d: DeviceRow) => {
    if (!confirm(t('console.devices.confirmRevoke'))) return;
    await onRevoke(d.id);
  };
  return (
    <section aria-labelledby="devices-title">
      <h1 id="devices-title">{t('console.devices.title')}</h1>
      <form class="console-filters" onSubmit={enrol}>
        <LocationField session={session} required />
        <label>
          {t('console.devices.kind')}
          <select name="kind">
            <option value="desk">{t('console.devices.desk')}</option>
            <option value="kiosk">{t('console.devices.kiosk')}</option>
          </select>
        </label>
        <button type="submit" class="primary">
          {t('console.devices.enrol')}
        </button>
      </form>
      {code ? (
        <div class="enrol-code" role="status">
          <QrCode text={code.link} title={t('console.devices.qr')} />
          <p>
            {t('console.devices.code')}:{' '}
            <strong class="code" data-enrol-code={code.code}>
              {code.code}
            </strong>
          </p>
          <p>
            <a href={code.link}>{code.link}</a>
          </p>
          <p>{t('console.devices.validUntil', { when: formatLibraryDateTime(code.expiresAt, lang) })}</p>
        </div>
      ) : null}
      <table class="console-table">
        <thead>
          <tr>
            <th scope="col">{t('console.devices.kind')}</th>
            <th scope="col">{t('console.filter.location')}</th>
            <th scope="col">{t('console.devices.enrolled')}</th>
            <th scope="col">{t('console.devices.lastSync')}</th>
            <th scope="col">{t('console.devices.version')}</th>
            <th scope="col">{t('console.devices.pending')}</th>
            <th scope="col">{t('console.devices.storage')}</th>
            <th scope="col">{t('console.devices.rejected')}</th>
            <th scope="col">{t('console.devices.state')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('console.devices.revoke')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.id} data-device={d.id}>
              <td>
                {t(`console.devices.${d.kind}`)}
                {d.name ? ` · ${d.name}` : ''}
              </td>
              <td>{d.locationName}</td>
              <td>{formatLibraryDateTime(d.enrolledAt, lang)}</td>
              <td>{d.lastSeenAt ? formatLibraryDateTime(d.lastSeenAt, lang) : '–'}</td>
              <td>{d.appVersion ?? '–'}</td>
              <td>{d.pendingReported ?? '–'}</td>
              <td data-storage>{storageText(d.storage, t, lang)}</td>
              <td data-rejected-open={d.rejectedOpen}>
                <a
                  class="rejected-count"
                  href={`#/devices/${d.id}/rejected`}
                  aria-label={t('console.devices.rejectedLink', { count: d.rejectedOpen })}
                >
                  {d.rejectedOpen}
                </a>
              </td>
              <td>{d.revokedAt ? t('console.devices.revoked') : t('console.devices.active')}</td>
              <td>
                {d.revokedAt ? null : (
                  <button type="button" onClick={() => void revoke(d)}>
                    {t('console.devices.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** "kept · 1.3 of 10,240 MB", in the reader's language; a dash when the tablet never said. */
function storageText(storage: DeviceRow['storage'], t: (key: string, options?: Record<string, unknown>) => string, lang: string): string {
  if (storage.persisted === null && storage.usedBytes === null) return '–';
  const kept =
    storage.persisted === null
      ? t('console.devices.storageUnknown')
      : storage.persisted
        ? t('console.devices.storageKept')
        : t('console.devices.storageEvictable');
  if (storage.usedBytes === null || storage.quotaBytes === null) return kept;
  return `${kept} · ${t('console.devices.storageUse', { used: formatMebibytes(storage.usedBytes, lang), quota: formatMebibytes(storage.quotaBytes, lang) })}`;
}
