import { useEffect, useState } from 'preact/hooks';
import qrcode from 'qrcode-generator';
import type { ConsoleSession } from '../../shared/console';
import { useT } from '../i18n/i18n';
import { get, post } from './api';
import { dateTime } from './labels';

interface DeviceRow {
  id: string;
  kind: 'desk' | 'kiosk';
  name: string | null;
  locationName: string;
  enrolledAt: string;
  lastSeenAt: string | null;
  appVersion: string | null;
  pendingReported: number | null;
  revokedAt: string | null;
}

/** The enrolment link as a QR code, drawn as SVG rectangles (no inline styles, no scripts). */
export function QrCode({ text, title }: { text: string; title: string }) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const cells: string[] = [];
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) cells.push(`M${c + 4} ${r + 4}h1v1h-1z`);
  return (
    <svg class="qr" viewBox={`0 0 ${n + 8} ${n + 8}`} role="img" aria-label={title} shape-rendering="crispEdges">
      <rect width={n + 8} height={n + 8} fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}

export function Devices({ session }: { session: ConsoleSession }) {
  const { t, lang } = useT();
  const [devices, setDevices] = useState<DeviceRow[]>([]);
  const [code, setCode] = useState<{ code: string; link: string; expiresAt: string } | null>(null);
  const reload = () => get<{ devices: DeviceRow[] }>('/devices').then((r) => setDevices(r.devices));
  useEffect(() => void reload(), []);
  const enrol = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setCode(await post('/devices/codes', { locationId: String(form.get('location')), kind: String(form.get('kind')) }));
  };
  const revoke = async (d: DeviceRow) => {
    if (!confirm(t('console.devices.confirmRevoke'))) return;
    await post(`/devices/${d.id}/revoke`);
    await reload();
  };
  return (
    <section aria-labelledby="devices-title">
      <h1 id="devices-title">{t('console.devices.title')}</h1>
      <form class="console-filters" onSubmit={enrol}>
        <label>
          {t('console.filter.location')}
          <select name="location" required>
            {session.locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
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
            {t('console.devices.code')}: <strong class="code" data-enrol-code={code.code}>{code.code}</strong>
          </p>
          <p>
            <a href={code.link}>{code.link}</a>
          </p>
          <p>{t('console.devices.validUntil', { when: dateTime(code.expiresAt, lang) })}</p>
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
              <td>{dateTime(d.enrolledAt, lang)}</td>
              <td>{d.lastSeenAt ? dateTime(d.lastSeenAt, lang) : '–'}</td>
              <td>{d.appVersion ?? '–'}</td>
              <td>{d.pendingReported ?? '–'}</td>
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
