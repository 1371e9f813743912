import { useLiveQuery } from '../db/use-live-query';
import { useT } from '../i18n/i18n';
import { db } from '../services';
import { countWaitingHelpRequests } from './help-requests';
import './help.css';

/** The desk's route of the help queue, for links to it. */
export const HELP_QUEUE_ROUTE = '/help';

/**
 * Visitors waiting for a volunteer, kept current from this tablet's copy of the
 * queue: watchHelpRequests refreshes that copy every 15 seconds while the desk is in
 * use, and the sync engine every round, whatever screen is open.
 */
export function useWaitingHelpCount(): number {
  return useLiveQuery(() => countWaitingHelpRequests(db), []) ?? 0;
}

/**
 * A short notice above the desk's other screens while someone waits, so a volunteer
 * busy recording visits sees it. The live region stays in the page when empty:
 * screen readers announce a region's changes, not a region that appears.
 */
export function HelpWaitingNotice({ count }: { count: number }) {
  const { t } = useT();
  return (
    <div role="status" aria-live="polite" class="help-waiting-slot">
      {count > 0 ? (
        <p class="banner info help-waiting" data-testid="help-waiting">
          <span>{t('help.waiting', { count })}</span>
          <a href={`#${HELP_QUEUE_ROUTE}`}>{t('help.toQueue')}</a>
        </p>
      ) : null}
    </div>
  );
}
