// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { SurveyReport } from '../../src/app/console/impact/SurveyReport';
import type { ConsoleSession } from '../../src/shared/console';
import type { CourseReport } from '../../src/shared/impact';
import { loadConsoleTexts } from '../helpers/console-texts';

vi.mock('../../src/app/console/BarChart', () => ({ BarChart: () => null }));
const CENTRALE = {
  id: '01900000-0000-7000-8000-000000000011',
  name: 'Centrale Bibliotheek',
  organisationId: '01900000-0000-7000-8000-000000000001',
  organisationName: 'Bibliotheek Voorbeeldstad',
};
const session: ConsoleSession = {
  user: {
    id: '01900000-0000-7000-8000-00000000a002',
    email: 'c@example.org',
    role: 'coordinator',
    organisationId: CENTRALE.organisationId,
  },
  csrfToken: 'x',
  locations: [CENTRALE],
};
const row = (key: string) => ({
  key,
  visits: 1,
  answered: 1,
  helpedYes: 1,
  helpedAnswered: 1,
  selfYes: 0,
  selfAnswered: 0,
  confidentHigh: 0,
  confidenceAnswered: 0,
  confidenceSum: 0,
});
const figures = {
  total: row('total'),
  kiosk: row('kiosk'),
  topics: [row('digid')],
  helpKinds: [],
  locations: [],
  municipalities: [row('GM0363')],
};

/** The course figures as the server answers them narrowed to Amsterdam: only its participants. */
const courses: CourseReport = {
  runs: [
    {
      id: '01900000-0000-7000-8000-00000000c001',
      title: 'Klik & Tik',
      locationName: 'Centrale Bibliotheek',
      firstSession: '2026-10-06T08:00:00Z',
      lastSession: '2026-10-20T08:00:00Z',
      sessions: 3,
      participants: 2,
      finished: 1,
      stopped: 1,
      attendanceRate: 4 / 6,
    },
  ],
  total: { runs: 1, participants: 2, finished: 1, stopped: 1, attendanceRate: 4 / 6, completionRate: 1 / 2 },
  stopReasons: [{ key: 'too_hard', count: 1 }],
  municipalities: [{ key: 'GM0363', participants: 2, finished: 1, stopped: 1 }],
  municipalityNames: { GM0363: 'Amsterdam' },
  statements: [
    { statement: 'loginDigid', assessmentVersion: 1, theme: 'digital_government', pairs: 1, startAverage: 2, endAverage: 4, change: 2 },
  ],
  previous: {
    period: { from: '2026-04-01T22:00:00Z', to: '2026-09-30T22:00:00Z' },
    total: { runs: 0, participants: 0, finished: 0, stopped: 0, attendanceRate: null, completionRate: null },
    stopReasons: [],
    municipalities: [],
    statements: [],
  },
};

/** The server as the page asks it: the survey, the IDO summary and the course figures; every address asked kept in `asked`. */
function stubServer(asked: string[] = []): string[] {
  vi.stubGlobal('fetch', (url: string) => {
    asked.push(url);
    const body = url.includes('/courses/figures')
      ? courses
      : url.includes('/impact/survey')
        ? {
            period: { from: '', to: '' },
            current: figures,
            previous: figures,
            lastYear: figures,
            municipalityNames: { GM0363: 'Amsterdam' },
          }
        : {
            period: { from: '', to: '' },
            visits: 1,
            questions: 1,
            domains: [],
            topics: [],
            organisations: [],
            helpKinds: [],
            referrals: { questionsReferred: 0, warm: 0, logged: 0, targets: [] },
            channels: [],
            durations: [],
          };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
  });
  return asked;
}

