import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readConfig } from '../../config';
import { z } from '../../../shared/zod';
import {
  auditListSchema,
  auditQuerySchema,
  deviceListSchema,
  enrolCodeRequestSchema,
  enrolCodeSchema,
  idParamsSchema,
  inboxSchema,
  okSchema,
  resetLinkSchema,
  userCreateSchema,
  userListSchema,
  volunteerCreateSchema,
  volunteerListSchema,
  volunteerPinSchema,
} from '../../../shared/console';
import { listAudit } from '../../store/console/audit';
import { OPEN_REJECTED_COUNT_SQL } from '../../store/console/rejected-entries';
import { IN_SCOPE, inScope, locationsInScope } from '../../store/console/scope';
import { UserInputError, createPasswordReset, createUser, listUsers, setUserActive, userById } from '../../store/console/users';
import { createEnrolmentCode, revokeDevice } from '../../store/devices';
import { deleteInterest, listInterest } from '../../store/kiosk';
import { VolunteerInputError, createVolunteer, deactivateVolunteer, listVolunteers, setVolunteerPin } from '../../store/volunteers';
import { ERRORS, auditOf, requireConsole } from './auth';
import { interestCsv } from '../../store/console/exports';

/** The base of links the console hands out (enrolment, password): INLOOP_PUBLIC_URL or the address the browser used. */
export function publicBase(request: FastifyRequest): string {
  return readConfig().publicUrl ?? `${request.protocol}://${request.host}`;
}

const notFound = { error: 'not_found', message: 'Not found.' };

