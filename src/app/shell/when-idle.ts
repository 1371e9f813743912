/**
 * Runs a task soon after start, once the browser is idle: for code a tablet fetches ahead
 * of its first use (lazy chunks), without competing with the first paint.
 */
export function whenIdle(task: () => void, delayMs = 1500): void {
  if (typeof window === 'undefined') return;
  setTimeout(() => ('requestIdleCallback' in window ? window.requestIdleCallback(task, { timeout: 5000 }) : task()), delayMs);
}
