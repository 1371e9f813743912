import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema, resetLinkSchema, userCreateSchema, userListSchema } from '../../../shared/console';
import { UserInputError, createPasswordReset, createUser, listUsers, setUserActive, userById } from '../../store/console/users';
import { ERRORS, auditOf, requireConsole } from './auth';
import { NOT_FOUND, publicBase } from './public-links';

/** The console's own accounts (coordinators, administrators): list, create, password links, deactivate. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/users',
    {
      onRequest: requireConsole,
      schema: { summary: 'Console: accounts in scope', tags: ['console'], response: { 200: userListSchema, ...ERRORS } },
    },
    async (request) => ({ users: await listUsers(app.db, request.scope!) }),
  );
  api.post(
    '/users',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: create an account; answers a one-time set-password link',
        tags: ['console'],
        body: userCreateSchema,
        response: { 200: resetLinkSchema, ...ERRORS },
      },
    },
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
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: a one-time password link to hand over',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: resetLinkSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const target = await userById(app.db, request.params.id);
      const scope = request.scope!;
      if (!target || (scope !== null && (target.organisationId === null || !scope.includes(target.organisationId))))
        return reply.code(404).send(NOT_FOUND);
      const { token, expiresAt } = await createPasswordReset(app.db, target.id);
      await auditOf(request)('reset_link', 'user', target.id);
      return { link: `${publicBase(request)}/console/#/password/${token}`, expiresAt: expiresAt.toISOString() };
    },
  );
  api.post(
    '/users/:id/deactivate',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: deactivate an account (signs it out everywhere)',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const target = await userById(app.db, request.params.id);
      const scope = request.scope!;
      if (!target || (scope !== null && (target.organisationId === null || !scope.includes(target.organisationId))))
        return reply.code(404).send(NOT_FOUND);
      await setUserActive(app.db, target.id, false);
      await auditOf(request)('deactivate', 'user', target.id);
      return { ok: true as const };
    },
  );
}
