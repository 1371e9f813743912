import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import https from 'node:https';

export const CADDY_PATH = process.env.CADDY_PATH ?? '/usr/bin/caddy';

export interface CaddyProcess {
  port: number;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Runs the shipped deploy/Caddyfile, unchanged, with the environment docs/deploy.md
 * tells an administrator to set. Its state (Caddy's data and config) goes to a
 * temporary folder, and the admin API is off so parallel runs cannot collide.
 */
export async function startCaddy(env: { domain: string; port: number; upstreams: string; tls: string }, ca: string): Promise<CaddyProcess> {
  if (!existsSync(CADDY_PATH)) {
    throw new Error(
      `Caddy not found at ${CADDY_PATH}. Install it (Debian/Ubuntu: "sudo apt-get install caddy") or set CADDY_PATH. .ci/run installs it for you.`,
    );
  }
  const home = mkdtempSync(path.join(tmpdir(), 'inloop-caddy-'));
  const child: ChildProcess = spawn(CADDY_PATH, ['run', '--config', 'deploy/Caddyfile', '--adapter', 'caddyfile'], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      INLOOP_DOMAIN: `https://${env.domain}:${env.port}`,
      INLOOP_UPSTREAMS: env.upstreams,
      INLOOP_CADDY_TLS: env.tls,
      INLOOP_CADDY_ADMIN: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`caddy exited:\n${out}`);
    const status = await get({ port: env.port, servername: env.domain, ca, path: '/api/health' }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`caddy did not answer in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port: env.port,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTPS request to loopback under a name, from a chosen loopback source address (127.0.0.2, …): another client. */
export function get(opts: {
  port: number;
  servername: string;
  ca: string;
  path: string;
  method?: string;
  body?: string;
  from?: string;
  headers?: Record<string, string>;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port: opts.port,
        servername: opts.servername,
        ca: opts.ca,
        path: opts.path,
        method: opts.method ?? 'GET',
        localAddress: opts.from,
        agent: false,
        headers: { host: `${opts.servername}:${opts.port}`, ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (d) => (body += d));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      },
    );
    request.on('error', reject);
    request.end(opts.body);
  });
}
