import { useEffect, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

/**
 * Subscribes a component to a slice of a vanilla zustand store. Using the vanilla
 * store keeps React (and preact/compat) out of the tablet bundle.
 */
export function useStore<S, T>(store: StoreApi<S>, select: (state: S) => T): T {
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    setValue(select(store.getState()));
    return store.subscribe((state) => setValue(() => select(state)));
  }, [store]);
  return value;
}
