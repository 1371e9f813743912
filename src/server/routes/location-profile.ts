import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { locationProfileSchema } from '../../shared/municipality';
import { readConfig } from '../config';
import { interestRetentionDays } from '../jobs/purge';
import { apiErrorSchema } from '../../shared/sync';
import { locationMunicipalities } from '../store/municipalities';
import { requireDevice } from './device-auth';

/**
 * GET /api/sync/location: what a tablet needs to know about its own location to work
 * offline: the municipalities it serves (the desk's visit form, the kiosk's survey), and
 * the server's public address for the QR codes it shows (INLOOP_PUBLIC_URL, or null), and
 * how long course interest is kept (for the consent text on a desk's survey hand-over).
 * Desks and kiosks alike; the whole profile each time (it is small).
 */
export const locationProfileRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/sync/location',
    {
      onRequest: requireDevice,
      schema: {
        summary: "This tablet's location: the municipalities it serves and the server's public address (desks and kiosks)",
        description:
          "publicUrl is INLOOP_PUBLIC_URL, the address a visitor's phone opens from a QR code the tablet shows (referral card, kiosk). " +
          'Null when the server has none: the tablet then uses the origin it syncs with. ' +
          'interestRetentionDays: how long course interest is kept, for the consent text a desk shows on the survey hand-over.',
        security: [{ device: [] }],
        response: { 200: locationProfileSchema, 401: apiErrorSchema, 403: apiErrorSchema, 409: apiErrorSchema, 426: apiErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return {
        municipalities: await locationMunicipalities(app.db, request.device!.locationId),
        publicUrl: readConfig().publicUrl ?? null,
        interestRetentionDays: interestRetentionDays(),
      };
    },
  );
};
