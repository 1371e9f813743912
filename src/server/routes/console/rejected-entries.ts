import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okSchema } from '../../../shared/console';
import {
  rejectedEntryExportQuerySchema,
  rejectedEntryListSchema,
  rejectedEntryParamsSchema,
  rejectedEntryQuerySchema,
} from '../../../shared/rejected-entries';
import { inScope } from '../../store/console/scope';
import { listRejectedEntries, markRejectedEntryHandled, rejectedEntriesCsv } from '../../store/console/rejected-entries';
import { ERRORS, auditOf, requireConsole } from './auth';

const notFound = { error: 'not_found', message: 'No such tablet or rejected entry.' };

/** Rejected entries per tablet: see, export, mark handled. See docs/console.md. */
export async function rejectedEntryRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/rejected-entries',
    {
      onRequest: requireConsole,
      schema: {
        summary:
          "Console: a tablet's rejected entries, newest first: when, change type, reason and the payload with personal data redacted",
        tags: ['console'],
        querystring: rejectedEntryQuerySchema,
        response: { 200: rejectedEntryListSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const list = await listRejectedEntries(app.db, request.scope!, request.query.device, request.query.state);
      if (!list) return reply.code(404).send(notFound);
      await auditOf(request)('view', 'rejected_entries', request.query.device, { state: request.query.state });
      return list;
    },
  );
  api.get(
    '/rejected-entries/export',
    {
      onRequest: requireConsole,
      schema: {
        summary: "Console: a tablet's rejected entries as CSV for Excel (every one, oldest first)",
        tags: ['console'],
        querystring: rejectedEntryExportQuerySchema,
        response: { ...ERRORS },
      },
    },
    async (request, reply) => {
      const { device, state } = request.query;
      if (!(await inScope(app.db, request.scope!, 'device', device))) return reply.code(404).send(notFound);
      await auditOf(request)('export', 'rejected_entries', device, { state });
      reply.header('cache-control', 'no-store');
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="geweigerd-${device.slice(0, 8)}-${new Date().toISOString().slice(0, 10)}.csv"`,
        );
      return reply.send(rejectedEntriesCsv(app.db, device, state) as never);
    },
  );
  api.post(
    '/rejected-entries/:id/handled',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: mark a rejected entry handled (it leaves the open count of its tablet)',
        tags: ['console'],
        params: rejectedEntryParamsSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const marked = await markRejectedEntryHandled(app.db, request.scope!, request.params.id, request.consoleSession!.user.id);
      if (marked === 'missing') return reply.code(404).send(notFound);
      await auditOf(request)('handle', 'rejected_entry', String(request.params.id), { device: marked.deviceId });
      return { ok: true as const };
    },
  );
}
