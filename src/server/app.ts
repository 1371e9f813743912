import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ApiError } from '../shared/sync';
import type { Database } from './store/database';
import { healthRoutes } from './routes/health';
import { deviceRoutes } from './routes/devices';
import { syncRoutes } from './routes/sync';
import { volunteerRoutes } from './routes/volunteers';
import { kioskRoutes } from './routes/kiosk';
import { locationProfileRoutes } from './routes/location-profile';
import { staticApp } from './routes/static-app';
import { securityHeaders } from './routes/security-headers';
import { deviceLimiter, registerRateLimits, type RateLimits } from './routes/rate-limits';
import { readConfig, trustProxyFromEnv, type TrustProxy } from './config';
import { SECURITY_SCHEMES, transform, transformObject } from './openapi';
import { certificatePage } from './routes/certificate-page';
import { tabletAddressRoutes } from './routes/tablet-address';
import { finderRoutes, type FinderOptions } from './routes/finder/index';
import type { TlsPem } from './tls/tls-files';
import { referralCardRoutes } from './routes/referral-card';
import { partnerRoutes } from './routes/partner/index';
import { followUpRoutes } from './routes/follow-ups';
import { courseRunRoutes } from './routes/course-runs';
import { referralLimiters } from './referrals/partner-flow';
import { wrongCodeLimitsFromEnv, type WrongCodeLimits } from './referrals/wrong-code-limits';

export interface ServerOptions {
  db: Database;
  /** The built PWA; omit to serve the API alone (tests, dev mode). */
  staticDir?: string;
  logger?: boolean | FastifyBaseLogger | { level: string };
  version?: string;
  /** Off in tests that send thousands of requests on purpose. */
  rateLimits?: RateLimits | false;
  /** Which proxies' X-Forwarded-* headers count; INLOOP_TRUST_PROXY when not given (off unless set). */
  trustProxy?: TrustProxy;
  /** Serve HTTPS with this certificate and key (replaced later with server.setSecureContext). */
  https?: TlsPem;
  /** The https address tablets must open, once known; see routes/tablet-address.ts. */
  tabletUrl?: () => string | undefined;
  /** The installation's own CA certificate (tls:setup), offered on /certificaat. */
  caPath?: string;
  /** The public course and help finder (/aanbod): sign-up limits, public address, clock. */
  finder?: FinderOptions;
  /** Wrong referral codes allowed per partner link and per address per hour (docs/referrals.md). */
  wrongCodeLimits?: WrongCodeLimits;
}

/** Request bodies are small JSON; the largest is a push batch of a few hundred visits. */
export const BODY_LIMIT = 2 * 1024 * 1024;

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.https ? { https: { cert: opts.https.cert, key: opts.https.key } } : {}),
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // A request whose upload stalls is answered 408 after a minute, so it can neither hold a
    // connection forever nor keep a graceful shutdown waiting on it (streamed answers are not affected).
    requestTimeout: 60_000,
    // Only a proxy named in the configuration may state the client's address: anyone else
    // could send a new X-Forwarded-For per request and slip past the per-address rate limits.
    trustProxy: opts.trustProxy ?? trustProxyFromEnv(),
    routerOptions: { maxParamLength: 200 },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const body: ApiError = {
        error: 'invalid_request',
        message: `The ${err.validationContext ?? 'request'} is not valid.`,
        issues: err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message ?? 'invalid' })),
      };
      return reply.code(400).send(body);
    }
    const status = typeof (err as { statusCode?: unknown }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, body too large, wrong content type) and the rate limiter's.
      const e = err as { code?: unknown; error?: unknown; message?: unknown };
      const code = typeof e.code === 'string' ? e.code : typeof e.error === 'string' ? e.error : 'bad_request';
      return reply
        .code(status)
        .send({ error: code, message: typeof e.message === 'string' ? e.message : 'Bad request' } satisfies ApiError);
    }
    request.log.error({ err }, 'request failed');
    if (isUnavailable(err)) {
      // A lost database connection is temporary: nothing was committed, the tablet tries again later.
      return reply
        .code(503)
        .send({ error: 'unavailable', message: 'The server could not complete this request; try again shortly.' } satisfies ApiError);
    }
    return reply
      .code(500)
      .send({ error: 'internal', message: 'Something went wrong on the server; nothing was saved. Try again later.' } satisfies ApiError);
  });

  await app.register(securityHeaders);
  if (opts.rateLimits) {
    await registerRateLimits(app, opts.rateLimits);
    app.decorate('rateLimits', opts.rateLimits);
    app.decorate('limitDevice', deviceLimiter(opts.rateLimits.perDevice));
  }

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Inloop API',
        version: opts.version ?? '0.0.0',
        description:
          'The Inloop server: device enrolment, sync, and the coordinator console. The rules a sync client follows ' +
          '(sequence numbers, acks, retries, rejections, cursors and resets, rate limits) are in docs/sync-protocol.md.',
      },
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform,
    transformObject,
  });

  await app.register(
    async (api) => {
      api.decorate('db', opts.db);
      await api.register(healthRoutes);
      await api.register(tabletAddressRoutes, { tabletUrl: opts.tabletUrl ?? (() => undefined) });
      await api.register(deviceRoutes);
      await api.register(syncRoutes);
      await api.register(volunteerRoutes);
      await api.register(kioskRoutes);
      await api.register(followUpRoutes);
      await api.register(courseRunRoutes);
      await api.register(locationProfileRoutes);
      await api.register((await import('./routes/console/index')).consoleRoutes);
      // The document names the server it came from (or INLOOP_PUBLIC_URL), so a generated client needs no base URL of its own.
      api.get('/docs', { schema: { hide: true } }, async (request) => ({
        ...app.swagger(),
        servers: [{ url: readConfig().publicUrl ?? `${request.protocol}://${request.host}`, description: 'This Inloop server' }],
      }));
      api.setNotFoundHandler((request, reply) => {
        reply.code(404).send({ error: 'not_found', message: `No API route ${request.method} ${request.url}` } satisfies ApiError);
      });
    },
    { prefix: '/api' },
  );

  await app.register(async (finder) => {
    finder.decorate('db', opts.db);
    await finder.register(finderRoutes, { publicUrl: process.env.INLOOP_PUBLIC_URL || undefined, ...opts.finder });
  });
  // Referral cards and partner links share one count of wrong codes per address.
  const limiters = referralLimiters(opts.wrongCodeLimits ?? wrongCodeLimitsFromEnv());
  await app.register(async (referrals) => {
    referrals.decorate('db', opts.db);
    await referrals.register(referralCardRoutes, { limiters });
    await referrals.register(partnerRoutes, { limiters });
  });
  await app.register(certificatePage, { caPath: opts.caPath, tabletUrl: opts.tabletUrl ?? (() => undefined) });
  if (opts.staticDir) await app.register(staticApp, { root: opts.staticDir });
  return app;
}

/** Database or network trouble (connection lost, server shutting down), as opposed to a bug. */
function isUnavailable(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code ?? '');
  const message = err instanceof Error ? err.message : '';
  return (
    /^(08|57P0|53)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) ||
    /Connection terminated|connection .*closed|Client has encountered a connection error|PGlite is closed/i.test(message)
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}
