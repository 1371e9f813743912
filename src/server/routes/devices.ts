import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema, enrolRequestSchema, enrolResponseSchema } from '../../shared/sync';
import { enrolDevice } from '../store/devices';

export const deviceRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/devices/enrol',
    {
      // Stricter than the global limit: slows anyone guessing enrolment codes.
      config: app.rateLimits ? { rateLimit: { max: app.rateLimits.enrolPerIp, timeWindow: 60_000 } } : {},
      schema: {
        summary: 'Bind this tablet to a library location with a one-time code',
        body: enrolRequestSchema,
        response: { 200: enrolResponseSchema, 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const enrolment = await enrolDevice(app.db, request.body.code, request.body.name);
      if (!enrolment) {
        return reply.code(404).send({ error: 'unknown_code', message: 'This enrolment code is unknown, already used or expired.' });
      }
      request.log.info({ deviceId: enrolment.deviceId, location: enrolment.location.id }, 'device enrolled');
      return enrolment;
    },
  );
};
