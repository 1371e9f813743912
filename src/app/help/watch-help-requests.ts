import type { DeviceRecord, InloopDatabase } from '../db/database';
import { pullHelpRequests, type FetchHelpRequests } from './pull-help-requests';
import { syncStatus } from '../sync/status';

/**
 * How often a desk in use asks for new help requests. The sync round comes about once
 * a minute; a visitor who just asked at the kiosk should not wait that long.
 */
export const HELP_REFRESH_MS = 15_000;

/**
 * Keeps the desk's copy of the open help requests fresh while a volunteer uses it:
 * asks at once, then every intervalMs, while the page is visible and the browser
 * online. Hidden or offline it pauses, and asks again the moment it is back (a visitor
 * may have asked meanwhile). One question at a time: the next waits for the answer.
 * A failed question is dropped silently; the sync round reports trouble, and the
 * next question may get through. Returns the function that stops it.
 */
export function watchHelpRequests(
  db: InloopDatabase,
  device: Pick<DeviceRecord, 'token'>,
  fetchHelpRequests?: FetchHelpRequests,
  { intervalMs = HELP_REFRESH_MS }: { intervalMs?: number } = {},
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asking = false;
  let stopped = false;

  const pageAllows = () => !stopped && document.visibilityState === 'visible' && navigator.onLine;

  const refresh = async () => {
    timer = undefined;
    if (asking || !pageAllows()) return;
    const status = syncStatus.getState();
    // Blocked: the server refuses this tablet until someone acts. A round under way pulls the requests itself.
    if (!status.blocked && !status.running) {
      asking = true;
      // A round starting while we wait may push a take made here; the server's answer
      // from before that push would show the taken request as open again.
      let overtaken = false;
      const unsubscribe = syncStatus.subscribe((s) => {
        if (s.running) overtaken = true;
      });
      try {
        await pullHelpRequests(db, device.token, fetchHelpRequests, () => overtaken || stopped);
      } catch {
        // Offline, server down, storage hiccup: the copy stays as it was until the next turn.
      } finally {
        unsubscribe();
        asking = false;
      }
    }
    if (pageAllows() && timer === undefined) timer = setTimeout(() => void refresh(), intervalMs);
  };

  const onPageChange = () => {
    if (!pageAllows()) {
      clearTimeout(timer);
      timer = undefined;
    } else if (!asking && timer === undefined) void refresh();
  };

  document.addEventListener('visibilitychange', onPageChange);
  window.addEventListener('online', onPageChange);
  window.addEventListener('offline', onPageChange);
  void refresh();

  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onPageChange);
    window.removeEventListener('online', onPageChange);
    window.removeEventListener('offline', onPageChange);
  };
}
