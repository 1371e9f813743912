import { useLiveQuery } from '../db/use-live-query';
import { countPending } from '../db/outbox';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { db, syncEngine } from '../services';
import { useStore } from '../state/use-store';
import { syncPhase, syncStatus } from '../sync/status';

/** The sync state in plain words, with a button to send now. */
export function SyncStatusBar() {
  const { t, lang } = useT();
  const status = useStore(syncStatus, (s) => s);
  const pending = useLiveQuery(() => countPending(db), []) ?? 0;
  const phase = syncPhase(status, pending);
  const text =
    phase === 'waiting'
      ? t('status.waiting', { count: pending })
      : phase === 'offline'
        ? t('status.offline', { count: pending })
        : phase === 'error'
          ? t('status.error', { count: pending, problem: t(`status.problem.${status.lastFailure?.problem ?? 'unexpected'}`) })
          : t(`status.${phase}`);
  return (
    <div class={`sync-status phase-${phase}`} role="region" aria-label={t('status.label')}>
      <p role="status" aria-live="polite" data-testid="sync-status" data-phase={phase} data-pending={pending}>
        {text}
        {status.lastSuccessAt && phase === 'upToDate' ? (
          <span class="last-sync"> · {t('status.lastSync', { time: formatTime(status.lastSuccessAt, lang) })}</span>
        ) : null}
      </p>
      <button
        type="button"
        class="secondary"
        onClick={() => void syncEngine.syncNow()}
        disabled={status.running || !status.online || !!status.blocked}
      >
        {t('status.syncNow')}
      </button>
    </div>
  );
}
