import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod';
import {
  dashboardQuerySchema,
  dashboardSchema,
  exportQuerySchema,
  idoExportQuerySchema,
  idoSummarySchema,
  type IdoSummary,
} from '../../../shared/console';
import { dashboard, idoSummary } from '../../store/console/dashboard';
import { csvCell, csvExport, xlsxExport } from '../../store/console/exports';
import { inScope } from '../../store/console/scope';
import { IDO_HEADER, idoLines, reportCsv, reportTables, reportXlsx } from '../../store/console/report-export';
import { ERRORS, auditOf, requireConsole } from './auth';

const visitExportQuery = z.extend(exportQuerySchema, { rows: z.optional(z.enum(['visits', 'questions'])) });
const reportExportQuery = z.extend(dashboardQuerySchema, { format: z.enum(['csv', 'xlsx']) });

function idoCsv(s: IdoSummary): string {
  return '\uFEFF' + [IDO_HEADER, ...idoLines(s)].map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/**
 * Refuses a report asked for an organisation or a location outside the user's scope, as
 * if it did not exist (404), like every id a client names. True when it answered. (A boolean,
 * not the reply: a reply is thenable, so an async function returning it would await the send.)
 */
export async function refusedOutOfScope(
  request: FastifyRequest,
  reply: FastifyReply,
  reach: { organisation?: string; location?: string },
): Promise<boolean> {
  const { db } = request.server;
  const missing =
    reach.organisation && !(await inScope(db, request.scope!, 'organisation', reach.organisation))
      ? 'organisation'
      : reach.location && !(await inScope(db, request.scope!, 'location', reach.location))
        ? 'location'
        : undefined;
  if (missing) void reply.code(404).send({ error: 'not_found', message: `No such ${missing}.` });
  return missing !== undefined;
}

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/dashboard',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: impact figures for a period, the previous one and last year',
        tags: ['console'],
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { from, to, location, organisation, municipality } = request.query;
      if (await refusedOutOfScope(request, reply, { organisation, location })) return reply;
      if (new Date(to) <= new Date(from)) return reply.code(400).send({ error: 'invalid_period', message: '"to" must be after "from".' });
      return dashboard(app.db, request.scope!, { from, to, location, organisation, municipality });
    },
  );
  api.get(
    '/ido-summary',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: period summary laid out like the KB national IDO registration',
        tags: ['console'],
        querystring: idoExportQuerySchema,
        response: { 200: idoSummarySchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { from, to, location, organisation, municipality, format } = request.query;
      if (await refusedOutOfScope(request, reply, { organisation, location })) return reply;
      if (new Date(to) <= new Date(from)) return reply.code(400).send({ error: 'invalid_period', message: '"to" must be after "from".' });
      const summary = await idoSummary(app.db, request.scope!, { from, to, location, organisation, municipality });
      await auditOf(request)('export', 'ido_summary', location, { from, to, organisation, municipality, format: format ?? 'json' });
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="ido-overzicht-${from.slice(0, 10)}.csv"`)
          .serializer((p: unknown) => p as string)
          .send(idoCsv(summary) as never);
      }
      return summary;
    },
  );
  api.get(
    '/exports/visits',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: streamed export of visits or questions (CSV for Dutch Excel, or XLSX)',
        tags: ['console'],
        querystring: visitExportQuery,
        response: { ...ERRORS },
      },
    },
    async (request, reply) => {
      const { format, rows, ...filter } = request.query;
      if (filter.location && !(await inScope(app.db, request.scope!, 'location', filter.location)))
        return reply.code(404).send({ error: 'not_found', message: 'No such location.' });
      const kind = rows ?? 'visits';
      await auditOf(request)('export', kind, undefined, { format, filter });
      const name = `inloop-${kind === 'visits' ? 'bezoeken' : 'vragen'}-${new Date().toISOString().slice(0, 10)}`;
      reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`);
        return reply.send(csvExport(app.db, request.scope!, filter, kind) as never);
      }
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`);
      return reply.send(xlsxExport(app.db, request.scope!, filter, kind) as never);
    },
  );
  api.get(
    '/exports/report',
    {
      onRequest: requireConsole,
      schema: {
        summary:
          "Console: the quarterly report's figures as CSV (one table after another) or XLSX (a sheet per table): IDO summary, course figures, survey figures and the referral funnel, each beside the previous period",
        tags: ['console'],
        querystring: reportExportQuery,
        response: { ...ERRORS },
      },
    },
    async (request, reply) => {
      const { format, ...reach } = request.query;
      if (await refusedOutOfScope(request, reply, reach)) return reply;
      if (new Date(reach.to) <= new Date(reach.from))
        return reply.code(400).send({ error: 'invalid_period', message: '"to" must be after "from".' });
      const tables = await reportTables(app.db, request.scope!, reach);
      await auditOf(request)('export', 'report', reach.location, { ...reach, format });
      const name = `inloop-rapport-${reach.from.slice(0, 10)}`;
      reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .serializer((p: unknown) => p as string)
          .send(reportCsv(tables) as never);
      }
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send((await reportXlsx(tables)) as never);
    },
  );
}
