import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Filters, SearchOutcome } from './catalogue-data';
import { catalogue, catalogueSearch } from './catalogue-service';

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

/**
 * The outcome of a search box's query and filters, and whether it is the outcome of
 * these (`current`) or still the previous one's. In the worker, the box is not held up:
 * the previous results stay (marked busy) until this query's come, and an answer
 * overtaken by a later keystroke is dropped. On the main thread (no worker), the search
 * is done during the render, as before, and is always current.
 */
export function useCatalogueSearch(
  query: string,
  filters: Filters,
  loaded: boolean,
  version: number,
): { outcome: SearchOutcome | undefined; current: boolean } {
  const channel = useMemo(() => catalogueSearch.channel(), []);
  const inThread = catalogueSearch.inThread;
  const direct = useMemo(
    () => (loaded && inThread ? catalogue.search(query, filters) : undefined),
    [loaded, inThread, version, query, filters],
  );
  const [answer, setAnswer] = useState<{ outcome: SearchOutcome; query: string; filters: Filters; version: number } | undefined>();
  useEffect(() => {
    if (!loaded || inThread) return;
    let live = true;
    void catalogueSearch.ask(channel, query, filters).then((outcome) => {
      if (live && outcome) setAnswer({ outcome, query, filters, version });
    });
    return () => {
      live = false;
    };
  }, [loaded, inThread, version, query, filters]);
  if (direct) return { outcome: direct, current: true };
  const current = !!answer && answer.query === query && answer.filters === filters && answer.version === version;
  return { outcome: answer?.outcome, current };
}
