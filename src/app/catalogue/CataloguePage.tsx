import { useT } from '../i18n/i18n';
import { preloadCatalogue } from './lazy';
import { useCatalogueChunk } from './use-chunk';

// The desk imports this module at start: fetch the catalogue's code once the tablet is idle.
preloadCatalogue();

/** The desk's catalogue tab (the screen itself loads lazily). */
export function CataloguePage() {
  const { t } = useT();
  const chunk = useCatalogueChunk();
  return chunk ? <chunk.CatalogueScreen /> : <p role="status">{t('catalogue.loading')}</p>;
}
