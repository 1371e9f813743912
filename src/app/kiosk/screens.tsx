import { useState } from 'preact/hooks';
import type { KioskTopic } from '../../shared/kiosk';
import { KIOSK_TOPICS } from '../../shared/kiosk-constants';
import { useLiveQuery } from '../db/use-live-query';
import { useT } from '../i18n/i18n';
import { db } from '../services';
import { useStore } from '../state/use-store';
import { Icon } from './icons';
import { CatalogueText, ItemCard, ItemFacts, OnlyDutchNote } from './ItemCard';
import { catalogueLocations, itemsForTile, kioskItem, searchItems, type KioskItem } from './kiosk-catalogue';
import { go, kioskStore } from './kiosk-store';
import { lazyScreen } from '../shell/lazy-screen';

// "Neem dit mee" and its QR drawing are a chunk of their own, fetched when an item is opened: not in the kiosk's first use.
const TakeAlong = lazyScreen(() => import('./TakeAlong').then((m) => m.TakeAlong));

export function BackButton({ onClick }: { onClick: () => void }) {
  const { t } = useT();
  return (
    <button type="button" class="kiosk-back" onClick={onClick}>
      <span class="flip">
        <Icon name="back" />
      </span>
      <span>{t('kiosk.back')}</span>
    </button>
  );
}

export function StartScreen() {
  const { t } = useT();
  return (
    <>
      <p class="kiosk-welcome">{t('kiosk.welcome')}</p>
      <h1 tabIndex={-1}>{t('kiosk.start.heading')}</h1>
      <p class="kiosk-intro">{t('kiosk.start.intro')}</p>
      <ul class="kiosk-tiles" aria-label={t('kiosk.start.tiles')}>
        {KIOSK_TOPICS.map((topic) => (
          <li key={topic}>
            <button type="button" class={`kiosk-tile tile-${topic}`} onClick={() => go({ name: 'tile', topic })}>
              <Icon name={topic} size={64} />
              <span>{t(`kiosk.topics.${topic}`)}</span>
            </button>
          </li>
        ))}
        <li>
          <button type="button" class="kiosk-tile tile-search" onClick={() => go({ name: 'search' })}>
            <Icon name="search" size={64} />
            <span>{t('kiosk.start.search')}</span>
          </button>
        </li>
        <li>
          <button type="button" class="kiosk-tile tile-survey" onClick={() => go({ name: 'survey' })}>
            <Icon name="check" size={64} />
            <span>{t('kiosk.start.survey')}</span>
          </button>
        </li>
      </ul>
    </>
  );
}

export function ItemList({ items, topic }: { items: KioskItem[]; topic?: KioskTopic }) {
  const { t, lang } = useT();
  return (
    <ul class="kiosk-items" aria-label={t('kiosk.tile.list')}>
      {items.map(({ item, next, here }) => (
        <li key={item.id}>
          <ItemCard item={item} next={next} here={here} lang={lang} t={t} onOpen={() => go({ name: 'item', itemId: item.id, topic })} />
        </li>
      ))}
    </ul>
  );
}

export function TileScreen({ topic, locationId }: { topic: KioskTopic; locationId: string }) {
  const { t, lang } = useT();
  const limit = useStore(kioskStore, (s) => s.tileLimit);
  const items = useLiveQuery(() => itemsForTile(db, topic, locationId), [topic, locationId]);
  return (
    <>
      <BackButton onClick={() => go({ name: 'start' })} />
      <h1 tabIndex={-1} class="kiosk-title-icon">
        <Icon name={topic} size={56} />
        <span>{t(`kiosk.topics.${topic}`)}</span>
      </h1>
      <p class="kiosk-intro">{t('kiosk.tile.intro')}</p>
      {items === undefined ? null : items.length === 0 ? (
        <p class="kiosk-empty">{t('kiosk.tile.empty')}</p>
      ) : (
        <>
          <OnlyDutchNote texts={items.slice(0, limit).map((i) => i.item.name)} lang={lang} t={t} />
          <ItemList items={items.slice(0, limit)} topic={topic} />
          {items.length > limit ? (
            <button type="button" class="kiosk-more" onClick={() => kioskStore.setState({ tileLimit: limit + 8 })}>
              {t('kiosk.tile.more')}
            </button>
          ) : null}
        </>
      )}
    </>
  );
}

