import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/server/store/database';
import { buildServer } from '../../src/server/app';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { createLocation, createOrganisation } from '../../src/server/store/organisations';
import { createUser } from '../../src/server/store/console/users';
import { STORAGE_TARGETS } from '../helpers/databases';
import { ORG_PATH, parse } from '../helpers/finder';

const PASSWORD = 'een lang genoeg wachtwoord';
const ORG_B = { id: '01900000-0000-7000-8000-0000000000b1', name: 'Bibliotheek Anderstad' };
// The smallest PNG: signature, IHDR, IDAT, IEND (1×1 transparent pixel).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe.each(STORAGE_TARGETS)('finder settings in the console ($name)', (target) => {
  let db: Database;
  let app: FastifyInstance;
  const as: Record<'coordA' | 'coordB', { cookie: string; csrf: string }> = {} as never;

  async function call(who: keyof typeof as, method: 'GET' | 'PUT', url: string, body?: unknown) {
    const res = await app.inject({
      method,
      url: `/api/console${url}`,
      headers: {
        cookie: as[who].cookie,
        'x-csrf-token': as[who].csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.statusCode,
      body: res.json() as {
        organisations: Array<{
          id: string;
          name: string;
          address: string;
          colour: string | null;
          frameAncestors: string[];
          hasLogo: boolean;
        }>;
      },
    };
  }

  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db);
    await createOrganisation(db, ORG_B);
    await createLocation(db, { id: '01900000-0000-7000-8000-0000000000b2', name: 'Anderstad Centrum', organisationId: ORG_B.id });
    app = await buildServer({ db, finder: { publicUrl: 'https://inloop.bieb.test' } });
    await createUser(db, { email: 'a@example.org', role: 'coordinator', organisationId: DEMO_ORGANISATION.id, password: PASSWORD });
    await createUser(db, { email: 'b@example.org', role: 'coordinator', organisationId: ORG_B.id, password: PASSWORD });
    for (const [who, email] of [
      ['coordA', 'a@example.org'],
      ['coordB', 'b@example.org'],
    ] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/console/session', payload: { email, password: PASSWORD } });
      as[who] = { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken };
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("shows a coordinator their own organisation's public address only", async () => {
    const { status, body } = await call('coordA', 'GET', '/finder');
    expect(status).toBe(200);
    expect(body.organisations.map((o) => o.name)).toEqual([DEMO_ORGANISATION.name]);
    expect(body.organisations[0]!.address).toMatch(/\/aanbod\/bibliotheek-voorbeeldstad-demo$/);
  });

  it('sets colour, logo and embedding sites, which the public pages then use', async () => {
    const saved = await call('coordA', 'PUT', `/finder/${DEMO_ORGANISATION.id}`, {
      colour: '#7a1f5c',
      frameAncestors: ['https://www.bieb-voorbeeld.test', 'https://WWW.bieb-voorbeeld.test'],
      logo: { type: 'image/png', base64: PNG.toString('base64') },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.organisations[0]).toMatchObject({
      colour: '#7a1f5c',
      frameAncestors: ['https://www.bieb-voorbeeld.test'],
      hasLogo: true,
    });
    const page = await app.inject(ORG_PATH);
    expect(page.headers['content-security-policy']).toContain('frame-ancestors https://www.bieb-voorbeeld.test');
    const logo = parse(page.body).querySelector('header img')?.getAttribute('src');
    const image = await app.inject(logo!);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);
    // Keeping the logo while changing the rest; then removing it.
    await call('coordA', 'PUT', `/finder/${DEMO_ORGANISATION.id}`, { colour: null, frameAncestors: [] });
    expect((await call('coordA', 'GET', '/finder')).body.organisations[0]).toMatchObject({
      colour: null,
      frameAncestors: [],
      hasLogo: true,
    });
    expect((await app.inject(ORG_PATH)).headers['content-security-policy']).toContain("frame-ancestors 'none'");
    await call('coordA', 'PUT', `/finder/${DEMO_ORGANISATION.id}`, { colour: null, frameAncestors: [], logo: null });
    expect((await call('coordA', 'GET', '/finder')).body.organisations[0]!.hasLogo).toBe(false);
  });

  it('refuses what is not an origin, a logo that is not what it says, and another organisation', async () => {
    for (const frameAncestors of [
      ['*'],
      ['https://*.example.nl'],
      ['http://www.example.nl'],
      ['https://www.example.nl/pad'],
      ["'self'"],
      ['https://a.nl; script-src *'],
    ]) {
      expect(
        (await call('coordA', 'PUT', `/finder/${DEMO_ORGANISATION.id}`, { colour: null, frameAncestors })).status,
        frameAncestors[0],
      ).toBe(400);
    }
    expect((await call('coordA', 'PUT', `/finder/${DEMO_ORGANISATION.id}`, { colour: 'red', frameAncestors: [] })).status).toBe(400);
    const html = Buffer.from('<script>alert(1)</script>').toString('base64');
    expect(
      (
        await call('coordA', 'PUT', `/finder/${DEMO_ORGANISATION.id}`, {
          colour: null,
          frameAncestors: [],
          logo: { type: 'image/png', base64: html },
        })
      ).status,
    ).toBe(400);
    // Another organisation's settings are answered as missing, and stay unchanged.
    expect(
      (await call('coordB', 'PUT', `/finder/${DEMO_ORGANISATION.id}`, { colour: '#000000', frameAncestors: ['https://evil.example.com'] }))
        .status,
    ).toBe(404);
    expect((await app.inject(ORG_PATH)).headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
