import type { RejectedEntry, RejectedEntryList } from '../../../shared/rejected-entries';
import { useT } from '../../i18n/i18n';
import { query } from '../api';
import { formatLibraryDateTime } from '../../i18n/format';

export type RejectedState = 'open' | 'handled' | 'all';

export interface RejectedEntriesProps {
  deviceId: string;
  state: RejectedState;
  onState: (state: RejectedState) => void;
  list: RejectedEntryList | null;
  /** What the last load or mark said, read out as a status. */
  status: string | null;
  onMarkHandled: (entry: RejectedEntry) => void;
}

/**
 * One tablet's rejected entries (#/devices/<id>/rejected), as shown: the reason and the
 * payload as kept (personal data redacted), a filter by state, the CSV link and a button
 * to mark one handled. Loading and saving: RejectedEntriesWithData.tsx.
 */
export function RejectedEntries({ deviceId, state, onState, list, status, onMarkHandled }: RejectedEntriesProps) {
  const { t, lang } = useT();
  const device = list?.device;
  return (
    <section aria-labelledby="rejected-title">
      <p>
        <a href="#/devices">{t('console.rejected.back')}</a>
      </p>
      <h1 id="rejected-title">{t('console.rejected.title')}</h1>
      {device ? (
        <p data-rejected-device={device.id}>
          {t(`console.devices.${device.kind}`)}
          {device.name ? ` · ${device.name}` : ''} · {device.locationName}
        </p>
      ) : null}
      <p>{t('console.rejected.intro')}</p>
      <div class="console-filters">
        <label>
          {t('console.rejected.show')}
          <select value={state} onChange={(e) => onState((e.currentTarget as HTMLSelectElement).value as RejectedState)}>
            <option value="open">{t('console.rejected.stateOpen')}</option>
            <option value="handled">{t('console.rejected.stateHandled')}</option>
            <option value="all">{t('console.rejected.stateAll')}</option>
          </select>
        </label>
        <a class="button" href={`/api/console/rejected-entries/export?${query({ device: deviceId, state, format: 'csv' })}`}>
          {t('console.rejected.export')}
        </a>
      </div>
      {status ? <p role="status">{status}</p> : null}
      {list && list.entries.length === 0 ? (
        <p data-rejected-empty>{t(state === 'open' ? 'console.rejected.noneOpen' : 'console.rejected.none')}</p>
      ) : null}
      {list?.truncated ? <p>{t('console.rejected.truncated', { count: list.entries.length })}</p> : null}
      {list && list.entries.length > 0 ? (
        <table class="console-table">
          <thead>
            <tr>
              <th scope="col">{t('console.rejected.when')}</th>
              <th scope="col">{t('console.rejected.seq')}</th>
              <th scope="col">{t('console.rejected.type')}</th>
              <th scope="col">{t('console.rejected.reason')}</th>
              <th scope="col">{t('console.rejected.payload')}</th>
              <th scope="col">{t('console.rejected.handled')}</th>
            </tr>
          </thead>
          <tbody>
            {list.entries.map((entry) => (
              <tr key={entry.id} data-rejected-entry={entry.id}>
                <td>{formatLibraryDateTime(entry.receivedAt, lang)}</td>
                <td>{entry.deviceSeq}</td>
                <td>
                  <code>{entry.changeType}</code>
                </td>
                <td data-reason>{entry.reason}</td>
                <td>
                  <details>
                    <summary>{t('console.rejected.showPayload')}</summary>
                    {/* Focusable: a long payload scrolls, and must scroll by keyboard too. */}
                    <pre class="rejected-payload" data-payload tabIndex={0}>
                      {JSON.stringify(entry.payload, null, 2)}
                    </pre>
                  </details>
                </td>
                <td>
                  {entry.handledAt ? (
                    t('console.rejected.handledBy', { when: formatLibraryDateTime(entry.handledAt, lang), who: entry.handledBy ?? '–' })
                  ) : (
                    <button type="button" onClick={() => onMarkHandled(entry)}>
                      {t('console.rejected.markHandled')}{' '}
                      <span class="visually-hidden">{t('console.rejected.entry', { seq: entry.deviceSeq })}</span>
                    </button>
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
