/** Everything of the catalogue that loads lazily (see lazy.ts). */
export { catalogue } from './catalogue-service';
export { CatalogueBrowserView } from './CatalogueBrowserView';
export { CatalogueScreen } from './CatalogueScreen';
