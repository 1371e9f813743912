import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { certificatePage, type CertificatePageOptions } from '../routes/certificate-page';
import { securityHeaders } from '../routes/security-headers';

export interface HttpRedirectOptions extends CertificatePageOptions {
  /** The HTTPS port to send people to (the main server's). */
  httpsPort: number;
  /** INLOOP_PUBLIC_URL: when set, every redirect goes to its origin instead of the name asked for. */
  publicUrl?: string;
}

/**
 * The optional plain-HTTP port (INLOOP_HTTP_PORT, e.g. 80): it serves nothing of the
 * app or the API, only redirects to the same address over HTTPS, so a tablet that was
 * given "bieb-box" or http://… lands on the secure origin. The one exception is the
 * certificate page and file (see certificate-page.ts), which a tablet needs before it
 * can trust HTTPS at all.
 */
export async function buildHttpRedirect(opts: HttpRedirectOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, requestTimeout: 60_000 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(securityHeaders);
  await app.register(certificatePage, opts);
  app.setNotFoundHandler((request, reply) => {
    const target = opts.publicUrl ? new URL(opts.publicUrl).origin : httpsOrigin(request.headers.host, opts.httpsPort);
    if (!target) return reply.code(400).type('text/plain; charset=utf-8').send('Open this server by its https:// address.');
    // 308 keeps the method and body, so even a misdirected POST is repeated over HTTPS, not turned into a GET.
    return reply
      .code(308)
      .header('location', target + request.url)
      .type('text/plain; charset=utf-8')
      .send(`Moved to ${target}${request.url}`);
  });
  return app;
}

/** The origin for the host the client asked for, on the HTTPS port; undefined for a Host header that is no host. */
export function httpsOrigin(hostHeader: string | undefined, httpsPort: number): string | undefined {
  if (!hostHeader) return undefined;
  let host: string;
  try {
    host = new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
  if (!host || /[^a-z0-9.\-:[\]]/i.test(host)) return undefined;
  return `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}`;
}
