import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/store/database';
import { createUser } from '../../src/server/store/console/users';
import { purgeExpiredData, retentionFromEnv } from '../../src/server/jobs/retention';
import { DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { uuidv7 } from '../../src/shared/ids';
import { INTEREST_CONSENT_VERSION, type CourseInterest } from '../../src/shared/kiosk';
import {
  ASSESSMENT_VERSION,
  PARTICIPANT_CONSENT_VERSION,
  assessmentStatements,
  type AssessmentInput,
  type CourseFigures,
  type CourseRun,
  type CourseRunsResponse,
  type ParticipantAddInput,
} from '../../src/shared/course-runs';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type EnrolResponse, type OutboxEntryWire } from '../../src/shared/sync';
import { STORAGE_TARGETS } from '../helpers/databases';
import type { CourseReport } from '../../src/shared/impact';
import { startTestServer, type TestServer } from '../helpers/server';
import { csvTables, xlsxTables } from '../helpers/report-export';
import { setLocationMunicipalities } from '../../src/server/store/municipalities';
import { STATEMENT_NL } from '../../src/server/store/console/report-labels';

const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';

/**
 * Course runs on the server: a coordinator makes a run of a catalogue course; a desk keeps
 * its participants offline (one from a kiosk's course interest), taps attendance, records
 * who finished or stopped and the self-assessments; the console's course figures and the
 * KB course registration count them; retention blanks the names and the counts stay.
 */
