import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app';
import type { Database } from '../../src/server/store/database';
import { createUser } from '../../src/server/store/console/users';
import { FREE_SIGN_IN_TRIES, MAX_WAIT_SECONDS } from '../../src/server/store/console/sign-in-throttle';
import { purgeExpiredData, retentionFromEnv } from '../../src/server/jobs/retention';
import { DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { STORAGE_TARGETS } from '../helpers/databases';

const PASSWORD = 'the right long password';

/**
 * Wrong console passwords slow the account down, more with each one, and the count
 * is shared by every server process on the database. The clock is faked (Date only),
 * so the waits pass without waiting.
 */
describe.each(STORAGE_TARGETS)('the slow-down on wrong console passwords on $name', (target) => {
  let db: Database;
  let one: FastifyInstance;
  let two: FastifyInstance;
  let clock = new Date('2027-03-01T09:00:00Z').getTime();

  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db);
    await createUser(db, {
      email: 'coordinator@example.org',
      role: 'coordinator',
      organisationId: DEMO_ORGANISATION.id,
      password: PASSWORD,
    });
    await createUser(db, { email: 'colleague@example.org', role: 'coordinator', organisationId: DEMO_ORGANISATION.id, password: PASSWORD });
    // Two servers on one database, as on a network that runs several.
    one = await buildServer({ db });
    two = await buildServer({ db });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.close();
  });
  afterEach(() => vi.useRealTimers());

  const at = (ms: number) => {
    clock = ms;
    vi.useFakeTimers({ toFake: ['Date'], now: clock });
  };
  const signIn = (server: FastifyInstance, email: string, password: string) =>
    server.inject({ method: 'POST', url: '/api/console/session', payload: { email, password } });

  it('gives a few free tries, then waits that double, on every server alike, and lets the right password in after the wait', async () => {
    at(clock);
    for (let i = 1; i <= FREE_SIGN_IN_TRIES; i++) {
      const res = await signIn(i % 2 ? one : two, 'coordinator@example.org', `guess ${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.headers['retry-after']).toBeUndefined();
    }
    const sixth = await signIn(one, 'Coordinator@Example.org', 'guess 6');
    expect(sixth.statusCode).toBe(401);
    expect(sixth.headers['retry-after']).toBe('30');

    // During the wait even the right password is refused, on the other server too, and the answer says how long.
    const early = await signIn(two, 'coordinator@example.org', PASSWORD);
    expect(early.statusCode).toBe(429);
    expect(early.headers['retry-after']).toBe('30');
    expect(early.json()).toMatchObject({ error: 'sign_in_slowed', message: expect.stringContaining('30 seconds') });
    at(clock + 20_000);
    expect((await signIn(one, 'coordinator@example.org', PASSWORD)).headers['retry-after']).toBe('10');

    // A colleague's account is not affected.
    expect((await signIn(one, 'colleague@example.org', PASSWORD)).statusCode).toBe(200);

    // The next wrong password after the wait doubles it.
    at(clock + 11_000);
    const seventh = await signIn(two, 'coordinator@example.org', 'guess 7');
    expect(seventh.statusCode).toBe(401);
    expect(seventh.headers['retry-after']).toBe('60');

    at(clock + 61_000);
    expect((await signIn(one, 'coordinator@example.org', PASSWORD)).statusCode).toBe(200);
    // ...and the count starts over.
    at(clock + 1_000);
    const after = await signIn(two, 'coordinator@example.org', 'one typing error');
    expect(after.statusCode).toBe(401);
    expect(after.headers['retry-after']).toBeUndefined();
  });

  it('never waits longer than the ceiling, and counts an unknown address like a known one', async () => {
    at(clock + 3_600_000);
    let last = 0;
    for (let i = 1; i <= FREE_SIGN_IN_TRIES + 12; i++) {
      const res = await signIn(one, 'nobody@example.org', `guess ${i}`);
      expect(res.statusCode).toBe(401);
      last = Number(res.headers['retry-after'] ?? 0);
      at(clock + last * 1000 + 1000);
    }
    expect(last).toBe(MAX_WAIT_SECONDS);
    expect((await db.query('SELECT account_key FROM sign_in_failures')).rows.map((r) => r.account_key)).not.toContain('nobody@example.org');
  });

  it('forgets a count a day after its last wrong password', async () => {
    at(clock + 25 * 3_600_000);
    const result = await purgeExpiredData(db, retentionFromEnv({}));
    expect(result.signInFailures).toBeGreaterThan(0);
    expect((await db.query('SELECT count(*)::int AS n FROM sign_in_failures')).rows[0]).toEqual({ n: 0 });
  });
});
