import { useEffect, useState } from 'preact/hooks';
import type { RejectedEntry, RejectedEntryList } from '../../../shared/rejected-entries';
import { useT } from '../../i18n/i18n';
import { ConsoleError, get, post, query } from '../api';
import { RejectedEntries, type RejectedState } from './RejectedEntries';

/**
 * The data of one tablet's rejected entries (#/devices/<id>/rejected): what it sent that the
 * server refused, loaded per state, and marking one handled. The tablet shows the same
 * entries to its volunteers. Routes: src/server/routes/console/rejected-entries.ts.
 */
export function RejectedEntriesWithData({ deviceId }: { deviceId: string }) {
  const { t } = useT();
  const [state, setState] = useState<RejectedState>('open');
  const [list, setList] = useState<RejectedEntryList | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const reload = () =>
    get<RejectedEntryList>(`/rejected-entries?${query({ device: deviceId, state })}`)
      .then(setList)
      .catch((err: unknown) =>
        setStatus(err instanceof ConsoleError && err.status === 404 ? t('console.rejected.notFound') : t('console.offline')),
      );
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
  return (
    <RejectedEntries
      deviceId={deviceId}
      state={state}
      onState={setState}
      list={list}
      status={status}
      onMarkHandled={(entry) => void markHandled(entry)}
    />
  );
}
