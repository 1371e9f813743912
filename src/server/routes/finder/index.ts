import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CatalogueItem } from '../../../shared/catalogue';
import { finderQuerySchema, webSignUpFormSchema, webSignUpSchema } from '../../../shared/finder';
import { LANGUAGES, type Language } from '../../../shared/i18n-text';
import { INTEREST_CONSENT_VERSION, isPhoneNumber, KIOSK_TOPICS } from '../../../shared/kiosk';
import { z } from '../../../shared/zod';
import { brandStylesheet } from '../../finder/brand';
import { finderCatalogue, type FinderCatalogue } from '../../finder/catalogue-view';
import { esc } from '../../finder/html';
import { finderT } from '../../finder/i18n';
import { courseCalendar } from '../../finder/ics';
import {
  href,
  itemPage,
  locationSlugs,
  notFoundPage,
  organisationsPage,
  searchPage,
  signUpResultPage,
  startPage,
  type PageContext,
  type SignUpState,
} from '../../finder/pages';
import { addressLimiter, signUpLimitsFromEnv, type SignUpLimits } from '../../finder/sign-up-limits';
import { slugify } from '../../finder/slug';
import { interestRetentionDays } from '../../jobs/purge';
import {
  finderLogo,
  finderOrganisations,
  hasInterest,
  insertWebInterest,
  webInterestSince,
  type FinderOrganisation,
} from '../../store/finder';
import { policyAllowingFrames } from '../security-headers';

export interface FinderOptions {
  limits?: SignUpLimits;
  /** INLOOP_PUBLIC_URL: the address in canonical links and the sitemap; else the request's own. */
  publicUrl?: string;
  interestRetentionDays?: number;
  /** The clock, for tests of dates. */
  now?: () => Date;
}

const asset = (name: string) => readFileSync(new URL(`../../finder/assets/${name}`, import.meta.url), 'utf8');
const CSS = asset('finder.css');
const SCRIPT = asset('finder.js');
const EMBED = asset('embed.js');
/** Changes with the finder's own files, so a deploy is seen by caches at once. */
const ASSET_VERSION = createHash('sha256').update(CSS).update(SCRIPT).digest('hex').slice(0, 10);

const orgParams = z.object({ org: z.string().check(z.maxLength(100)) });
const itemParams = z.object({ org: z.string().check(z.maxLength(100)), item: z.string().check(z.maxLength(120)) });
const locationParams = z.object({ org: z.string().check(z.maxLength(100)), loc: z.string().check(z.maxLength(100)) });
const langQuery = z.object({ lang: z.optional(z.enum(LANGUAGES)) });

/**
 * The public course and help finder: /aanbod/<organisation>/… (docs/finder.md).
 * No sign-in; HTML that works without JavaScript; cached by the catalogue's version.
 */
