import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema, pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '../../shared/sync';
import { pullCatalogueChanges } from '../store/catalogue-feed';
import { applyPush } from '../store/push';
import { requireDevice } from './device-auth';

export const syncRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 426: apiErrorSchema };

  api.post(
    '/sync/push',
    {
      onRequest: requireDevice,
      schema: {
        summary: "Push a batch of the device's outbox; answered with the sequence acknowledged",
        security: [{ device: [] }],
        body: pushRequestSchema,
        response: { 200: pushResponseSchema, ...errors },
      },
    },
    async (request) => {
      const device = request.device!;
      const result = await applyPush(app.db, device, request.body);
      request.log.info({ deviceId: device.id, ack: result.ack, applied: result.applied, rejected: result.rejected.length }, 'push applied');
      return result;
    },
  );

  api.get(
    '/sync/catalogue',
    {
      onRequest: requireDevice,
      schema: {
        summary: 'Pull catalogue changes after a cursor, in pages',
        security: [{ device: [] }],
        querystring: pullQuerySchema,
        response: { 200: pullResponseSchema, ...errors },
      },
    },
    async (request) => pullCatalogueChanges(app.db, request.query.cursor, request.query.limit),
  );
};
