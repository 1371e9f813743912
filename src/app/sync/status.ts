import { createStore } from 'zustand/vanilla';
import type { SyncFailure, SyncProblem } from './api';

/** What the sync engine last did, for the status line. Pending counts come from the database itself. */
export interface SyncStatus {
  online: boolean;
  running: boolean;
  lastSuccessAt?: string;
  /** problem picks the sentence shown; detail is the English technical message, for the console and support only. */
  lastFailure?: { failure: SyncFailure; problem: SyncProblem; detail: string; status?: number; at: string };
  /** Set when syncing cannot continue until someone acts: the app must be updated or the tablet re-enrolled. */
  blocked?: 'outdated' | 'unenrolled';
}

export const syncStatus = createStore<SyncStatus>(() => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  running: false,
}));

export type SyncPhase = 'offline' | 'syncing' | 'error' | 'waiting' | 'upToDate' | 'outdated' | 'unenrolled';

/** The plain-words state shown to the volunteer. */
export function syncPhase(status: SyncStatus, pending: number): SyncPhase {
  if (status.blocked) return status.blocked;
  if (!status.online) return 'offline';
  if (status.running) return 'syncing';
  if (status.lastFailure && pending > 0) return 'error';
  return pending > 0 ? 'waiting' : 'upToDate';
}
