import { useEffect, useState } from 'preact/hooks';
import type { CatalogueItem } from '../../shared/catalogue';
import { LANGUAGES, pickText, type Language, type LocalizedText } from '../../shared/i18n-text';
import { i18n, useT } from '../i18n/i18n';
import { loadLanguage } from '../i18n/i18n';
import { LANGUAGE_ENDONYMS, formatEuro, formatSessionStart, weekdayName } from '../i18n/format';
import { Icon } from '../kiosk/icons';
import { nextSessionStart } from '../kiosk/kiosk-catalogue';
import '../kiosk/kiosk.css';

/**
 * How a kiosk shows an item: its card in a tile list and its detail screen, with the
 * kiosk's own texts (kiosk.json, loaded on demand like on a kiosk) and its styles. It mirrors
 * src/app/kiosk/screens.tsx (ItemList, ItemScreen), whose components read the tablet's
 * database; the formatting, icons and next-session rule are the kiosk's own modules.
 * Keep the two in step when the kiosk's item screen changes.
 */
type T = (key: string, options?: Record<string, unknown>) => string;

/** Dutch, and every other kiosk language the item's name is written in. */
export function previewLanguages(item: Pick<CatalogueItem, 'name'>): Language[] {
  return LANGUAGES.filter((l) => l === 'nl' || !!(item.name as Record<string, string | undefined>)[l]);
}

function Text({ text, lang, as: Tag = 'span', class: cls }: { text: LocalizedText; lang: string; as?: 'span' | 'p' | 'h3'; class?: string }) {
  const picked = pickText(text, lang);
  return (
    <Tag class={cls} lang={picked.fellBack ? 'nl' : undefined} dir={picked.fellBack ? 'ltr' : undefined}>
      {picked.text}
    </Tag>
  );
}

function whenText(item: CatalogueItem, next: string | undefined, lang: string, t: T): string {
  if (next) return t('kiosk.item.next', { date: formatSessionStart(next, lang) });
  if (item.hours.length > 0) {
    const days = [...new Set(item.hours.map((h) => h.weekday))].sort().map((d) => weekdayName(d, lang));
    const first = item.hours[0]!;
    return `${days.join(', ')} ${first.opens}–${first.closes}`;
  }
  return item.signUp.method === 'walk_in' ? t('kiosk.item.walkIn') : t(`kiosk.item.signUpMethods.${item.signUp.method}`);
}

function costText(item: CatalogueItem, lang: string, t: T): string {
  return item.cost.free ? t('kiosk.item.free') : t('kiosk.item.cost', { amount: formatEuro(item.cost.amountEur ?? 0, lang) });
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
  const t = i18n.getFixedT(shown) as unknown as T;
  const next = nextSessionStart(item);
  const atHere = here !== undefined && item.locationIds.includes(here);
  const names = item.locationIds.map((id) => places.get(id)).filter((n): n is string => !!n);
  const texts = [item.name, item.description, ...(item.signUp.note ? [item.signUp.note] : [])];
  const onlyDutch = shown !== 'nl' && texts.some((x) => pickText(x, shown).fellBack);
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
            <div class="kiosk-card" aria-hidden="false">
              <span class="kiosk-card-kind">{t(`kiosk.item.${item.kind}`)}</span>
              <Text text={item.name} lang={shown} class="kiosk-card-name" />
              <span class="kiosk-card-facts">
                <span>
                  <Icon name="clock" size={24} /> {whenText(item, next, shown, t)}
                </span>
                <span>
                  <Icon name="euro" size={24} /> {costText(item, shown, t)}
                </span>
                {atHere ? (
                  <span>
                    <Icon name="place" size={24} /> {t('kiosk.item.here')}
                  </span>
                ) : null}
                {item.status === 'temporarily_closed' ? <span class="kiosk-closed">{t('kiosk.item.closed')}</span> : null}
              </span>
            </div>
            <h3 class="preview-caption">{ct('console.cat.preview.detail')}</h3>
            <p class="kiosk-card-kind">{t(`kiosk.item.${item.kind}`)}</p>
            <Text as="h3" class="preview-item-title" text={item.name} lang={shown} />
            {onlyDutch ? <p class="kiosk-only-dutch">{t('kiosk.item.onlyDutch')}</p> : null}
            <Text as="p" class="kiosk-description" text={item.description} lang={shown} />
            <dl class="kiosk-facts">
              <div>
                <dt>
                  <Icon name="clock" /> {t('kiosk.item.when')}
                </dt>
                <dd>{whenText(item, next, shown, t)}</dd>
              </div>
              {names.length > 0 || atHere ? (
                <div>
                  <dt>
                    <Icon name="place" /> {t('kiosk.item.where')}
                  </dt>
                  <dd>{atHere ? t('kiosk.item.here') : names.slice(0, 3).join(', ') || t('kiosk.item.elsewhere')}</dd>
                </div>
              ) : null}
              <div>
                <dt>
                  <Icon name="euro" /> {t('kiosk.item.costLabel')}
                </dt>
                <dd>{costText(item, shown, t)}</dd>
              </div>
              {item.bring.length > 0 ? (
                <div>
                  <dt>
                    <Icon name="bag" /> {t('kiosk.item.bring')}
                  </dt>
                  <dd>
                    <ul class="kiosk-bring">
                      {item.bring.map((b) => (
                        <li key={b}>{t(`kiosk.item.bringItems.${b}`)}</li>
                      ))}
                    </ul>
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>
                  <Icon name="pen" /> {t('kiosk.item.signUp')}
                </dt>
                <dd>
                  {t(`kiosk.item.signUpMethods.${item.signUp.method}`)}
                  {item.signUp.note ? (
                    <>
                      {' '}
                      <Text text={item.signUp.note} lang={shown} />
                    </>
                  ) : null}
                </dd>
              </div>
            </dl>
            {item.status === 'temporarily_closed' ? <p class="kiosk-closed">{t('kiosk.item.closed')}</p> : null}
          </div>
        </div>
      )}
    </section>
  );
}
