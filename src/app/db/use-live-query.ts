import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Re-runs a Dexie query whenever the tables it read change, in this tab or another.
 * Returns undefined until the first result arrives.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (v) => setValue(() => v),
      error: (err) => console.error('live query failed', err),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
