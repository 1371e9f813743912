import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/server/store/database';
import { listInterest } from '../../src/server/store/kiosk';
import { purgeKioskData } from '../../src/server/jobs/purge';
import type { CatalogueItem } from '../../src/shared/catalogue';
import { STORAGE_TARGETS } from '../helpers/databases';
import { itemPathOf, parse, startFinderServer } from '../helpers/finder';

const LIMITS = { perAddressPerHour: 3, perCoursePerDay: 4 };

describe.each(STORAGE_TARGETS)('signing up from home ($name)', (target) => {
  let app: FastifyInstance;
  let db: Database;
  let courses: Array<{ item: CatalogueItem; path: string }>;

  beforeAll(async () => {
    db = await target.open();
    ({ app } = await startFinderServer(db, { limits: LIMITS }));
    const taken = new Set<string>();
    const pick = async () => {
      const found = await itemPathOf(db, (i) => i.kind === 'course' && i.status === 'active' && !taken.has(i.id));
      taken.add(found.item.id);
      return found;
    };
    courses = [await pick(), await pick(), await pick()];
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  let address = 0;
  /** Each test its own address (the per-address limit is tested on its own). */
  const from = () => `10.0.0.${++address}`;

  function send(path: string, fields: Record<string, string>, ip: string, query = '') {
    return app.inject({
      method: 'POST',
      url: `${path}/aanmelden${query}`,
      remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  }

  const rows = async (itemId: string) => (await listInterest(db)).filter((r) => r.item_id === itemId);

  it("puts a sign-up into the coordinator's list, and the same form again keeps one", async () => {
    const { item, path } = courses[0]!;
    const ip = from();
    const fields = { consent: 'yes', firstName: 'Fatima', phone: '06 1234 5678', email: '', website: '' };
    const first = await send(path, fields, ip);
    expect(first.statusCode).toBe(200);
    expect(parse(first.body).querySelector('h1')?.textContent).toBe('Dank u wel!');
    expect(first.headers['cache-control']).toBe('no-store');
    const listed = await rows(item.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ first_name: 'Fatima', contact_kind: 'phone', contact: '0612345678' });
    const again = await send(path, fields, ip);
    expect(again.statusCode).toBe(200);
    expect(parse(again.body).querySelector('h1')?.textContent).toBe('Dank u wel!');
    expect(await rows(item.id)).toHaveLength(1);
  });

  it("answers mistakes on the page in the visitor's language and keeps nothing", async () => {
    const { item, path } = courses[1]!;
    const response = await send(path, { firstName: '', phone: '12', email: '' }, from(), '?lang=en');
    expect(response.statusCode).toBe(400);
    const doc = parse(response.body);
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    const messages = [...doc.querySelectorAll('.errors li')].map((li) => li.textContent);
    expect(messages).toEqual([
      'Please give permission first.',
      'Please fill in your first name.',
      'This is not a phone number. For example: 06 12345678',
    ]);
    expect(doc.querySelector('#firstName')?.getAttribute('aria-invalid')).toBe('true');
    const email = await send(path, { consent: 'yes', firstName: 'Jan', email: 'jan@' }, from());
    expect(email.statusCode).toBe(400);
    expect(parse(email.body).querySelector('.errors li')?.textContent).toBe('Dit is geen e-mailadres. Bijvoorbeeld: naam@voorbeeld.nl');
    expect(await rows(item.id)).toHaveLength(0);
    // Too large or of the wrong kind: refused outright, never a server error.
    const huge = await send(path, { consent: 'yes', firstName: 'x'.repeat(1000), phone: '0612345678' }, from());
    expect(huge.statusCode).toBe(400);
    const json = await app.inject({
      method: 'POST',
      url: `${path}/aanmelden`,
      headers: { 'content-type': 'application/json' },
      payload: '{"firstName":"x"',
    });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
    expect(await rows(item.id)).toHaveLength(0);
  });

  it('thanks a robot that filled in the hidden field, and keeps nothing', async () => {
    const { item, path } = courses[1]!;
    const response = await send(
      path,
      { consent: 'yes', firstName: 'Bot', email: 'bot@example.com', website: 'https://spam.example' },
      from(),
    );
    expect(response.statusCode).toBe(200);
    expect(parse(response.body).querySelector('h1')?.textContent).toBe('Dank u wel!');
    expect(await rows(item.id)).toHaveLength(0);
  });

  it('limits sign-ups per address, and says how else to reach the library', async () => {
    const ip = from();
    const { path } = courses[1]!;
    for (let i = 0; i < LIMITS.perAddressPerHour; i++) {
      expect((await send(path, { consent: 'yes', firstName: 'Ann', email: `ann${i}@example.com` }, ip)).statusCode).toBe(200);
    }
    const over = await send(path, { consent: 'yes', firstName: 'Ann', email: 'ann-extra@example.com' }, ip);
    expect(over.statusCode).toBe(429);
    const doc = parse(over.body);
    expect(doc.querySelector('[role=status]')?.textContent).toContain('Bel de bibliotheek of kom langs');
    // Another address is not affected.
    expect((await send(path, { consent: 'yes', firstName: 'Bas', email: 'bas@example.com' }, from())).statusCode).toBe(200);
  });

  it('limits sign-ups per course per day from the public pages, for that course only', async () => {
    const { item, path } = courses[2]!;
    for (let i = 0; i < LIMITS.perCoursePerDay; i++) {
      expect((await send(path, { consent: 'yes', firstName: 'Cor', phone: `06 2000 000${i}` }, from())).statusCode).toBe(200);
    }
    const over = await send(path, { consent: 'yes', firstName: 'Cor', phone: '06 2000 0099' }, from());
    expect(over.statusCode).toBe(429);
    expect(parse(over.body).querySelector('[role=status]')?.textContent).toContain('veel mensen online aangemeld');
    expect(await rows(item.id)).toHaveLength(LIMITS.perCoursePerDay);
    const other = courses[0]!;
    expect((await send(other.path, { consent: 'yes', firstName: 'Dirk', phone: '06 3000 0001' }, from())).statusCode).toBe(200);
  });

  it('keeps sign-ups from home only as long as those left at a kiosk', async () => {
    const { item } = courses[0]!;
    expect((await rows(item.id)).length).toBeGreaterThan(0);
    await purgeKioskData(db, { now: new Date(Date.now() + 29 * 86_400_000), interestRetentionDays: 30 });
    expect((await rows(item.id)).length).toBeGreaterThan(0);
    await purgeKioskData(db, { now: new Date(Date.now() + 31 * 86_400_000), interestRetentionDays: 30 });
    expect(await rows(item.id)).toHaveLength(0);
  });
});
