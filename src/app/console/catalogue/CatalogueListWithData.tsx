import { useEffect, useRef, useState } from 'preact/hooks';
import type { CatalogueListPage } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { ConsoleError, get, query } from '../api';
import { CatalogueList, PAGE_SIZE, type CatalogueFilters } from './CatalogueList';

/**
 * The catalogue list's data (#/catalogue): search by name, filter by kind, status and theme,
 * paged by 50. Route: GET /api/console/catalogue/items (src/server/routes/console/catalogue.ts).
 */
export function CatalogueListWithData() {
  const { t } = useT();
  const [filters, setFilters] = useState<CatalogueFilters>({ q: '', kind: '', status: '', theme: '' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<CatalogueListPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    // Typing sends a request per key: only the answer to the latest one is shown.
    const mine = ++latest.current;
    const { q, kind, status, theme } = filters;
    get<CatalogueListPage>(
      `/catalogue/items?${query({ q: q.trim() || undefined, kind: kind || undefined, status: status || undefined, theme: theme || undefined, offset: offset ? String(offset) : undefined, limit: String(PAGE_SIZE) })}`,
    )
      .then((p) => {
        if (mine !== latest.current) return;
        setPage(p);
        setError(null);
      })
      .catch((err) => setError(err instanceof ConsoleError ? err.message : t('console.offline')));
  }, [filters, offset]);
  const filter = (change: Partial<CatalogueFilters>) => {
    setFilters((current) => ({ ...current, ...change }));
    setOffset(0);
  };
  return <CatalogueList filters={filters} onFilter={filter} offset={offset} onPage={setOffset} page={page} error={error} />;
}
