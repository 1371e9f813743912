import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditListSchema, auditQuerySchema } from '../../../shared/console';
import { listAudit } from '../../store/console/audit';
import { ERRORS, requireConsole } from './auth';

/** The audit log of what was done in the console, newest first. */
export async function auditLogRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/audit',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: the audit log, newest first',
        tags: ['console'],
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, ...ERRORS },
      },
    },
    async (request) => listAudit(app.db, request.scope!, request.query.cursor ? Number(request.query.cursor) : undefined),
  );
}
