// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { VisitPanel } from '../../src/app/console/VisitPanel';
import { VisitLog } from '../../src/app/console/VisitLog';
import nl from '../../src/app/console/locales/nl.json';
import en from '../../src/app/console/locales/en.json';
import type { ConsoleSession, VisitDetail } from '../../src/shared/console';
import type { Visit } from '../../src/shared/visit';
import { loadConsoleTexts } from '../helpers/console-texts';

const LOCATION = { id: '01900000-0000-7000-8000-000000000101', name: 'Centrale Bibliotheek (demo)' };
const NOORD = { id: '01900000-0000-7000-8000-000000000102', name: 'Wijkbibliotheek Noord (demo)' };
const DESK = '01900000-0000-7000-8000-000000000201';
const DESK_NOORD = '01900000-0000-7000-8000-000000000202';
const ANNA = '01900000-0000-7000-8000-000000000301';
const KARIM = '01900000-0000-7000-8000-000000000302';
const VISIT_ID = '01980000-0000-7000-8000-000000000401';

const recorded: Visit = {
  id: VISIT_ID,
  deviceId: DESK,
  locationId: LOCATION.id,
  volunteerId: ANNA,
  startedAt: '2026-07-06T08:05:00.000Z',
  durationSeconds: 600,
  channel: 'walk_in',
  returning: true,
  language: null,
  note: null,
  backdated: false,
  questions: [
    {
      helpKind: 'digital_service',
      domain: 'digital_government',
      organisation: 'logius',
      topic: 'digid',
      actions: [],
      outcome: 'answered',
      referrals: [],
    },
  ],
};

function detailOf(corrections: Visit[]): VisitDetail {
  const reported = corrections.at(-1) ?? recorded;
  return {
    visit: {
      id: VISIT_ID,
      startedAt: recorded.startedAt,
      locationId: LOCATION.id,
      locationName: LOCATION.name,
      deviceId: DESK,
      volunteerId: ANNA,
      volunteerName: 'Anna B.',
      durationSeconds: reported.durationSeconds,
      channel: reported.channel,
      note: reported.note,
      reviewState: corrections.length ? 'edited' : 'received',
      version: 1,
      corrected: corrections.length > 0,
      voided: false,
      questions: reported.questions,
    },
    original: recorded,
    corrections: corrections.map((payload, i) => ({
      id: i + 1,
      at: '2026-07-08T10:00:00.000Z',
      by: 'coord@example.org',
      comment: null,
      payload,
    })),
    reviews: [],
    conflicts: [],
  };
}

/** The console's server as the panel sees it: the visit, its corrections, and the lists behind the filters. */
function fakeServer(corrections: Visit[] = []) {
  const posted: Array<{ path: string; body: unknown }> = [];
  const gets: string[] = [];
  const answer = (body: unknown, status = 200) =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', (url: string, init: RequestInit = {}) => {
    const path = url.replace('/api/console', '');
    if (init.method === 'POST') {
      const body = JSON.parse(String(init.body));
      posted.push({ path, body });
      if (path === `/visits/${VISIT_ID}/corrections`) corrections.push(body.visit);
      return answer({ ok: true });
    }
    gets.push(path);
    if (path === `/visits/${VISIT_ID}`) return answer(detailOf(corrections));
    if (path.startsWith('/visits?')) return answer({ visits: [detailOf(corrections).visit], next: null });
    if (path === '/conflicts') return answer({ conflicts: [] });
    if (path === '/devices')
      return answer({
        devices: [
          {
            id: DESK,
            kind: 'desk',
            name: 'Balie 1',
            locationId: LOCATION.id,
            locationName: LOCATION.name,
            enrolledAt: '2026-06-01T08:00:00.000Z',
            revokedAt: null,
          },
          {
            id: '01900000-0000-7000-8000-000000000203',
            kind: 'kiosk',
            name: 'Hal',
            locationId: LOCATION.id,
            locationName: LOCATION.name,
            enrolledAt: '2026-06-01T08:00:00.000Z',
            revokedAt: null,
          },
          {
            id: DESK_NOORD,
            kind: 'desk',
            name: null,
            locationId: NOORD.id,
            locationName: NOORD.name,
            enrolledAt: '2026-05-04T08:00:00.000Z',
            revokedAt: '2026-07-01T08:00:00.000Z',
          },
        ],
      });
    if (path === '/volunteers')
      return answer({
        volunteers: [
          { id: ANNA, locationId: LOCATION.id, locationName: LOCATION.name, displayName: 'Anna B.', active: true },
          { id: KARIM, locationId: NOORD.id, locationName: NOORD.name, displayName: 'Karim E.', active: false },
        ],
      });
    return answer({ error: 'not_found', message: 'No such route' }, 404);
  });
  return { posted, gets, corrections };
}

