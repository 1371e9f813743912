import type { TFunction } from 'i18next';
import type { CatalogueItem, CatalogueLocation } from '../../shared/catalogue';
import { tileFit } from '../../shared/catalogue-tiles';
import { FINDER_PAGE_SIZE } from '../../shared/finder';
import { LANGUAGE_NAMES, LANGUAGES, pickText, type Language, type LocalizedText } from '../../shared/i18n-text';
import { KIOSK_TOPICS, type KioskTopic } from '../../shared/kiosk';
import { LIBRARY_TIME_ZONE as TIMEZONE } from '../../shared/library-clock';
import type { FinderOrganisation } from '../store/finder';
import type { FinderCatalogue } from './catalogue-view';
import { esc } from './html';
import { DIRECTION, INTL_LOCALE } from './i18n';
import { courseJsonLd, jsonLdScript, serviceJsonLd } from './json-ld';
import { upcomingOccurrences, type Occurrence } from './occurrences';
import { uniqueSlugs } from './slug';

/**
 * The finder's pages as plain HTML: everything works without JavaScript (links and a
 * GET form); finder.js only adds search-as-you-type, read-aloud and frame sizing.
 */

export interface PageContext {
  lang: Language;
  t: TFunction;
  /** The site's address, e.g. https://inloop.bibliotheek.nl, for canonical and alternate links. */
  origin: string;
  org: FinderOrganisation;
  orgSlug: string;
  location?: { id: string; name: string; slug: string };
  catalogue: FinderCatalogue;
  now: Date;
  /** Everything under /aanbod/<organisation>/ — with the location when the page is a location's. */
  assetVersion: string;
}

export type Query = Record<string, string | undefined>;

/** A link to a finder page in a language; Dutch carries no parameter. */
export function href(path: string, lang: Language, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  if (lang !== 'nl') params.set('lang', lang);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function orgPath(ctx: Pick<PageContext, 'orgSlug'>): string {
  return `/aanbod/${ctx.orgSlug}`;
}

/** The start of the current scope: the organisation's, or its location's. */
function scopePath(ctx: PageContext): string {
  return ctx.location ? `${orgPath(ctx)}/vestiging/${ctx.location.slug}` : orgPath(ctx);
}

export function itemPath(ctx: PageContext, item: CatalogueItem): string {
  return `${orgPath(ctx)}/${ctx.catalogue.slugOf.get(item.id)}`;
}

/** Text in the page's language, or the Dutch text marked as Dutch (lang="nl" and a visible word). */
function localized(ctx: PageContext, text: LocalizedText, tag = 'span'): string {
  const picked = pickText(text, ctx.lang);
  if (!picked.fellBack) return `<${tag}>${esc(picked.text)}</${tag}>`;
  return `<${tag} lang="nl">${esc(picked.text)}</${tag}> <span class="nl-mark">(${esc(ctx.t('dutchMark'))})</span>`;
}

function paragraphs(ctx: PageContext, text: LocalizedText): string {
  const picked = pickText(text, ctx.lang);
  const attr = picked.fellBack ? ' lang="nl"' : '';
  const note = picked.fellBack ? `<p class="note">${esc(ctx.t('item.onlyDutch'))}</p>` : '';
  return `${note}<div class="text"${attr}>${picked.text
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('')}</div>`;
}

function formatters(lang: Language) {
  const locale = INTL_LOCALE[lang];
  return {
    when: new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: TIMEZONE,
    }),
    time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: TIMEZONE }),
    weekday: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
    euro: new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }),
  };
}
const formatterCache = new Map<Language, ReturnType<typeof formatters>>();
function fmt(lang: Language) {
  let f = formatterCache.get(lang);
  if (!f) formatterCache.set(lang, (f = formatters(lang)));
  return f;
}

