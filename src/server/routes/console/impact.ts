import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/console';
import { impactQuerySchema, locationMunicipalitiesSchema, surveyReportSchema } from '../../../shared/impact';
import { surveyReport } from '../../store/console/impact';
import { inScope, locationsInScope } from '../../store/console/scope';
import { locationMunicipalities, municipalityNames, setLocationMunicipalities } from '../../store/municipalities';
import { ERRORS, auditOf, requireConsole } from './auth';
import { refusedOutOfScope } from './reports';

const notFound = { error: 'not_found', message: 'No such location.' };

/**
 * Impact in the console: the municipalities each location serves (what its tablets offer)
 * and the visitor survey's figures. See docs/console.md.
 */
export async function impactRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/locations/:id/municipalities',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: the municipalities a location serves, in the order its tablets offer them',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: locationMunicipalitiesSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'location', request.params.id))) return reply.code(404).send(notFound);
      return { municipalities: await locationMunicipalities(app.db, request.params.id) };
    },
  );

  api.put(
    '/locations/:id/municipalities',
    {
      onRequest: requireConsole,
      schema: {
        summary:
          "Console: set the municipalities a location serves (CBS codes and names); its tablets offer them from their next sync, with 'not asked' as the default",
        tags: ['console'],
        params: idParamsSchema,
        body: locationMunicipalitiesSchema,
        response: { 200: locationMunicipalitiesSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await inScope(app.db, request.scope!, 'location', id))) return reply.code(404).send(notFound);
      await app.db.transaction((tx) => setLocationMunicipalities(tx, id, request.body.municipalities));
      await auditOf(request)('update', 'location_municipalities', id, { codes: request.body.municipalities.map((m) => m.code) });
      return { municipalities: await locationMunicipalities(app.db, id) };
    },
  );

  api.get(
    '/impact/survey',
    {
      onRequest: requireConsole,
      schema: {
        summary:
          'Console: visitor survey figures for a period, the previous one and last year, by topic, help kind, location and municipality',
        tags: ['console'],
        querystring: impactQuerySchema,
        response: { 200: surveyReportSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { from, to, location, organisation, municipality } = request.query;
      if (await refusedOutOfScope(request, reply, { organisation, location })) return reply;
      if (new Date(to) <= new Date(from)) return reply.code(400).send({ error: 'invalid_period', message: '"to" must be after "from".' });
      const report = await surveyReport(app.db, request.scope!, { from, to, location, organisation, municipality });
      const locations = (await locationsInScope(app.db, request.scope!)).map((l) => l.id);
      return { ...report, municipalityNames: await municipalityNames(app.db, locations) };
    },
  );
}
