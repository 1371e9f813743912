import type Dexie from 'dexie';

/**
 * What can go wrong with storage on a cheap tablet, in the words the volunteer sees.
 * - unavailable: the browser cannot store at all (private mode, IndexedDB missing);
 * - quota: the device is full;
 * - lost: the browser dropped the database connection and reopening did not help.
 */
export type StorageProblem = 'unavailable' | 'quota' | 'lost';

export class StorageError extends Error {
  constructor(
    readonly problem: StorageProblem,
    override readonly cause?: unknown,
  ) {
    super(`storage ${problem}`);
    this.name = 'StorageError';
  }
}

function names(err: unknown): string[] {
  const found: string[] = [];
  // Dexie wraps the browser's error in .inner; quota errors often arrive as an AbortError around a QuotaExceededError.
  for (
    let e = err as { name?: string; inner?: unknown; message?: string } | undefined, depth = 0;
    e && depth < 4;
    e = e.inner as typeof e, depth++
  ) {
    if (e.name) found.push(e.name);
    if (e.message && /Connection to Indexed Database server lost/i.test(e.message)) found.push('ConnectionLost');
  }
  return found;
}

export function classifyStorageError(err: unknown): StorageProblem | undefined {
  const n = names(err);
  if (n.includes('QuotaExceededError')) return 'quota';
  if (n.includes('MissingAPIError') || n.includes('SecurityError')) return 'unavailable';
  if (n.includes('OpenFailedError') && n.includes('InvalidStateError')) return 'unavailable';
  if (n.includes('DatabaseClosedError') || n.includes('ConnectionLost') || n.includes('InvalidStateError') || n.includes('UnknownError'))
    return 'lost';
  return undefined;
}

/**
 * Runs a storage operation; when the browser dropped the connection (Safari does),
 * reopens the database and tries once more. The caller says "saved" only after
 * this resolves, that is after the transaction committed.
 */
export async function durably<T>(db: Dexie, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const problem = classifyStorageError(err);
    if (problem === 'lost') {
      try {
        db.close();
        await db.open();
        return await work();
      } catch (again) {
        throw new StorageError(classifyStorageError(again) ?? 'lost', again);
      }
    }
    if (problem) throw new StorageError(problem, err);
    throw err;
  }
}

/** Opens the database and writes a probe row, to find out early whether this browser can store. */
export async function probeStorage(
  db: Dexie & { meta: { put(row: { key: string; value: unknown }): Promise<unknown> } },
): Promise<StorageProblem | undefined> {
  if (typeof indexedDB === 'undefined') return 'unavailable';
  try {
    await durably(db, () => db.meta.put({ key: 'probe', value: new Date().toISOString() }));
    return undefined;
  } catch (err) {
    if (!(err instanceof StorageError)) return 'unavailable';
    // Firefox's private mode refuses the very first open with InvalidStateError. Dexie 4 hands that on
    // as a closed database (or the bare InvalidStateError when reopening), which reads like a dropped
    // connection; but nothing was open yet to be dropped, so this browser cannot store.
    if (err.problem === 'lost' && names(err.cause).includes('InvalidStateError')) return 'unavailable';
    return err.problem;
  }
}

export type PersistenceState = 'granted' | 'denied' | 'unsupported';

/** Asks the browser not to evict our data under storage pressure; evicted stores come back empty without an error. */
export async function requestPersistence(): Promise<PersistenceState> {
  if (!navigator.storage?.persist) return 'unsupported';
  try {
    if (await navigator.storage.persisted()) return 'granted';
    return (await navigator.storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

export interface StorageFacts {
  /** Whether the browser promised to keep our data; null when it does not say. */
  persisted: boolean | null;
  usedBytes?: number;
  quotaBytes?: number;
}

/** What the browser says about this tablet's storage, for the Tablet tab and the coordinator's device list. */
export async function storageFacts(): Promise<StorageFacts | undefined> {
  if (typeof navigator === 'undefined' || !navigator.storage) return undefined;
  try {
    const [persisted, estimate] = await Promise.all([navigator.storage.persisted?.() ?? null, navigator.storage.estimate?.()]);
    return {
      persisted,
      ...(estimate?.usage !== undefined ? { usedBytes: Math.round(estimate.usage) } : {}),
      ...(estimate?.quota !== undefined ? { quotaBytes: Math.round(estimate.quota) } : {}),
    };
  } catch {
    return undefined;
  }
}
