import { useT } from '../i18n/i18n';
import type { CatalogueBrowserProps } from './CatalogueBrowserView';
import { useCatalogueChunk } from './use-chunk';

export type { CatalogueBrowserProps };

/**
 * Search, filter and read the catalogue, offline. Reusable: the visit form embeds it
 * to pick a referral (`onPick` gets the chosen item; `pickLabel` names the button).
 * Importing this costs the first load almost nothing: the implementation
 * (CatalogueBrowserView, with the search index) loads lazily.
 */
export function CatalogueBrowser(props: CatalogueBrowserProps) {
  const { t } = useT();
  const chunk = useCatalogueChunk();
  return chunk ? <chunk.CatalogueBrowserView {...props} /> : <p role="status">{t('catalogue.loading')}</p>;
}
