import type { CatalogueItem } from '../../shared/catalogue';
import { pickText, type LocalizedText } from '../../shared/i18n-text';
import { useT } from '../i18n/i18n';
import type { ItemDetail as Detail } from './catalogue-data';
import { formatClock, formatEuro, formatSessionTime, languageName, weekdayName } from '../i18n/format';

function Localized({ text, lang }: { text: LocalizedText; lang: string }) {
  const { t } = useT();
  const picked = pickText(text, lang);
  return (
    <>
      <span lang={picked.fellBack ? 'nl' : undefined}>{picked.text}</span>
      {picked.fellBack ? <span class="hint"> {t('catalogue.detail.fallback')}</span> : null}
    </>
  );
}

export function ItemDetail(props: { detail: Detail; onBack: () => void; onPick?: (item: CatalogueItem) => void; pickLabel?: string }) {
  const { t, lang } = useT();
  const { item, organization, locations, availability, next, upcoming, walkIn } = props.detail;
  const place = (id?: string) => locations.find((l) => l.id === id);
  const placeText = (id?: string) => {
    const l = place(id);
    return l ? [l.name, l.address, l.city].filter(Boolean).join(', ') : '';
  };
  const now = Date.now();
  return (
    <article class="catalogue-detail" aria-labelledby="catalogue-detail-title">
      <button type="button" class="secondary" onClick={props.onBack}>
        ← {t('catalogue.detail.back')}
      </button>
      <h2 id="catalogue-detail-title" tabIndex={-1}>
        <Localized text={item.name} lang={lang} />
      </h2>
      <p class="meta">
        {t(`catalogue.kind.${item.kind}`)} · {organization ? t('catalogue.detail.offeredBy', { org: organization.name }) : null}
      </p>
      {availability === 'ended' ? (
        <p class="status-notice ended" role="note">
          {t('catalogue.detail.endedNotice')}
        </p>
      ) : availability === 'temporarily_closed' ? (
        <p class="status-notice closed" role="note">
          {t('catalogue.detail.closedNotice')}
        </p>
      ) : null}
      {props.onPick && availability !== 'ended' ? (
        <button type="button" class="primary" onClick={() => props.onPick!(item)}>
          {props.pickLabel ?? t('catalogue.pick')}
        </button>
      ) : null}

      <section>
        <h3>{t('catalogue.detail.what')}</h3>
        <p>
          <Localized text={item.description} lang={lang} />
        </p>
        <p class="tags">{item.themes.map((th) => t(`catalogue.theme.${th}`)).join(' · ')}</p>
      </section>

      <section>
        <h3>{t('catalogue.detail.forWhom')}</h3>
        <ul>
          <li>{item.audience.map((a) => t(`catalogue.audience.${a}`)).join('; ')}</li>
          <li>{t('catalogue.detail.level', { level: t(`catalogue.level.${item.level}`) })}</li>
          <li>{t('catalogue.detail.languages', { languages: item.languages.map((l) => languageName(l, lang)).join(', ') })}</li>
          {item.eligibility ? (
            <li>
              <Localized text={item.eligibility} lang={lang} />
            </li>
          ) : null}
          <li>{t(`catalogue.format.${item.format}`)}</li>
        </ul>
      </section>

      <section>
        <h3>{t('catalogue.detail.whenWhere')}</h3>
        {next ? (
          <p class="next">
            <strong>
              {next.start.getTime() <= now
                ? t('catalogue.detail.now', { end: formatClock(next.end, lang) })
                : next.locationId && place(next.locationId)
                  ? t('catalogue.detail.nextAt', { when: formatSessionTime(next.start, next.end, lang), place: placeText(next.locationId) })
                  : t('catalogue.detail.next', { when: formatSessionTime(next.start, next.end, lang) })}
            </strong>
          </p>
        ) : item.sessions.length ? (
          <p>{t('catalogue.detail.allPast')}</p>
        ) : !item.hours.length ? (
          <p>{t('catalogue.detail.noDates')}</p>
        ) : null}
        {upcoming.length > 1 ? (
          <>
            <h4>{t('catalogue.detail.upcoming')}</h4>
            <ul class="sessions">
              {upcoming.map((o) => (
                <li key={o.start.toISOString()}>
                  {formatSessionTime(o.start, o.end, lang)}
                  {o.locationId ? ` · ${place(o.locationId)?.name ?? ''}` : ''}
                  {o.seats !== undefined ? ` · ${t('catalogue.detail.seats', { count: o.seats })}` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {item.hours.length ? (
          <>
            <h4>{t('catalogue.detail.walkIn')}</h4>
            {walkIn ? (
              <p>
                <strong>
                  {walkIn.openNow
                    ? t('catalogue.detail.openNow', { end: formatClock(walkIn.end, lang) })
                    : t('catalogue.detail.nextOpen', { when: formatSessionTime(walkIn.start, walkIn.end, lang) })}
                </strong>
              </p>
            ) : null}
            <ul class="hours">
              {item.hours.map((h) => (
                <li key={`${h.weekday}-${h.opens}`}>
                  {t('catalogue.hoursRow', { day: weekdayName(h.weekday, lang), opens: h.opens, closes: h.closes })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {locations.length ? <h4>{t('catalogue.detail.where')}</h4> : null}
        {locations.length ? (
          <ul class="places">
            {locations.map((l) => (
              <li key={l.id}>{[l.name, l.address, l.city].filter(Boolean).join(', ')}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <section>
        <h3>{t('catalogue.detail.signUp')}</h3>
        <p>{t(`catalogue.signUpMethod.${item.signUp.method}`)}</p>
        {item.signUp.note ? (
          <p>
            <Localized text={item.signUp.note} lang={lang} />
          </p>
        ) : null}
        <ul class="contact">
          {item.signUp.phone ? (
            <li>
              {t('catalogue.detail.phone')}: {item.signUp.phone}
            </li>
          ) : null}
          {item.signUp.email ? (
            <li>
              {t('catalogue.detail.email')}: {item.signUp.email}
            </li>
          ) : null}
          {(item.signUp.url ?? item.url) ? (
            <li>
              {t('catalogue.detail.website')}: {item.signUp.url ?? item.url}
            </li>
          ) : null}
          {!item.signUp.phone && organization?.phone ? (
            <li>
              {t('catalogue.detail.phone')}: {organization.phone}
            </li>
          ) : null}
        </ul>
      </section>

      <section>
        <h3>{t('catalogue.detail.bring')}</h3>
        {item.bring.length ? (
          <ul>
            {item.bring.map((b) => (
              <li key={b}>{t(`catalogue.bring.${b}`)}</li>
            ))}
          </ul>
        ) : (
          <p>{t('catalogue.detail.nothingToBring')}</p>
        )}
      </section>

      <section>
        <h3>{t('catalogue.detail.cost')}</h3>
        <p>
          {item.cost.free
            ? t('catalogue.cost.free')
            : item.cost.amountEur === undefined
              ? t('catalogue.cost.paid')
              : formatEuro(item.cost.amountEur, lang)}
          {item.cost.note ? (
            <>
              {' — '}
              <Localized text={item.cost.note} lang={lang} />
            </>
          ) : null}
        </p>
      </section>
    </article>
  );
}
