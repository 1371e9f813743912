import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A screen whose code is a chunk of its own, fetched the first time it is shown (the
 * service worker precaches every chunk, so offline too). For the screens a tablet does
 * not need at first paint: they stay out of the first-load budget (test/build-output.test.ts).
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyScreen(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (Screen) return;
      let live = true;
      void load().then((c) => {
        loaded = c;
        if (live) setScreen(() => c);
      });
      return () => {
        live = false;
      };
    }, []);
    return Screen ? <Screen {...props} /> : null;
  };
}
