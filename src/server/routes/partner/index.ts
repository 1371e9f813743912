import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { partnerLookupSchema, partnerReferralSchema, partnerStatusRequestSchema, partnerStatusSchema } from '../../../shared/referrals';
import { apiErrorSchema, type ApiError } from '../../../shared/sync';
import { z } from '../../../shared/zod';
import { lookUpForPartner, markForPartner, type LookupOutcome, type ReferralLimiters } from '../../referrals/partner-flow';
import { linkRefusedPage, partnerPage, partnerT } from '../../referrals/partner-page';
import { PARTNER_SCAN_ASSETS, PARTNER_SCAN_VERSION } from '../../referrals/partner-scan-assets';
import { partnerLinkBySecret, partnerName, type PartnerLink } from '../../store/partner-links';
import { CARD_CSS_VERSION } from '../referral-card';

export interface PartnerRouteOptions {
  limiters: ReferralLimiters;
}

const secretParams = z.object({ secret: z.string().check(z.maxLength(200)) });
const lookupForm = z.object({ code: z.optional(z.string().check(z.maxLength(200))) });
const scanAssetParams = z.object({ file: z.enum(['partner-scan.js', 'partner-scan-worker.js', 'jsqr.js']) });
const statusForm = z.object({
  code: z.optional(z.string().check(z.maxLength(200))),
  status: z.optional(z.string().check(z.maxLength(40))),
});

/**
 * The partner's side of the loop (docs/referrals.md): a small Dutch page behind the partner
 * link (/partner/<secret>), and the same as JSON for a partner's own system
 * (/api/partner/…, the secret as bearer token). Unknown or revoked link: 401, nothing changed.
 */
