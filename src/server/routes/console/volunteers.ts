import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  idParamsSchema,
  okSchema,
  volunteerCreateSchema,
  volunteerCreatedSchema,
  volunteerListSchema,
  volunteerPinSchema,
} from '../../../shared/console';
import { inScope, locationsInScope } from '../../store/console/scope';
import { VolunteerInputError, createVolunteer, deactivateVolunteer, listVolunteers, setVolunteerPin } from '../../store/volunteers';
import { ERRORS, auditOf, requireConsole } from './auth';
import { NOT_FOUND } from './public-links';

/** The console's volunteers: list, add with a PIN, deactivate, set a new PIN. The volunteers store does the hashing and the PIN rules. */
export async function volunteerRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/volunteers',
    {
      onRequest: requireConsole,
      schema: { summary: 'Console: volunteers per location', tags: ['console'], response: { 200: volunteerListSchema, ...ERRORS } },
    },
    async (request) => {
      const locations = await locationsInScope(app.db, request.scope!);
      const ids = new Set(locations.map((l) => l.id));
      const all = await listVolunteers(app.db, { includeInactive: true });
      return {
        volunteers: all
          .filter((v) => ids.has(v.location_id))
          .map((v) => ({
            id: v.id,
            locationId: v.location_id,
            locationName: v.location_name,
            displayName: v.display_name,
            active: v.active,
          })),
      };
    },
  );
  api.post(
    '/volunteers',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: add a volunteer with a PIN',
        tags: ['console'],
        body: volunteerCreateSchema,
        response: { 200: volunteerCreatedSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'location', request.body.locationId))) return reply.code(404).send(NOT_FOUND);
      try {
        const { id } = await createVolunteer(app.db, request.body);
        await auditOf(request)('create', 'volunteer', id);
        return { id };
      } catch (err) {
        if (err instanceof VolunteerInputError) return reply.code(400).send({ error: 'invalid_volunteer', message: err.message });
        throw err;
      }
    },
  );
  api.post(
    '/volunteers/:id/deactivate',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: deactivate a volunteer',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'volunteer', request.params.id))) return reply.code(404).send(NOT_FOUND);
      await deactivateVolunteer(app.db, request.params.id);
      await auditOf(request)('deactivate', 'volunteer', request.params.id);
      return { ok: true as const };
    },
  );
  api.post(
    '/volunteers/:id/pin',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: set a new PIN for a volunteer',
        tags: ['console'],
        params: idParamsSchema,
        body: volunteerPinSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'volunteer', request.params.id))) return reply.code(404).send(NOT_FOUND);
      try {
        await setVolunteerPin(app.db, request.params.id, request.body.pin);
      } catch (err) {
        if (err instanceof VolunteerInputError) return reply.code(400).send({ error: 'invalid_pin', message: err.message });
        throw err;
      }
      await auditOf(request)('reset_pin', 'volunteer', request.params.id);
      return { ok: true as const };
    },
  );
}
