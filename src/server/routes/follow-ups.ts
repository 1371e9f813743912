import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { followUpsResponseSchema } from '../../shared/referrals';
import { apiErrorSchema } from '../../shared/sync';
import { locationFollowUps } from '../store/referrals';
import { requireDevice } from './device-auth';

/** The follow-up appointments of a desk's location, for every desk there (kiosks are refused by the kiosk guard). */
export const followUpRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/sync/follow-ups',
    {
      onRequest: requireDevice,
      schema: {
        summary: "The follow-up appointments of this desk's location: from 14 days ago on, with how desks marked them",
        description:
          'The whole list each time (no cursor), soonest first. A desk replaces its copy with it, keeping its own marks that still wait in its outbox. ' +
          'Marks travel as `followUp.mark@1` changes; the latest `markedAt` counts. See docs/referrals.md.',
        security: [{ device: [] }],
        response: { 200: followUpsResponseSchema, 401: apiErrorSchema, 403: apiErrorSchema, 426: apiErrorSchema },
      },
    },
    async (request) => ({
      followUps: (await locationFollowUps(app.db, request.device!.locationId)).map(({ location: _location, ...f }) => f),
    }),
  );
};
// Share the parent's scope, so the kiosk guard of routes/kiosk.ts covers this route too.
(followUpRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