export const finderRoutes: FastifyPluginAsync<FinderOptions> = async (app, opts) => {
  const limits = opts.limits ?? signUpLimitsFromEnv();
  const perAddress = addressLimiter(limits.perAddressPerHour);
  const retentionDays = opts.interestRetentionDays ?? interestRetentionDays();
  const now = opts.now ?? (() => new Date());
  const typed = app.withTypeProvider<ZodTypeProvider>();

  // The sign-up form is a plain HTML form; only this plugin's routes read its encoding.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body as string)) if (!(k in out)) out[k] = v;
    done(null, out);
  });

  const originOf = (request: FastifyRequest) => opts.publicUrl ?? `${request.protocol}://${request.host}`;

  async function organisationBySlug(
    slug: string,
  ): Promise<{ org: FinderOrganisation; slug: string; all: Array<{ org: FinderOrganisation; slug: string }> }> {
    const all = (await finderOrganisations(app.db)).map((org) => ({ org, slug: slugify(org.name) }));
    const found = all.find((o) => o.slug === slug);
    return { ...(found ?? { org: undefined as unknown as FinderOrganisation, slug }), all };
  }

  function context(
    request: FastifyRequest,
    lang: Language,
    org: FinderOrganisation,
    slug: string,
    catalogue: FinderCatalogue,
  ): PageContext {
    return { lang, t: finderT(lang), origin: originOf(request), org, orgSlug: slug, catalogue, now: now(), assetVersion: ASSET_VERSION };
  }

  /** Frames: the organisation's own sites may embed its pages; everyone else gets 'none'. */
  function frameHeaders(reply: FastifyReply, org: FinderOrganisation) {
    if (org.frameAncestors.length) reply.header('content-security-policy', policyAllowingFrames(org.frameAncestors));
  }

  /**
   * Validators from the catalogue version, the organisation's look, the finder's own
   * files and the hour (coming sessions move on). True when the client's copy is current.
   */
  function cacheHeaders(request: FastifyRequest, reply: FastifyReply, catalogue: FinderCatalogue, org?: FinderOrganisation): boolean {
    const at = now();
    const hour = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
    const settings = org?.settingsUpdatedAt?.getTime() ?? 0;
    const etag = `"f${catalogue.version}-${settings.toString(36)}-${(hour.getTime() / 3_600_000).toString(36)}-${ASSET_VERSION}"`;
    const modified = new Date(Math.max(catalogue.updatedAt?.getTime() ?? 0, settings, hour.getTime()));
    modified.setMilliseconds(0);
    reply
      .header('etag', etag)
      .header('last-modified', modified.toUTCString())
      .header('cache-control', 'public, max-age=300, stale-while-revalidate=3600');
    const inm = request.headers['if-none-match'];
    if (inm) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
    const ims = request.headers['if-modified-since'];
    return Boolean(ims && !Number.isNaN(Date.parse(ims)) && Date.parse(ims) >= modified.getTime());
  }

  async function notFound(request: FastifyRequest, reply: FastifyReply, lang: Language) {
    const orgs = (await finderOrganisations(app.db)).map((org) => ({ name: org.name, slug: slugify(org.name) }));
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(notFoundPage({ lang, t: finderT(lang), origin: originOf(request), now: now(), assetVersion: ASSET_VERSION }, orgs));
  }

  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

  typed.get('/aanbod/finder.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(CSS),
  );
  typed.get('/aanbod/finder.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(SCRIPT),
  );
  // The library's own page loads this one from us; it changes rarely, so an hour.
  typed.get('/aanbod/embed.js', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(EMBED),
  );

  typed.get('/aanbod', { schema: { hide: true, querystring: langQuery } }, async (request, reply) => {
    const lang = request.query.lang ?? 'nl';
    const orgs = (await finderOrganisations(app.db)).map((org) => ({ name: org.name, slug: slugify(org.name) }));
    reply.header('cache-control', 'public, max-age=300');
    return html(reply, organisationsPage({ lang, t: finderT(lang), origin: originOf(request), assetVersion: ASSET_VERSION }, orgs));
  });

  typed.get('/robots.txt', { schema: { hide: true } }, async (request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(`User-agent: *\nAllow: /aanbod/\nDisallow: /\n\nSitemap: ${originOf(request)}/sitemap.xml\n`),
  );

  typed.get('/sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
    const catalogue = await finderCatalogue(app.db);
    if (cacheHeaders(request, reply, catalogue)) return reply.code(304).send();
    const origin = originOf(request);
    const lastmod = (catalogue.updatedAt ?? new Date(0)).toISOString();
    const entries: string[] = [];
    const entry = (path: string, query: Record<string, string> = {}) => {
      const alternates = LANGUAGES.map(
        (l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${esc(origin + href(path, l, query))}"/>`,
      ).join('');
      for (const l of LANGUAGES)
        entries.push(`<url><loc>${esc(origin + href(path, l, query))}</loc><lastmod>${lastmod}</lastmod>${alternates}</url>`);
    };
    for (const org of await finderOrganisations(app.db)) {
      const base = `/aanbod/${slugify(org.name)}`;
      entry(base);
      for (const slug of locationSlugs(org).values()) entry(`${base}/vestiging/${slug}`);
      for (const topic of KIOSK_TOPICS) entry(`${base}/zoeken`, { tegel: topic });
      for (const item of catalogue.items) entry(`${base}/${catalogue.slugOf.get(item.id)}`);
    }
    return reply
      .type('application/xml; charset=utf-8')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join('\n')}\n</urlset>\n`,
      );
  });

  // A stable address by id, for links made elsewhere in Inloop (a referral card's QR code,
  // the kiosk's "take this with you"): it sends the browser on to the readable address.
  typed.get(
    '/aanbod/i/:id',
    { schema: { hide: true, params: z.object({ id: z.uuid() }), querystring: langQuery } },
    async (request, reply) => {
      const lang = request.query.lang ?? 'nl';
      const catalogue = await finderCatalogue(app.db);
      const item = catalogue.item.get(request.params.id);
      const orgs = await finderOrganisations(app.db);
      const org =
        (item && orgs.find((o) => o.locations.some((l) => item.locationIds.includes(l.id)))) ??
        (item && orgs.find((o) => o.id === item.organizationId)) ??
        orgs[0];
      if (!item || !org) return notFound(request, reply, lang);
      return reply
        .header('cache-control', 'public, max-age=300')
        .redirect(href(`/aanbod/${slugify(org.name)}/${catalogue.slugOf.get(item.id)}`, lang), 301);
    },
  );

  async function organisationContext(request: FastifyRequest, params: { org: string }, lang: Language) {
    const { org, slug } = await organisationBySlug(params.org);
    if (!org) return undefined;
    return { org, ctx: context(request, lang, org, slug, await finderCatalogue(app.db)) };
  }

  /** An organisation's page: its embedding policy, a 304 when the browser's copy is current, else the page. */
  function sendPage(
    request: FastifyRequest,
    reply: FastifyReply,
    found: { org: FinderOrganisation; ctx: PageContext },
    render: (ctx: PageContext) => string,
  ) {
    frameHeaders(reply, found.org);
    if (cacheHeaders(request, reply, found.ctx.catalogue, found.org)) return reply.code(304).send();
    return html(reply, render(found.ctx));
  }

  typed.get('/aanbod/:org', { schema: { hide: true, params: orgParams, querystring: langQuery } }, async (request, reply) => {
    const lang = request.query.lang ?? 'nl';
    const found = await organisationContext(request, request.params, lang);
    if (!found) return notFound(request, reply, lang);
    return sendPage(request, reply, found, startPage);
  });

  typed.get(
    '/aanbod/:org/zoeken',
    { schema: { hide: true, params: orgParams, querystring: finderQuerySchema } },
    async (request, reply) => {
      const lang = request.query.lang ?? 'nl';
      const found = await organisationContext(request, request.params, lang);
      if (!found) return notFound(request, reply, lang);
      return sendPage(request, reply, found, (ctx) => searchPage(ctx, request.query));
    },
  );

  async function locationContext(request: FastifyRequest, params: { org: string; loc: string }, lang: Language) {
    const { org, slug } = await organisationBySlug(params.org);
    if (!org) return undefined;
    const entry = [...locationSlugs(org)].find(([, s]) => s === params.loc);
    const location = entry && org.locations.find((l) => l.id === entry[0]);
    if (!location) return undefined;
    const catalogue = await finderCatalogue(app.db);
    return {
      org,
      ctx: { ...context(request, lang, org, slug, catalogue), location: { id: location.id, name: location.name, slug: entry[1] } },
    };
  }

  typed.get(
    '/aanbod/:org/vestiging/:loc',
    { schema: { hide: true, params: locationParams, querystring: langQuery } },
    async (request, reply) => {
      const lang = request.query.lang ?? 'nl';
      const found = await locationContext(request, request.params, lang);
      if (!found) return notFound(request, reply, lang);
      return sendPage(request, reply, found, startPage);
    },
  );

  typed.get(
    '/aanbod/:org/vestiging/:loc/zoeken',
    { schema: { hide: true, params: locationParams, querystring: finderQuerySchema } },
    async (request, reply) => {
      const lang = request.query.lang ?? 'nl';
      const found = await locationContext(request, request.params, lang);
      if (!found) return notFound(request, reply, lang);
      return sendPage(request, reply, found, (ctx) => searchPage(ctx, request.query));
    },
  );

  typed.get('/aanbod/:org/brand.css', { schema: { hide: true, params: orgParams } }, async (request, reply) => {
    const { org } = await organisationBySlug(request.params.org);
    if (!org) return reply.code(404).type('text/css; charset=utf-8').send('');
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(org.colour ? brandStylesheet(org.colour) : '');
  });

  typed.get('/aanbod/:org/logo', { schema: { hide: true, params: orgParams } }, async (request, reply) => {
    const { org } = await organisationBySlug(request.params.org);
    const logo = org && (await finderLogo(app.db, org.id));
    if (!logo) return reply.code(404).send({ error: 'not_found', message: 'This organisation has no logo.' });
    return reply
      .type(logo.type)
      .header('cache-control', 'public, max-age=86400')
      .header('cross-origin-resource-policy', 'same-origin')
      .send(logo.data);
  });

  async function itemOf(request: FastifyRequest, params: { org: string; item: string }, lang: Language) {
    const { org, slug } = await organisationBySlug(params.org);
    if (!org) return undefined;
    const catalogue = await finderCatalogue(app.db);
    const item = catalogue.itemBySlug.get(params.item);
    return item && { org, item, ctx: context(request, lang, org, slug, catalogue) };
  }

  typed.get('/aanbod/:org/:item', { schema: { hide: true, params: itemParams, querystring: langQuery } }, async (request, reply) => {
    const lang = request.query.lang ?? 'nl';
    const found = await itemOf(request, request.params, lang);
    if (!found) return notFound(request, reply, lang);
    frameHeaders(reply, found.org);
    if (cacheHeaders(request, reply, found.ctx.catalogue, found.org)) return reply.code(304).send();
    return html(reply, itemPage(found.ctx, found.item, { retentionDays, canSignUp: found.org.locations.length > 0 }));
  });

  typed.get(
    '/aanbod/:org/:item/agenda.ics',
    { schema: { hide: true, params: itemParams, querystring: langQuery } },
    async (request, reply) => {
      const lang = request.query.lang ?? 'nl';
      const found = await itemOf(request, request.params, lang);
      if (!found || found.item.kind !== 'course') return notFound(request, reply, lang);
      if (cacheHeaders(request, reply, found.ctx.catalogue, found.org)) return reply.code(304).send();
      const url = `${found.ctx.origin}${href(`/aanbod/${found.ctx.orgSlug}/${request.params.item}`, lang)}`;
      const calendar = courseCalendar(found.item, {
        lang,
        url,
        host: new URL(found.ctx.origin).hostname,
        locations: found.ctx.catalogue.locations,
        stamp: found.ctx.catalogue.updatedAt ?? new Date(0),
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.item}.ics"`)
        .send(calendar);
    },
  );

  typed.post(
    '/aanbod/:org/:item/aanmelden',
    { schema: { hide: true, params: itemParams, querystring: langQuery, body: webSignUpFormSchema } },
    async (request, reply) => {
      const lang = request.query.lang ?? 'nl';
      const found = await itemOf(request, request.params, lang);
      if (!found || found.item.kind !== 'course' || found.item.status !== 'active' || !found.org.locations.length)
        return notFound(request, reply, lang);
      const { org, item, ctx } = found;
      frameHeaders(reply, org);
      reply.header('cache-control', 'no-store');
      const form = request.body;
      // A robot filled in the field people never see: thank it like anyone, keep nothing.
      if (form.website) return html(reply, signUpResultPage(ctx, item, 'inserted'));
      const checked = checkSignUp(ctx, item, form, lang);
      if ('errors' in checked) return html(reply.code(400), itemPage(ctx, item, { retentionDays, canSignUp: true, signUp: checked }));
      const signUp = checked.signUp;
      // The same person for the same course again: the same answer as the first time, one row.
      if (await hasInterest(app.db, signUp)) return html(reply, signUpResultPage(ctx, item, 'inserted'));
      if (!perAddress.take(request.ip))
        return html(reply.code(429).header('retry-after', '3600'), signUpResultPage(ctx, item, 'limitedAddress'));
      if ((await webInterestSince(app.db, item.id, new Date(now().getTime() - 86_400_000))) >= limits.perCoursePerDay) {
        return html(reply.code(429).header('retry-after', '3600'), signUpResultPage(ctx, item, 'limitedCourse'));
      }
      const locationId = item.locationIds.find((id) => org.locations.some((l) => l.id === id)) ?? org.locations[0]!.id;
      await insertWebInterest(app.db, { ...signUp, locationId, consentVersion: INTEREST_CONSENT_VERSION, now: now() });
      return html(reply, signUpResultPage(ctx, item, 'inserted'));
    },
  );
};