export const partnerRoutes: FastifyPluginAsync<PartnerRouteOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body as string)) if (!(k in out)) out[k] = v;
    done(null, out);
  });

  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  async function linkOf(secret: string, reply: FastifyReply): Promise<{ link: PartnerLink; partner: string; base: string } | undefined> {
    const link = await partnerLinkBySecret(app.db, secret);
    if (!link) {
      await html(reply.code(401), linkRefusedPage(CARD_CSS_VERSION));
      return undefined;
    }
    return { link, partner: await partnerName(app.db, link.partnerId), base: `/partner/${secret}` };
  }

  function answer(
    reply: FastifyReply,
    found: { partner: string; base: string },
    outcome: LookupOutcome,
    typedCode: string,
    saved?: string,
  ) {
    const state = {
      base: found.base,
      partner: found.partner,
      cssVersion: CARD_CSS_VERSION,
      scanVersion: PARTNER_SCAN_VERSION,
      typed: typedCode,
    };
    if (outcome.kind === 'found')
      return html(
        reply,
        partnerPage({
          ...state,
          referral: outcome.referral,
          message: saved ? { kind: 'saved', text: partnerT('saved', { status: partnerT(`statuses.${saved}`) }) } : undefined,
        }),
      );
    if (outcome.kind === 'limited') {
      reply.header('retry-after', String(outcome.seconds));
      return html(
        reply.code(429),
        partnerPage({ ...state, message: { kind: 'error', text: partnerT('tooMany', { minutes: Math.ceil(outcome.seconds / 60) }) } }),
      );
    }
    const text = outcome.kind === 'invalid' ? partnerT('invalid') : partnerT('notFound', { partner: found.partner });
    return html(reply.code(outcome.kind === 'invalid' ? 400 : 404), partnerPage({ ...state, message: { kind: 'error', text } }));
  }

  typed.get('/partner/:secret', { schema: { hide: true, params: secretParams } }, async (request, reply) => {
    const found = await linkOf(request.params.secret, reply);
    if (!found) return reply;
    return html(
      reply,
      partnerPage({ base: found.base, partner: found.partner, cssVersion: CARD_CSS_VERSION, scanVersion: PARTNER_SCAN_VERSION }),
    );
  });

  // "Scan de code": the page's script, its worker and the QR reader (no secret in these addresses; versioned, so cached for good).
  typed.get('/partner/assets/:file', { schema: { hide: true, params: scanAssetParams } }, async (request, reply) => {
    const asset = PARTNER_SCAN_ASSETS[request.params.file];
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(asset.gzipped);
    return reply.send(asset.body);
  });

  typed.post('/partner/:secret', { schema: { hide: true, params: secretParams, body: lookupForm } }, async (request, reply) => {
    const found = await linkOf(request.params.secret, reply);
    if (!found) return reply;
    const code = request.body.code ?? '';
    return answer(reply, found, await lookUpForPartner(app.db, opts.limiters, found.link, request.ip, code), code);
  });

  typed.post('/partner/:secret/status', { schema: { hide: true, params: secretParams, body: statusForm } }, async (request, reply) => {
    const found = await linkOf(request.params.secret, reply);
    if (!found) return reply;
    const code = request.body.code ?? '';
    const status = partnerStatusSchema.safeParse(request.body.status);
    if (!status.success) return answer(reply, found, await lookUpForPartner(app.db, opts.limiters, found.link, request.ip, code), code);
    return answer(reply, found, await markForPartner(app.db, opts.limiters, found.link, request.ip, code, status.data), code, status.data);
  });

  // --- The same as JSON ---------------------------------------------------------------
  const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 404: apiErrorSchema, 429: apiErrorSchema };

  async function bearerLink(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization ?? '';
    const secret = /^Bearer (.+)$/.exec(header)?.[1];
    const link = secret ? await partnerLinkBySecret(app.db, secret) : undefined;
    if (!link) {
      await reply.code(401).send({ error: 'unknown_partner_link', message: 'This partner link is unknown or revoked.' } satisfies ApiError);
      return;
    }
    request.partnerLink = link;
  }

  function jsonAnswer(reply: FastifyReply, outcome: LookupOutcome) {
    if (outcome.kind === 'found') return outcome.referral;
    if (outcome.kind === 'limited') {
      reply.header('retry-after', String(outcome.seconds));
      return reply.code(429).send({
        error: 'too_many_wrong_codes',
        message: `Too many wrong codes; try again in ${outcome.seconds} seconds.`,
      } satisfies ApiError);
    }
    if (outcome.kind === 'invalid')
      return reply.code(400).send({ error: 'invalid_code', message: 'Expected an 8-character referral code.' } satisfies ApiError);
    return reply
      .code(404)
      .send({ error: 'unknown_code', message: 'No referral to this partner has this code (or it has not synced yet).' } satisfies ApiError);
  }

  typed.post(
    '/api/partner/referrals/lookup',
    {
      onRequest: bearerLink,
      schema: {
        summary: 'Partner: what a referral code was for (topic, course or service, date, location; never the visitor)',
        description:
          'A code that matches no referral to this partner counts as a wrong code: too many per link or per address per hour and every lookup is answered 429 for a while.',
        tags: ['partner'],
        security: [{ partnerLink: [] }],
        body: partnerLookupSchema,
        response: { 200: partnerReferralSchema, ...errors },
      },
    },
    async (request, reply) =>
      jsonAnswer(reply, await lookUpForPartner(app.db, opts.limiters, request.partnerLink!, request.ip, request.body.code)),
  );

  typed.post(
    '/api/partner/referrals/status',
    {
      onRequest: bearerLink,
      schema: {
        summary: 'Partner: mark a referral arrived, helped, not eligible, no capacity or did not come',
        description:
          "Each answer is one line of the referral's history; the same answer twice in a row is kept once. Wrong codes are counted as for lookup.",
        tags: ['partner'],
        security: [{ partnerLink: [] }],
        body: partnerStatusRequestSchema,
        response: { 200: partnerReferralSchema, ...errors },
      },
    },
    async (request, reply) =>
      jsonAnswer(
        reply,
        await markForPartner(app.db, opts.limiters, request.partnerLink!, request.ip, request.body.code, request.body.status),
      ),
  );
};

declare module 'fastify' {
  interface FastifyRequest {
    partnerLink?: PartnerLink;
  }
}
