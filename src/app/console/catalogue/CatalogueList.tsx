import { useEffect, useRef, useState } from 'preact/hooks';
import { STATUSES, THEMES } from '../../../shared/catalogue';
import type { CatalogueListPage } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { ConsoleError, get, query } from '../api';
import { formatLibraryDate } from '../../i18n/format';

/** The catalogue list (#/catalogue): search by name, filter by kind, status and theme, paged by 50; links to the editor. */
export function CatalogueList() {
  const { t, lang } = useT();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [theme, setTheme] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<CatalogueListPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    // Typing sends a request per key: only the answer to the latest one is shown.
    const mine = ++latest.current;
    get<CatalogueListPage>(`/catalogue/items?${query({ q: q.trim() || undefined, kind: kind || undefined, status: status || undefined, theme: theme || undefined, offset: offset ? String(offset) : undefined, limit: '50' })}`)
      .then((p) => {
        if (mine !== latest.current) return;
        setPage(p);
        setError(null);
      })
      .catch((err) => setError(err instanceof ConsoleError ? err.message : t('console.offline')));
  }, [q, kind, status, theme, offset]);
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
          <input type="search" value={q} onInput={(e) => { setQ(e.currentTarget.value); setOffset(0); }} />
        </label>
        <label>
          {t('console.cat.field.kind')}
          <select value={kind} onChange={(e) => { setKind(e.currentTarget.value); setOffset(0); }}>
            <option value="">{t('console.cat.all')}</option>
            <option value="course">{t('console.cat.kinds.course')}</option>
            <option value="service">{t('console.cat.kinds.service')}</option>
          </select>
        </label>
        <label>
          {t('console.cat.field.status')}
          <select value={status} onChange={(e) => { setStatus(e.currentTarget.value); setOffset(0); }}>
            <option value="">{t('console.cat.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{t(`console.cat.statuses.${s}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('console.cat.field.themes')}
          <select value={theme} onChange={(e) => { setTheme(e.currentTarget.value); setOffset(0); }}>
            <option value="">{t('console.cat.all')}</option>
            {THEMES.map((th) => (
              <option key={th} value={th}>{t(`console.cat.themes.${th}`)}</option>
            ))}
          </select>
        </label>
      </form>
      {error ? <p role="alert" class="form-error">{error}</p> : null}
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
              <button type="button" onClick={() => setOffset(Math.max(0, offset - 50))}>
                {t('console.cat.previous')}
              </button>
            ) : null}
            {page.next !== null ? (
              <button type="button" onClick={() => setOffset(page.next!)}>
                {t('console.cat.next')}
              </button>
            ) : null}
          </p>
        </>
      ) : null}
    </section>
  );
}
