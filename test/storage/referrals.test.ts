import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/server/store/database';
import { buildServer } from '../../src/server/app';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { createEnrolmentCode } from '../../src/server/store/devices';
import { createPartnerLink, revokePartnerLink } from '../../src/server/store/partner-links';
import { uuidv7 } from '../../src/shared/ids';
import { formatReferralCode, newReferralCode } from '../../src/shared/referrals';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type EnrolResponse, type OutboxEntryWire } from '../../src/shared/sync';
import type { VisitInput } from '../../src/shared/visit';
import { STORAGE_TARGETS } from '../helpers/databases';
import { referralFunnel } from '../../src/server/store/console/referral-funnel';
import { setLocationMunicipalities } from '../../src/server/store/municipalities';
import { makeVisit } from '../helpers/visits';
import { parse } from '../helpers/finder';
import { createUser } from '../../src/server/store/console/users';
import { createLocation, createOrganisation } from '../../src/server/store/organisations';
import { parseCsvRecords } from '../../src/server/catalogue/csv';
import { reportCsv, reportTables, reportXlsx } from '../../src/server/store/console/report-export';
import { csvTables, xlsxTables } from '../helpers/report-export';

import { TOPICS, termLabel } from '../../src/shared/taxonomy';

const PASSWORD = 'a long test password';
const OTHER_ORG = { id: '01900000-0000-7000-8000-0000000000c1', name: 'Bibliotheek Elders' };
const OTHER_LOCATION = { id: '01900000-0000-7000-8000-0000000000c2', name: 'Bibliotheek Elders Centrum' };

/** Het Juridisch Loket's walk-in hour at the Centrale (demo catalogue): bring a letter and ID. */
const LOKET_ITEM = { id: '01900000-0000-7000-8000-000000001078', label: 'Spreekuur Juridisch Loket in de bibliotheek' };
const LOKET = '01900000-0000-7000-8000-000000000101';
const TAALHUIS = '01900000-0000-7000-8000-000000000113';

