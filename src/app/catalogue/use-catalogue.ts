import { useEffect, useState } from 'preact/hooks';
import { catalogue } from './catalogue-service';

/** Loads the catalogue on first use and re-renders when pulled pages change it. */
export function useCatalogue(): { loaded: boolean; version: number } {
  const [state, setState] = useState(() => ({ loaded: catalogue.loaded, version: 0 }));
  useEffect(() => {
    const off = catalogue.subscribe(() => setState((s) => ({ loaded: true, version: s.version + 1 })));
    void catalogue.load().then(() => setState((s) => ({ loaded: true, version: s.version + 1 })));
    return off;
  }, []);
  return state;
}
