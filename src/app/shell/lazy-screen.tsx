import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A lazily loaded screen; preload() fetches its code ahead, so that it then shows at once, without an empty frame. */
export type LazyScreen<P extends object> = ComponentType<P> & { preload(): Promise<void> };

/**
 * A screen whose code is a chunk of its own, fetched the first time it is shown (the
 * service worker precaches every chunk, so offline too). For the screens a tablet does
 * not need at first paint: they stay out of the first-load budget (test/build-output.test.ts).
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const get = () => {
    loading ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        loading = undefined; // a failed fetch is tried again when the screen is shown next
        throw err;
      },
    );
    return loading;
  };
  function LazyScreen(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (Screen) return;
      let live = true;
      void get().then((c) => {
        if (live) setScreen(() => c);
      });
      return () => {
        live = false;
      };
    }, []);
    return Screen ? <Screen {...props} /> : null;
  }
  LazyScreen.preload = () => get().then(() => undefined);
  return LazyScreen;
}
