import { useLiveQuery } from '../db/use-live-query';
import { countPending } from '../db/outbox';
import { useT } from '../i18n/i18n';
import { db } from '../services';
import { useStore } from '../state/use-store';
import { busyStore } from './busy';
import { applyUpdate, updateStore } from './service-worker';

/**
 * A new version waits for the volunteer: the update is offered, never forced, and
 * only once nothing waits to be sent and no form is open, so a reload can never
 * cost a visit.
 */
export function UpdateBanner() {
  const { t } = useT();
  const waiting = useStore(updateStore, (s) => s.waiting);
  const busy = useStore(busyStore, (s) => s.busy.size > 0);
  const pending = useLiveQuery(() => countPending(db), []) ?? 0;
  if (!waiting) return null;
  const blocked = busy || pending > 0;
  return (
    <div class="banner info" role="status" data-testid="update-banner">
      <span>{t('update.available')}</span>
      <button
        type="button"
        class="secondary"
        onClick={applyUpdate}
        disabled={blocked}
        aria-describedby={blocked ? 'update-wait' : undefined}
      >
        {t('update.apply')}
      </button>
      {blocked ? <span id="update-wait">{t('update.waitPending')}</span> : null}
    </div>
  );
}