beforeAll(async () => {
  await loadConsoleTexts();
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const comparison = () => screen.getByRole('region', { name: 'Correction beside the original' });
const rowOf = (table: HTMLElement, field: string) => within(table).getByRole('row', { name: new RegExp(`^${field}`) });

describe('a corrected visit in the console', () => {
  it('shows each corrected value beside the value the tablet recorded, and only the fields that differ', async () => {
    fakeServer([
      {
        ...recorded,
        channel: 'phone',
        durationSeconds: 1500,
        questions: [{ ...recorded.questions[0]!, topic: 'tax_return', organisation: 'belastingdienst' }],
      },
    ]);
    render(<VisitPanel id={VISIT_ID} onChanged={() => undefined} />);
    const table = within(await screen.findByRole('region', { name: 'Correction beside the original' })).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Field', 'Corrected (counted)', 'As recorded on the tablet']);
    expect(rowOf(table, 'Channel').textContent).toBe('ChannelBy phoneWalk-in');
    expect(rowOf(table, 'Duration').textContent).toBe('Duration25 mins10 mins');
    expect(rowOf(table, 'Question 1 · Topic').textContent).toBe('Question 1 · TopicTax returnDigiD');
    expect(rowOf(table, 'Question 1 · Organisation').textContent).toContain('Tax Administration (Belastingdienst)');
    // Unchanged fields are not repeated.
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    expect(within(table).queryByRole('row', { name: /Outcome|Note/ })).toBeNull();
  });

  it("labels the tablet's record in Dutch too", async () => {
    await i18n.changeLanguage('nl');
    fakeServer([{ ...recorded, note: 'Wachtwoord opnieuw ingesteld' }]);
    render(<VisitPanel id={VISIT_ID} onChanged={() => undefined} />);
    const region = await screen.findByRole('region', { name: 'Correctie naast het origineel' });
    expect(within(region).getByRole('columnheader', { name: 'Zoals vastgelegd op de tablet' })).toBeTruthy();
    expect(rowOf(within(region).getByRole('table'), 'Notitie').textContent).toBe('NotitieWachtwoord opnieuw ingesteld—');
  });

  it('shows no comparison for a visit nobody corrected', async () => {
    fakeServer();
    render(<VisitPanel id={VISIT_ID} onChanged={() => undefined} />);
    await screen.findByRole('form', { name: 'Correct (the original is kept)' });
    expect(screen.queryByRole('region', { name: 'Correction beside the original' })).toBeNull();
  });

  it("corrects a question's topic, kind of help and outcome; the group follows the topic and the rest of the visit stays", async () => {
    const server = fakeServer();
    const changed = vi.fn();
    render(<VisitPanel id={VISIT_ID} onChanged={changed} />);
    const form = await screen.findByRole('form', { name: 'Correct (the original is kept)' });
    expect(within(form).queryByRole('group', { name: 'Question 1' })).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Correct the questions' }));
    const question = within(form).getByRole('group', { name: 'Question 1' });
    fireEvent.change(within(question).getByLabelText('Topic'), { target: { value: 'course_info' } });
    fireEvent.change(within(question).getByLabelText('Kind of help'), { target: { value: 'skills_course' } });
    fireEvent.change(within(question).getByLabelText('Outcome'), { target: { value: 'referred' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save correction' }));
    await screen.findByText('Correction saved beside the original.');
    expect(server.posted).toHaveLength(1);
    const sent = (server.posted[0]!.body as { visit: Visit }).visit;
    expect(sent.questions[0]).toMatchObject({
      topic: 'course_info',
      helpKind: 'skills_course',
      outcome: 'referred',
      organisation: 'logius',
      domain: 'library',
    });
    expect(sent).toMatchObject({
      id: VISIT_ID,
      deviceId: DESK,
      locationId: LOCATION.id,
      startedAt: recorded.startedAt,
      channel: 'walk_in',
      durationSeconds: 600,
      returning: true,
    });
    await waitFor(() => expect(changed).toHaveBeenCalled());
    const table = within(comparison()).getByRole('table');
    await waitFor(() => expect(rowOf(table, 'Question 1 · Topic').textContent).toBe('Question 1 · TopicCourse or activityDigiD'));
    await waitFor(() =>
      expect(rowOf(table, 'Question 1 · Kind of question').textContent).toBe(
        'Question 1 · Kind of questionLibrary servicesDigital government',
      ),
    );
  });

  it('refuses a correction the shared schema refuses, says why, and sends nothing', async () => {
    const server = fakeServer();
    render(<VisitPanel id={VISIT_ID} onChanged={() => undefined} />);
    const form = await screen.findByRole('form', { name: 'Correct (the original is kept)' });
    fireEvent.input(within(form).getByLabelText('Note'), { target: { value: 'Teruggebeld op 06-12345678' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save correction' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/personal data/);
    expect(within(form).getByLabelText('Note').getAttribute('aria-invalid')).toBe('true');

    fireEvent.input(within(form).getByLabelText('Note'), { target: { value: '' } });
    fireEvent.input(within(form).getByLabelText('Duration in minutes'), { target: { value: '600' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save correction' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Not saved; check: Duration in minutes.'));
    expect(server.posted).toEqual([]);
  });
});

const session: ConsoleSession = {
  user: {
    id: '01900000-0000-7000-8000-000000000501',
    email: 'coord@example.org',
    role: 'coordinator',
    organisationId: '01900000-0000-7000-8000-000000000001',
  },
  csrfToken: 'x',
  locations: [LOCATION, NOORD].map((l) => ({
    ...l,
    organisationId: '01900000-0000-7000-8000-000000000001',
    organisationName: 'Bibliotheek Voorbeeldstad (demo)',
  })),
};

describe('the visit log filters', () => {
  it("offers the scope's desks and volunteers by location, and filters and exports by them", async () => {
    const server = fakeServer();
    render(<VisitLog session={session} />);
    const filters = screen.getByRole('form', { name: 'Filter' });
    const tablet = within(filters).getByLabelText('Tablet') as HTMLSelectElement;
    const volunteer = within(filters).getByLabelText('Volunteer') as HTMLSelectElement;
    await waitFor(() => expect(tablet.options).toHaveLength(3));
    await waitFor(() => expect(volunteer.options).toHaveLength(3));
    // The kiosk records no visits, so it is not offered; a revoked desk stays (its visits do).
    expect([...tablet.querySelectorAll('optgroup')].map((g) => g.label)).toEqual([LOCATION.name, NOORD.name]);
    expect([...tablet.options].map((o) => o.textContent)).toEqual([
      'All',
      'Balie 1 · enrolled 1 Jun 2026',
      'Desk · enrolled 4 May 2026 · revoked',
    ]);
    expect([...volunteer.options].map((o) => o.textContent)).toEqual(['All', 'Anna B.', 'Karim E. · deactivated']);

    fireEvent.change(tablet, { target: { value: DESK } });
    fireEvent.change(volunteer, { target: { value: ANNA } });
    fireEvent.click(within(filters).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(server.gets.filter((g) => g.startsWith('/visits?'))).toHaveLength(2));
    const asked = new URLSearchParams(
      server.gets
        .filter((g) => g.startsWith('/visits?'))
        .at(-1)!
        .split('?')[1],
    );
    expect(asked.get('device')).toBe(DESK);
    expect(asked.get('volunteer')).toBe(ANNA);
    const csv = new URL(screen.getByRole('link', { name: 'Visits (CSV)' }).getAttribute('href')!, 'http://localhost');
    expect(csv.searchParams.get('device')).toBe(DESK);
    expect(csv.searchParams.get('volunteer')).toBe(ANNA);
  });
});

describe('the console texts', () => {
  it('has every Dutch text in English and the other way round', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });
});
