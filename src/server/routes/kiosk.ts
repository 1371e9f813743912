import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { helpRequestsResponseSchema, kioskSettingsSchema } from '../../shared/kiosk';
import { apiErrorSchema, type ApiError, type DeviceKind } from '../../shared/sync';
import { kioskSettings, openHelpRequests } from '../store/kiosk';
import { requireDevice } from './device-auth';
import { interestRetentionDays } from '../jobs/purge';

/**
 * The only API routes a kiosk's token may use. Everything else is refused for it
 * (403) by the guard below, whatever the route: a kiosk on a stand in the library
 * must never read visits, volunteers or anything a coordinator sees, also not
 * through a route added later. Pushes are checked per change type in applyPush.
 */
export const KIOSK_ROUTES: readonly string[] = [
  'GET /api/sync/catalogue',
  'POST /api/sync/push',
  'GET /api/sync/state',
  'GET /api/sync/kiosk-settings',
  'GET /api/sync/location',
];

function forbidden(reply: FastifyReply, message: string) {
  return reply.code(403).send({ error: 'forbidden', message } satisfies ApiError);
}

/** onRequest hook after requireDevice: only devices of this kind. */
function onlyKind(kind: DeviceKind) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (reply.sent) return;
    if (request.device && request.device.kind !== kind) await forbidden(reply, `Only a ${kind} tablet may use this.`);
  };
}

const kioskPlugin: FastifyPluginAsync = async (app) => {
  // Runs for every route under /api (this plugin shares its parent's scope), after each
  // route's own authentication and before the body is validated or anything is read.
  app.addHook('preValidation', async (request, reply) => {
    if (request.device?.kind !== 'kiosk') return;
    if (KIOSK_ROUTES.includes(`${request.method} ${request.routeOptions.url}`)) return;
    request.log.warn({ deviceId: request.device.id, route: request.routeOptions.url }, 'kiosk refused');
    await forbidden(reply, 'A kiosk may not use this.');
    return reply;
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 401: apiErrorSchema, 403: apiErrorSchema, 426: apiErrorSchema };

  api.get(
    '/sync/help-requests',
    {
      onRequest: [requireDevice, onlyKind('desk')],
      schema: {
        summary: "Open help requests from the kiosks of this desk's location (desk only)",
        security: [{ device: [] }],
        response: { 200: helpRequestsResponseSchema, ...errors },
      },
    },
    async (request) => ({ requests: await openHelpRequests(app.db, request.device!.locationId) }),
  );

  api.get(
    '/sync/kiosk-settings',
    {
      onRequest: [requireDevice, onlyKind('kiosk')],
      schema: {
        summary: "The kiosk's settings for its location: idle reset and the exit code's hash (kiosk only)",
        security: [{ device: [] }],
        response: { 200: kioskSettingsSchema, ...errors },
      },
    },
    async (request) => kioskSettings(app.db, request.device!.locationId, interestRetentionDays()),
  );
};
// Share the parent's scope, so the guard hook covers every route under /api.
(kioskPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
export const kioskRoutes = kioskPlugin;
