import { createStore } from 'zustand/vanilla';

/**
 * Things that must not be interrupted by an app update: a form being filled in.
 * Forms mark themselves busy; the update waits until none is.
 */
export const busyStore = createStore<{ busy: ReadonlySet<string> }>(() => ({ busy: new Set() }));

export function setBusy(key: string, busy: boolean): void {
  const next = new Set(busyStore.getState().busy);
  if (busy) next.add(key);
  else next.delete(key);
  busyStore.setState({ busy: next });
}