describe.each(STORAGE_TARGETS)('referrals that close the loop ($name)', (target) => {
  let db: Database;
  let app: FastifyInstance;
  let desk: EnrolResponse;
  let desk2: EnrolResponse;
  let deskElsewhere: EnrolResponse;
  const seqs = new Map<string, number>();

  beforeAll(async () => {
    db = await target.open();
    await seedDemoIfEmpty(db);
    app = await buildServer({ db, wrongCodeLimits: { perLinkPerHour: 3, perAddressPerHour: 1000 } });
    const enrol = async (locationIndex: number) => {
      const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[locationIndex]!.id, kind: 'desk' });
      return (await app.inject({ method: 'POST', url: '/api/devices/enrol', payload: { code } })).json() as EnrolResponse;
    };
    desk = await enrol(0);
    desk2 = await enrol(0);
    deskElsewhere = await enrol(1);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const headers = (token: string) => ({
    'content-type': 'application/json',
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    authorization: `Bearer ${token}`,
  });
  async function push(device: EnrolResponse, type: string, recordId: string, payload: unknown) {
    const seq = (seqs.get(device.deviceId) ?? 0) + 1;
    seqs.set(device.deviceId, seq);
    const entry: OutboxEntryWire = { seq, recordId, type, payload, createdAt: new Date().toISOString() };
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: headers(device.token),
      payload: { appVersion: 'test', entries: [entry] },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { rejected: Array<{ reason: string }> };
  }

  async function referredVisit(overrides: Partial<VisitInput> = {}, followUpAt?: string, device = desk) {
    const code = newReferralCode();
    const visit = makeVisit(device, {
      language: 'en',
      questions: [
        {
          helpKind: 'referral',
          domain: 'other',
          organisation: 'other',
          topic: 'other',
          outcome: 'referred',
          referrals: [
            {
              target: { kind: 'catalogue', ...{ itemId: LOKET_ITEM.id, label: LOKET_ITEM.label } },
              mode: 'warm',
              code,
              ...(followUpAt ? { followUpAt } : {}),
            },
          ],
        },
      ],
      ...overrides,
    } as Partial<VisitInput>);
    expect((await push(device, 'visit.create@1', visit.id, visit)).rejected).toEqual([]);
    return { visit, code };
  }

  const partnerCall = (secret: string, path: 'lookup' | 'status', body: unknown) =>
    app.inject({
      method: 'POST',
      url: `/api/partner/referrals/${path}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      payload: body as object,
    });

  async function statusOf(code: string) {
    const { rows } = await db.query<{ status: string; history: number }>(
      `SELECT r.status, (SELECT count(*)::int FROM referral_status_history h WHERE h.visit_id = r.visit_id) AS history FROM referrals r WHERE code = $1`,
      [code],
    );
    return rows[0];
  }

  it('keeps a referral of a synced visit under its code, and the partner confirms it arrived, then helped', async () => {
    const { code } = await referredVisit();
    const link = await createPartnerLink(db, { organisationId: DEMO_ORGANISATION.id, partnerId: LOKET, createdBy: null });
    const lookup = await partnerCall(link.secret, 'lookup', { code: formatReferralCode(code).toLowerCase() });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({ code, what: LOKET_ITEM.label, location: DEMO_LOCATIONS[0].name, status: 'open', history: [] });
    // Nothing about the visitor: only what the referral was for.
    expect(Object.keys(lookup.json()).sort()).toEqual(['code', 'history', 'location', 'referredAt', 'status', 'topic', 'what']);
    expect((await partnerCall(link.secret, 'status', { code, status: 'arrived' })).json()).toMatchObject({ status: 'arrived' });
    const helped = await partnerCall(link.secret, 'status', { code, status: 'helped' });
    expect(helped.json()).toMatchObject({ status: 'helped', history: [{ status: 'arrived' }, { status: 'helped' }] });
    // The same answer sent again (a retried form) is one line of history, answered the same.
    const again = await partnerCall(link.secret, 'status', { code, status: 'helped' });
    expect(again.json()).toEqual(helped.json());
    expect(await statusOf(code)).toEqual({ status: 'helped', history: 2 });
  });

  it('counts the loop in the funnel by partner, against the period before, and "no response" once open past the weeks', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const funnel = await referralFunnel(db, null, { from, to, by: 'partner' });
    const loket = funnel.rows.find((r) => r.key === LOKET)!;
    expect(loket.label).toBe('Het Juridisch Loket');
    expect(loket.current).toMatchObject({ referred: 1, withCode: 1, arrived: 1, helped: 1, open: 0 });
    expect(loket.previous.referred).toBe(0);
    // Weeks of 0 are refused by the setting; a period long past makes the open ones "no response".
    const { code } = await referredVisit({ startedAt: new Date(Date.now() - 10 * 7 * 86_400_000).toISOString() });
    const old = await referralFunnel(
      db,
      null,
      {
        from: new Date(Date.now() - 11 * 7 * 86_400_000).toISOString(),
        to: new Date(Date.now() - 9 * 7 * 86_400_000).toISOString(),
        by: 'topic',
      },
      6,
    );
    expect(old.total.current).toMatchObject({ referred: 1, noResponse: 1, open: 0 });
    expect(code).toHaveLength(8);
  });

  it("groups the funnel by the visit's municipality, by the name its location gives it", async () => {
    await db.transaction((tx) => setLocationMunicipalities(tx, DEMO_LOCATIONS[0]!.id, [{ code: 'GM0363', name: 'Amsterdam' }]));
    const from = new Date(Date.now() - 3600_000).toISOString();
    await referredVisit({ municipality: 'GM0363' } as Partial<VisitInput>);
    await referredVisit({ municipality: 'GM0363' } as Partial<VisitInput>);
    await referredVisit();
    const funnel = await referralFunnel(db, null, { from, to: new Date(Date.now() + 3600_000).toISOString(), by: 'municipality' });
    const amsterdam = funnel.rows.find((r) => r.key === 'GM0363')!;
    expect(amsterdam.label).toBe('Amsterdam');
    expect(amsterdam.current.referred).toBe(2);
    expect(funnel.rows.find((r) => r.key === 'not_asked')!.current.referred).toBeGreaterThanOrEqual(1);
    expect(funnel.total.current.referred).toBe(funnel.rows.reduce((sum, r) => sum + r.current.referred, 0));
  });

  it('offers "Scan de code" on the partner page only as an addition: hidden without script, its scripts from this server, typing always there', async () => {
    const link = await createPartnerLink(db, { organisationId: DEMO_ORGANISATION.id, partnerId: LOKET, createdBy: null });
    const page = await app.inject({ method: 'GET', url: `/partner/${link.secret}` });
    expect(page.statusCode).toBe(200);
    const doc = parse(page.body);
    // The typed path, a plain form, is there; the scan box stays hidden until the script finds a camera.
    expect(doc.querySelector('form.partner-lookup input[name=code]')).not.toBeNull();
    const box = doc.getElementById('scan')!;
    expect(box.hasAttribute('hidden')).toBe(true);
    expect(box.querySelector('button[data-scan-start]')?.textContent).toBe('Scan de code');
    const scripts = [...doc.querySelectorAll('script')].map((s) => s.getAttribute('src'));
    expect(scripts).toEqual([expect.stringMatching(/^\/partner\/assets\/partner-scan\.js\?v=[0-9a-f]{10}$/)]);
    // The page's policy lets scripts and workers come from this server only.
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/worker-src 'self'/);
    for (const file of ['partner-scan.js', 'partner-scan-worker.js', 'jsqr.js']) {
      const plain = await app.inject({ method: 'GET', url: `/partner/assets/${file}` });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-type']).toMatch(/^text\/javascript/);
      const zipped = await app.inject({ method: 'GET', url: `/partner/assets/${file}`, headers: { 'accept-encoding': 'gzip, br' } });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    }
    expect((await app.inject({ method: 'GET', url: '/partner/assets/other.js' })).statusCode).toBe(400);
    // A referral shown: no scanning there (its own page has the marks).
    const { code } = await referredVisit();
    const found = await app.inject({
      method: 'POST',
      url: `/partner/${link.secret}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `code=${code}`,
    });
    expect(found.statusCode).toBe(200);
    expect(found.body).not.toContain('id="scan"');
  });

  const signIn = async (email: string, role: 'admin' | 'coordinator') => {
    await createUser(db, { email, role, password: PASSWORD, ...(role === 'coordinator' ? { organisationId: DEMO_ORGANISATION.id } : {}) });
    const res = await app.inject({ method: 'POST', url: '/api/console/session', payload: { email, password: PASSWORD } });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return (url: string) => app.inject({ method: 'GET', url: `/api/console${url}`, headers: { cookie } });
  };

  it("narrows the funnel to an administrator's chosen library organisation, and refuses a coordinator another one", async () => {
    await createOrganisation(db, OTHER_ORG);
    await createLocation(db, { ...OTHER_LOCATION, organisationId: OTHER_ORG.id });
    const { code: enrolCode } = await createEnrolmentCode(db, { locationId: OTHER_LOCATION.id, kind: 'desk' });
    const otherDesk = (
      await app.inject({ method: 'POST', url: '/api/devices/enrol', payload: { code: enrolCode } })
    ).json() as EnrolResponse;
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const ours = async () =>
      (await referralFunnel(db, null, { from, to, by: 'partner', organisation: DEMO_ORGANISATION.id })).total.current.referred;
    const before = await ours();
    await referredVisit({}, undefined, otherDesk);
    await referredVisit({}, undefined, otherDesk);
    expect(await ours()).toBe(before);
    expect((await referralFunnel(db, null, { from, to, by: 'partner', organisation: OTHER_ORG.id })).total.current.referred).toBe(2);
    expect((await referralFunnel(db, null, { from, to, by: 'partner' })).total.current.referred).toBe(before + 2);
    // The same through the console, as the dashboard asks for it.
    const admin = await signIn('funnel-admin@example.org', 'admin');
    const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const theirs = await admin(`/referrals/funnel?${q}&organisation=${OTHER_ORG.id}`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().total.current.referred).toBe(2);
    expect((await admin(`/referrals/funnel?${q}&organisation=${DEMO_ORGANISATION.id}`)).json().total.current.referred).toBe(before);
    expect((await admin(`/referrals/funnel?${q}&organisation=not-a-uuid`)).statusCode).toBe(400);
    const coordinator = await signIn('funnel-coordinator@example.org', 'coordinator');
    expect((await coordinator(`/referrals/funnel?${q}&organisation=${OTHER_ORG.id}`)).statusCode).toBe(404);
    expect((await coordinator(`/referrals/funnel?${q}`)).json().total.current.referred).toBe(before);
  });

  it("names every municipality in the funnel CSV and the report export, even where the visit's location does not list it", async () => {
    // Only the Centrale lists Zaanstad; a visit at Noord says Zaanstad too (Noord dropped it, or never had it).
    await db.transaction((tx) =>
      setLocationMunicipalities(tx, DEMO_LOCATIONS[0]!.id, [
        { code: 'GM0363', name: 'Amsterdam' },
        { code: 'GM0479', name: 'Zaanstad' },
      ]),
    );
    const from = new Date(Date.now() - 60_000).toISOString();
    await referredVisit({ municipality: 'GM0479' } as Partial<VisitInput>);
    await referredVisit({ municipality: 'GM0479' } as Partial<VisitInput>, undefined, deskElsewhere);
    await referredVisit();
    const to = new Date(Date.now() + 60_000).toISOString();
    const coordinator = await signIn('funnel-csv@example.org', 'coordinator');
    const res = await coordinator(
      `/referrals/funnel?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&by=municipality&format=csv`,
    );
    expect(res.statusCode).toBe(200);
    // Earlier tests' referrals fall in the period too: Amsterdam's and those not asked.
    const lines = parseCsvRecords(res.body.replace(/^\uFEFF/, ''), ';').filter((l) => l.length > 1);
    expect(lines.map((l) => l[0]).sort()).toEqual(['Amsterdam', 'Zaanstad', 'groep', 'niet gevraagd', 'totaal']);
    expect(lines.find((l) => l[0] === 'Zaanstad')![1]).toBe('2');
    expect(res.body).not.toContain('GM0479');
    expect(res.body).not.toContain('not_asked');
    // By topic: the topic's Dutch name, not its id.
    const byTopic = await coordinator(
      `/referrals/funnel?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&by=topic&format=csv`,
    );
    expect(parseCsvRecords(byTopic.body.replace(/^\uFEFF/, ''), ';')[1]![0]).toBe(termLabel(TOPICS, 'other', 'nl'));

    // The report export carries the funnel by partner and by municipality, in both files.
    const tables = await reportTables(db, [DEMO_ORGANISATION.id], { from, to });
    const csv = csvTables(reportCsv(tables));
    const csvLines = lines.map((l) => l.slice(0, 2));
    expect(csv.get('Doorverwijzingen per gemeente')!.map((r) => r.slice(0, 2))).toEqual(csvLines);
    expect(csv.get('Doorverwijzingen per partner')!.at(-1)!.slice(0, 2)).toEqual(csvLines.at(-1));
    const xlsx = await xlsxTables(await reportXlsx(tables));
    expect(xlsx.get('Doorverwijzingen per gemeente')!.rows.map((r) => r.slice(0, 2))).toEqual(
      csvLines.map(([k, n]) => [k, k === 'groep' ? n : Number(n)]),
    );
  });

  it('answers a revoked or unknown link with 401 and changes nothing', async () => {
    const { code } = await referredVisit();
    const link = await createPartnerLink(db, { organisationId: DEMO_ORGANISATION.id, partnerId: LOKET, createdBy: null });
    expect(await revokePartnerLink(db, link.id, null)).toBe(true);
    for (const secret of [link.secret, 'x'.repeat(43), 'not a secret']) {
      expect((await partnerCall(secret, 'status', { code, status: 'arrived' })).statusCode).toBe(401);
      const page = await app.inject({
        method: 'POST',
        url: `/partner/${encodeURIComponent(secret)}/status`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `code=${code}&status=arrived`,
      });
      expect(page.statusCode).toBe(401);
      expect(page.body).toContain('Deze link werkt niet');
    }
    expect(await statusOf(code)).toEqual({ status: 'open', history: 0 });
  });

  it("does not confirm another partner's referral, and limits wrong codes per link (429 with retry-after), changing nothing", async () => {
    const { code } = await referredVisit();
    const taalhuis = await createPartnerLink(db, { organisationId: DEMO_ORGANISATION.id, partnerId: TAALHUIS, createdBy: null });
    // A referral to the Juridisch Loket is not the Taalhuis's to confirm: a wrong code for this link.
    expect((await partnerCall(taalhuis.secret, 'status', { code, status: 'arrived' })).statusCode).toBe(404);
    expect((await partnerCall(taalhuis.secret, 'lookup', { code: 'ZZZZZZZZ' })).statusCode).toBe(404);
    expect((await partnerCall(taalhuis.secret, 'lookup', { code: 'abc' })).statusCode).toBe(400);
    const limited = await partnerCall(taalhuis.secret, 'lookup', { code: 'ZZZZZZZZ' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another link goes on working: the limit is per link.
    const loket = await createPartnerLink(db, { organisationId: DEMO_ORGANISATION.id, partnerId: LOKET, createdBy: null });
    expect((await partnerCall(loket.secret, 'lookup', { code })).statusCode).toBe(200);
    expect(await statusOf(code)).toEqual({ status: 'open', history: 0 });
  });

  it('limits wrong codes per address, across links and the public card page', async () => {
    const strict = await buildServer({ db, wrongCodeLimits: { perLinkPerHour: 100, perAddressPerHour: 2 } });
    try {
      const { code } = await referredVisit();
      const link = await createPartnerLink(db, { organisationId: DEMO_ORGANISATION.id, partnerId: LOKET, createdBy: null });
      expect((await strict.inject({ method: 'GET', url: '/verwijzing/ZZZZZZZZ' })).statusCode).toBe(404);
      expect(
        (
          await strict.inject({
            method: 'POST',
            url: '/api/partner/referrals/lookup',
            headers: { authorization: `Bearer ${link.secret}` },
            payload: { code: 'YYYYYYYY' },
          })
        ).statusCode,
      ).toBe(404);
      // Over the limit, even a right code is not looked up from this address.
      expect(
        (
          await strict.inject({
            method: 'POST',
            url: '/api/partner/referrals/status',
            headers: { authorization: `Bearer ${link.secret}` },
            payload: { code, status: 'arrived' },
          })
        ).statusCode,
      ).toBe(429);
      expect((await strict.inject({ method: 'GET', url: `/verwijzing/${code}` })).statusCode).toBe(429);
      // From another address it works.
      expect((await strict.inject({ method: 'GET', url: `/verwijzing/${code}`, remoteAddress: '10.0.0.9' })).statusCode).toBe(200);
      expect(await statusOf(code)).toEqual({ status: 'open', history: 0 });
    } finally {
      await strict.close();
    }
  });

  it('serves the public card in the visit language, with Dutch beside it, and no card for a code not synced', async () => {
    const followUpAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const { code } = await referredVisit({}, followUpAt);
    const page = await app.inject({ method: 'GET', url: `/verwijzing/${code}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Bring with you');
    expect(page.body).toContain('Neem mee');
    expect(page.body).toContain('Your ID card or passport');
    expect(page.body).toContain('Stationsplein 1');
    expect(page.body).toContain(formatReferralCode(code));
    expect(page.body).toContain('/aanbod/i/01900000-0000-7000-8000-000000001078?lang=en');
    const turkish = await app.inject({ method: 'GET', url: `/verwijzing/${code}?lang=tr` });
    expect(turkish.body).toContain('<html lang="tr"');
    expect(turkish.body).toContain('Yanınıza alın');
    const missing = await app.inject({ method: 'GET', url: `/verwijzing/${newReferralCode()}?lang=en` });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('This card is not here yet');
  });

  it('shows a follow-up to every desk of the location; a mark made at one reaches the other, and the latest mark counts', async () => {
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const { visit } = await referredVisit({}, at);
    const pull = async (device: EnrolResponse) => {
      const res = await app.inject({ method: 'GET', url: '/api/sync/follow-ups', headers: headers(device.token) });
      expect(res.statusCode).toBe(200);
      return (res.json() as { followUps: Array<{ visitId: string; state: string; at: string }> }).followUps.filter(
        (f) => f.visitId === visit.id,
      );
    };
    expect(await pull(desk2)).toMatchObject([{ state: 'open', at }]);
    expect(await pull(deskElsewhere)).toEqual([]);
    const later = new Date().toISOString();
    const earlier = new Date(Date.now() - 60_000).toISOString();
    expect(
      (
        await push(desk2, 'followUp.mark@1', uuidv7(), {
          id: '',
          visitId: visit.id,
          question: 0,
          referral: 0,
          mark: 'kept',
          markedAt: later,
        })
      ).rejected,
    ).toHaveLength(1);
    const kept = uuidv7();
    expect(
      (await push(desk2, 'followUp.mark@1', kept, { id: kept, visitId: visit.id, question: 0, referral: 0, mark: 'kept', markedAt: later }))
        .rejected,
    ).toEqual([]);
    expect(await pull(desk)).toMatchObject([{ state: 'kept' }]);
    // A mark made earlier offline that syncs later does not overturn it.
    const missed = uuidv7();
    expect(
      (
        await push(desk, 'followUp.mark@1', missed, {
          id: missed,
          visitId: visit.id,
          question: 0,
          referral: 0,
          mark: 'missed',
          markedAt: earlier,
        })
      ).rejected,
    ).toEqual([]);
    expect(await pull(desk2)).toMatchObject([{ state: 'kept' }]);
    // Another location's desk may not mark it.
    const foreign = uuidv7();
    const refused = await push(deskElsewhere, 'followUp.mark@1', foreign, {
      id: foreign,
      visitId: visit.id,
      question: 0,
      referral: 0,
      mark: 'missed',
      markedAt: new Date().toISOString(),
    });
    expect(refused.rejected[0]?.reason).toMatch(/another location/);
  });
});
