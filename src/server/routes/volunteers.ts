import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../shared/sync';
import { volunteersResponseSchema } from '../../shared/volunteers';
import { deskVolunteers } from '../store/volunteers';
import { requireDevice } from './device-auth';

/**
 * GET /api/sync/volunteers: a desk tablet fetches its location's active volunteers
 * with their PIN hashes (never PINs), so volunteers can sign in offline. The whole
 * list each time; a deactivated volunteer is simply no longer in it. A kiosk gets 403:
 * it has no volunteers and must not hold their hashes.
 */
export const volunteerRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/sync/volunteers',
    {
      onRequest: requireDevice,
      schema: {
        summary: "The active volunteers of this desk's location, with salted PIN hashes for offline sign-in",
        security: [{ device: [] }],
        response: { 200: volunteersResponseSchema, 401: apiErrorSchema, 403: apiErrorSchema, 409: apiErrorSchema, 426: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const device = request.device!;
      if (device.kind !== 'desk') {
        return reply.code(403).send({ error: 'forbidden', message: 'Only a desk tablet signs volunteers in.' });
      }
      reply.header('cache-control', 'no-store');
      return { locationId: device.locationId, volunteers: await deskVolunteers(app.db, device.locationId) };
    },
  );
};
