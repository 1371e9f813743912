import { whenIdle } from '../shell/when-idle';

/**
 * The catalogue's code (search index, MiniSearch, screens) is a lazy chunk, so it
 * stays out of the first load. It is fetched soon after start anyway, when the
 * tablet is idle, so that it follows every pull from then on (the index is updated
 * page by page instead of rebuilt) and opens at once.
 */
type CatalogueChunk = typeof import('./catalogue-chunk');

let chunk: Promise<CatalogueChunk> | undefined;

export function loadCatalogueChunk(): Promise<CatalogueChunk> {
  chunk ??= import('./catalogue-chunk').then((m) => {
    void m.catalogue.load().catch((err: unknown) => console.warn('catalogue: could not load', err));
    return m;
  });
  return chunk;
}

/** Called once at start: loads the chunk when the browser is idle. */
export function preloadCatalogue(delayMs = 1500): void {
  whenIdle(() => void loadCatalogueChunk().catch(() => (chunk = undefined)), delayMs);
}