beforeAll(async () => {
  await loadConsoleTexts();
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

describe('the alderman page', () => {
  it('names the municipality chosen and asks the figures for it', async () => {
    await i18n.changeLanguage('nl');
    const asked = stubServer();
    render(<SurveyReport session={session} alderman />);
    await screen.findByText('Kies eerst een gemeente.');
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toContain('Amsterdam'));
    fireEvent.change(screen.getByLabelText('Gemeente'), { target: { value: 'GM0363' } });
    fireEvent.click(screen.getByRole('button', { name: 'Toepassen' }));
    await waitFor(() => expect(asked.at(-1)).toContain('municipality=GM0363'));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/Resultaten voor de gemeente Amsterdam/));
  });

  it("shows the course results of the chosen municipality's participants only, without a split by municipality", async () => {
    await i18n.changeLanguage('nl');
    const asked = stubServer();
    render(<SurveyReport session={session} alderman />);
    await screen.findByText('Kies eerst een gemeente.');
    // Without a municipality no course figures: they would count everybody's participants.
    expect(asked.some((u) => u.includes('/courses/figures'))).toBe(false);
    expect(screen.queryByRole('heading', { name: 'Cursusresultaten' })).toBeNull();
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toContain('Amsterdam'));
    fireEvent.change(screen.getByLabelText('Gemeente'), { target: { value: 'GM0363' } });
    fireEvent.click(screen.getByRole('button', { name: 'Toepassen' }));

    const part = (await screen.findByRole('heading', { level: 2, name: 'Cursusresultaten' })).closest('section') as HTMLElement;
    const figuresAsked = asked.filter((u) => u.includes('/courses/figures'));
    expect(figuresAsked).toHaveLength(1);
    expect(new URLSearchParams(figuresAsked[0]!.split('?')[1]).get('municipality')).toBe('GM0363');
    expect(within(part).getByText(/Alleen de deelnemers uit Amsterdam tellen mee/)).toBeTruthy();
    const totals = part.querySelector('[data-figure="course-totals"]') as HTMLElement;
    const first = (row: string) => totals.querySelector(`tr[data-row="${row}"] td`)!.textContent;
    expect([first('runs'), first('participants'), first('attendance'), first('completion')]).toEqual(['1', '2', '67%', '50%']);
    expect(within(part).getByRole('row', { name: /Klik & Tik/ })).toBeTruthy();
    expect(within(part).getByRole('rowheader', { name: 'Te moeilijk' })).toBeTruthy();
    const statement = within(part).getByRole('row', { name: /Ik kan zelf inloggen met DigiD/ });
    expect([...statement.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['1', '2', '4', '+2', '–']);
    // Stop reasons and statements each a figure: a heading, a chart and the table beside it.
    expect(within(part).getByRole('heading', { level: 2, name: 'Waarom deelnemers stopten' })).toBeTruthy();
    expect(within(part).getByRole('heading', { level: 2, name: 'Zelfbeoordeling: begin en eind (1–5)' })).toBeTruthy();
    // One municipality: no split by municipality.
    expect(part.querySelector('[data-figure="course-municipalities"]')).toBeNull();

    // Those recorded without a municipality have a page too, said in words.
    fireEvent.change(screen.getByLabelText('Gemeente'), { target: { value: 'not_asked' } });
    fireEvent.click(screen.getByRole('button', { name: 'Toepassen' }));
    await screen.findByText(/Alleen die deelnemers tellen mee/);
    expect(
      new URLSearchParams(
        asked
          .filter((u) => u.includes('/courses/figures'))
          .at(-1)!
          .split('?')[1],
      ).get('municipality'),
    ).toBe('not_asked');
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    stubServer();
    render(<SurveyReport session={session} alderman />);
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toContain('Amsterdam'));
    fireEvent.change(screen.getByLabelText('Municipality'), { target: { value: 'GM0363' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    const part = (await screen.findByRole('heading', { level: 2, name: 'Course results' })).closest('section') as HTMLElement;
    expect(within(part).getByText(/Only the participants from Amsterdam count/)).toBeTruthy();
    expect(within(part).getByRole('rowheader', { name: 'Too difficult' })).toBeTruthy();
  });
});
