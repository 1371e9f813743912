import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Headers on every answer. The CSP allows no inline script and no other origin:
 * the app's code comes only from this server, so injected markup cannot run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy, letting these origins show the page in a frame: the public finder
 * of an organisation that listed its own websites in the console (routes/finder/).
 */
export function policyAllowingFrames(origins: readonly string[]): string {
  return origins.length
    ? CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", `frame-ancestors ${origins.join(' ')}`)
    : CONTENT_SECURITY_POLICY;
}

const plugin: FastifyPluginAsync = async (app) => {
  app.addHook('onSend', async (request, reply) => {
    // A route that may be framed sets its own policy (policyAllowingFrames); X-Frame-Options
    // cannot name sites, so it is left out there and frame-ancestors alone decides.
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-frame-options', 'DENY');
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'geolocation=(), microphone=(), payment=()');
    // HSTS only means something over HTTPS (directly or behind the library's proxy).
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
};

export const securityHeaders = fp(plugin, { name: 'security-headers' });
