import { useEffect, useState } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { useLiveQuery } from '../db/use-live-query';
import { countPending, countRejected } from '../db/outbox';
import { formatMebibytes, formatTime } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { db } from '../services';
import { useStore } from '../state/use-store';
import { APP_VERSION } from '../sync/api';
import { syncStatus } from '../sync/status';
import { deviceStore } from './device-store';
import { storageFacts, type StorageFacts } from '../db/durable';
import { buildOutboxExport, downloadJson } from './export-outbox';

/** What a coordinator on the phone asks about a tablet, and the emergency export. */
export function DeviceStatus({ device }: { device: DeviceRecord }) {
  const { t, lang } = useT();
  const persistence = useStore(deviceStore, (s) => s.persistence);
  const lastSuccessAt = useStore(syncStatus, (s) => s.lastSuccessAt);
  const counts = useLiveQuery(async () => ({ pending: await countPending(db), rejected: await countRejected(db) }), []);
  const [facts, setFacts] = useState<StorageFacts | undefined>();
  const [exported, setExported] = useState<number | undefined>();
  useEffect(() => void storageFacts().then(setFacts), []);
  // bootDevice's request may wait on a question to the person (Firefox asks); until then, what persisted() says.
  const persistenceShown =
    persistence ?? (typeof facts?.persisted === 'boolean' ? (facts.persisted ? 'granted' : 'denied') : 'unsupported');
  const megabytes = (bytes?: number) => (bytes === undefined ? '–' : `${formatMebibytes(bytes, lang)} MB`);

  const exportNow = async () => {
    const file = await buildOutboxExport(db, device);
    downloadJson(`inloop-outbox-${device.deviceId.slice(0, 8)}-${file.exportedAt.slice(0, 10)}.json`, file);
    setExported(file.entries.length);
  };

  return (
    <section class="panel device-status" aria-labelledby="device-title">
      <h2 id="device-title">{t('device.title')}</h2>
      <dl>
        <dt>{t('device.location')}</dt>
        <dd>
          {device.organisation.name} · {device.location.name}
        </dd>
        <dt>{t('device.id')}</dt>
        <dd>
          <code>{device.deviceId}</code>
        </dd>
        <dt>{t('device.appVersion')}</dt>
        <dd>{APP_VERSION}</dd>
        <dt>{t('device.persistence')}</dt>
        <dd data-testid="persistence">{t(`device.persist.${persistenceShown}`)}</dd>
        <dt>{t('device.storage')}</dt>
        <dd>{t('device.storageUse', { used: megabytes(facts?.usedBytes), quota: megabytes(facts?.quotaBytes) })}</dd>
        <dt>{t('device.pending')}</dt>
        <dd>{counts?.pending ?? '–'}</dd>
        <dt>{t('device.rejected')}</dt>
        <dd>{counts?.rejected ?? '–'}</dd>
        <dt>{t('device.lastSync')}</dt>
        <dd>{lastSuccessAt ? formatTime(lastSuccessAt, lang) : t('device.never')}</dd>
      </dl>
      <h3>{t('device.exportTitle')}</h3>
      <p>{t('device.exportExplain')}</p>
      <button type="button" class="secondary" onClick={() => void exportNow()}>
        {t('device.export')}
      </button>
      <p role="status">{exported !== undefined ? t('device.exported', { count: exported }) : ''}</p>
    </section>
  );
}
