import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { startTestServer, type TestServer } from '../helpers/server';
import { buildServer } from '../../src/server/app';

let db: Database;
let server: TestServer;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  server = await startTestServer(db);
});
afterAll(async () => {
  await server.app.close();
  await db.close();
});

describe('security headers', () => {
  it('sends a strict CSP and the usual protections on every answer', async () => {
    for (const url of ['/api/health', '/api/nope']) {
      const response = await server.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS when served over HTTPS behind a trusted proxy', async () => {
    const behindProxy = await buildServer({ db, trustProxy: ['loopback'] });
    const response = await behindProxy.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    await behindProxy.close();
    // Without a trusted proxy (the default), the header is the client's word and is ignored.
    const direct = await server.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(direct.headers['strict-transport-security']).toBeUndefined();
  });
});