describe.each(STORAGE_TARGETS)('course runs on the server ($name)', (target) => {
  let db: Database;
  let server: TestServer;
  let desk: EnrolResponse;
  let otherDesk: EnrolResponse;
  let elsewhere: EnrolResponse;
  let kiosk: EnrolResponse;
  let session: { cookie: string; csrf: string };
  let item: { id: string; theme: string };
  let run: CourseRun;
  const seqs = new Map<string, number>();
  const now = Date.now();
  const sessionStarts = [now - 20 * DAY, now - 13 * DAY, now - 6 * DAY].map((t) => new Date(t).toISOString());
  const period = { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now + DAY).toISOString() };
  const people: Record<'ans' | 'bram' | 'no7', ParticipantAddInput> = {} as never;

  beforeAll(async () => {
    db = await target.open();
    server = await startTestServer(db);
    desk = await server.enrol('desk', 0);
    otherDesk = await server.enrol('desk', 0);
    elsewhere = await server.enrol('desk', 1);
    kiosk = await server.enrol('kiosk', 0);
    await createUser(db, { email: 'coord@example.org', role: 'coordinator', organisationId: DEMO_ORGANISATION.id, password: PASSWORD });
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/console/session',
      payload: { email: 'coord@example.org', password: PASSWORD },
    });
    session = { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken };
    const { rows } = await db.query<{ id: string; data: { themes: string[] } }>(
      `SELECT id, data FROM catalogue_entities WHERE entity = 'item' AND NOT deleted AND data->>'kind' = 'course' AND data->'themes' ? 'digital_government' ORDER BY id LIMIT 1`,
    );
    item = { id: rows[0]!.id, theme: 'digital_government' };
  }, 60_000);
  afterAll(async () => {
    await server?.app.close();
    await db?.close();
  });

  const device = (method: 'GET' | 'POST', url: string, token: string, body?: unknown) =>
    server.app.inject({
      method,
      url,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
    });
  const consoleCall = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    server.app.inject({
      method,
      url: `/api/console${url}`,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
  function entry(d: EnrolResponse, type: string, recordId: string, payload: unknown): OutboxEntryWire {
    const seq = (seqs.get(d.deviceId) ?? 0) + 1;
    seqs.set(d.deviceId, seq);
    return { seq, recordId, type, payload, createdAt: new Date().toISOString() };
  }
  async function push(d: EnrolResponse, entries: OutboxEntryWire[]) {
    const res = await device('POST', '/api/sync/push', d.token, { appVersion: 'test', entries });
    expect(res.statusCode).toBe(200);
    return res.json() as { ack: number; applied: number; rejected: Array<{ seq: number; reason: string }> };
  }
  const participant = (display: ParticipantAddInput['display'], extra: Partial<ParticipantAddInput> = {}): ParticipantAddInput => ({
    id: uuidv7(),
    runId: run.id,
    display,
    consent: true,
    consentVersion: PARTICIPANT_CONSENT_VERSION,
    consentLanguage: 'nl',
    consentedAt: new Date().toISOString(),
    ...extra,
  });
  const statements = () => assessmentStatements(item.theme);
  const assessment = (p: ParticipantAddInput, moment: 'start' | 'end', scores: number[]): AssessmentInput => ({
    id: uuidv7(),
    runId: run.id,
    participantId: p.id,
    moment,
    assessmentVersion: ASSESSMENT_VERSION,
    theme: item.theme as AssessmentInput['theme'],
    language: 'nl',
    answers: scores.map((score, i) => ({ statement: statements()[i]!, score })),
    answeredAt: new Date().toISOString(),
  });
  const pull = async (d: EnrolResponse) => {
    const res = await device('GET', '/api/sync/course-runs', d.token);
    expect(res.statusCode).toBe(200);
    return res.json() as CourseRunsResponse;
  };

  it('lets a coordinator make a run of a catalogue course with its sessions, which the desks of its location pull', async () => {
    const made = await consoleCall('POST', '/courses/runs', { itemId: item.id, locationId: desk.location.id, sessions: sessionStarts });
    expect(made.statusCode).toBe(200);
    run = made.json();
    expect(run).toMatchObject({ itemId: item.id, theme: 'digital_government', closed: false, participants: [] });
    expect(run.sessions.map((s) => s.startsAt)).toEqual(sessionStarts);
    expect((await pull(desk)).runs.map((r) => r.id)).toEqual([run.id]);
    expect((await pull(elsewhere)).runs).toEqual([]);
    // A kiosk never reads the runs.
    expect((await device('GET', '/api/sync/course-runs', kiosk.token)).statusCode).toBe(403);
    // A service, or a course of nowhere, is no run.
    expect(
      (await consoleCall('POST', '/courses/runs', { itemId: uuidv7(), locationId: desk.location.id, sessions: sessionStarts })).json(),
    ).toMatchObject({ error: 'not_a_course' });
    expect((await consoleCall('POST', '/courses/runs', { itemId: item.id, locationId: desk.location.id, sessions: [] })).statusCode).toBe(
      400,
    );
  });

  it('takes participants, attendance, outcomes and self-assessments from a desk exactly once, one of them from kiosk interest', async () => {
    const wish: CourseInterest = {
      id: uuidv7(),
      locationId: kiosk.location.id,
      deviceId: kiosk.deviceId,
      itemId: item.id,
      firstName: 'Ans',
      contact: { kind: 'phone', value: '06 1234 5678' },
      consent: true,
      consentVersion: INTEREST_CONSENT_VERSION,
      consentLanguage: 'nl',
      consentedAt: new Date().toISOString(),
    };
    expect(await push(kiosk, [entry(kiosk, 'interest.create@1', wish.id, wish)])).toMatchObject({ applied: 1 });
    const pulled = await pull(desk);
    expect(pulled.interest).toEqual([{ id: wish.id, itemId: item.id, firstName: 'Ans', createdAt: expect.any(String) }]);
    // No contact details travel to the desk.
    expect(JSON.stringify(pulled)).not.toContain('1234');

    people.ans = participant({ kind: 'name', value: 'Ans' }, { fromInterestId: wish.id, municipality: 'GM0363' });
    people.bram = participant({ kind: 'name', value: 'Bram' });
    people.no7 = participant({ kind: 'number', value: '7' });
    const [s1, s2, s3] = run.sessions.map((s) => s.id) as [string, string, string];
    const tap = (p: ParticipantAddInput, sessionId: string, present = true) =>
      entry(desk, 'courseAttendance.mark@1', p.id, {
        runId: run.id,
        participantId: p.id,
        sessionId,
        present,
        markedAt: new Date().toISOString(),
      });
    const end = (p: ParticipantAddInput, outcome: 'finished' | 'stopped', stopReason: string | null = null) =>
      entry(desk, 'courseParticipant.end@1', p.id, {
        runId: run.id,
        participantId: p.id,
        outcome,
        stopReason,
        endedAt: new Date().toISOString(),
      });
    const assess = (p: ParticipantAddInput, moment: 'start' | 'end', scores: number[]) => {
      const a = assessment(p, moment, scores);
      return entry(desk, 'courseAssessment.create@1', a.id, a);
    };
    const sent = [
      ...Object.values(people).map((p) => entry(desk, 'courseParticipant.add@1', p.id, p)),
      assess(people.ans, 'start', [1, 2, 2]),
      assess(people.bram, 'start', [3, 3]),
      assess(people.no7, 'start', [2, 2, 2]),
      tap(people.ans, s1),
      tap(people.bram, s1),
      tap(people.no7, s1),
      tap(people.ans, s2),
      tap(people.bram, s2),
      tap(people.no7, s2, false),
      tap(people.ans, s3),
      tap(people.bram, s3, false),
      // Bram came after all: the later tap counts.
      tap(people.bram, s3),
      end(people.no7, 'stopped', 'too_hard'),
      assess(people.ans, 'end', [4, 4, 3]),
      assess(people.bram, 'end', [4, 5]),
      end(people.ans, 'finished'),
      end(people.bram, 'finished'),
    ];
    expect(await push(desk, sent)).toMatchObject({ applied: sent.length, rejected: [] });
    // The answer got lost: the same entries again change nothing.
    expect(await push(desk, sent)).toMatchObject({ applied: sent.length, rejected: [] });

    const after = await pull(otherDesk);
    const mine = after.runs.find((r) => r.id === run.id)!;
    expect(mine.participants.map((p) => [p.number, p.display?.value, p.outcome, p.stopReason, p.present.length, p.assessed])).toEqual([
      [1, 'Ans', 'finished', null, 3, ['start', 'end']],
      [2, 'Bram', 'finished', null, 3, ['start', 'end']],
      [3, '7', 'stopped', 'too_hard', 1, ['start']],
    ]);
    // The interest became a participant: it leaves the kiosk inbox, with its phone number.
    expect(after.interest).toEqual([]);
    expect((await db.query('SELECT 1 FROM course_interest WHERE id = $1', [wish.id])).rows).toEqual([]);
    const stored = await db.query<{ consent_text_version: string; from_interest: boolean }>(
      'SELECT consent_text_version, from_interest FROM course_participants WHERE id = $1',
      [people.ans.id],
    );
    expect(stored.rows[0]).toEqual({ consent_text_version: PARTICIPANT_CONSENT_VERSION, from_interest: true });
  });

  it('refuses changes for another location, a closed run, unknown sessions, a stop without reason and unknown statements, and keeps why', async () => {
    const stray = participant({ kind: 'name', value: 'Cor' });
    expect((await push(elsewhere, [entry(elsewhere, 'courseParticipant.add@1', stray.id, stray)])).rejected[0]!.reason).toBe(
      "the course run is at another location than this device's",
    );
    const noConsent = { ...participant({ kind: 'name', value: 'Dirk' }), consent: false };
    const badSession = {
      runId: run.id,
      participantId: people.bram.id,
      sessionId: uuidv7(),
      present: true,
      markedAt: new Date().toISOString(),
    };
    const noReason = {
      runId: run.id,
      participantId: people.bram.id,
      outcome: 'stopped',
      stopReason: null,
      endedAt: new Date().toISOString(),
    };
    const wrongStatement = { ...assessment(people.bram, 'start', [3]), answers: [{ statement: 'flyPlane', score: 3 }] };
    const answer = await push(desk, [
      entry(desk, 'courseParticipant.add@1', noConsent.id, noConsent),
      entry(desk, 'courseAttendance.mark@1', people.bram.id, badSession),
      entry(desk, 'courseParticipant.end@1', people.bram.id, noReason),
      entry(desk, 'courseAssessment.create@1', wrongStatement.id, wrongStatement),
    ]);
    expect(answer.applied).toBe(0);
    expect(answer.rejected.map((r) => r.reason)).toEqual([
      expect.stringContaining('invalid participant'),
      'no such session in this course run',
      expect.stringContaining('a stopped participant needs a stop reason'),
      expect.stringContaining('no statement "flyPlane"'),
    ]);
    // The refused participant's name is not repeated in the reason.
    expect(answer.rejected[0]!.reason).not.toContain('Dirk');
    // A kiosk may not push course changes at all.
    const refused = {
      seq: (seqs.get(kiosk.deviceId) ?? 0) + 1,
      recordId: stray.id,
      type: 'courseParticipant.add@1',
      payload: stray,
      createdAt: new Date().toISOString(),
    };
    const res = await device('POST', '/api/sync/push', kiosk.token, { appVersion: 'test', entries: [refused] });
    expect(res.statusCode).toBe(403);
  });

  let figures: CourseFigures;
  it('counts runs, participants, attendance, completion and the change from start to end per statement', async () => {
    const res = await consoleCall('GET', `/courses/figures?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`);
    expect(res.statusCode).toBe(200);
    figures = res.json();
    expect(figures.total).toEqual({ runs: 1, participants: 3, finished: 2, stopped: 1, attendanceRate: 7 / 9, completionRate: 2 / 3 });
    expect(figures.runs[0]).toMatchObject({ id: run.id, sessions: 3, participants: 3, finished: 2, stopped: 1, attendanceRate: 7 / 9 });
    expect(figures.stopReasons).toEqual([{ key: 'too_hard', count: 1 }]);
    const [first, second, third] = statements() as [string, string, string];
    const byStatement = Object.fromEntries(figures.statements.map((s) => [s.statement, [s.pairs, s.startAverage, s.endAverage, s.change]]));
    // Only participants with a start and an end count; the one who stopped has no end.
    expect(byStatement).toEqual({ [first]: [2, 2, 4, 2], [second]: [2, 2.5, 4.5, 2], [third]: [1, 2, 3, 1] });
    // Narrowed to a municipality: only Ans.
    const amsterdam = (
      await consoleCall(
        'GET',
        `/courses/figures?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}&municipality=GM0363`,
      )
    ).json() as CourseFigures;
    expect(amsterdam.total).toMatchObject({ runs: 1, participants: 1, finished: 1, attendanceRate: 1 });
    // A municipality none of the run's participants came from: the run is not one of its runs.
    const elsewhere = (
      await consoleCall(
        'GET',
        `/courses/figures?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}&municipality=GM0437`,
      )
    ).json() as CourseFigures;
    expect(elsewhere.runs).toEqual([]);
    expect(elsewhere.total).toEqual({ runs: 0, participants: 0, finished: 0, stopped: 0, attendanceRate: null, completionRate: null });
    // A period without sessions shows no runs.
    const later = (
      await consoleCall(
        'GET',
        `/courses/figures?from=${encodeURIComponent(new Date(now + DAY).toISOString())}&to=${encodeURIComponent(new Date(now + 9 * DAY).toISOString())}`,
      )
    ).json() as CourseFigures;
    expect(later.total.runs).toBe(0);
    expect(
      (await consoleCall('GET', `/courses/figures?from=${encodeURIComponent(period.to)}&to=${encodeURIComponent(period.from)}`)).statusCode,
    ).toBe(400);
  });

  it('sets the figures beside the previous period, and counts participants per municipality', async () => {
    const q = `from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
    const report = (await consoleCall('GET', `/courses/figures?${q}`)).json() as CourseReport;
    expect(report.municipalities).toEqual([
      { key: 'not_asked', participants: 2, finished: 1, stopped: 1 },
      { key: 'GM0363', participants: 1, finished: 1, stopped: 0 },
    ]);
    // The 31 days before held no session of the run: nothing to compare with, but the same shape.
    expect(report.previous.period).toEqual({ from: new Date(now - 61 * DAY).toISOString(), to: period.from });
    expect(report.previous.total).toEqual({
      runs: 0,
      participants: 0,
      finished: 0,
      stopped: 0,
      attendanceRate: null,
      completionRate: null,
    });
    // This period seen as the previous one of the next 30 days.
    const next = (
      await consoleCall(
        'GET',
        `/courses/figures?from=${encodeURIComponent(period.to)}&to=${encodeURIComponent(new Date(now + 31 * DAY).toISOString())}`,
      )
    ).json() as CourseReport;
    expect(next.previous.total).toEqual(report.total);
    expect(next.previous.stopReasons).toEqual([{ key: 'too_hard', count: 1 }]);
    expect(next.previous.statements).toEqual(report.statements);
    // Participants recorded without a municipality, and an organisation: its own counts, another one's 404.
    expect(((await consoleCall('GET', `/courses/figures?${q}&municipality=not_asked`)).json() as CourseReport).total.participants).toBe(2);
    expect(
      ((await consoleCall('GET', `/courses/figures?${q}&organisation=${DEMO_ORGANISATION.id}`)).json() as CourseReport).total.participants,
    ).toBe(3);
    expect((await consoleCall('GET', `/courses/figures?${q}&organisation=01900000-0000-7000-8000-0000000000ff`)).statusCode).toBe(404);
  });

  it('puts the course figures in the report export, CSV and XLSX alike, beside the previous period', async () => {
    await db.transaction((tx) => setLocationMunicipalities(tx, desk.location.id, [{ code: 'GM0363', name: 'Amsterdam' }]));
    const q = `from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
    const csv = await consoleCall('GET', `/exports/report?${q}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const tables = csvTables(csv.body);
    expect(tables.get('Cursussen')).toEqual([
      ['waarde', 'deze periode', 'vorige periode'],
      ['cursusrondes', '1', '0'],
      ['deelnemers', '3', '0'],
      ['afgerond', '2', '0'],
      ['gestopt', '1', '0'],
      ['opkomst (%)', '78', ''],
      ['afgerond, van wie eindigde (%)', '67', ''],
    ]);
    expect(tables.get('Cursussen reden van stoppen')!.slice(1)).toEqual([['Te moeilijk', '1', '0']]);
    expect(tables.get('Cursussen per gemeente')!.slice(1)).toEqual([
      ['niet gevraagd', '2', '1', '1', '0', '0'],
      ['Amsterdam', '1', '1', '0', '0', '0'],
    ]);
    const [first] = statements() as [string];
    const kbLine = tables.get('Cursusrondes')![1]!;
    expect(kbLine.slice(0, 2)).toEqual([run.title, desk.location.name]);
    expect(kbLine.slice(4)).toEqual(['3', '3', '2', '1', '78']);
    const assessment = tables.get('Zelfbeoordeling begin en eind')!;
    expect(assessment[0]).toEqual(['uitspraak', 'met begin en eind', 'begin (1-5)', 'eind (1-5)', 'verschil', 'vorige periode: verschil']);
    const firstText = STATEMENT_NL[1]![first]!;
    expect(assessment.find((r) => r[0] === firstText)).toEqual([firstText, '2', '2', '4', '2', '']);
    expect(assessment.some((r) => r.includes('2,5'))).toBe(true);

    // The course figures name the municipalities their locations serve, as the survey figures do.
    expect(((await consoleCall('GET', `/courses/figures?${q}`)).json() as CourseReport).municipalityNames).toEqual({ GM0363: 'Amsterdam' });
    const xlsx = await consoleCall('GET', `/exports/report?${q}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const sheets = await xlsxTables(xlsx.rawPayload);
    const courses = sheets.get('Cursussen')!;
    expect(courses.rows.slice(1, 5)).toEqual([
      ['cursusrondes', 1, 0],
      ['deelnemers', 3, 0],
      ['afgerond', 2, 0],
      ['gestopt', 1, 0],
    ]);
    // Shares are real percentages: the fraction, shown as 78 %.
    expect(courses.rows[5]![1]).toBeCloseTo(7 / 9, 6);
    expect(courses.formats[5]![1]).toBe('0%');
    expect(
      sheets
        .get('Zelfbeoordeling begin en eind')!
        .rows.find((r) => r[0] === firstText)!
        .slice(1, 5),
    ).toEqual([2, 2, 4, 2]);
    expect([...sheets.keys()]).toEqual([...tables.keys()]);
  });

  it('exports the KB course registration: per run its dates, sessions, participants and finished', async () => {
    const res = await consoleCall('GET', `/courses/kb-export?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'));
    expect(lines[0]).toEqual([
      'cursus',
      'locatie',
      'startdatum',
      'einddatum',
      'bijeenkomsten',
      'deelnemers',
      'afgerond',
      'gestopt',
      'opkomst_procent',
    ]);
    const day = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
    expect(lines.slice(1)).toEqual([
      [run.title, desk.location.name, day(sessionStarts[0]!), day(sessionStarts[2]!), '3', '3', '2', '1', '78'],
    ]);
  });

  it('lets a coordinator keep participants too: added with consent, from kiosk interest in one step, attendance and end', async () => {
    const wish: CourseInterest = {
      id: uuidv7(),
      locationId: kiosk.location.id,
      deviceId: kiosk.deviceId,
      itemId: item.id,
      firstName: 'Fatima',
      contact: { kind: 'email', value: 'f@example.org' },
      consent: true,
      consentVersion: INTEREST_CONSENT_VERSION,
      consentLanguage: 'ar',
      consentedAt: new Date().toISOString(),
    };
    expect(await push(kiosk, [entry(kiosk, 'interest.create@1', wish.id, wish)])).toMatchObject({ applied: 1 });
    const second = (
      await consoleCall('POST', '/courses/runs', {
        itemId: item.id,
        locationId: desk.location.id,
        sessions: [new Date(now + 7 * DAY).toISOString()],
      })
    ).json() as CourseRun;
    expect(
      (await consoleCall('POST', `/courses/runs/${second.id}/participants`, { display: { kind: 'number', value: '12' }, consent: true }))
        .statusCode,
    ).toBe(200);
    // Without consent nothing is stored.
    expect(
      (await consoleCall('POST', `/courses/runs/${second.id}/participants`, { display: { kind: 'name', value: 'Geen' }, consent: false }))
        .statusCode,
    ).toBe(400);
    const converted = await consoleCall('POST', `/courses/runs/${second.id}/participants/from-interest`, {
      interestId: wish.id,
      consent: true,
    });
    expect(converted.statusCode).toBe(200);
    const withFatima = converted.json() as CourseRun;
    expect(withFatima.participants.map((p) => p.display?.value)).toEqual(['12', 'Fatima']);
    expect(
      (
        await db.query<{ consent_language: string }>('SELECT consent_language FROM course_participants WHERE id = $1', [
          withFatima.participants[1]!.id,
        ])
      ).rows[0]!.consent_language,
    ).toBe('ar');
    // One step only: the interest is gone.
    expect(
      (await consoleCall('POST', `/courses/runs/${second.id}/participants/from-interest`, { interestId: wish.id, consent: true }))
        .statusCode,
    ).toBe(404);
    const fatima = withFatima.participants[1]!.id;
    const marked = await consoleCall('POST', `/courses/runs/${second.id}/attendance`, {
      participantId: fatima,
      sessionId: second.sessions[0]!.id,
      present: true,
    });
    expect((marked.json() as CourseRun).participants[1]!.present).toEqual([second.sessions[0]!.id]);
    expect(
      (
        await consoleCall('POST', `/courses/runs/${second.id}/attendance`, {
          participantId: people.ans.id,
          sessionId: second.sessions[0]!.id,
          present: true,
        })
      ).statusCode,
    ).toBe(400);
    const ended = await consoleCall('POST', `/courses/runs/${second.id}/end`, {
      participantId: fatima,
      outcome: 'stopped',
      stopReason: 'work',
    });
    expect((ended.json() as CourseRun).participants[1]).toMatchObject({ outcome: 'stopped', stopReason: 'work' });
    // Closed: desks no longer see the run, and their changes to it are refused.
    await consoleCall('POST', `/courses/runs/${second.id}/close`);
    expect((await pull(desk)).runs.map((r) => r.id)).toEqual([run.id]);
    const late = {
      runId: second.id,
      participantId: fatima,
      sessionId: second.sessions[0]!.id,
      present: false,
      markedAt: new Date().toISOString(),
    };
    expect((await push(desk, [entry(desk, 'courseAttendance.mark@1', fatima, late)])).rejected[0]!.reason).toBe(
      'the course run was closed by a coordinator',
    );
  });

  it('blanks the names a configured number of days after the last session; the counts and the export stay', async () => {
    const lastSession = new Date(sessionStarts[2]!).getTime();
    const periods = { ...retentionFromEnv({ INLOOP_COURSE_PARTICIPANT_RETENTION_DAYS: '30' }) };
    expect(periods.participantDays).toBe(30);
    expect(retentionFromEnv({}).participantDays).toBe(90);
    // A day before the period is over: nothing goes.
    expect((await purgeExpiredData(db, periods, new Date(lastSession + 29 * DAY))).participants).toBe(0);
    expect((await pull(desk)).runs[0]!.participants.map((p) => p.display?.value)).toEqual(['Ans', 'Bram', '7']);
    // A day after: the first run's names and numbers are gone; the second run (a session next week) keeps its own.
    expect((await purgeExpiredData(db, periods, new Date(lastSession + 31 * DAY))).participants).toBe(3);
    const blanked = (await pull(desk)).runs[0]!;
    expect(blanked.participants.map((p) => [p.number, p.display, p.outcome, p.present.length])).toEqual([
      [1, null, 'finished', 3],
      [2, null, 'finished', 3],
      [3, null, 'stopped', 1],
    ]);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM course_participants WHERE payload::text LIKE '%Bram%' OR display_value IS NOT NULL AND run_id = $1`,
      [run.id],
    );
    expect(rows[0]!.n).toBe(0);
    const again = (
      await consoleCall('GET', `/courses/figures?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`)
    ).json() as CourseFigures;
    expect(again.runs.find((r) => r.id === run.id)).toEqual(figures.runs[0]);
    expect(again.statements).toEqual(figures.statements);
    // A late repeat of the first push, after the names went, is still a harmless repeat.
    const ans = people.ans;
    expect(await push(desk, [entry(desk, 'courseParticipant.add@1', ans.id, ans)])).toMatchObject({ rejected: [] });
  });
});
