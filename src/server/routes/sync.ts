import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema, pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '../../shared/sync';
import { CataloguePullCache } from '../store/catalogue-pull-cache';
import { applyPush } from '../store/push';
import { requireDevice } from './device-auth';

export const syncRoutes: FastifyPluginAsync = async (app) => {
  const pullCache = new CataloguePullCache();
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
    // Sent pre-serialised: the page is the same for every tablet at this version (see catalogue-pull-cache.ts).
    async (request, reply) => reply.type('application/json').send((await pullCache.page(app.db, request.query.cursor, request.query.limit)) as never),
  );
};
