import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { locationProfileSchema } from '../../shared/municipality';
import { readConfig } from '../config';
import { apiErrorSchema } from '../../shared/sync';
import { locationMunicipalities } from '../store/municipalities';
import { requireDevice } from './device-auth';

/**
 * GET /api/sync/location: what a tablet needs to know about its own location to work
 * offline: the municipalities it serves (the desk's visit form, the kiosk's survey), and
 * the server's public address for the QR codes it shows (INLOOP_PUBLIC_URL, or null).
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
          'Null when the server has none: the tablet then uses the origin it syncs with.',
        security: [{ device: [] }],
        response: { 200: locationProfileSchema, 401: apiErrorSchema, 403: apiErrorSchema, 409: apiErrorSchema, 426: apiErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return {
        municipalities: await locationMunicipalities(app.db, request.device!.locationId),
        publicUrl: readConfig().publicUrl ?? null,
      };
    },
  );
};
