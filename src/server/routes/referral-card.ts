import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LANGUAGES } from '../../shared/i18n-text';
import { normaliseReferralCode, referralCodeSchema } from '../../shared/referrals';
import { z } from '../../shared/zod';
import { cardInputFor, cardMissingPage, cardPage, publicCardModel } from '../referrals/card-page';
import type { ReferralLimiters } from '../referrals/partner-flow';
import { referralByCode } from '../store/referrals';

const CSS = readFileSync(new URL('../../shared/referral-card/card.css', import.meta.url), 'utf8');
/** Changes with the stylesheet, so a deploy is seen at once. */
export const CARD_CSS_VERSION = createHash('sha256').update(CSS).digest('hex').slice(0, 10);

const codeParams = z.object({ code: z.string().check(z.maxLength(40)) });
const langQuery = z.object({ lang: z.optional(z.enum(LANGUAGES)) });

/**
 * The public referral card (/verwijzing/<code>): what the QR code on the visitor's card opens,
 * once the desk has synced. No personal data (the card holds none), no script, not indexed.
 * Codes that match nothing count against the address's limit of wrong codes.
 */
export const referralCardRoutes: FastifyPluginAsync<{ limiters: ReferralLimiters }> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/verwijzing/card.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(CSS),
  );

  typed.get('/verwijzing/:code', { schema: { hide: true, params: codeParams, querystring: langQuery } }, async (request, reply) => {
    const path = `/verwijzing/${encodeURIComponent(request.params.code)}`;
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    const wait = opts.limiters.perAddress.waitSeconds(request.ip);
    if (wait > 0)
      return reply
        .code(429)
        .header('retry-after', String(wait))
        .send(cardMissingPage(request.query.lang, 'tooMany', { path, cssVersion: CARD_CSS_VERSION }));
    const code = normaliseReferralCode(request.params.code);
    const referral = referralCodeSchema.safeParse(code).success ? await referralByCode(app.db, code) : undefined;
    if (!referral) {
      opts.limiters.perAddress.fail(request.ip);
      return reply.code(404).send(cardMissingPage(request.query.lang, 'notFound', { path, cssVersion: CARD_CSS_VERSION }));
    }
    const model = publicCardModel(await cardInputFor(app.db, referral, request.query.lang ?? referral.language ?? 'nl'));
    const moreHref = referral.itemId ? `/aanbod/i/${referral.itemId}${model.lang === 'nl' ? '' : `?lang=${model.lang}`}` : undefined;
    return reply.send(cardPage(model, { path, moreHref, cssVersion: CARD_CSS_VERSION }));
  });
};
