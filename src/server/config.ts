import { isIP } from 'node:net';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Where embedded PGlite keeps its files, when no DATABASE_URL is given. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** The built app to serve; absent in dev mode (Vite serves it) and with INLOOP_SERVE_APP=0 (API only). */
  staticDir: string | undefined;
  /** The address printed in links, when the server sits behind a proxy. */
  publicUrl: string | undefined;
  logLevel: string;
  /** Which proxies may state the client's address and protocol (X-Forwarded-*); see trustProxyFromEnv. */
  trustProxy: TrustProxy;
  /** INLOOP_HTTP_PORT: an extra plain-HTTP port that only redirects to HTTPS (and offers /certificaat). */
  httpRedirectPort: number | undefined;
}

/** No proxy, any proxy, or only these addresses, CIDR ranges and named ranges (Fastify's `trustProxy`). */
export type TrustProxy = boolean | string[];

/** Ranges Fastify knows by name. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

const TRUST_PROXY_HELP =
  'INLOOP_TRUST_PROXY must be false, true, or the proxy addresses separated by commas ' +
  '(addresses, CIDR ranges such as 10.0.0.0/8, or loopback, linklocal, uniquelocal)';

/**
 * INLOOP_TRUST_PROXY, off by default: with it on, X-Forwarded-For decides the address
 * the per-address rate limits count, so a client reaching the server directly could
 * pick a new one per request. Turn it on only for the reverse proxy in front, by its
 * address; `true` is safe only when nothing but the proxy can reach the server.
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): TrustProxy {
  const raw = env.INLOOP_TRUST_PROXY?.trim() ?? '';
  if (raw === '' || /^(false|off|no|0)$/i.test(raw)) return false;
  if (/^(true|on|yes)$/i.test(raw)) return true;
  if (/^\d+$/.test(raw))
    throw new Error(
      `${TRUST_PROXY_HELP}; a hop count ("${raw}") is not accepted, since it cannot tell the proxy from a client connecting directly: give the proxy's address instead`,
    );
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const entry of entries) {
    if (!isProxyAddress(entry)) throw new Error(`${TRUST_PROXY_HELP}; "${entry}" is none of these (got "${env.INLOOP_TRUST_PROXY}")`);
  }
  return entries.length === 0 ? false : entries.map((e) => (NAMED_RANGES.includes(e.toLowerCase()) ? e.toLowerCase() : e));
}

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.includes(entry.toLowerCase())) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = portFromEnv(env, 'PORT') ?? 8080;
  const publicUrl = env.INLOOP_PUBLIC_URL || undefined;
  if (publicUrl && !/^https?:\/\/[^/\s]+\/?$/.test(publicUrl)) {
    throw new Error(
      `INLOOP_PUBLIC_URL must be the address people open, such as https://inloop.bibliotheek.nl (no path), got "${publicUrl}"`,
    );
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.INLOOP_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    staticDir: env.INLOOP_SERVE_APP === '0' ? undefined : path.resolve(env.INLOOP_STATIC_DIR ?? 'dist'),
    publicUrl: publicUrl?.replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: trustProxyFromEnv(env),
    httpRedirectPort: portFromEnv(env, 'INLOOP_HTTP_PORT'),
  };
}

function portFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`${name} must be a port number, got "${env[name]}"`);
  return port;
}
