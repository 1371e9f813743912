import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A screen whose code loads only when it is first shown (the desk, the kiosk, the visitor
 * survey), so no first download carries what it may never need; the service worker
 * precaches every chunk, so this works offline. Shows nothing while loading.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return function LazyScreen(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | null>(null);
    useEffect(() => {
      void load().then((s) => setScreen(() => s));
    }, []);
    return Screen ? <Screen {...props} /> : null;
  };
}
