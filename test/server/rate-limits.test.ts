import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
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
    const guess = (ip: string) => app.inject({ method: 'POST', url: '/api/devices/enrol', payload: { code: 'ZZZZ-ZZZZ' }, remoteAddress: ip });
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
      app.inject({ method: 'GET', url: '/api/sync/catalogue?cursor=0&limit=1', headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
    for (let i = 0; i < 5; i++) expect((await pull(tokens[0]!)).statusCode).toBe(200);
    const limited = await pull(tokens[0]!);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await pull(tokens[1]!)).statusCode).toBe(200);
    await app.close();
  });
});
