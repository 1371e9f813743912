import type { DeviceKind } from '../../shared/sync';
import type { DeviceRecord, InloopDatabase } from '../db/database';
import { loadDevice } from '../db/device';
import { StorageError } from '../db/durable';
import { SyncError, type ServerApi, type SyncFailure, type SyncProblem } from './api';
import { pushOutbox } from './push';
import { syncStatus } from './status';

const LOCK_NAME = 'inloop-sync';
const IDLE_INTERVAL_MS = 60_000;
const MIN_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * What a round brings to the tablet after pushing its outbox: the catalogue, the
 * volunteers, help requests, kiosk settings. The engine knows none of them; whoever
 * builds it (src/app/services.ts) hands it the steps, in the order they run, as the
 * server's store/changes/index.ts registers its change handlers.
 */
export interface PullStep {
  /** What it pulls, in a word: named in the console when the step fails. */
  name: string;
  /** The kinds of tablet that take this step. */
  kinds: readonly DeviceKind[];
  pull(db: InloopDatabase, device: DeviceRecord): Promise<unknown>;
}

/**
 * Drives sync from the page (Background Sync is missing in Safari and Firefox):
 * on start, when the browser goes online, when the page becomes visible, after a
 * save, from the "Sync now" button, and on a timer that backs off with jitter after
 * failures. Only one tab syncs at a time (Web Locks); the others skip their turn
 * rather than queue behind it, since all tabs share one outbox (see withSyncLock).
 */
export class SyncEngine {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private again = false;
  private running: Promise<void> | undefined;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly db: InloopDatabase,
    private readonly api: ServerApi,
    private readonly pullSteps: readonly PullStep[],
  ) {}

  start(): void {
    const onOnline = () => {
      syncStatus.setState({ online: true });
      this.failures = 0;
      void this.syncNow();
    };
    const onOffline = () => syncStatus.setState({ online: false });
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.syncNow();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
    this.cleanups.push(
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
      () => document.removeEventListener('visibilitychange', onVisible),
    );
    void this.syncNow();
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  /** Runs a sync round now, or right after the one in progress. */
  syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.syncNow();
      }
    });
    return this.running;
  }

  /** Resolves once no round is running or queued in this tab. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async round(): Promise<void> {
    clearTimeout(this.timer);
    const device = await loadDevice(this.db).catch(() => undefined);
    if (!device || syncStatus.getState().blocked) return;
    if (!navigator.onLine) {
      syncStatus.setState({ online: false });
      return this.schedule(IDLE_INTERVAL_MS);
    }
    let stage = 'push';
    try {
      const ran = await withSyncLock(async () => {
        syncStatus.setState({ running: true, online: true });
        await pushOutbox(this.db, this.api, device.token);
        for (const step of this.pullSteps) {
          if (!step.kinds.includes(device.kind)) continue;
          stage = `pull ${step.name}`;
          await step.pull(this.db, device);
        }
      });
      // Another tab is syncing the same outbox: this tab's turn comes with its timer.
      if (!ran) return this.schedule(IDLE_INTERVAL_MS);
      this.failures = 0;
      syncStatus.setState({ running: false, lastSuccessAt: new Date().toISOString(), lastFailure: undefined });
      this.schedule(IDLE_INTERVAL_MS);
    } catch (err) {
      // The raw error is for whoever opens the console; the volunteer reads the translated problem.
      console.warn(`Inloop sync round failed (${stage}):`, err);
      const { failure, problem, status } = describeFailure(err);
      syncStatus.setState({
        running: false,
        online: failure === 'network' ? navigator.onLine : true,
        lastFailure: { failure, problem, detail: err instanceof Error ? err.message : String(err), status, at: new Date().toISOString() },
        blocked: failure === 'outdated' || failure === 'unenrolled' ? failure : undefined,
      });
      if (failure === 'outdated' || failure === 'unenrolled') return; // nothing is lost: entries wait in the outbox
      this.failures++;
      // The server may say how long to wait (429 with retry-after): never sooner than that.
      this.schedule(Math.max(backoffDelay(this.failures), err instanceof SyncError ? (err.retryAfterMs ?? 0) : 0));
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), ms);
  }
}

/** Exponential backoff with full jitter, so a library's tablets do not all retry at the same second. */
export function backoffDelay(failures: number, random = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** How a failed round is retried (failure) and told (problem). */
function describeFailure(err: unknown): { failure: SyncFailure; problem: SyncProblem; status?: number } {
  if (err instanceof SyncError) return { failure: err.failure, problem: err.problem, status: err.status };
  // Neither kind is the server's doing, but both may pass: retry with backoff like a server failure.
  return { failure: 'server', problem: err instanceof StorageError ? 'storage' : 'unexpected' };
}

/**
 * Runs the round under the sync lock if no other tab holds it, and reports whether
 * it ran. Tabs of one tablet share the outbox (one IndexedDB), so the tab holding
 * the lock pushes every tab's entries; queueing behind it would only repeat its
 * requests. Without Web Locks (very old browsers) the round simply runs; the server
 * skips entries it already has.
 */
async function withSyncLock(work: () => Promise<void>): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.locks) {
    await work();
    return true;
  }
  return navigator.locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await work();
    return true;
  });
}
