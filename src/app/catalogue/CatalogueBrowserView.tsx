import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { CatalogueItem } from '../../shared/catalogue';
import { pickText } from '../../shared/i18n-text';
import { useT } from '../i18n/i18n';
import { memoised } from '../shell/memo';
import { useStore } from '../state/use-store';
import { FACETS, type Facet } from './catalogue-data';
import { catalogue } from './catalogue-service';
import {
  activeFilterCount,
  clearFilters,
  createCatalogueView,
  openItem,
  setQuery,
  toggleFilter,
  toggleFilterPanel,
  type CatalogueViewStore,
} from './catalogue-store';
import { formatSessionTime, languageName } from '../i18n/format';
import { ItemDetail } from './ItemDetail';
import { availability, nextOpening, nextSession } from './schedule';
import { useCatalogue, useCatalogueSearch } from './use-catalogue';
import './catalogue.css';

export interface CatalogueBrowserProps {
  /** Called with the chosen item when the volunteer picks it (e.g. as a referral); without it there is no pick button. */
  onPick?: (item: CatalogueItem) => void;
  pickLabel?: string;
  /** The view state to use; by default the browser keeps its own. */
  view?: CatalogueViewStore;
}

/** Search, filter and read the catalogue, offline (the lazily loaded implementation of CatalogueBrowser). */
export function CatalogueBrowserView({ onPick, pickLabel, view: given }: CatalogueBrowserProps) {
  const view = useMemo(() => given ?? createCatalogueView(), [given]);
  const { t, lang } = useT();
  const { loaded, version } = useCatalogue();
  const state = useStore(view, (s) => s);
  const detailHeading = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  // Searched in the worker where there is one: the box shows each letter at once, the results follow.
  const { outcome, current } = useCatalogueSearch(state.query, state.filters, loaded, version);
  const detail = state.openId && loaded ? catalogue.detail(state.openId) : undefined;

  useEffect(() => {
    if (detail) detailHeading.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [state.openId]);

  if (!loaded) return <p role="status">{t('catalogue.loading')}</p>;
  if (catalogue.items.size === 0) return <p role="status">{t('catalogue.empty')}</p>;

  if (detail) {
    return (
      <div ref={detailHeading}>
        <ItemDetail
          detail={detail}
          onPick={onPick}
          pickLabel={pickLabel}
          onBack={() => {
            openItem(view, undefined);
            requestAnimationFrame(() => searchBox.current?.focus());
          }}
        />
      </div>
    );
  }

  const filterCount = activeFilterCount(state.filters);
  const label = (facet: Facet, value: string): string => {
    if (facet === 'location') return catalogue.locations.get(value)?.name ?? value;
    if (facet === 'language') return languageName(value, lang);
    return t(`catalogue.${facet}.${value}`);
  };
  // Rows show availability to the minute: a row is drawn again only when its item, the language, the catalogue or the minute changed.
  const minute = Math.floor(Date.now() / 60_000);

  return (
    <div class="catalogue-browser">
      <div class="catalogue-search">
        <label for="catalogue-query">{t('catalogue.searchLabel')}</label>
        <input
          id="catalogue-query"
          ref={searchBox}
          type="search"
          autoComplete="off"
          spellcheck={false}
          value={state.query}
          aria-describedby="catalogue-query-hint"
          onInput={(e) => setQuery(view, (e.target as HTMLInputElement).value)}
        />
        <p id="catalogue-query-hint" class="hint">
          {t('catalogue.searchHint')}
        </p>
        <div class="actions">
          <button
            type="button"
            class="secondary"
            aria-expanded={state.showFilters}
            aria-controls="catalogue-filters"
            onClick={() => toggleFilterPanel(view)}
          >
            {filterCount ? t('catalogue.filtersActive', { count: filterCount }) : t('catalogue.filters')}
          </button>
          {filterCount ? (
            <button type="button" class="secondary" onClick={() => clearFilters(view)}>
              {t('catalogue.clearFilters')}
            </button>
          ) : null}
        </div>
      </div>

      {!outcome ? (
        <p role="status" class="result-count">
          {t('catalogue.loading')}
        </p>
      ) : null}

      {outcome && state.showFilters ? (
        <div id="catalogue-filters" class="catalogue-filters">
          {FACETS.map((facet) => {
            const counts = outcome.facets[facet];
            const chosen = state.filters[facet] ?? [];
            const values = [...counts.map((c) => c.value), ...chosen.filter((v) => !counts.some((c) => c.value === v))];
            if (!values.length) return null;
            return (
              <fieldset key={facet} class="facet">
                <legend>{t(`catalogue.facet.${facet}`)}</legend>
                <div class="facet-values">
                  {values.map((value) => (
                    <button
                      type="button"
                      key={value}
                      class="choice"
                      aria-pressed={chosen.includes(value)}
                      onClick={() => toggleFilter(view, facet, value)}
                    >
                      {label(facet, value)} <span class="count">({counts.find((c) => c.value === value)?.count ?? 0})</span>
                    </button>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </div>
      ) : null}

      {outcome ? (
        // Busy while the results shown are still the previous query's (the worker's answer is on its way).
        <div class="catalogue-outcome" aria-busy={current ? 'false' : 'true'}>
          <p role="status" aria-live="polite" class="result-count">
            {outcome.total === 0 ? t('catalogue.noResults') : t('catalogue.results', { count: outcome.total })}
          </p>
          <ul class="catalogue-results" aria-label={t('catalogue.title')}>
            {outcome.items.map((item) => (
              <ResultRow key={item.id} item={item} view={view} lang={lang} minute={minute} version={version} />
            ))}
          </ul>
          {outcome.total > outcome.items.length ? <p class="hint">{t('catalogue.showing', { shown: outcome.items.length })}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

/**
 * One result. Memoised: typing one more letter mostly keeps the same first results, and on a
 * cheap tablet their times and dates (Intl) are the costly part of a keystroke's render.
 */
const ResultRow = memoised(function ResultRow({
  item,
  view,
  lang,
}: {
  item: CatalogueItem;
  view: CatalogueViewStore;
  lang: string;
  /** Not read: a new minute (or a new catalogue version, with its organisations) draws the row again. */
  minute: number;
  version: number;
}) {
  const { t } = useT();
  const now = Date.now();
  const state = availability(item, now);
  const next = nextSession(item, now);
  const open = next ? undefined : nextOpening(item.hours, now);
  const name = pickText(item.name, lang).text;
  return (
    <li class={`result status-${state}`}>
      <button type="button" class="result-button" onClick={() => openItem(view, item.id)} aria-label={t('catalogue.detail.open', { name })}>
        <span class="result-name">{name}</span>
        <span class="result-meta">
          {t(`catalogue.kind.${item.kind}`)} · {catalogue.organizations.get(item.organizationId)?.name ?? ''} ·{' '}
          {item.cost.free ? t('catalogue.cost.free') : t('catalogue.cost.paid')}
        </span>
        {state !== 'active' ? <span class={`badge ${state}`}>{t(`catalogue.status.${state}`)}</span> : null}
        {next ? (
          <span class="result-when">{t('catalogue.detail.next', { when: formatSessionTime(next.start, next.end, lang) })}</span>
        ) : null}
        {open ? (
          <span class="result-when">
            {open.openNow
              ? t('catalogue.detail.openNow', { end: formatSessionTime(open.start, open.end, lang).split(', ').pop() })
              : t('catalogue.detail.nextOpen', { when: formatSessionTime(open.start, open.end, lang) })}
          </span>
        ) : null}
      </button>
    </li>
  );
});
