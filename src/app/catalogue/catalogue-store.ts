import { createStore } from 'zustand/vanilla';
import type { Facet, Filters } from './catalogue-data';

/** What the volunteer is looking at in the catalogue: UI state only. */
export interface CatalogueView {
  query: string;
  filters: Filters;
  /** The item whose details are open. */
  openId?: string;
  showFilters: boolean;
}

export function createCatalogueView() {
  return createStore<CatalogueView>(() => ({ query: '', filters: {}, showFilters: false }));
}
export type CatalogueViewStore = ReturnType<typeof createCatalogueView>;

/** The catalogue tab's own view; a browser embedded elsewhere makes its own. */
export const catalogueView = createCatalogueView();

export function setQuery(store: CatalogueViewStore, query: string): void {
  store.setState({ query, openId: undefined });
}

export function toggleFilter(store: CatalogueViewStore, facet: Facet, value: string): void {
  const current = store.getState().filters[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  store.setState({ filters: { ...store.getState().filters, [facet]: next } });
}

export function clearFilters(store: CatalogueViewStore): void {
  store.setState({ filters: {} });
}

export function openItem(store: CatalogueViewStore, id: string | undefined): void {
  store.setState({ openId: id });
}

export function toggleFilterPanel(store: CatalogueViewStore): void {
  store.setState({ showFilters: !store.getState().showFilters });
}

export function activeFilterCount(filters: Filters): number {
  return Object.values(filters).reduce((n, v) => n + (v?.length ?? 0), 0);
}
