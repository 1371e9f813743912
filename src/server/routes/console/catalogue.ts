import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod';
import { toCsv } from '../../catalogue/csv';
import { toHsds } from '../../catalogue/hsds';
import { importCatalogue } from '../../catalogue/import';
import { formatIssue } from '../../catalogue/validate';
import { readCatalogue } from '../../store/catalogue-store';
import { ERRORS, auditOf, requireAdmin, requireConsole } from './auth';

/**
 * The catalogue is one for the network (tablets of every organisation pull it), so a
 * coordinator exports it and a network administrator imports it. Import validates the
 * whole file and changes nothing when anything is wrong; changes reach tablets through
 * the catalogue pull.
 */
const exportQuery = z.strictObject({ format: z.enum(['hsds', 'csv']) });
const importBody = z.strictObject({ fileName: z.string().check(z.minLength(1), z.maxLength(200)), text: z.string().check(z.minLength(1), z.maxLength(1_500_000)) });
const importResponse = z.strictObject({
  ok: z.boolean(),
  issues: z.array(z.string()),
  counts: z.strictObject({ organizations: z.number(), locations: z.number(), items: z.number() }),
});

export async function catalogueRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/catalogue/export',
    { onRequest: requireConsole, schema: { summary: 'Console: the catalogue as HSDS JSON or CSV', tags: ['console'], querystring: exportQuery, response: { ...ERRORS } } },
    async (request, reply) => {
      const doc = await readCatalogue(app.db);
      await auditOf(request)('export', 'catalogue', undefined, { format: request.query.format });
      const csv = request.query.format === 'csv';
      return reply
        .type(csv ? 'text/csv; charset=utf-8' : 'application/json')
        .header('content-disposition', `attachment; filename="catalogus.${csv ? 'csv' : 'json'}"`)
        .serializer((p: unknown) => p as string)
        .send((csv ? toCsv(doc) : JSON.stringify(toHsds(doc), null, 2)) as never);
    },
  );
  api.post(
    '/catalogue/import',
    { onRequest: [requireConsole, requireAdmin], schema: { summary: 'Console: import a catalogue file (network administrator)', tags: ['console'], body: importBody, response: { 200: importResponse, ...ERRORS } } },
    async (request) => {
      const outcome = await importCatalogue(app.db, request.body.fileName, request.body.text);
      if (!outcome.issues.length) await auditOf(request)('import', 'catalogue', undefined, { ...outcome.counts });
      return { ok: outcome.issues.length === 0, issues: outcome.issues.map(formatIssue), counts: outcome.counts };
    },
  );
}