/** The visitor's form, checked field by field with messages in their language. */
function checkSignUp(
  ctx: PageContext,
  item: CatalogueItem,
  form: z.infer<typeof webSignUpFormSchema>,
  lang: Language,
): SignUpState | { signUp: z.infer<typeof webSignUpSchema> } {
  const { t } = ctx;
  const values = { firstName: form.firstName ?? '', phone: form.phone ?? '', email: form.email ?? '', consent: form.consent ?? '' };
  const errors: SignUpState['errors'] = {};
  if (values.consent !== 'yes') errors.consent = t('errorConsent');
  if (!values.firstName.trim() || values.firstName.trim().length > 40) errors.firstName = t('interest.errorName');
  const phone = values.phone.trim();
  const email = values.email.trim();
  if (phone && !isPhoneNumber(phone)) errors.contact = t('interest.errorPhone');
  else if (!phone && !email) errors.contact = t('interest.errorPhone');
  const candidate = {
    itemId: item.id,
    firstName: values.firstName,
    contactKind: phone ? 'phone' : 'email',
    contact: phone || email,
    consent: values.consent,
    language: lang,
  };
  const parsed = webSignUpSchema.safeParse(candidate);
  if (!parsed.success && !errors.contact && parsed.error.issues.some((i) => i.path[0] === 'contact'))
    errors.contact = t('interest.errorEmail');
  if (!parsed.success && Object.keys(errors).length === 0) errors.firstName = t('interest.errorName');
  return Object.keys(errors).length || !parsed.success ? { values, errors } : { signUp: parsed.data };
}
