import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { courseRunsResponseSchema } from '../../shared/course-runs';
import { apiErrorSchema } from '../../shared/sync';
import { listRuns } from '../store/course-runs';
import { requireDevice } from './device-auth';

/** The open course runs of a desk's location, and the kiosk interest in their courses (kiosks are refused by the kiosk guard). */
export const courseRunRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/sync/course-runs',
    {
      onRequest: requireDevice,
      schema: {
        summary:
          "The open course runs of this desk's location, with sessions, participants and attendance, and the kiosk course interest in their courses",
        description:
          'The whole list each time (no cursor). A desk replaces its copy with it, keeping its own changes that still wait in its outbox. ' +
          'Participants, attendance, outcomes and self-assessments travel as `courseParticipant.add@1`, `courseAttendance.mark@1`, `courseParticipant.end@1` and `courseAssessment.create@1`. ' +
          'A participant whose name retention blanked has `display: null` and is shown by `number`. `interest` holds only first names, never contact details; a desk turns one into a participant with `courseParticipant.add@1` and its id as `fromInterestId`, and the server then deletes it (send at most one participant per interest). See docs/sync-protocol.md.',
        security: [{ device: [] }],
        response: { 200: courseRunsResponseSchema, 401: apiErrorSchema, 403: apiErrorSchema, 426: apiErrorSchema },
      },
    },
    async (request) => {
      const locationId = request.device!.locationId;
      const runs = await listRuns(app.db, { locationId, openOnly: true });
      const { rows } = await app.db.query<{ id: string; item_id: string; first_name: string; created_at: string | Date }>(
        `SELECT id, item_id, first_name, created_at FROM course_interest
          WHERE location_id = $1 AND item_id = ANY($2::uuid[]) ORDER BY created_at, id`,
        [locationId, runs.map((r) => r.itemId)],
      );
      return {
        runs,
        interest: rows.map((r) => ({
          id: r.id,
          itemId: r.item_id,
          firstName: r.first_name,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    },
  );
};
// Share the parent's scope, so the kiosk guard of routes/kiosk.ts covers this route too.
(courseRunRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
