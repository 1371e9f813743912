import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { deviceListSchema, enrolCodeRequestSchema, enrolCodeSchema, idParamsSchema, okSchema } from '../../../shared/console';
import { OPEN_REJECTED_COUNT_SQL } from '../../store/console/rejected-entries';
import { IN_SCOPE, inScope } from '../../store/console/scope';
import { createEnrolmentCode, revokeDevice } from '../../store/devices';
import { ERRORS, auditOf, requireConsole } from './auth';
import { NOT_FOUND, publicBase } from './public-links';

/** The console's tablets: the list with what each last reported, enrolment codes, revoking. */
export async function deviceRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/devices',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: tablets with last sync, app version, pending entries, storage state',
        tags: ['console'],
        response: { 200: deviceListSchema, ...ERRORS },
      },
    },
    async (request) => {
      const { rows } = await app.db.query<{
        id: string;
        kind: 'desk' | 'kiosk';
        name: string | null;
        location_id: string;
        location_name: string;
        enrolled_at: string;
        last_seen_at: string | null;
        app_version: string | null;
        pending_reported: number | null;
        revoked_at: string | null;
        storage_persisted: boolean | null;
        storage_used_bytes: number | null;
        storage_quota_bytes: number | null;
        rejected_open: number;
      }>(
        `SELECT d.id, d.kind, d.name, d.location_id, l.name AS location_name, d.enrolled_at, d.last_seen_at, d.app_version, d.pending_reported, d.revoked_at,
                d.storage_persisted, d.storage_used_bytes, d.storage_quota_bytes, ${OPEN_REJECTED_COUNT_SQL} AS rejected_open
           FROM devices d JOIN locations l ON l.id = d.location_id WHERE ${IN_SCOPE(1)} ORDER BY d.revoked_at IS NOT NULL, l.name, d.enrolled_at DESC`,
        [request.scope],
      );
      const iso = (d: string | null) => (d === null ? null : new Date(d).toISOString());
      return {
        devices: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          name: r.name,
          locationId: r.location_id,
          locationName: r.location_name,
          enrolledAt: iso(r.enrolled_at)!,
          lastSeenAt: iso(r.last_seen_at),
          appVersion: r.app_version,
          pendingReported: r.pending_reported === null ? null : Number(r.pending_reported),
          revokedAt: iso(r.revoked_at),
          storage: {
            persisted: r.storage_persisted,
            usedBytes: r.storage_used_bytes === null ? null : Number(r.storage_used_bytes),
            quotaBytes: r.storage_quota_bytes === null ? null : Number(r.storage_quota_bytes),
          },
          rejectedOpen: Number(r.rejected_open),
        })),
      };
    },
  );
  api.post(
    '/devices/codes',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: a one-time enrolment code and link (shown as a QR code)',
        tags: ['console'],
        body: enrolCodeRequestSchema,
        response: { 200: enrolCodeSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'location', request.body.locationId))) return reply.code(404).send(NOT_FOUND);
      const { code, expiresAt } = await createEnrolmentCode(app.db, {
        locationId: request.body.locationId,
        kind: request.body.kind,
        ttlHours: 24,
      });
      await auditOf(request)('create_enrolment_code', 'location', request.body.locationId, { kind: request.body.kind });
      return { code, link: `${publicBase(request)}/?enrol=${code}`, expiresAt: expiresAt.toISOString() };
    },
  );
  api.post(
    '/devices/:id/revoke',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: revoke a tablet; its token is refused from now on',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'device', request.params.id))) return reply.code(404).send(NOT_FOUND);
      await revokeDevice(app.db, request.params.id);
      await auditOf(request)('revoke', 'device', request.params.id);
      return { ok: true as const };
    },
  );
}
