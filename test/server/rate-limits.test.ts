import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { readConfig, trustProxyFromEnv } from '../../src/server/config';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { createEnrolmentCode, enrolDevice } from '../../src/server/store/devices';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared/sync';

let db: Database;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await seedDemoIfEmpty(db);
});
afterAll(async () => db.close());

describe('rate limits', () => {
  it('slows down guessing enrolment codes from one address, not from another', async () => {
    const app = await buildServer({ db, rateLimits: { perIp: 1000, perDevice: 1000, enrolPerIp: 3 } });
    const guess = (ip: string) =>
      app.inject({ method: 'POST', url: '/api/devices/enrol', payload: { code: 'ZZZZ-ZZZZ' }, remoteAddress: ip });
    expect((await guess('10.0.0.1')).statusCode).toBe(404);
    expect((await guess('10.0.0.1')).statusCode).toBe(404);
    expect((await guess('10.0.0.1')).statusCode).toBe(404);
    const limited = await guess('10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/try again/) });
    expect((await guess('10.0.0.2')).statusCode).toBe(404);
    await app.close();
  });

  it('limits one device without touching the others', async () => {
    const app = await buildServer({ db, rateLimits: { perIp: 1000, perDevice: 5, enrolPerIp: 100 } });
    const tokens = [];
    for (let i = 0; i < 2; i++) {
      const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' });
      tokens.push((await enrolDevice(db, code))!.token);
    }
    const pull = (token: string) =>
      app.inject({
        method: 'GET',
        url: '/api/sync/catalogue?cursor=0&limit=1',
        headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      });
    for (let i = 0; i < 5; i++) expect((await pull(tokens[0]!)).statusCode).toBe(200);
    const limited = await pull(tokens[0]!);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await pull(tokens[1]!)).statusCode).toBe(200);
    await app.close();
  });

  it('counts a client that connects directly by its own address, whatever X-Forwarded-For it sends', async () => {
    const app = await buildServer({ db, rateLimits: { perIp: 1000, perDevice: 1000, enrolPerIp: 3 }, trustProxy: false });
    const guess = (forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/api/devices/enrol',
        payload: { code: 'ZZZZ-ZZZZ' },
        remoteAddress: '203.0.113.7',
        headers: { 'x-forwarded-for': forwardedFor },
      });
    for (const fake of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) expect((await guess(fake)).statusCode).toBe(404);
    expect((await guess('198.51.100.4')).statusCode).toBe(429);

    const signIn = (n: number) =>
      app.inject({
        method: 'POST',
        url: '/api/console/session',
        payload: { email: `gast${n}@example.org`, password: 'geraden' },
        remoteAddress: '203.0.113.8',
        headers: { 'x-forwarded-for': `198.51.100.${n}` },
      });
    for (let n = 1; n <= 3; n++) expect((await signIn(n)).statusCode).toBe(401);
    const limited = await signIn(4);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    await app.close();
  });

  it('counts by the forwarded address only when the request comes from a trusted proxy', async () => {
    const app = await buildServer({ db, rateLimits: { perIp: 1000, perDevice: 1000, enrolPerIp: 3 }, trustProxy: ['loopback'] });
    const guess = (remoteAddress: string, forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/api/devices/enrol',
        payload: { code: 'ZZZZ-ZZZZ' },
        remoteAddress,
        headers: { 'x-forwarded-for': forwardedFor },
      });
    // Through the proxy on this machine: each library's address has its own count.
    for (const library of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5']) {
      expect((await guess('127.0.0.1', library)).statusCode).toBe(404);
    }
    for (let i = 0; i < 2; i++) expect((await guess('127.0.0.1', '198.51.100.1')).statusCode).toBe(404);
    expect((await guess('127.0.0.1', '198.51.100.1')).statusCode).toBe(429);
    // A client that goes around the proxy cannot claim other addresses.
    for (let i = 1; i <= 3; i++) expect((await guess('203.0.113.9', `198.51.100.${10 + i}`)).statusCode).toBe(404);
    expect((await guess('203.0.113.9', '198.51.100.20')).statusCode).toBe(429);
    await app.close();
  });
});

describe('INLOOP_TRUST_PROXY', () => {
  it('is off unless set, and takes true, false or the proxy addresses', () => {
    expect(trustProxyFromEnv({})).toBe(false);
    expect(trustProxyFromEnv({ INLOOP_TRUST_PROXY: 'false' })).toBe(false);
    expect(trustProxyFromEnv({ INLOOP_TRUST_PROXY: 'true' })).toBe(true);
    expect(trustProxyFromEnv({ INLOOP_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,Loopback' })).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    expect(readConfig({ INLOOP_TRUST_PROXY: '192.168.1.5' }).trustProxy).toEqual(['192.168.1.5']);
  });

  it('refuses what it cannot use, saying what it expects', () => {
    expect(() => trustProxyFromEnv({ INLOOP_TRUST_PROXY: 'proxy.bieb.local' })).toThrow(
      /INLOOP_TRUST_PROXY must be .*"proxy\.bieb\.local"/,
    );
    expect(() => trustProxyFromEnv({ INLOOP_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/10\.0\.0\.0\/33/);
    expect(() => trustProxyFromEnv({ INLOOP_TRUST_PROXY: '1' })).toThrow(/hop count/);
    expect(() => readConfig({ INLOOP_TRUST_PROXY: '300.1.1.1' })).toThrow(/INLOOP_TRUST_PROXY/);
  });
});
