import { useT } from '../i18n/i18n';
import { CatalogueBrowserView } from './CatalogueBrowserView';
import { catalogueView } from './catalogue-store';

/** The desk's catalogue tab: find a course or service to tell a visitor about. */
export function CatalogueScreen() {
  const { t } = useT();
  return (
    <section class="catalogue-page" aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t('catalogue.title')}</h1>
      <CatalogueBrowserView view={catalogueView} />
    </section>
  );
}
