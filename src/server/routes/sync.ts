import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  PROTOCOL_VERSION,
  apiErrorSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  syncStateSchema,
} from '../../shared/sync';
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
        operationId: 'pushOutbox',
        description:
          "Entries are applied in `seq` order in one transaction: those at or below the device's last stored seq are skipped, " +
          'a gap stops the batch (send again from `ack + 1`), the next one is applied or rejected. `ack`: every entry up to it ' +
          'is stored. `applied`: how many entries of this request, up to `ack`, are in effect (by this delivery or an earlier one). ' +
          '`rejected`: every entry of this request, up to `ack`, that was refused, with its reason; a retry is answered the same. ' +
          "An entry whose payload does not fit the schema of its `type`, an unknown type, a `recordId` other than the payload's id, " +
          'or a record of another tablet or location is rejected per entry, never refused with 400. ' +
          '403 `forbidden_change_type`: a type this kind of device may not send (a kiosk sends only `helpRequest.create@1`, `interest.create@1` and `survey.create@1`; a desk every type but `helpRequest.create@1`); nothing of the batch was stored. See docs/sync-protocol.md.',
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
        operationId: 'pullCatalogue',
        description:
          'Start with `cursor=0`; store each page with the `cursor` it brings, and pull again while `more`. `reset: true`: the cursor ' +
          'cannot lead to every change (tombstones purged, another database epoch after a restore, or a cursor from the future): ' +
          'drop the local catalogue and apply this and the following pages from scratch. The cursor is opaque.',
        security: [{ device: [] }],
        querystring: pullQuerySchema,
        response: { 200: pullResponseSchema, ...errors },
      },
    },
    // Sent pre-serialised: the page is the same for every tablet at this version (see catalogue-pull-cache.ts).
    async (request, reply) => {
      const format = (request.syncProtocol ?? PROTOCOL_VERSION) >= 2 ? 'epoch' : 'legacy';
      return reply
        .type('application/json')
        .send((await pullCache.page(app.db, request.query.cursor, request.query.limit, format)) as never);
    },
  );

  api.get(
    '/sync/state',
    {
      onRequest: requireDevice,
      schema: {
        summary: "The device's place in the push sequence (its ack), without sending an entry",
        operationId: 'readSyncState',
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
