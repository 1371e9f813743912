import { useEffect, useState } from 'preact/hooks';
import type { CatalogueItem } from '../../../shared/catalogue';
import { LANGUAGES, type Language } from '../../../shared/i18n-text';
import { i18n, loadLanguage, useT } from '../../i18n/i18n';
import { LANGUAGE_ENDONYMS } from '../../i18n/format';
import { CatalogueText, ItemCard, ItemFacts, OnlyDutchNote, type KioskT } from '../../kiosk/ItemCard';
import { nextSessionStart } from '../../kiosk/kiosk-catalogue';
import '../../kiosk/kiosk.css';

/**
 * How a kiosk shows an item: its card in a tile list and its detail screen, with the
 * kiosk's own components (kiosk/ItemCard.tsx), texts (kiosk.json, loaded on demand like
 * on a kiosk) and styles, in any kiosk language the item is written in.
 */

/** Dutch, and every other kiosk language the item's name is written in. */
export function previewLanguages(item: Pick<CatalogueItem, 'name'>): Language[] {
  return LANGUAGES.filter((l) => l === 'nl' || !!(item.name as Record<string, string | undefined>)[l]);
}

export function KioskPreview({ item, places, here }: { item: CatalogueItem; places: Map<string, string>; here?: string }) {
  const { t: ct } = useT();
  const languages = previewLanguages(item);
  const [lang, setLang] = useState<Language>('nl');
  const [ready, setReady] = useState<string | null>(null);
  const shown = languages.includes(lang) ? lang : 'nl';
  useEffect(() => {
    let live = true;
    void Promise.all([loadLanguage('nl'), loadLanguage(shown)]).then(() => live && setReady(shown));
    return () => {
      live = false;
    };
  }, [shown]);
  const t = i18n.getFixedT(shown) as unknown as KioskT;
  const next = nextSessionStart(item);
  const atHere = here !== undefined && item.locationIds.includes(here);
  const names = item.locationIds.map((id) => places.get(id)).filter((n): n is string => !!n);
  const texts = [item.name, item.description, ...(item.signUp.note ? [item.signUp.note] : [])];
  return (
    <section class="console-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{ct('console.cat.preview.title')}</h2>
      <div role="group" aria-label={ct('console.cat.preview.language')} class="preview-languages">
        {languages.map((l) => (
          <button key={l} type="button" lang={l} aria-pressed={l === shown} onClick={() => setLang(l)}>
            {LANGUAGE_ENDONYMS[l]}
          </button>
        ))}
      </div>
      {item.status === 'ended' ? <p class="form-error">{ct('console.cat.preview.ended')}</p> : null}
      {ready !== shown ? (
        <p>{ct('console.loading')}</p>
      ) : (
        <div class="kiosk" lang={shown} dir={i18n.dir(shown)} data-testid="kiosk-preview">
          <div class="kiosk-main">
            <h3 class="preview-caption">{ct('console.cat.preview.card')}</h3>
            <ItemCard item={item} next={next} here={atHere} lang={shown} t={t} />
            <h3 class="preview-caption">{ct('console.cat.preview.detail')}</h3>
            <p class="kiosk-card-kind">{t(`kiosk.item.${item.kind}`)}</p>
            <CatalogueText as="h3" class="preview-item-title" text={item.name} lang={shown} />
            <OnlyDutchNote texts={texts} lang={shown} t={t} />
            <CatalogueText as="p" class="kiosk-description" text={item.description} lang={shown} />
            <ItemFacts item={item} next={next} here={atHere} places={names} lang={shown} t={t} />
          </div>
        </div>
      )}
    </section>
  );
}
