import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PROTOCOL_VERSION, apiErrorSchema, pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema, syncStateSchema } from '../../shared/sync';
import { CataloguePullCache } from '../store/catalogue-pull-cache';
import { applyPush, readSyncState } from '../store/push';
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
    async (request, reply) => {
      const format = (request.syncProtocol ?? PROTOCOL_VERSION) >= 2 ? 'epoch' : 'legacy';
      return reply.type('application/json').send((await pullCache.page(app.db, request.query.cursor, request.query.limit, format)) as never);
    },
  );

  api.get(
    '/sync/state',
    {
      onRequest: requireDevice,
      schema: {
        summary: "The device's place in the push sequence (its ack), without sending an entry",
        description:
          'The same `ack` a push would answer: every entry of this device up to it is stored, applied or rejected. ' +
          'A tablet that lost its bookkeeping, or a client that starts, reads it here instead of pushing to find out.',
        security: [{ device: [] }],
        response: { 200: syncStateSchema, ...errors },
      },
    },
    async (request) => readSyncState(app.db, request.device!),
  );
};
