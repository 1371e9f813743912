import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod';
import {
  conflictListSchema,
  correctionSchema,
  idParamsSchema,
  okSchema,
  resolveConflictSchema,
  reviewSchema,
  visitDetailSchema,
  visitLogQuerySchema,
  visitPageSchema,
} from '../../../shared/console';
import { inScope } from '../../store/console/scope';
import { correctVisit, listConflicts, listVisits, resolveConflict, reviewVisit, visitDetail } from '../../store/console/visits';
import { ERRORS, auditOf, requireConsole } from './auth';

const conflictParams = z.strictObject({ id: z.pipe(z.string().check(z.regex(/^\d{1,15}$/)), z.transform(Number)) });

export async function visitRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/visits',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: the visit log, filtered, newest first, keyset-paged',
        tags: ['console'],
        querystring: visitLogQuerySchema,
        response: { 200: visitPageSchema, ...ERRORS },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      return listVisits(app.db, request.scope!, filter, { cursor, limit });
    },
  );
  api.get(
    '/visits/:id',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: one visit with its corrections, reviews and conflicts',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: visitDetailSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const detail = await visitDetail(app.db, request.scope!, request.params.id);
      if (!detail) return reply.code(404).send({ error: 'not_found', message: 'No such visit.' });
      await auditOf(request)('view', 'visit', request.params.id);
      return detail;
    },
  );
  api.post(
    '/visits/:id/review',
    {
      onRequest: requireConsole,
      schema: {
        summary: "Console: set a visit's review state with a comment",
        tags: ['console'],
        params: idParamsSchema,
        body: reviewSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'visit', request.params.id)))
        return reply.code(404).send({ error: 'not_found', message: 'No such visit.' });
      await reviewVisit(app.db, request.params.id, request.consoleSession!.user.id, request.body.state, request.body.comment ?? null);
      await auditOf(request)('review', 'visit', request.params.id, { state: request.body.state });
      return { ok: true as const };
    },
  );
  api.post(
    '/visits/:id/corrections',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: correct a visit (kept beside the original)',
        tags: ['console'],
        params: idParamsSchema,
        body: correctionSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'visit', request.params.id)))
        return reply.code(404).send({ error: 'not_found', message: 'No such visit.' });
      const result = await correctVisit(
        app.db,
        request.params.id,
        request.consoleSession!.user.id,
        request.body.visit,
        request.body.comment ?? null,
      );
      if (result !== 'ok')
        return reply.code(400).send({ error: 'mismatch', message: "A correction keeps the visit's id, device, location and time." });
      await auditOf(request)('correct', 'visit', request.params.id);
      return { ok: true as const };
    },
  );
  api.get(
    '/conflicts',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: open conflicts from edits after sync',
        tags: ['console'],
        response: { 200: conflictListSchema, ...ERRORS },
      },
    },
    async (request) => ({ conflicts: await listConflicts(app.db, request.scope!) }),
  );
  api.post(
    '/conflicts/:id/resolve',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: resolve a conflict',
        tags: ['console'],
        params: conflictParams,
        body: resolveConflictSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const done = await resolveConflict(
        app.db,
        request.scope!,
        request.params.id,
        request.consoleSession!.user.id,
        request.body.resolution,
        request.body.comment ?? null,
      );
      if (!done) return reply.code(404).send({ error: 'not_found', message: 'No such open conflict.' });
      await auditOf(request)('resolve_conflict', 'conflict', String(request.params.id), { resolution: request.body.resolution });
      return { ok: true as const };
    },
  );
}
