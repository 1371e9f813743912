import { useEffect } from 'preact/hooks';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel', 'scroll'] as const;

/**
 * Calls onIdle after `seconds` without a touch, a key or scrolling. Any activity
 * starts the count again. Used to start the kiosk over for the next visitor.
 */
export function useIdle(seconds: number, onIdle: () => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, seconds * 1000);
    };
    for (const event of ACTIVITY) window.addEventListener(event, restart, { capture: true, passive: true });
    restart();
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, restart, { capture: true });
    };
  }, [seconds, onIdle]);
}
