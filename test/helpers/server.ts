import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { openPglite } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { buildServer } from '../../src/server/app';
import type { Database } from '../../src/server/store/database';
import { createEnrolmentCode } from '../../src/server/store/devices';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type EnrolResponse } from '../../src/shared/sync';
import { SyncError, type ServerApi } from '../../src/app/sync/api';

export interface TestServer {
  app: FastifyInstance;
  db: Database;
  enrol(kind?: 'desk' | 'kiosk', locationIndex?: number): Promise<EnrolResponse>;
  /** The tablet's ServerApi, talking to the real routes in-process. */
  api: ServerApi;
}

export async function startTestServer(db: Database): Promise<TestServer> {
  await seedDemoIfEmpty(db);
  const app = await buildServer({ db });
  const request = async (method: 'GET' | 'POST', url: string, body?: unknown, token?: string) => {
    const response = await app.inject({
      method,
      url,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    if (response.statusCode >= 400) {
      const failure =
        response.statusCode === 401
          ? 'unenrolled'
          : response.statusCode === 426
            ? 'outdated'
            : response.statusCode >= 500
              ? 'server'
              : 'refused';
      throw new SyncError(failure, response.json().message, response.statusCode);
    }
    return response.json();
  };
  const api: ServerApi = {
    enrol: (code) => request('POST', '/api/devices/enrol', { code }),
    push: (token, body) => request('POST', '/api/sync/push', body, token),
    pullCatalogue: (token, cursor, limit = 500) =>
      request('GET', `/api/sync/catalogue?cursor=${encodeURIComponent(cursor)}&limit=${limit}`, undefined, token),
  };
  return {
    app,
    db,
    api,
    async enrol(kind = 'desk', locationIndex = 0) {
      const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[locationIndex]!.id, kind });
      return api.enrol(code);
    },
  };
}

/**
 * A real server on a fresh in-memory PGlite for the tests of one file: started before
 * them, closed after. Returns a getter, since the server exists only once they run.
 */
export function useTestServer(): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    const db = await openPglite();
    await migrate(db);
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.app.close();
    await server?.db.close();
  });
  return () => server!;
}
