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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.INLOOP_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    staticDir: env.INLOOP_SERVE_APP === '0' ? undefined : path.resolve(env.INLOOP_STATIC_DIR ?? 'dist'),
    publicUrl: env.INLOOP_PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
