import { useEffect, useState } from 'preact/hooks';
import type { RejectedEntry, RejectedEntryList } from '../../../shared/rejected-entries';
import { useT } from '../../i18n/i18n';
import { ConsoleError, get, post, query } from '../api';
import { formatLibraryDateTime } from '../../i18n/format';

type State = 'open' | 'handled' | 'all';

/**
 * One tablet's rejected entries (#/devices/<id>/rejected): what it sent that the server
 * refused, with the reason and the payload as kept (personal data redacted), to deal with
 * and then mark handled. The tablet shows the same entries to its volunteers.
 */
export function RejectedEntries({ deviceId }: { deviceId: string }) {
  const { t, lang } = useT();
  const [state, setState] = useState<State>('open');
  const [list, setList] = useState<RejectedEntryList | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const reload = () =>
    get<RejectedEntryList>(`/rejected-entries?${query({ device: deviceId, state })}`)
      .then(setList)
      .catch((err: unknown) => setStatus(err instanceof ConsoleError && err.status === 404 ? t('console.rejected.notFound') : t('console.offline')));
  useEffect(() => void reload(), [deviceId, state]);

  const markHandled = async (entry: RejectedEntry) => {
    try {
      await post(`/rejected-entries/${entry.id}/handled`);
      setStatus(t('console.rejected.marked', { seq: entry.deviceSeq }));
      await reload();
    } catch (err) {
      setStatus(err instanceof ConsoleError ? err.message : t('console.offline'));
    }
  };

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
          <select value={state} onChange={(e) => setState((e.currentTarget as HTMLSelectElement).value as State)}>
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
      {list && list.entries.length === 0 ? <p data-rejected-empty>{t(state === 'open' ? 'console.rejected.noneOpen' : 'console.rejected.none')}</p> : null}
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
                    <button type="button" onClick={() => void markHandled(entry)}>
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