function weekdayName(lang: Language, isoWeekday: number): string {
  // 2024-01-01 was a Monday.
  return fmt(lang).weekday.format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

function costText(ctx: PageContext, item: CatalogueItem): string {
  return item.cost.free ? ctx.t('item.free') : ctx.t('item.cost', { amount: fmt(ctx.lang).euro.format(item.cost.amountEur ?? 0) });
}

function occurrenceText(ctx: PageContext, o: Occurrence): string {
  const f = fmt(ctx.lang);
  return `${f.when.format(o.start)} – ${f.time.format(o.end)}`;
}

// ---------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------

interface LayoutOptions {
  title: string;
  description: string;
  /** Path and query of this page without the language: canonical and alternates are made from it. */
  path: string;
  query?: Query;
  body: string;
  jsonLd?: string;
  /** Search results and forms with answers are not for search engines. */
  noindex?: boolean;
}

export function layout(ctx: PageContext, opts: LayoutOptions): string {
  const { lang, t } = ctx;
  const url = (l: Language) => `${ctx.origin}${href(opts.path, l, opts.query)}`;
  const alternates = LANGUAGES.map((l) => `<link rel="alternate" hreflang="${l}" href="${esc(url(l))}">`).join('');
  const languageLinks = LANGUAGES.map(
    (l) =>
      `<li><a href="${esc(href(opts.path, l, opts.query))}" lang="${l}" hreflang="${l}"${l === lang ? ' aria-current="true"' : ''}>${esc(LANGUAGE_NAMES[l])}</a></li>`,
  ).join('');
  const brand = ctx.org.colour ? `<link rel="stylesheet" href="${orgPath(ctx)}/brand.css?v=${esc(ctx.assetVersion)}">` : '';
  const logo = ctx.org.hasLogo ? `<img src="${orgPath(ctx)}/logo?v=${esc(ctx.assetVersion)}" alt="" width="40" height="40">` : '';
  return `<!doctype html>
<html lang="${lang}" dir="${DIRECTION[lang]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title><meta name="description" content="${esc(opts.description.slice(0, 300))}">
${opts.noindex ? '<meta name="robots" content="noindex, follow">' : `<link rel="canonical" href="${esc(url(lang))}">${alternates}<link rel="alternate" hreflang="x-default" href="${esc(url('nl'))}">`}
<link rel="icon" href="/icons/icon.svg" type="image/svg+xml"><link rel="stylesheet" href="/aanbod/finder.css?v=${esc(ctx.assetVersion)}">${brand}
<script src="/aanbod/finder.js?v=${esc(ctx.assetVersion)}" defer></script>${opts.jsonLd ?? ''}</head>
<body data-read-aloud="${esc(t('readAloudBlock'))}" data-stop-reading="${esc(t('stopReading'))}">
<a class="skip" href="#main">${esc(t('skip'))}</a>
<header class="top"><a class="home" href="${esc(href(orgPath(ctx), lang))}">${logo}<span>${esc(ctx.org.name)}</span></a>
<nav aria-label="${esc(t('languages'))}"><ul class="langs">${languageLinks}</ul></nav></header>
<main id="main">${opts.body}</main>
<footer><p>${esc(t('poweredBy'))}</p></footer>
</body></html>`;
}

// ---------------------------------------------------------------------------
// Start page
// ---------------------------------------------------------------------------

function searchForm(ctx: PageContext, query: Query = {}, withFilters = false): string {
  const { t, lang } = ctx;
  const filters = withFilters
    ? `<div class="filters">
<p><label for="soort">${esc(t('filterKind'))}</label><select id="soort" name="soort">
${[
  ['', t('kindAll')],
  ['course', t('kindCourse')],
  ['service', t('kindService')],
]
  .map(([v, l]) => `<option value="${v}"${query.soort === v ? ' selected' : ''}>${esc(l!)}</option>`)
  .join('')}</select></p>
<p><label for="tegel">${esc(t('filterTopic'))}</label><select id="tegel" name="tegel"><option value="">${esc(t('topicAll'))}</option>
${KIOSK_TOPICS.map((k) => `<option value="${k}"${query.tegel === k ? ' selected' : ''}>${esc(t(`topics.${k}`))}</option>`).join('')}</select></p>
<p class="check"><input type="checkbox" id="gratis" name="gratis" value="1"${query.gratis === '1' ? ' checked' : ''}><label for="gratis">${esc(t('onlyFree'))}</label></p></div>`
    : '';
  return `<form class="search" role="search" action="${esc(scopePath(ctx))}/zoeken" method="get" data-live-search>
<p><label for="q">${esc(t('search.label'))}</label><span class="hint" id="q-hint">${esc(t('search.hint'))}</span>
<span class="row"><input type="search" id="q" name="q" value="${esc(query.q ?? '')}" aria-describedby="q-hint" autocomplete="off" maxlength="200">
<button type="submit">${esc(t('search.button'))}</button></span></p>${filters}
${lang !== 'nl' ? `<input type="hidden" name="lang" value="${lang}">` : ''}</form>`;
}

export function startPage(ctx: PageContext): string {
  const { t, lang } = ctx;
  const place = ctx.location?.name;
  const heading = place ? `${t('title')} · ${place}` : t('title');
  const tiles = KIOSK_TOPICS.map(
    (k) =>
      `<li><a class="tile tile-${k}" href="${esc(href(`${scopePath(ctx)}/zoeken`, lang, { tegel: k }))}">${esc(t(`topics.${k}`))}</a></li>`,
  ).join('');
  const locations = ctx.org.locations.length
    ? `<section aria-labelledby="locations"><h2 id="locations">${esc(t('locations'))}</h2><ul class="links">
${ctx.location ? `<li><a href="${esc(href(orgPath(ctx), lang))}">${esc(t('allLocations'))}</a></li>` : ''}
${ctx.org.locations
  .filter((l) => l.id !== ctx.location?.id)
  .map(
    (l) =>
      `<li><a href="${esc(href(`${orgPath(ctx)}/vestiging/${locationSlug(ctx.org, l.id)}`, lang))}">${esc(l.name)}</a>${l.city ? ` <span class="muted">${esc(l.city)}</span>` : ''}</li>`,
  )
  .join('')}</ul></section>`
    : '';
  const body = `<h1>${esc(heading)}</h1><p class="lead">${esc(t('intro', { org: ctx.org.name }))}</p>
${searchForm(ctx)}
<section aria-labelledby="tiles"><h2 id="tiles">${esc(t('tilesHeading'))}</h2><ul class="tiles">${tiles}</ul></section>
${locations}`;
  const ld = jsonLdScript({
    '@context': 'https://schema.org',
    '@type': 'Library',
    name: ctx.org.name,
    url: `${ctx.origin}${href(scopePath(ctx), lang)}`,
  });
  return layout(ctx, {
    title: `${heading} – ${ctx.org.name}`,
    description: t('intro', { org: ctx.org.name }),
    path: scopePath(ctx),
    body,
    jsonLd: ld,
  });
}

/** A location's slug, unique within the organisation. */
export function locationSlug(org: FinderOrganisation, locationId: string): string {
  return locationSlugs(org).get(locationId) ?? locationId;
}
const slugMemo = new WeakMap<FinderOrganisation, Map<string, string>>();
export function locationSlugs(org: FinderOrganisation): Map<string, string> {
  let m = slugMemo.get(org);
  if (!m) slugMemo.set(org, (m = uniqueSlugs(org.locations, (l) => l.name)));
  return m;
}

// ---------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------

export interface SearchQuery {
  q?: string;
  tegel?: string;
  soort?: string;
  gratis?: string;
  pagina?: string;
}

/** Items of the page's scope: at the location (or at no fixed place) on a location's pages. */
function inScope(ctx: PageContext, item: CatalogueItem): boolean {
  return !ctx.location || item.locationIds.length === 0 || item.locationIds.includes(ctx.location.id);
}

export function findItems(ctx: PageContext, query: SearchQuery): CatalogueItem[] {
  const { catalogue } = ctx;
  const topic = (KIOSK_TOPICS as readonly string[]).includes(query.tegel ?? '') ? (query.tegel as KioskTopic) : undefined;
  const words = (query.q ?? '').trim();
  let found: CatalogueItem[];
  if (words) {
    found = catalogue.index
      .search(words, (id) => catalogue.item.get(id))
      .flatMap((h) => (catalogue.item.get(h.id) ? [catalogue.item.get(h.id)!] : []));
  } else if (topic) {
    found = catalogue.items
      .map((item) => ({ item, fit: tileFit(item, topic) }))
      .filter((x) => x.fit !== undefined)
      .sort((a, b) => a.fit! - b.fit!)
      .map((x) => x.item);
  } else found = catalogue.items;
  return found.filter(
    (item) =>
      inScope(ctx, item) &&
      (!words || !topic || tileFit(item, topic) !== undefined) &&
      (!query.soort || item.kind === query.soort) &&
      (query.gratis !== '1' || item.cost.free),
  );
}

function resultCard(ctx: PageContext, item: CatalogueItem): string {
  const { t } = ctx;
  const next = item.kind === 'course' ? upcomingOccurrences(item, ctx.now, 1)[0] : undefined;
  const description = pickText(item.description, ctx.lang);
  const short = description.text.length > 180 ? `${description.text.slice(0, 177).replace(/\s+\S*$/, '')}…` : description.text;
  return `<li class="card"><h3><a href="${esc(href(itemPath(ctx, item), ctx.lang))}">${localized(ctx, item.name)}</a></h3>
<p class="meta"><span class="badge">${esc(t(`item.${item.kind}`))}</span> ${esc(costText(ctx, item))}${item.status === 'temporarily_closed' ? ` · ${esc(t('item.closed'))}` : ''}</p>
<p${description.fellBack ? ' lang="nl"' : ''}>${esc(short)}</p>
${next ? `<p class="next">${esc(t('item.next', { date: occurrenceText(ctx, next) }))}</p>` : ''}</li>`;
}

export function searchPage(ctx: PageContext, query: SearchQuery): string {
  const { t } = ctx;
  const found = findItems(ctx, query);
  const pages = Math.max(1, Math.ceil(found.length / FINDER_PAGE_SIZE));
  const pageNo = Math.min(Number(query.pagina ?? 1), pages);
  const shown = found.slice((pageNo - 1) * FINDER_PAGE_SIZE, pageNo * FINDER_PAGE_SIZE);
  const pageLink = (n: number, label: string, rel: string) =>
    `<a class="button secondary" rel="${rel}" href="${esc(href(`${scopePath(ctx)}/zoeken`, ctx.lang, { ...(query as Query), pagina: n > 1 ? String(n) : undefined }))}">${esc(label)}</a>`;
  const paging =
    pages > 1
      ? `<nav class="paging" aria-label="${esc(t('pages'))}"><p>${esc(t('showing', { from: (pageNo - 1) * FINDER_PAGE_SIZE + 1, to: (pageNo - 1) * FINDER_PAGE_SIZE + shown.length, count: found.length }))}</p>
${pageNo > 1 ? pageLink(pageNo - 1, t('previousPage'), 'prev') : ''} ${pageNo < pages ? pageLink(pageNo + 1, t('nextPage'), 'next') : ''}</nav>`
      : '';
  const topicName = query.tegel && (KIOSK_TOPICS as readonly string[]).includes(query.tegel) ? t(`topics.${query.tegel}`) : undefined;
  const heading = query.q ? `${t('search.heading')}: ${query.q}` : (topicName ?? t('search.heading'));
  const body = `<p class="crumbs"><a href="${esc(href(scopePath(ctx), ctx.lang))}">${esc(t('start'))}</a></p>
<h1>${esc(heading)}</h1>
${searchForm(ctx, query as Query, true)}
<section id="results" aria-labelledby="count" aria-live="polite"><h2 id="count">${esc(found.length ? t('results', { count: found.length }) : t('noResults'))}</h2>
${shown.length ? `<ul class="cards">${shown.map((item) => resultCard(ctx, item)).join('')}</ul>` : ''}${paging}</section>`;
  return layout(ctx, {
    title: `${heading} – ${ctx.org.name}`,
    description: t('intro', { org: ctx.org.name }),
    path: `${scopePath(ctx)}/zoeken`,
    query: query as Query,
    body,
    // A tile's page without words is a real page people link to; word searches are not.
    noindex: Boolean(query.q || query.soort || query.gratis || query.pagina),
  });
}

// ---------------------------------------------------------------------------
// Item page
// ---------------------------------------------------------------------------

export interface SignUpState {
  values: { firstName?: string; phone?: string; email?: string; consent?: string };
  errors: Partial<Record<'consent' | 'firstName' | 'contact', string>>;
}

function placeText(location: CatalogueLocation | undefined): string {
  return location ? [location.name, location.address, location.city].filter(Boolean).join(', ') : '';
}

function hoursList(ctx: PageContext, hours: CatalogueItem['hours']): string {
  return `<ul class="hours">${[...hours]
    .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
    .map((h) => `<li>${esc(weekdayName(ctx.lang, h.weekday))}: ${esc(h.opens)}–${esc(h.closes)}</li>`)
    .join('')}</ul>`;
}

function signUpForm(ctx: PageContext, item: CatalogueItem, retentionDays: number, state?: SignUpState): string {
  const { t } = ctx;
  const v = state?.values ?? {};
  const e = state?.errors ?? {};
  const invalid = (field: keyof SignUpState['errors']) => (e[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : '');
  const error = (field: keyof SignUpState['errors']) =>
    e[field] ? `<span class="error" id="${field}-error">${esc(e[field]!)}</span>` : '';
  const summary = Object.keys(e).length
    ? `<div class="errors" role="alert" tabindex="-1" id="errors"><h3>${esc(t('errorsHeading'))}</h3><ul>${Object.entries(e)
        .map(([field, message]) => `<li><a href="#${field === 'contact' ? 'phone' : field}">${esc(message!)}</a></li>`)
        .join('')}</ul></div>`
    : '';
  return `<section class="signup" aria-labelledby="signup"><h2 id="signup">${esc(t('signUpHome'))}</h2>
<form method="post" action="${esc(href(`${itemPath(ctx, item)}/aanmelden`, ctx.lang))}" novalidate>${summary}
<p>${esc(t('signUpIntro'))}</p>
<fieldset><legend>${esc(t('interest.consentHeading'))}</legend><p id="consent-text">${esc(t('interest.consent', { days: retentionDays }))}</p>
<p class="check"><input type="checkbox" id="consent" name="consent" value="yes"${v.consent === 'yes' ? ' checked' : ''}${invalid('consent')}><label for="consent">${esc(t('interest.agree'))}</label></p>${error('consent')}</fieldset>
<p><label for="firstName">${esc(t('interest.firstName'))}</label>${error('firstName')}<input id="firstName" name="firstName" autocomplete="given-name" maxlength="40" value="${esc(v.firstName ?? '')}"${invalid('firstName')}></p>
<fieldset><legend>${esc(t('interest.how'))}</legend>${error('contact')}
<p><label for="phone">${esc(t('interest.phoneLabel'))}</label><input id="phone" name="phone" type="tel" autocomplete="tel" maxlength="30" value="${esc(v.phone ?? '')}"${invalid('contact')}></p>
<p><label for="email">${esc(t('interest.emailLabel'))}</label><input id="email" name="email" type="email" autocomplete="email" maxlength="254" value="${esc(v.email ?? '')}"></p></fieldset>
<p class="hp" aria-hidden="true"><label for="website">${esc(t('honeypot'))}</label><input id="website" name="website" tabindex="-1" autocomplete="off"></p>
<p><button type="submit">${esc(t('interest.send'))}</button></p></form></section>`;
}

export function itemPage(
  ctx: PageContext,
  item: CatalogueItem,
  opts: { retentionDays: number; canSignUp: boolean; signUp?: SignUpState },
): string {
  const { t, lang, catalogue } = ctx;
  const provider = catalogue.organizations.get(item.organizationId);
  const url = `${ctx.origin}${href(itemPath(ctx, item), lang)}`;
  const occurrences = item.kind === 'course' ? upcomingOccurrences(item, ctx.now, 8) : [];
  const locations = item.locationIds.flatMap((id) => (catalogue.locations.get(id) ? [catalogue.locations.get(id)!] : []));
  const facts: Array<[string, string]> = [
    [t('item.costLabel'), `${esc(costText(ctx, item))}${item.cost.note ? ` ${localized(ctx, item.cost.note)}` : ''}`],
    [t('audience'), item.audience.map((a) => esc(t(`audienceValues.${a}`))).join(', ')],
    [t('level'), esc(t(`levelValues.${item.level}`))],
    ...(item.eligibility ? ([[t('audience'), localized(ctx, item.eligibility)]] as Array<[string, string]>) : []),
  ];
  const where = locations.length
    ? `<ul class="places">${locations.map((l) => `<li>${esc(placeText(l))}</li>`).join('')}</ul>`
    : `<p>${esc(item.format === 'online' ? t('online') : t('item.elsewhere'))}</p>`;
  const sessions =
    item.kind === 'course'
      ? `<section aria-labelledby="when"><h2 id="when">${esc(t('nextSessions'))}</h2>${
          occurrences.length
            ? `<ul class="sessions">${occurrences
                .map((o) => {
                  const at = catalogue.locations.get(o.locationId ?? '');
                  return `<li><span class="date">${esc(occurrenceText(ctx, o))}</span>${at ? ` <span class="muted">${esc(at.name)}</span>` : ''}</li>`;
                })
                .join(
                  '',
                )}</ul><p><a class="button secondary" href="${esc(href(`${itemPath(ctx, item)}/agenda.ics`, lang))}" download>${esc(t('calendar'))}</a></p>`
            : `<p>${esc(t('noDates'))}</p>`
        }</section>`
      : '';
  const hours = item.hours.length ? item.hours : (locations[0]?.hours ?? []);
  const hoursSection =
    item.kind === 'service' && hours.length
      ? `<section aria-labelledby="hours"><h2 id="hours">${esc(t('hours'))}</h2>${hoursList(ctx, hours)}</section>`
      : '';
  const bring = item.bring.length
    ? `<section aria-labelledby="bring"><h2 id="bring">${esc(t('item.bring'))}</h2><ul>${item.bring.map((b) => `<li>${esc(t(`item.bringItems.${b}`))}</li>`).join('')}</ul></section>`
    : '';
  const contact = [
    (item.signUp.url ?? item.url)
      ? `<li>${esc(t('website'))}: <a href="${esc((item.signUp.url ?? item.url)!)}" rel="noopener">${esc(new URL((item.signUp.url ?? item.url)!).host)}</a></li>`
      : '',
    (item.signUp.phone ?? provider?.phone)
      ? `<li>${esc(t('phone'))}: <a href="tel:${esc((item.signUp.phone ?? provider?.phone)!.replace(/[^0-9+]/g, ''))}">${esc((item.signUp.phone ?? provider?.phone)!)}</a></li>`
      : '',
    (item.signUp.email ?? provider?.email)
      ? `<li>${esc(t('email'))}: <a href="mailto:${esc((item.signUp.email ?? provider?.email)!)}">${esc((item.signUp.email ?? provider?.email)!)}</a></li>`
      : '',
  ].join('');
  const howToJoin = `<section aria-labelledby="join"><h2 id="join">${esc(t('item.signUp'))}</h2><p>${esc(t(`item.signUpMethods.${item.signUp.method}`))}</p>
${item.signUp.note ? paragraphs(ctx, item.signUp.note) : ''}${contact ? `<ul class="contact">${contact}</ul>` : ''}</section>`;
  const canSignUp = opts.canSignUp && item.kind === 'course' && item.status === 'active';
  const body = `<p class="crumbs"><a href="${esc(href(orgPath(ctx), lang))}">${esc(t('start'))}</a></p>
<article><h1>${localized(ctx, item.name)}</h1>
<p class="meta"><span class="badge">${esc(t(`item.${item.kind}`))}</span>${provider ? ` ${esc(t('offeredBy', { org: provider.name }))}` : ''}</p>
${item.status === 'temporarily_closed' ? `<p class="notice">${esc(t('item.closed'))}</p>` : ''}
${paragraphs(ctx, item.description)}
<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>
${sessions}
<section aria-labelledby="where"><h2 id="where">${esc(t('item.where'))}</h2>${where}</section>
${hoursSection}${bring}${howToJoin}
${canSignUp ? signUpForm(ctx, item, opts.retentionDays, opts.signUp) : ''}</article>`;
  const ldCtx = { lang, url, provider, libraryName: ctx.org.name, locations: catalogue.locations, occurrences };
  const ld = jsonLdScript(item.kind === 'course' ? courseJsonLd(item, ldCtx) : serviceJsonLd(item, ldCtx));
  const name = pickText(item.name, lang).text;
  return layout(ctx, {
    title: `${name} – ${ctx.org.name}`,
    description: pickText(item.description, lang).text,
    path: itemPath(ctx, item),
    body,
    jsonLd: ld,
    noindex: Boolean(opts.signUp),
  });
}

/** The answer after a sign-up: thanks, already signed up, or a limit reached (with how else to reach the library). */
export function signUpResultPage(
  ctx: PageContext,
  item: CatalogueItem,
  outcome: 'inserted' | 'exists' | 'limitedAddress' | 'limitedCourse',
): string {
  const { t, lang } = ctx;
  const done = outcome === 'inserted' || outcome === 'exists';
  const heading = done ? t('interest.doneHeading') : t('signUpHome');
  const text = outcome === 'inserted' ? t('interest.doneText') : outcome === 'exists' ? t('already') : t(outcome);
  const phone = item.signUp.phone ?? ctx.catalogue.organizations.get(item.organizationId)?.phone;
  const body = `<h1>${esc(heading)}</h1><p class="lead" role="status">${esc(text)}</p>
${!done && phone ? `<p>${esc(t('phone'))}: <a href="tel:${esc(phone.replace(/[^0-9+]/g, ''))}">${esc(phone)}</a></p>` : ''}
<p><a href="${esc(href(itemPath(ctx, item), lang))}">${esc(t('backToItem', { name: pickText(item.name, lang).text }))}</a></p>`;
  return layout(ctx, {
    title: `${heading} – ${ctx.org.name}`,
    description: text,
    path: `${itemPath(ctx, item)}/aanmelden`,
    body,
    noindex: true,
  });
}

export function notFoundPage(
  ctx: Omit<PageContext, 'org' | 'orgSlug' | 'catalogue'> & Partial<PageContext>,
  organisations: Array<{ name: string; slug: string }>,
): string {
  const { t, lang } = ctx;
  return `<!doctype html><html lang="${lang}" dir="${DIRECTION[lang]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('notFound'))}</title><meta name="robots" content="noindex"><link rel="icon" href="/icons/icon.svg" type="image/svg+xml"><link rel="stylesheet" href="/aanbod/finder.css?v=${esc(ctx.assetVersion)}"></head>
<body><main id="main"><h1>${esc(t('notFound'))}</h1><ul class="links">${organisations.map((o) => `<li><a href="${esc(href(`/aanbod/${o.slug}`, lang))}">${esc(o.name)}</a></li>`).join('')}</ul></main></body></html>`;
}

/** /aanbod: the libraries on this server. */
export function organisationsPage(
  ctx: { lang: Language; t: TFunction; origin: string; assetVersion: string },
  organisations: Array<{ name: string; slug: string }>,
): string {
  const { t, lang } = ctx;
  const langs = LANGUAGES.map(
    (l) =>
      `<li><a href="${esc(href('/aanbod', l))}" lang="${l}" hreflang="${l}"${l === lang ? ' aria-current="true"' : ''}>${esc(LANGUAGE_NAMES[l])}</a></li>`,
  ).join('');
  return `<!doctype html><html lang="${lang}" dir="${DIRECTION[lang]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('title'))} – ${esc(t('libraries'))}</title><meta name="description" content="${esc(t('poweredBy'))}">
<link rel="canonical" href="${esc(ctx.origin + href('/aanbod', lang))}">${LANGUAGES.map((l) => `<link rel="alternate" hreflang="${l}" href="${esc(ctx.origin + href('/aanbod', l))}">`).join('')}
<link rel="icon" href="/icons/icon.svg" type="image/svg+xml"><link rel="stylesheet" href="/aanbod/finder.css?v=${esc(ctx.assetVersion)}"></head>
<body><header class="top"><span class="home">${esc(t('title'))}</span><nav aria-label="${esc(t('languages'))}"><ul class="langs">${langs}</ul></nav></header>
<main id="main"><h1>${esc(t('libraries'))}</h1><ul class="links">${organisations.map((o) => `<li><a href="${esc(href(`/aanbod/${o.slug}`, lang))}">${esc(o.name)}</a></li>`).join('')}</ul></main>
<footer><p>${esc(t('poweredBy'))}</p></footer></body></html>`;
}
