import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { surveyFigures } from '../../src/server/store/console/impact';
import { dashboard, idoSummary } from '../../src/server/store/console/dashboard';
import { setLocationMunicipalities } from '../../src/server/store/municipalities';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { uuidv7 } from '../../src/shared/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type EnrolResponse, type OutboxEntryWire } from '../../src/shared/sync';
import type { SurveyResponseInput } from '../../src/shared/survey';
import { STORAGE_TARGETS } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeVisit } from '../helpers/visits';
import { csvTables, xlsxTables } from '../helpers/report-export';
import { reportCsv, reportTables, reportXlsx } from '../../src/server/store/console/report-export';

/**
 * The visitor survey and the municipality on the server: answers pushed by desks (linked to
 * their visit) and kiosks (linked to none), what is refused and why, the municipalities a
 * location's tablets pull, and the figures the console shows, split by topic and municipality.
 */
describe.each(STORAGE_TARGETS)('visitor survey and municipality on the server ($name)', (target) => {
  let db: Database;
  let server: TestServer;
  let desk: EnrolResponse;
  let otherDesk: EnrolResponse;
  let kiosk: EnrolResponse;
  const seqs = new Map<string, number>();
  const period = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };

  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db);
    desk = await server.enrol('desk', 0);
    otherDesk = await server.enrol('desk', 0);
    kiosk = await server.enrol('kiosk', 0);
  }, 60_000);
  afterAll(async () => {
    await server?.app.close();
    await db?.close();
  });

  const call = (method: 'GET' | 'POST', url: string, token: string, body?: unknown) =>
    server.app.inject({
      method,
      url,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
    });
  function entry(device: EnrolResponse, type: string, recordId: string, payload: unknown): OutboxEntryWire {
    const seq = (seqs.get(device.deviceId) ?? 0) + 1;
    seqs.set(device.deviceId, seq);
    return { seq, recordId, type, payload, createdAt: new Date().toISOString() };
  }
  async function push(device: EnrolResponse, entries: OutboxEntryWire[]) {
    const res = await call('POST', '/api/sync/push', device.token, { appVersion: 'test', entries });
    expect(res.statusCode).toBe(200);
    return res.json() as { ack: number; applied: number; rejected: Array<{ seq: number; reason: string }> };
  }
  const answers = (a: Record<string, string>) => Object.entries(a).map(([question, choice]) => ({ question, choice }));
  const survey = (
    device: EnrolResponse,
    visitId: string | null,
    a: Record<string, string>,
    extra: Partial<SurveyResponseInput> = {},
  ): SurveyResponseInput => ({
    id: uuidv7(),
    deviceId: device.deviceId,
    locationId: device.location.id,
    visitId,
    surveyVersion: 1,
    language: 'ar',
    answers: answers(a),
    answeredAt: new Date().toISOString(),
    ...extra,
  });

  it('gives desks and kiosks the municipalities their location serves, in the order set', async () => {
    await setLocationMunicipalities(db, DEMO_LOCATIONS[0].id, [
      { code: 'GM0363', name: 'Amsterdam' },
      { code: 'GM0437', name: 'Ouder-Amstel' },
    ]);
    for (const device of [desk, kiosk]) {
      const res = await call('GET', '/api/sync/location', device.token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        municipalities: [
          { code: 'GM0363', name: 'Amsterdam' },
          { code: 'GM0437', name: 'Ouder-Amstel' },
        ],
        publicUrl: null,
        interestRetentionDays: 30,
      });
    }
    const elsewhere = await server.enrol('desk', 1);
    expect((await call('GET', '/api/sync/location', elsewhere.token)).json()).toEqual({
      municipalities: [],
      publicUrl: null,
      interestRetentionDays: 30,
    });
  });

  it("tells desks and kiosks the server's public address (INLOOP_PUBLIC_URL) for the QR codes they show", async () => {
    const before = process.env.INLOOP_PUBLIC_URL;
    process.env.INLOOP_PUBLIC_URL = 'https://aanbod.bibliotheekvoorbeeld.nl/';
    try {
      for (const device of [desk, kiosk]) {
        const res = await call('GET', '/api/sync/location', device.token);
        expect(res.statusCode).toBe(200);
        expect(res.json().publicUrl).toBe('https://aanbod.bibliotheekvoorbeeld.nl');
      }
    } finally {
      if (before === undefined) delete process.env.INLOOP_PUBLIC_URL;
      else process.env.INLOOP_PUBLIC_URL = before;
    }
  });

  it('stores desk answers linked to their visit, kiosk answers linked to none, each exactly once', async () => {
    const digid = makeVisit(desk, { municipality: 'GM0363' });
    const tax = makeVisit(desk, {
      questions: [
        {
          helpKind: 'digital_service',
          domain: 'digital_government',
          organisation: 'belastingdienst',
          topic: 'tax_return',
          outcome: 'answered',
        },
      ],
    });
    const first = survey(
      desk,
      digid.id,
      { helped: 'yes', selfNextTime: 'partly', confidence: '4', recommend: 'yes' },
      { municipality: 'GM0363' },
    );
    const second = survey(desk, tax.id, { helped: 'no', confidence: '2' }, { comment: 'Het was druk.' });
    const fromKiosk = survey(kiosk, null, { helped: 'yes', selfNextTime: 'yes', confidence: '5' }, { municipality: 'GM0437' });
    const sent = [
      entry(desk, 'visit.create@1', digid.id, digid),
      entry(desk, 'visit.create@1', tax.id, tax),
      entry(desk, 'survey.create@1', first.id, first),
      entry(desk, 'survey.create@1', second.id, second),
    ];
    expect(await push(desk, sent)).toMatchObject({ applied: 4, rejected: [] });
    // The answer got lost: the same entries again change nothing.
    expect(await push(desk, sent)).toMatchObject({ applied: 4, rejected: [] });
    expect(await push(kiosk, [entry(kiosk, 'survey.create@1', fromKiosk.id, fromKiosk)])).toMatchObject({ applied: 1, rejected: [] });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_responses');
    expect(rows[0]!.n).toBe(3);
    const stored = await db.query<{ answers: Record<string, string>; visit_id: string | null }>(
      'SELECT answers, visit_id FROM survey_responses WHERE id = $1',
      [first.id],
    );
    expect(stored.rows[0]).toEqual({
      answers: { helped: 'yes', selfNextTime: 'partly', confidence: '4', recommend: 'yes' },
      visit_id: digid.id,
    });
    const visitRow = await db.query<{ municipality: string | null }>('SELECT municipality FROM visits WHERE id = $1', [digid.id]);
    expect(visitRow.rows[0]!.municipality).toBe('GM0363');
  });

  it("refuses answers that name another tablet's visit, a kiosk linking a visit, unknown choices and personal data, and keeps why", async () => {
    const theirs = makeVisit(otherDesk);
    expect(await push(otherDesk, [entry(otherDesk, 'visit.create@1', theirs.id, theirs)])).toMatchObject({ rejected: [] });
    const onTheirs = survey(desk, theirs.id, { helped: 'yes' });
    const badChoice = survey(desk, null, { helped: 'maybe' });
    const unknownQuestion = survey(desk, null, { happiness: 'yes' });
    const personal = survey(desk, null, { helped: 'yes' }, { comment: 'Bel mij op 06-12345678' });
    const answer = await push(desk, [
      entry(desk, 'survey.create@1', onTheirs.id, onTheirs),
      entry(desk, 'survey.create@1', badChoice.id, badChoice),
      entry(desk, 'survey.create@1', unknownQuestion.id, unknownQuestion),
      entry(desk, 'survey.create@1', personal.id, personal),
    ]);
    expect(answer.applied).toBe(0);
    expect(answer.rejected.map((r) => r.reason)).toEqual([
      'the visit was recorded by another tablet',
      expect.stringContaining('"maybe" is not a choice of question "helped"'),
      expect.stringContaining('no question "happiness" in survey version 1'),
      expect.stringContaining('contains personal data: phone'),
    ]);
    const linked = survey(kiosk, theirs.id, { helped: 'yes' });
    expect((await push(kiosk, [entry(kiosk, 'survey.create@1', linked.id, linked)])).rejected[0]!.reason).toBe(
      'only a desk tablet links survey answers to a visit',
    );
  });

  it('counts the share of visits answered, helped, able to do it themselves and confident, by topic and municipality', async () => {
    const f = await surveyFigures(db, [DEMO_ORGANISATION.id], period);
    // Three visits at the location (two by this desk, one by the other), two answered.
    expect(f.total).toMatchObject({
      visits: 3,
      answered: 2,
      helpedYes: 1,
      helpedAnswered: 2,
      selfYes: 0,
      selfAnswered: 1,
      confidentHigh: 1,
      confidenceAnswered: 2,
      confidenceSum: 6,
    });
    expect(f.kiosk).toMatchObject({ visits: 0, answered: 1, helpedYes: 1, selfYes: 1, confidentHigh: 1 });
    const byKey = (rows: typeof f.topics) => Object.fromEntries(rows.map((r) => [r.key, [r.visits, r.answered, r.helpedYes]]));
    expect(byKey(f.topics)).toEqual({ digid: [2, 1, 1], tax_return: [1, 1, 0] });
    expect(byKey(f.municipalities)).toEqual({ GM0363: [1, 1, 1], not_asked: [2, 1, 0] });
    // Narrowed to one municipality: only its visits, and kiosk answers given for it.
    const amsterdam = await surveyFigures(db, [DEMO_ORGANISATION.id], { ...period, municipality: 'GM0363' });
    expect(amsterdam.total).toMatchObject({ visits: 1, answered: 1 });
    expect(amsterdam.kiosk.answered).toBe(0);
    // Another organisation sees none of it.
    expect((await surveyFigures(db, ['01900000-0000-7000-8000-0000000000ff'], period)).total.visits).toBe(0);
  });

  it("splits the dashboard and the IDO summary by the visit's municipality", async () => {
    const scope = [DEMO_ORGANISATION.id];
    const d = await dashboard(db, scope, period);
    expect(Object.fromEntries(d.current.municipalities.map((r) => [r.key, r.count]))).toEqual({ GM0363: 1, not_asked: 2 });
    expect((await idoSummary(db, scope, { ...period, municipality: 'GM0363' })).visits).toBe(1);
    expect((await idoSummary(db, scope, { ...period, municipality: 'not_asked' })).visits).toBe(2);
  });

  it('puts the survey figures in the report export beside the previous period and last year, by topic and municipality', async () => {
    await db.transaction((tx) => setLocationMunicipalities(tx, DEMO_LOCATIONS[0]!.id, [{ code: 'GM0363', name: 'Amsterdam' }]));
    const tables = await reportTables(db, [DEMO_ORGANISATION.id], period);
    const csv = csvTables(reportCsv(tables));
    expect(csv.get('Vragenlijst')).toEqual([
      ['waarde', 'deze periode', 'vorige periode', 'vorig jaar'],
      ['bezoeken', '3', '0', '0'],
      ['met antwoord (%)', '67', '', ''],
      ['goed geholpen (%)', '50', '', ''],
      ['kan het voortaan zelf (%)', '0', '', ''],
      ['zekerder (%)', '50', '', ''],
      ['zekerheid gemiddeld (1-5)', '3', '', ''],
      ['antwoorden op een kiosk', '1', '0', '0'],
    ]);
    const byTopic = csv.get('Vragenlijst per onderwerp')!;
    expect(byTopic[0]).toEqual([
      'groep',
      'bezoeken',
      'met antwoord (%)',
      'goed geholpen (%)',
      'kan het voortaan zelf (%)',
      'zekerder (%)',
      'vorige periode: goed geholpen (%)',
    ]);
    expect(byTopic.find((r) => r[0] === 'DigiD')!.slice(0, 4)).toEqual(['DigiD', '2', '50', '100']);
    const byMunicipality = csv.get('Vragenlijst per gemeente')!;
    expect(byMunicipality.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['niet gevraagd', '2', '50'],
      ['Amsterdam', '1', '100'],
    ]);
    const xlsx = await xlsxTables(await reportXlsx(tables));
    const totals = xlsx.get('Vragenlijst')!;
    expect(totals.rows[2]![1]).toBeCloseTo(2 / 3, 6);
    expect(totals.formats[2]![1]).toBe('0%');
    expect(totals.rows[6]!.slice(0, 2)).toEqual(['zekerheid gemiddeld (1-5)', 3]);
    expect(xlsx.get('Vragenlijst per gemeente')!.rows[2]!.slice(0, 3)).toEqual(['Amsterdam', 1, 1]);
  });
});
