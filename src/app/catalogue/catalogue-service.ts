import { db } from '../services';
import { CatalogueData } from './catalogue-data';

/**
 * The app's one catalogue, listening to pulls from the moment the app starts
 * (this module is imported by the desk's tab list), loaded on first use.
 */
export const catalogue = new CatalogueData(db).attach();
