import { createStore } from 'zustand/vanilla';
import { normaliseEnrolmentCode } from '../../shared/sync-constants';
import type { DeviceRecord, InloopDatabase } from '../db/database';
import { loadDevice, saveEnrolment } from '../db/device';
import { probeStorage, requestPersistence, type PersistenceState, type StorageProblem } from '../db/durable';
import { SyncError, type ServerApi, type SyncProblem } from '../sync/api';
import { syncStatus } from '../sync/status';
import { platformProblems } from '../platform/platform-check';

export interface DeviceState {
  phase: 'loading' | 'ready';
  device?: DeviceRecord;
  storageProblem?: StorageProblem;
  persistence?: PersistenceState;
}

export const deviceStore = createStore<DeviceState>(() => ({ phase: 'loading' }));

/** On start: can this browser store, is the tablet enrolled, and may we keep our data. */
export async function bootDevice(db: InloopDatabase): Promise<void> {
  const storageProblem = await probeStorage(db);
  const device = storageProblem ? undefined : await loadDevice(db).catch(() => undefined);
  deviceStore.setState({ phase: 'ready', device, storageProblem });
  deviceStore.setState({ persistence: await requestPersistence() });
}

export type EnrolOutcome =
  { ok: true } | { ok: false; reason: 'invalidCode' | 'unknownCode' | 'offline' | 'failed' | 'unsupported'; problem?: SyncProblem };

export async function enrolWithCode(db: InloopDatabase, api: ServerApi, code: string): Promise<EnrolOutcome> {
  if (!/^[A-Z0-9]{8}$/.test(normaliseEnrolmentCode(code))) return { ok: false, reason: 'invalidCode' };
  // A code spent on a browser that cannot run the desk would leave a tablet that looks enrolled but hangs at the PIN.
  if (platformProblems().length > 0) return { ok: false, reason: 'unsupported' };
  try {
    const enrolment = await api.enrol(code);
    const device = await saveEnrolment(db, enrolment);
    deviceStore.setState({ device });
    syncStatus.setState({ blocked: undefined, lastFailure: undefined });
    return { ok: true };
  } catch (err) {
    if (err instanceof SyncError && err.status === 404) return { ok: false, reason: 'unknownCode' };
    if (err instanceof SyncError && err.status === 400) return { ok: false, reason: 'invalidCode' };
    if (err instanceof SyncError && err.failure === 'network') return { ok: false, reason: 'offline' };
    // The volunteer reads the problem in their language; the technical message goes to the console.
    console.warn('enrolment failed', err);
    return { ok: false, reason: 'failed', problem: err instanceof SyncError ? err.problem : 'unexpected' };
  }
}
