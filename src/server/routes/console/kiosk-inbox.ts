import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema, inboxSchema, interestExportQuerySchema, okSchema } from '../../../shared/console';
import { interestCsv } from '../../store/console/exports';
import { IN_SCOPE, inScope, locationsInScope } from '../../store/console/scope';
import { deleteInterest, listInterest } from '../../store/kiosk';
import { ERRORS, auditOf, requireConsole } from './auth';
import { NOT_FOUND } from './public-links';

/** What visitors sent from the kiosks (course interest also from a desk's survey hand-over): help requests and course interest (personal data, purged on schedule), its CSV, deleting an entry. */
export async function kioskInboxRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/inbox',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: help requests and course interest per location',
        tags: ['console'],
        response: { 200: inboxSchema, ...ERRORS },
      },
    },
    async (request) => {
      const { rows } = await app.db.query<{ id: string; location_name: string; topic: string; status: string; created_at: string }>(
        `SELECT h.id, l.name AS location_name, h.topic, h.status, h.created_at FROM help_requests h JOIN locations l ON l.id = h.location_id
          WHERE ${IN_SCOPE(1)} ORDER BY h.created_at DESC LIMIT 200`,
        [request.scope],
      );
      const locations = await locationsInScope(app.db, request.scope!);
      const interest = (await Promise.all(locations.map((l) => listInterest(app.db, l.id)))).flat();
      await auditOf(request)('view', 'inbox');
      return {
        helpRequests: rows.map((r) => ({
          id: r.id,
          locationName: r.location_name,
          topic: r.topic,
          status: r.status,
          createdAt: new Date(r.created_at).toISOString(),
        })),
        interest: interest.map((i) => ({
          id: i.id,
          locationName: i.location_name,
          itemId: i.item_id,
          firstName: i.first_name,
          contactKind: i.contact_kind,
          contact: i.contact,
          createdAt: new Date(i.created_at).toISOString(),
        })),
      };
    },
  );
  api.get(
    '/interest/export',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: course interest in scope as a CSV for Dutch Excel (cells guarded against formulas)',
        tags: ['console'],
        querystring: interestExportQuerySchema,
        response: { ...ERRORS },
      },
    },
    async (request, reply) => {
      const locations = await locationsInScope(app.db, request.scope!);
      const interest = (await Promise.all(locations.map((l) => listInterest(app.db, l.id)))).flat();
      await auditOf(request)('export', 'interest');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="cursusbelangstelling.csv"')
        .header('cache-control', 'no-store')
        .serializer((p: unknown) => p as string)
        .send(interestCsv(interest) as never);
    },
  );
  api.delete(
    '/interest/:id',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: delete a course-interest entry (after calling back)',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'interest', request.params.id))) return reply.code(404).send(NOT_FOUND);
      await deleteInterest(app.db, request.params.id);
      await auditOf(request)('delete', 'interest', request.params.id);
      return { ok: true as const };
    },
  );
}
