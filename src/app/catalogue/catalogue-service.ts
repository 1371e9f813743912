import { db } from '../services';
import { CatalogueSearch } from './search-client';

/**
 * The app's one catalogue, listening to pulls from the moment the app starts
 * (this module is imported by the desk's tab list), loaded on first use. Search runs
 * in a worker where the browser has one (search-client.ts); `catalogue` holds what
 * the screens render.
 */
export const catalogueSearch = new CatalogueSearch(db);
export const catalogue = catalogueSearch.data.attach();
