import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../shared/i18n-text';
import {
  BRING_PICTOGRAMS,
  cardLanguage,
  referralCard,
  type Bilingual,
  type CardInput,
  type CardModel,
} from '../../shared/referral-card/card';
import type { Queryable } from '../store/database';
import type { StoredReferral } from '../store/referrals';
import { finderCatalogue } from '../finder/catalogue-view';
import { upcomingOccurrences } from '../finder/occurrences';
import { esc } from '../finder/html';
import { DIRECTION } from '../finder/i18n';
import { cardT, SERVER_CARD_FORMAT } from './card-texts';

/**
 * The public card page the QR code opens (/verwijzing/<code>): what the desk's card says,
 * from the server's catalogue, in the chosen language. Nothing about the visitor: the card
 * never held anything. Plain HTML, no script.
 */

/** What the card is made from: the stored referral and the live catalogue. */
export async function cardInputFor(db: Queryable, referral: StoredReferral, language: string, now = new Date()): Promise<CardInput> {
  const catalogue = await finderCatalogue(db);
  const item = referral.itemId ? catalogue.item.get(referral.itemId) : undefined;
  const locationIds = item
    ? [...new Set([...item.locationIds, ...item.sessions.flatMap((s) => (s.locationId ? [s.locationId] : []))])]
    : [];
  return {
    language,
    code: referral.code!,
    library: referral.locationName,
    target: { kind: referral.targetKind, label: referral.label },
    item,
    organization: item ? catalogue.organizations.get(item.organizationId) : undefined,
    locations: locationIds.flatMap((id) => (catalogue.locations.get(id) ? [catalogue.locations.get(id)!] : [])),
    sessions: item ? upcomingOccurrences(item, now, 3) : [],
    followUpAt: referral.followUpAt ?? undefined,
  };
}

export function publicCardModel(input: CardInput): CardModel {
  return referralCard(input, cardT, SERVER_CARD_FORMAT);
}

function bilingual(b: Bilingual): string {
  return b.nl ? `<span>${esc(b.text)}</span> <span class="nl" lang="nl" dir="ltr">${esc(b.nl)}</span>` : esc(b.text);
}

function pictogram(paths: string[]): string {
  return `<svg class="pictogram" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths.map((d) => `<path d="${esc(d)}"/>`).join('')}</svg>`;
}

/** The card itself, as the desk shows it (src/app/referrals/ReferralCard.tsx renders the same model). */
export function cardArticle(model: CardModel, moreHref?: string): string {
  const sections = model.sections
    .map((s) => {
      const lines = s.lines.map((l) => `<p${l.lang ? ' lang="nl"' : ''}>${esc(l.text)}</p>`).join('');
      const links = s.links.map((l) => `<p><a href="${esc(l.href)}">${bilingual(l.text)}</a></p>`).join('');
      const bring = s.bring.length
        ? `<ul class="bring">${s.bring.map((b) => `<li>${pictogram(BRING_PICTOGRAMS[b.id])}<span>${bilingual(b.label)}</span></li>`).join('')}</ul>`
        : '';
      return `<section class="card-${s.id}" aria-labelledby="card-${s.id}"><h2 id="card-${s.id}">${bilingual(s.heading)}</h2>${lines}${links}${bring}</section>`;
    })
    .join('');
  const more = moreHref
    ? `<section class="card-more"><p><a href="${esc(moreHref)}">${esc(cardT(model.lang)('more'))}</a></p></section>`
    : '';
  return `<article class="referral-card" lang="${model.lang}" dir="${model.dir}" aria-labelledby="card-name">
<p class="card-title">${bilingual(model.title)}</p>${model.from ? `<p class="card-from">${bilingual(model.from)}</p>` : ''}
<h1 id="card-name"${model.name.lang ? ' lang="nl"' : ''}>${esc(model.name.text)}</h1>
${sections}${more}
<div class="card-code"><p>${bilingual(model.codeLabel)}</p><span class="code">${esc(model.code)}</span><p>${bilingual(model.codeHint)}</p></div>
</article>`;
}

interface PageOptions {
  lang: Language;
  /** The page's own path, for the language links (each with ?lang=: without it the card is in the visit's language). */
  path: string;
  title: string;
  body: string;
  cssVersion: string;
}

function page(opts: PageOptions): string {
  const t = cardT(opts.lang);
  const links = LANGUAGES.map(
    (l) =>
      `<li><a href="${esc(`${opts.path}?lang=${l}`)}" lang="${l}" hreflang="${l}"${l === opts.lang ? ' aria-current="true"' : ''}>${esc(LANGUAGE_NAMES[l])}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="${opts.lang}" dir="${DIRECTION[opts.lang]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title><meta name="robots" content="noindex, nofollow"><link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/verwijzing/card.css?v=${esc(opts.cssVersion)}"></head>
<body class="card-page"><nav aria-label="${esc(t('language'))}"><ul class="langs">${links}</ul></nav>
<main id="main">${opts.body}</main></body></html>`;
}

export function cardPage(model: CardModel, opts: { path: string; moreHref?: string; cssVersion: string }): string {
  return page({
    lang: model.lang,
    path: opts.path,
    title: `${model.title.text}: ${model.name.text}`,
    body: cardArticle(model, opts.moreHref),
    cssVersion: opts.cssVersion,
  });
}

/** Not (yet) here, or too many tries: said plainly, in the chosen language. */
export function cardMissingPage(
  language: string | undefined,
  kind: 'notFound' | 'tooMany',
  opts: { path: string; cssVersion: string },
): string {
  const lang = cardLanguage(language);
  const t = cardT(lang);
  const body =
    kind === 'notFound'
      ? `<div class="referral-card"><h1>${esc(t('notFoundTitle'))}</h1><p>${esc(t('notFoundText'))}</p></div>`
      : `<div class="referral-card"><h1>${esc(t('notFoundTitle'))}</h1><p>${esc(t('tooMany'))}</p></div>`;
  return page({ lang, path: opts.path, title: t('notFoundTitle'), body, cssVersion: opts.cssVersion });
}
