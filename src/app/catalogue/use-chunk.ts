import { useEffect, useState } from 'preact/hooks';
import { loadCatalogueChunk } from './lazy';

export type CatalogueChunk = Awaited<ReturnType<typeof loadCatalogueChunk>>;

/** The lazily loaded catalogue code, once it is there. */
export function useCatalogueChunk(): CatalogueChunk | undefined {
  const [chunk, setChunk] = useState<CatalogueChunk | undefined>();
  useEffect(() => {
    let live = true;
    void loadCatalogueChunk().then((c) => live && setChunk(() => c));
    return () => {
      live = false;
    };
  }, []);
  return chunk;
}