export function ItemScreen({ itemId, topic, locationId }: { itemId: string; topic?: KioskTopic; locationId: string }) {
  const { t, lang } = useT();
  const found = useLiveQuery(
    async () => ({ entry: await kioskItem(db, itemId, locationId), places: await catalogueLocations(db) }),
    [itemId, locationId],
  );
  if (!found) return null;
  const back = () => go(topic ? { name: 'tile', topic } : { name: 'search' });
  if (!found.entry) {
    return (
      <>
        <BackButton onClick={back} />
        <h1 tabIndex={-1}>{t('kiosk.tile.empty')}</h1>
      </>
    );
  }
  const { item, next, here } = found.entry;
  const places = item.locationIds.map((id) => found.places.get(id)?.name).filter((n): n is string => !!n);
  const texts = [item.name, item.description, ...(item.signUp.note ? [item.signUp.note] : [])];
  return (
    <>
      <BackButton onClick={back} />
      <p class="kiosk-card-kind">{t(`kiosk.item.${item.kind}`)}</p>
      <CatalogueText as="h1" text={item.name} lang={lang} />
      <OnlyDutchNote texts={texts} lang={lang} t={t} />
      <CatalogueText as="p" class="kiosk-description" text={item.description} lang={lang} />
      <ItemFacts item={item} next={next} here={here} places={places} lang={lang} t={t} />
      <div class="kiosk-actions">
        <button type="button" class="kiosk-primary" onClick={() => go({ name: 'interest', itemId: item.id, topic })}>
          <Icon name="check" />
          <span>{t('kiosk.item.interested')}</span>
        </button>
        <button type="button" class="kiosk-secondary" onClick={() => go({ name: 'help', topic })}>
          <Icon name="volunteer" />
          <span>{t('kiosk.item.askAbout')}</span>
        </button>
      </div>
      <TakeAlong itemId={item.id} />
    </>
  );
}

export function SearchScreen({ locationId }: { locationId: string }) {
  const { t, lang } = useT();
  const query = useStore(kioskStore, (s) => s.search);
  const [submitted, setSubmitted] = useState(query);
  const results = useLiveQuery(() => searchItems(db, submitted, lang, locationId), [submitted, lang, locationId]);
  return (
    <>
      <BackButton onClick={() => go({ name: 'start' })} />
      <h1 tabIndex={-1}>{t('kiosk.search.heading')}</h1>
      <form
        class="kiosk-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(query);
        }}
      >
        <label for="kiosk-search">{t('kiosk.search.label')}</label>
        <p id="kiosk-search-hint" class="kiosk-hint">
          {t('kiosk.search.hint')}
        </p>
        <div class="kiosk-search-row">
          <input
            id="kiosk-search"
            type="search"
            value={query}
            autocomplete="off"
            aria-describedby="kiosk-search-hint"
            onInput={(e) => kioskStore.setState({ search: (e.target as HTMLInputElement).value })}
          />
          <button type="submit" class="kiosk-primary">
            <Icon name="search" />
            <span>{t('kiosk.search.button')}</span>
          </button>
        </div>
      </form>
      {submitted.trim() && results ? (
        results.length === 0 ? (
          <p class="kiosk-empty" role="status">
            {t('kiosk.search.none')}
          </p>
        ) : (
          <>
            <h2>{t('kiosk.search.results')}</h2>
            <ItemList items={results} />
          </>
        )
      ) : null}
    </>
  );
}
