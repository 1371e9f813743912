import type { CatalogueItem } from '../../shared/catalogue';
import type { LocalizedText } from '../../shared/i18n-text';
import { pickText } from '../../shared/languages';
import { formatEuro, formatSessionStart, weekdayName } from '../i18n/format';
import { Icon } from './icons';

/**
 * How the kiosk shows a catalogue item: its card in a tile list and the facts on its
 * own screen. Presentational: the language and the translation function come in, so
 * the kiosk (screens.tsx, from the tablet's database) and the console's kiosk preview
 * (console/catalogue/KioskPreview.tsx, in any kiosk language) render the very same thing.
 */
export type KioskT = (key: string, options?: Record<string, unknown>) => string;

interface ItemView {
  item: CatalogueItem;
  /** When the next session starts, ISO, if one is ahead. */
  next: string | undefined;
  /** Whether it happens at the kiosk's own location. */
  here: boolean;
  lang: string;
  t: KioskT;
}

/** Text from the catalogue in the visitor's language, or Dutch (marked as such, for screen readers and speech). */
export function CatalogueText({
  text,
  lang,
  as: Tag = 'span',
  class: cls,
}: {
  text: LocalizedText;
  lang: string;
  as?: 'span' | 'p' | 'h1' | 'h3';
  class?: string;
}) {
  const picked = pickText(text, lang);
  return (
    <Tag
      class={cls}
      lang={picked.fellBack ? 'nl' : undefined}
      dir={picked.fellBack ? 'ltr' : undefined}
      tabIndex={Tag === 'h1' ? -1 : undefined}
    >
      {picked.text}
    </Tag>
  );
}

/** Said once above texts of which some are only in Dutch. */
export function OnlyDutchNote({ texts, lang, t }: { texts: LocalizedText[]; lang: string; t: KioskT }) {
  if (lang === 'nl' || !texts.some((x) => pickText(x, lang).fellBack)) return null;
  return <p class="kiosk-only-dutch">{t('kiosk.item.onlyDutch')}</p>;
}

function whenText({ item, next, lang, t }: Omit<ItemView, 'here'>): string {
  if (next) return t('kiosk.item.next', { date: formatSessionStart(next, lang) });
  if (item.hours.length > 0) {
    const days = [...new Set(item.hours.map((h) => h.weekday))].sort().map((d) => weekdayName(d, lang));
    const first = item.hours[0]!;
    return `${days.join(', ')} ${first.opens}–${first.closes}`;
  }
  return item.signUp.method === 'walk_in' ? t('kiosk.item.walkIn') : t(`kiosk.item.signUpMethods.${item.signUp.method}`);
}

function costText({ item, lang, t }: Pick<ItemView, 'item' | 'lang' | 't'>): string {
  // A price another system gave in another currency is only a note: shown as its text.
  if (!item.cost.free && item.cost.amountEur === undefined) return item.cost.note ? pickText(item.cost.note, lang).text : '';
  return item.cost.free ? t('kiosk.item.free') : t('kiosk.item.cost', { amount: formatEuro(item.cost.amountEur ?? 0, lang) });
}

/** An item's card in a tile list: a button that opens it, or (in the preview) a plain box. */
export function ItemCard({ onOpen, ...view }: ItemView & { onOpen?: () => void }) {
  const { item, here, lang, t } = view;
  const face = (
    <>
      <span class="kiosk-card-kind">{t(`kiosk.item.${item.kind}`)}</span>
      <CatalogueText text={item.name} lang={lang} class="kiosk-card-name" />
      <span class="kiosk-card-facts">
        <span>
          <Icon name="clock" size={24} /> {whenText(view)}
        </span>
        <span>
          <Icon name="euro" size={24} /> {costText(view)}
        </span>
        {here ? (
          <span>
            <Icon name="place" size={24} /> {t('kiosk.item.here')}
          </span>
        ) : null}
        {item.status === 'temporarily_closed' ? <span class="kiosk-closed">{t('kiosk.item.closed')}</span> : null}
      </span>
    </>
  );
  return onOpen ? (
    <button type="button" class="kiosk-card" onClick={onOpen}>
      {face}
    </button>
  ) : (
    <div class="kiosk-card">{face}</div>
  );
}

/** The facts on an item's own screen: when, where (names of its places), cost, what to bring, how to sign up. */
export function ItemFacts({ places, ...view }: ItemView & { places: string[] }) {
  const { item, here, lang, t } = view;
  return (
    <>
      <dl class="kiosk-facts">
        <div>
          <dt>
            <Icon name="clock" /> {t('kiosk.item.when')}
          </dt>
          <dd>{whenText(view)}</dd>
        </div>
        {places.length > 0 || here ? (
          <div>
            <dt>
              <Icon name="place" /> {t('kiosk.item.where')}
            </dt>
            <dd>{here ? t('kiosk.item.here') : places.slice(0, 3).join(', ') || t('kiosk.item.elsewhere')}</dd>
          </div>
        ) : null}
        <div>
          <dt>
            <Icon name="euro" /> {t('kiosk.item.costLabel')}
          </dt>
          <dd>{costText(view)}</dd>
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
                <CatalogueText text={item.signUp.note} lang={lang} />
              </>
            ) : null}
          </dd>
        </div>
      </dl>
      {item.status === 'temporarily_closed' ? <p class="kiosk-closed">{t('kiosk.item.closed')}</p> : null}
    </>
  );
}
