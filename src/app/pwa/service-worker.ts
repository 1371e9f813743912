import type { Workbox } from 'workbox-window';
import { createStore } from 'zustand/vanilla';

/**
 * Service worker updates by prompt, never by reloading under a volunteer's hands:
 * a new version waits until someone taps "Update now".
 */
export const updateStore = createStore<{ waiting: boolean }>(() => ({ waiting: false }));
let workbox: Workbox | undefined;

/** Registers after the first screen is up; workbox-window is a chunk of its own, not part of the first load. */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const { Workbox } = await import('workbox-window');
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => updateStore.setState({ waiting: true }));
  void workbox.register().then((registration) => {
    // iOS home-screen apps may never check on their own: check when the app comes back into view.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void registration?.update();
    });
  });
}

export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}