export async function networkRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Devices
  api.get(
    '/devices',
    { onRequest: requireConsole, schema: { summary: 'Console: tablets with last sync, app version, pending entries, storage state', tags: ['console'], response: { 200: deviceListSchema, ...ERRORS } } },
    async (request) => {
      const { rows } = await app.db.query<{
        id: string; kind: 'desk' | 'kiosk'; name: string | null; location_id: string; location_name: string; enrolled_at: string;
        last_seen_at: string | null; app_version: string | null; pending_reported: number | null; revoked_at: string | null;
        storage_persisted: boolean | null; storage_used_bytes: number | null; storage_quota_bytes: number | null; rejected_open: number;
      }>(
        `SELECT d.id, d.kind, d.name, d.location_id, l.name AS location_name, d.enrolled_at, d.last_seen_at, d.app_version, d.pending_reported, d.revoked_at,
                d.storage_persisted, d.storage_used_bytes, d.storage_quota_bytes, ${OPEN_REJECTED_COUNT_SQL} AS rejected_open
           FROM devices d JOIN locations l ON l.id = d.location_id WHERE ${IN_SCOPE(1)} ORDER BY d.revoked_at IS NOT NULL, l.name, d.enrolled_at DESC`,
        [request.scope],
      );
      const iso = (d: string | null) => (d === null ? null : new Date(d).toISOString());
      return {
        devices: rows.map((r) => ({
          id: r.id, kind: r.kind, name: r.name, locationId: r.location_id, locationName: r.location_name, enrolledAt: iso(r.enrolled_at)!,
          lastSeenAt: iso(r.last_seen_at), appVersion: r.app_version, pendingReported: r.pending_reported === null ? null : Number(r.pending_reported), revokedAt: iso(r.revoked_at),
          storage: { persisted: r.storage_persisted, usedBytes: r.storage_used_bytes === null ? null : Number(r.storage_used_bytes), quotaBytes: r.storage_quota_bytes === null ? null : Number(r.storage_quota_bytes) },
          rejectedOpen: Number(r.rejected_open),
        })),
      };
    },
  );
  api.post(
    '/devices/codes',
    { onRequest: requireConsole, schema: { summary: 'Console: a one-time enrolment code and link (shown as a QR code)', tags: ['console'], body: enrolCodeRequestSchema, response: { 200: enrolCodeSchema, ...ERRORS } } },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'location', request.body.locationId))) return reply.code(404).send(notFound);
      const { code, expiresAt } = await createEnrolmentCode(app.db, { locationId: request.body.locationId, kind: request.body.kind, ttlHours: 24 });
      await auditOf(request)('create_enrolment_code', 'location', request.body.locationId, { kind: request.body.kind });
      return { code, link: `${publicBase(request)}/?enrol=${code}`, expiresAt: expiresAt.toISOString() };
    },
  );
  api.post(
    '/devices/:id/revoke',
    { onRequest: requireConsole, schema: { summary: 'Console: revoke a tablet; its token is refused from now on', tags: ['console'], params: idParamsSchema, response: { 200: okSchema, ...ERRORS } } },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'device', request.params.id))) return reply.code(404).send(notFound);
      await revokeDevice(app.db, request.params.id);
      await auditOf(request)('revoke', 'device', request.params.id);
      return { ok: true as const };
    },
  );

  // Volunteers (the volunteers feature's store does the hashing and the PIN rules)
  api.get(
    '/volunteers',
    { onRequest: requireConsole, schema: { summary: 'Console: volunteers per location', tags: ['console'], response: { 200: volunteerListSchema, ...ERRORS } } },
    async (request) => {
      const locations = await locationsInScope(app.db, request.scope!);
      const ids = new Set(locations.map((l) => l.id));
      const all = await listVolunteers(app.db, { includeInactive: true });
      return {
        volunteers: all.filter((v) => ids.has(v.location_id)).map((v) => ({ id: v.id, locationId: v.location_id, locationName: v.location_name, displayName: v.display_name, active: v.active })),
      };
    },
  );
  api.post(
    '/volunteers',
    { onRequest: requireConsole, schema: { summary: 'Console: add a volunteer with a PIN', tags: ['console'], body: volunteerCreateSchema, response: { 200: z.strictObject({ id: z.uuid() }), ...ERRORS } } },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'location', request.body.locationId))) return reply.code(404).send(notFound);
      try {
        const { id } = await createVolunteer(app.db, request.body);
        await auditOf(request)('create', 'volunteer', id);
        return { id };
      } catch (err) {
        if (err instanceof VolunteerInputError) return reply.code(400).send({ error: 'invalid_volunteer', message: err.message });
        throw err;
      }
    },
  );
  api.post(
    '/volunteers/:id/deactivate',
    { onRequest: requireConsole, schema: { summary: 'Console: deactivate a volunteer', tags: ['console'], params: idParamsSchema, response: { 200: okSchema, ...ERRORS } } },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'volunteer', request.params.id))) return reply.code(404).send(notFound);
      await deactivateVolunteer(app.db, request.params.id);
      await auditOf(request)('deactivate', 'volunteer', request.params.id);
      return { ok: true as const };
    },
  );
  api.post(
    '/volunteers/:id/pin',
    { onRequest: requireConsole, schema: { summary: 'Console: set a new PIN for a volunteer', tags: ['console'], params: idParamsSchema, body: volunteerPinSchema, response: { 200: okSchema, ...ERRORS } } },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'volunteer', request.params.id))) return reply.code(404).send(notFound);
      try {
        await setVolunteerPin(app.db, request.params.id, request.body.pin);
      } catch (err) {
        if (err instanceof VolunteerInputError) return reply.code(400).send({ error: 'invalid_pin', message: err.message });
        throw err;
      }
      await auditOf(request)('reset_pin', 'volunteer', request.params.id);
      return { ok: true as const };
    },
  );

  // Console accounts
  api.get(
    '/users',
    { onRequest: requireConsole, schema: { summary: 'Console: accounts in scope', tags: ['console'], response: { 200: userListSchema, ...ERRORS } } },
    async (request) => ({ users: await listUsers(app.db, request.scope!) }),
  );
  api.post(
    '/users',
    { onRequest: requireConsole, schema: { summary: 'Console: create an account; answers a one-time set-password link', tags: ['console'], body: userCreateSchema, response: { 200: resetLinkSchema, ...ERRORS } } },
    async (request, reply) => {
      const me = request.consoleSession!.user;
      const { email, role } = request.body;
      const organisationId = role === 'admin' ? null : me.role === 'admin' ? (request.body.organisationId ?? null) : me.organisationId;
      if (me.role !== 'admin' && (role === 'admin' || (request.body.organisationId && request.body.organisationId !== me.organisationId))) {
        return reply.code(403).send({ error: 'forbidden', message: 'A coordinator adds coordinators of their own organisation only.' });
      }
      try {
        const user = await createUser(app.db, { email, role, organisationId });
        const { token, expiresAt } = await createPasswordReset(app.db, user.id);
        await auditOf(request)('create', 'user', user.id, { role });
        return { link: `${publicBase(request)}/console/#/password/${token}`, expiresAt: expiresAt.toISOString() };
      } catch (err) {
        if (err instanceof UserInputError) return reply.code(400).send({ error: 'invalid_user', message: err.message });
        throw err;
      }
    },
  );
  api.post(
    '/users/:id/reset-link',
    { onRequest: requireConsole, schema: { summary: 'Console: a one-time password link to hand over', tags: ['console'], params: idParamsSchema, response: { 200: resetLinkSchema, ...ERRORS } } },
    async (request, reply) => {
      const target = await userById(app.db, request.params.id);
      const scope = request.scope!;
      if (!target || (scope !== null && (target.organisationId === null || !scope.includes(target.organisationId)))) return reply.code(404).send(notFound);
      const { token, expiresAt } = await createPasswordReset(app.db, target.id);
      await auditOf(request)('reset_link', 'user', target.id);
      return { link: `${publicBase(request)}/console/#/password/${token}`, expiresAt: expiresAt.toISOString() };
    },
  );
  api.post(
    '/users/:id/deactivate',
    { onRequest: requireConsole, schema: { summary: 'Console: deactivate an account (signs it out everywhere)', tags: ['console'], params: idParamsSchema, response: { 200: okSchema, ...ERRORS } } },
    async (request, reply) => {
      const target = await userById(app.db, request.params.id);
      const scope = request.scope!;
      if (!target || (scope !== null && (target.organisationId === null || !scope.includes(target.organisationId)))) return reply.code(404).send(notFound);
      await setUserActive(app.db, target.id, false);
      await auditOf(request)('deactivate', 'user', target.id);
      return { ok: true as const };
    },
  );

  // Audit log
  api.get(
    '/audit',
    { onRequest: requireConsole, schema: { summary: 'Console: the audit log, newest first', tags: ['console'], querystring: auditQuerySchema, response: { 200: auditListSchema, ...ERRORS } } },
    async (request) => listAudit(app.db, request.scope!, request.query.cursor ? Number(request.query.cursor) : undefined),
  );

  // Kiosk inbox
  api.get(
    '/inbox',
    { onRequest: requireConsole, schema: { summary: 'Console: help requests and course interest per location', tags: ['console'], response: { 200: inboxSchema, ...ERRORS } } },
    async (request) => {
      const { rows } = await app.db.query<{ id: string; location_name: string; topic: string; status: string; created_at: string }>(
        `SELECT h.id, l.name AS location_name, h.topic, h.status, h.created_at FROM help_requests h JOIN locations l ON l.id = h.location_id
          WHERE ${IN_SCOPE(1)} ORDER BY h.created_at DESC LIMIT 200`,
        [request.scope],
      );
      const locations = await locationsInScope(app.db, request.scope!);
      const interest = (await Promise.all(locations.map((l) => listInterest(app.db, l.id)))).flat();
      await auditOf(request)('view', 'inbox');
      return {
        helpRequests: rows.map((r) => ({ id: r.id, locationName: r.location_name, topic: r.topic, status: r.status, createdAt: new Date(r.created_at).toISOString() })),
        interest: interest.map((i) => ({ id: i.id, locationName: i.location_name, itemId: i.item_id, firstName: i.first_name, contactKind: i.contact_kind, contact: i.contact, createdAt: new Date(i.created_at).toISOString() })),
      };
    },
  );
  api.get(
    '/interest/export',
    {
      onRequest: requireConsole,
      schema: { summary: 'Console: course interest in scope as a CSV for Dutch Excel (cells guarded against formulas)', tags: ['console'], querystring: z.strictObject({ format: z.enum(['csv']) }), response: { ...ERRORS } },
    },
    async (request, reply) => {
      const locations = await locationsInScope(app.db, request.scope!);
      const interest = (await Promise.all(locations.map((l) => listInterest(app.db, l.id)))).flat();
      await auditOf(request)('export', 'interest');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="cursusbelangstelling.csv"')
        .header('cache-control', 'no-store')
        .serializer((p: unknown) => p as string)
        .send(interestCsv(interest) as never);
    },
  );
  api.delete(
    '/interest/:id',
    { onRequest: requireConsole, schema: { summary: 'Console: delete a course-interest entry (after calling back)', tags: ['console'], params: idParamsSchema, response: { 200: okSchema, ...ERRORS } } },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'interest', request.params.id))) return reply.code(404).send(notFound);
      await deleteInterest(app.db, request.params.id);
      await auditOf(request)('delete', 'interest', request.params.id);
      return { ok: true as const };
    },
  );
}
