import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CSRF_HEADER, SESSION_COOKIE, okSchema, sessionSchema, setPasswordSchema, signInSchema } from '../../../shared/console';
import { apiErrorSchema, type ApiError } from '../../../shared/sync';
import { audit } from '../../store/console/audit';
import { locationsInScope, scopeOf, type Scope } from '../../store/console/scope';
import {
  SESSION_HOURS,
  createSession,
  revokeAllSessions,
  revokeSession,
  sessionByToken,
  usePasswordReset,
  verifyCredentials,
  type ActiveSession,
} from '../../store/console/users';
import { forgetFailedSignIns, recordFailedSignIn, secondsUntilSignIn } from '../../store/console/sign-in-throttle';

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ActiveSession;
    scope?: Scope;
  }
}

export const ERRORS = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

function cookieToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const token = value.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
    }
  }
  return undefined;
}

function setCookie(request: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const value = token ?? '';
  const age = token ? SESSION_HOURS * 3600 : 0;
  reply.header('set-cookie', `${SESSION_COOKIE}=${value}; Path=/api/console; HttpOnly; SameSite=Strict; Max-Age=${age}${secure}`);
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * onRequest hook of every console route but sign-in and set-password: a valid session
 * cookie (401 otherwise; a device's bearer token is no console credential), and on every
 * change the session's CSRF token in x-csrf-token (403 otherwise). Runs before the body
 * is read, so a refused request changes nothing.
 */
export async function requireConsole(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = cookieToken(request);
  const session = token ? await sessionByToken(request.server.db, token) : undefined;
  if (!session) {
    await reply.code(401).send({ error: 'unauthenticated', message: 'Sign in to the console first.' } satisfies ApiError);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !same(header, session.csrfToken)) {
      await reply
        .code(403)
        .send({ error: 'csrf', message: "This change lacks the console's CSRF token; reload the console." } satisfies ApiError);
      return;
    }
  }
  request.consoleSession = session;
  request.scope = scopeOf(session.user);
}

/** Only the network administrator. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.consoleSession?.user.role !== 'admin') {
    await reply.code(403).send({ error: 'forbidden', message: 'Only a network administrator may do this.' } satisfies ApiError);
  }
}

export function auditOf(request: FastifyRequest) {
  const user = request.consoleSession!.user;
  return (action: string, targetType?: string, targetId?: string, details?: Record<string, unknown>) =>
    audit(request.server.db, { userId: user.id, organisationId: user.organisationId, action, targetType, targetId, details });
}

function slowedDown(reply: FastifyReply, seconds: number) {
  reply.header('retry-after', String(seconds));
  return reply.code(429).send({
    error: 'sign_in_slowed',
    message: `Too many wrong passwords for this account; try again in ${seconds} seconds.`,
  } satisfies ApiError);
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/session',
    {
      config: app.rateLimits ? { rateLimit: { max: app.rateLimits.enrolPerIp, timeWindow: 60_000 } } : {},
      schema: {
        summary:
          'Console: sign in with e-mail and password (sets the session cookie); wrong passwords slow the account down (429 with retry-after)',
        tags: ['console'],
        body: signInSchema,
        response: { 200: sessionSchema, ...ERRORS, 429: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      // While an account waits, its password is not even checked: a guess in the wait learns nothing.
      const wait = await secondsUntilSignIn(app.db, email);
      if (wait > 0) return slowedDown(reply, wait);
      const user = await verifyCredentials(app.db, email, password);
      if (!user) {
        request.log.info('console sign-in refused');
        const next = await recordFailedSignIn(app.db, email);
        if (next > 0) reply.header('retry-after', String(next));
        return reply.code(401).send({ error: 'invalid_credentials', message: 'E-mail address or password is not right.' });
      }
      await forgetFailedSignIns(app.db, email);
      const { token, csrfToken } = await createSession(app.db, user.id);
      await audit(app.db, { userId: user.id, organisationId: user.organisationId, action: 'sign_in' });
      setCookie(request, reply, token);
      reply.header('cache-control', 'no-store');
      return { user, csrfToken, locations: await locationsInScope(app.db, scopeOf(user)) };
    },
  );
  api.get(
    '/session',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: the signed-in user, their locations and the CSRF token',
        tags: ['console'],
        response: { 200: sessionSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const s = request.consoleSession!;
      reply.header('cache-control', 'no-store');
      return { user: s.user, csrfToken: s.csrfToken, locations: await locationsInScope(app.db, request.scope!) };
    },
  );
  api.delete(
    '/session',
    { onRequest: requireConsole, schema: { summary: 'Console: sign out', tags: ['console'], response: { 200: okSchema, ...ERRORS } } },
    async (request, reply) => {
      await revokeSession(app.db, request.consoleSession!.id);
      await auditOf(request)('sign_out');
      setCookie(request, reply, null);
      return { ok: true as const };
    },
  );
  api.post(
    '/session/everywhere',
    {
      onRequest: requireConsole,
      schema: { summary: 'Console: sign out on every browser', tags: ['console'], response: { 200: okSchema, ...ERRORS } },
    },
    async (request, reply) => {
      await revokeAllSessions(app.db, request.consoleSession!.user.id);
      await auditOf(request)('sign_out_everywhere');
      setCookie(request, reply, null);
      return { ok: true as const };
    },
  );
  api.post(
    '/password',
    {
      config: app.rateLimits ? { rateLimit: { max: app.rateLimits.enrolPerIp, timeWindow: 60_000 } } : {},
      schema: {
        summary: 'Console: set a password with a one-time link token',
        tags: ['console'],
        body: setPasswordSchema,
        response: { 200: okSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const userId = await usePasswordReset(app.db, request.body.token, request.body.password);
      if (!userId)
        return reply.code(404).send({ error: 'unknown_token', message: 'This link is unknown, used or expired; ask for a new one.' });
      await audit(app.db, { userId, action: 'password_set', targetType: 'user', targetId: userId });
      return { ok: true as const };
    },
  );
}
