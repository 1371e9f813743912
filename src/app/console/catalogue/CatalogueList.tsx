import { STATUSES, THEMES } from '../../../shared/catalogue';
import type { CatalogueListPage } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { formatLibraryDate } from '../../i18n/format';

/** How many items a page of the list shows. */
export const PAGE_SIZE = 50;

/** The list's search and filters, as typed and chosen ('' is "all"). */
export interface CatalogueFilters {
  q: string;
  kind: string;
  status: string;
  theme: string;
}

export interface CatalogueListProps {
  filters: CatalogueFilters;
  /** A changed filter; the list goes back to its first page. */
  onFilter: (change: Partial<CatalogueFilters>) => void;
  offset: number;
  onPage: (offset: number) => void;
  page: CatalogueListPage | null;
  error: string | null;
}

/** The catalogue list (#/catalogue) as shown: search, filters, a page of items linking to the editor. Data: CatalogueListWithData.tsx. */
export function CatalogueList({ filters, onFilter, offset, onPage, page, error }: CatalogueListProps) {
  const { t, lang } = useT();
  return (
    <section aria-labelledby="items-title">
      <h1 id="items-title">{t('console.cat.title')}</h1>
      <p class="cat-actions">
        <a class="button primary" href="#/catalogue/new-course">
          {t('console.cat.newCourse')}
        </a>
        <a class="button" href="#/catalogue/new-service">
          {t('console.cat.newService')}
        </a>
      </p>
      <form class="console-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('console.cat.search')}
          <input type="search" value={filters.q} onInput={(e) => onFilter({ q: e.currentTarget.value })} />
        </label>
        <label>
          {t('console.cat.field.kind')}
          <select value={filters.kind} onChange={(e) => onFilter({ kind: e.currentTarget.value })}>
            <option value="">{t('console.cat.all')}</option>
            <option value="course">{t('console.cat.kinds.course')}</option>
            <option value="service">{t('console.cat.kinds.service')}</option>
          </select>
        </label>
        <label>
          {t('console.cat.field.status')}
          <select value={filters.status} onChange={(e) => onFilter({ status: e.currentTarget.value })}>
            <option value="">{t('console.cat.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`console.cat.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('console.cat.field.themes')}
          <select value={filters.theme} onChange={(e) => onFilter({ theme: e.currentTarget.value })}>
            <option value="">{t('console.cat.all')}</option>
            {THEMES.map((th) => (
              <option key={th} value={th}>
                {t(`console.cat.themes.${th}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? (
        <p role="alert" class="form-error">
          {error}
        </p>
      ) : null}
      {page ? (
        <>
          <p role="status">{t('console.cat.count', { count: page.total })}</p>
          <table class="console-table">
            <thead>
              <tr>
                <th scope="col">{t('console.cat.field.name')}</th>
                <th scope="col">{t('console.cat.field.kind')}</th>
                <th scope="col">{t('console.cat.field.organization')}</th>
                <th scope="col">{t('console.cat.field.status')}</th>
                <th scope="col">{t('console.cat.changed')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={`#/catalogue/${i.id}`}>{i.name}</a>
                    {i.editable ? null : <span class="muted"> ({t('console.cat.readOnly')})</span>}
                  </td>
                  <td>{t(`console.cat.kinds.${i.kind}`)}</td>
                  <td>{i.organizationName ?? '–'}</td>
                  <td>{t(`console.cat.statuses.${i.status}`)}</td>
                  <td>{formatLibraryDate(i.updatedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="cat-actions">
            {offset > 0 ? (
              <button type="button" onClick={() => onPage(Math.max(0, offset - PAGE_SIZE))}>
                {t('console.cat.previous')}
              </button>
            ) : null}
            {page.next !== null ? (
              <button type="button" onClick={() => onPage(page.next!)}>
                {t('console.cat.next')}
              </button>
            ) : null}
          </p>
        </>
      ) : null}
    </section>
  );
}
