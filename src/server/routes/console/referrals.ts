import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  consoleFollowUpsSchema,
  funnelQuerySchema,
  funnelSchema,
  partnerLinkCreatedSchema,
  partnerLinkCreateSchema,
  partnerLinkListSchema,
  referralListQuerySchema,
  referralListSchema,
  type Funnel,
} from '../../../shared/referrals';
import { idParamsSchema, okSchema } from '../../../shared/console';
import { csvCell } from '../../store/console/exports';
import { FUNNEL_HEADER, funnelLines } from '../../store/console/report-export';
import { listReferrals, referralFunnel } from '../../store/console/referral-funnel';
import { inScope } from '../../store/console/scope';
import { createPartnerLink, listPartnerLinks, partnerOrganisations, revokePartnerLink } from '../../store/partner-links';
import { locationFollowUps } from '../../store/referrals';
import { ERRORS, auditOf, requireConsole } from './auth';
import { publicBase } from './public-links';
import { refusedOutOfScope } from './reports';

const notFound = { error: 'not_found', message: 'Not found.' };

/** The funnel as CSV for Dutch Excel (UTF-8 with BOM, ";"), the period beside the one before; groups by their Dutch name. */
export function funnelCsv(f: Funnel): string {
  const lines = [FUNNEL_HEADER, ...funnelLines(f)];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** Console: the referral loop (docs/referrals.md): partner links, the funnel, each referral's history, the follow-ups. */
export async function referralRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/partner-links',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: partner links (per partner organisation of the catalogue; revocable)',
        tags: ['console'],
        response: { 200: partnerLinkListSchema, ...ERRORS },
      },
    },
    async (request) => ({ links: await listPartnerLinks(app.db, request.scope!), partners: await partnerOrganisations(app.db) }),
  );
  api.post(
    '/partner-links',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: make a partner link; the link (with its secret) is shown this once, the secret is stored hashed',
        tags: ['console'],
        body: partnerLinkCreateSchema,
        response: { 200: partnerLinkCreatedSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { organisationId, partnerId, label } = request.body;
      if (!(await inScope(app.db, request.scope!, 'organisation', organisationId))) return reply.code(404).send(notFound);
      if (!(await partnerOrganisations(app.db)).some((p) => p.id === partnerId))
        return reply.code(404).send({ error: 'not_found', message: 'No such partner organisation in the catalogue.' });
      const { id, secret } = await createPartnerLink(app.db, {
        organisationId,
        partnerId,
        label,
        createdBy: request.consoleSession!.user.id,
      });
      await auditOf(request)('create_partner_link', 'partner_link', id, { partnerId });
      reply.header('cache-control', 'no-store');
      return { id, link: `${publicBase(request)}/partner/${secret}` };
    },
  );
  api.post(
    '/partner-links/:id/revoke',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: revoke a partner link; it is refused (401) from now on',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await revokePartnerLink(app.db, request.params.id, request.scope!))) return reply.code(404).send(notFound);
      await auditOf(request)('revoke_partner_link', 'partner_link', request.params.id);
      return { ok: true as const };
    },
  );

  api.get(
    '/referrals/funnel',
    {
      onRequest: requireConsole,
      schema: {
        summary:
          'Console: the referral funnel (referred → arrived → helped) by partner, topic, location or municipality, against the period before, optionally for one library organisation and/or municipality; CSV with format=csv',
        tags: ['console'],
        querystring: funnelQuerySchema,
        response: { 200: funnelSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { from, to, by, location, organisation, municipality, format } = request.query;
      if (await refusedOutOfScope(request, reply, { organisation, location })) return reply;
      if (new Date(to) <= new Date(from)) return reply.code(400).send({ error: 'invalid_period', message: '"to" must be after "from".' });
      const funnel = await referralFunnel(app.db, request.scope!, { from, to, by, location, organisation, municipality });
      if (format === 'csv') {
        await auditOf(request)('export', 'referral_funnel', location, { from, to, by, organisation, municipality });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="inloop-verwijzingen.csv"')
          .send(funnelCsv(funnel) as never);
      }
      return funnel;
    },
  );
  api.get(
    '/referrals',
    {
      onRequest: requireConsole,
      schema: {
        summary: "Console: a period's referrals (or one code's) with each one's status history",
        tags: ['console'],
        querystring: referralListQuerySchema,
        response: { 200: referralListSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { location } = request.query;
      if (location && !(await inScope(app.db, request.scope!, 'location', location))) return reply.code(404).send(notFound);
      return { referrals: await listReferrals(app.db, request.scope!, request.query) };
    },
  );
  api.get(
    '/follow-ups',
    {
      onRequest: requireConsole,
      schema: {
        summary: "Console: the locations' follow-up appointments from 14 days ago on, with how desks marked them",
        tags: ['console'],
        response: { 200: consoleFollowUpsSchema, ...ERRORS },
      },
    },
    async (request) => ({
      followUps: (await locationFollowUps(app.db, null, new Date(), request.scope!)).map((f) => ({
        key: f.key,
        at: f.at,
        location: f.location,
        topic: f.topic,
        what: f.what,
        code: f.code,
        state: f.state,
      })),
    }),
  );
}
