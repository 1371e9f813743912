// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { Dashboard } from '../../src/app/console/Dashboard';
import type { ConsoleSession, Figures, IdoSummary } from '../../src/shared/console';
import { loadConsoleTexts } from '../helpers/console-texts';

// Chart.js needs a real canvas; the figures' tables carry the same numbers.
vi.mock('../../src/app/console/BarChart', () => ({ BarChart: () => null }));

const ORG_A = { id: '01900000-0000-7000-8000-000000000001', name: 'Bibliotheek Voorbeeldstad' };
const ORG_B = { id: '01900000-0000-7000-8000-0000000000b1', name: 'Bibliotheek Anderstad' };
const CENTRALE = {
  id: '01900000-0000-7000-8000-000000000011',
  name: 'Centrale Bibliotheek',
  organisationId: ORG_A.id,
  organisationName: ORG_A.name,
};
const NOORD = {
  id: '01900000-0000-7000-8000-000000000012',
  name: 'Wijkbibliotheek Noord',
  organisationId: ORG_A.id,
  organisationName: ORG_A.name,
};
const ANDERSTAD = {
  id: '01900000-0000-7000-8000-0000000000b2',
  name: 'Anderstad Centrum',
  organisationId: ORG_B.id,
  organisationName: ORG_B.name,
};

const admin: ConsoleSession = {
  user: { id: '01900000-0000-7000-8000-00000000a001', email: 'beheer@example.org', role: 'admin', organisationId: null },
  csrfToken: 'x',
  locations: [ANDERSTAD, CENTRALE, NOORD],
};
const coordinator: ConsoleSession = {
  user: { id: '01900000-0000-7000-8000-00000000a002', email: 'coord@example.org', role: 'coordinator', organisationId: ORG_A.id },
  csrfToken: 'x',
  locations: [CENTRALE, NOORD],
};

const figures = (visits: number): Figures => ({
  visits,
  questions: visits,
  perDay: [],
  perWeek: [],
  helpKinds: [],
  organisations: [],
  topics: [],
  outcomes: [],
  channels: [],
  referrals: [],
  busyHours: [],
  returning: { returning: 0, firstTime: 0, unknown: visits },
  locations: [],
  municipalities: [],
});
const summary = (visits: number): IdoSummary => ({
  period: { from: '', to: '' },
  visits,
  questions: visits,
  domains: [],
  topics: [],
  organisations: [],
  helpKinds: [],
  referrals: { questionsReferred: 0, warm: 0, logged: 0, targets: [] },
  channels: [],
  durations: [],
});

const surveyRow = (key: string, visits: number, helpedYes: number, helpedAnswered: number) => ({
  key,
  visits,
  answered: helpedAnswered,
  helpedYes,
  helpedAnswered,
  selfYes: 0,
  selfAnswered: 0,
  confidentHigh: 0,
  confidenceAnswered: 0,
  confidenceSum: 0,
});
const surveyFigures = (visits: number, helpedYes: number, helpedAnswered: number) => ({
  total: surveyRow('total', visits, helpedYes, helpedAnswered),
  kiosk: surveyRow('kiosk', 0, 0, 0),
  topics: [surveyRow('digid', visits, helpedYes, helpedAnswered)],
  helpKinds: [],
  locations: [],
  municipalities: [surveyRow('GM0363', visits, helpedYes, helpedAnswered)],
});
const courseFigures = (participants: number, finished: number) => ({
  total: {
    runs: 1,
    participants,
    finished,
    stopped: participants - finished,
    attendanceRate: 0.5,
    completionRate: finished / participants,
  },
  stopReasons: [{ key: 'too_hard', count: participants - finished }],
  municipalities: [{ key: 'GM0363', participants, finished, stopped: participants - finished }],
  statements: [
    {
      statement: 'loginDigid',
      assessmentVersion: 1,
      theme: 'digital_government',
      pairs: finished,
      startAverage: 2,
      endAverage: 3.5,
      change: 1.5,
    },
  ],
});
const funnelCounts = (referred: number) => ({
  referred,
  withCode: referred,
  arrived: 0,
  helped: 0,
  notEligible: 0,
  noCapacity: 0,
  noShow: 0,
  noResponse: 0,
  open: referred,
});

/**
 * The console's server as the report sees it: 7 visits for organisation B, 11 for anything
 * else; survey, course and funnel figures to match; every request kept by path.
 */
function fakeServer() {
  const asked: URLSearchParams[] = [];
  const byPath = new Map<string, URLSearchParams[]>();
  vi.stubGlobal('fetch', (url: string) => {
    const [path, search] = url.replace('/api/console', '').split('?') as [string, string];
    const params = new URLSearchParams(search);
    if (path === '/dashboard') asked.push(params);
    byPath.set(path, [...(byPath.get(path) ?? []), params]);
    const visits = params.get('organisation') === ORG_B.id ? 7 : 11;
    const period = { from: '', to: '' };
    const body =
      path === '/dashboard'
        ? { period, current: figures(visits), previous: figures(0), lastYear: figures(0) }
        : path === '/impact/survey'
          ? {
              period,
              current: surveyFigures(visits, 3, 4),
              previous: surveyFigures(2, 1, 2),
              lastYear: surveyFigures(0, 0, 0),
              municipalityNames: { GM0363: 'Amsterdam' },
            }
          : path === '/courses/figures'
            ? { runs: [], ...courseFigures(4, 3), previous: { period, ...courseFigures(2, 1) }, municipalityNames: { GM0363: 'Amsterdam' } }
            : path === '/referrals/funnel'
              ? {
                  by: params.get('by'),
                  period,
                  previous: period,
                  noResponseWeeks: 6,
                  rows:
                    params.get('by') === 'municipality'
                      ? [{ key: 'not_asked', label: 'not_asked', current: funnelCounts(visits), previous: funnelCounts(1) }]
                      : [],
                  total: { current: funnelCounts(visits), previous: funnelCounts(1) },
                }
              : summary(visits);
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
  });
  return { asked, last: () => asked.at(-1)!, lastOf: (path: string) => byPath.get(path)?.at(-1) };
}

beforeAll(async () => {
  await loadConsoleTexts();
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const heading = () => screen.getByRole('heading', { level: 1 }).textContent ?? '';
const optionsOf = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);
/** The first total of the report: its visits. */
const visitsShown = () => document.querySelector('[data-figure="totals"] dd')?.textContent;

describe('the quarterly report of one library organisation', () => {
  it('lets the network administrator choose an organisation before the location, and names it in the report', async () => {
    const server = fakeServer();
    render(<Dashboard session={admin} printable />);
    await waitFor(() => expect(server.asked).toHaveLength(1));
    await waitFor(() => expect(heading()).toContain('Whole network'));
    expect(server.last().has('organisation')).toBe(false);

    const organisation = screen.getByLabelText('Library organisation');
    const location = screen.getByLabelText('Location');
    expect(organisation.compareDocumentPosition(location) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(optionsOf(organisation)).toEqual(['All organisations (whole network)', ORG_B.name, ORG_A.name]);
    expect(optionsOf(location)).toEqual(['All', ANDERSTAD.name, CENTRALE.name, NOORD.name]);

    fireEvent.change(organisation, { target: { value: ORG_B.id } });
    // Only the chosen organisation's locations are offered.
    expect(optionsOf(location)).toEqual(['All', ANDERSTAD.name]);
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(server.last().get('organisation')).toBe(ORG_B.id));
    expect(server.last().has('location')).toBe(false);
    await waitFor(() => expect(heading()).toContain(`Quarterly report · ${ORG_B.name} ·`));
    await waitFor(() => expect(visitsShown()).toBe('7'));
    // The IDO download covers the same organisation.
    await waitFor(() => expect(screen.getByRole('link', { name: /IDO/ }).getAttribute('href')).toContain(`organisation=${ORG_B.id}`));
    // So do the funnel (by partner and by municipality), the course and the survey parts, and the report's downloads.
    await waitFor(() => expect(server.lastOf('/referrals/funnel')?.get('organisation')).toBe(ORG_B.id));
    expect(server.lastOf('/courses/figures')?.get('organisation')).toBe(ORG_B.id);
    expect(server.lastOf('/impact/survey')?.get('organisation')).toBe(ORG_B.id);
    await waitFor(() =>
      expect(document.querySelector('[data-figure="referralFunnel"] tr[data-group="total"] td')?.textContent).toMatch(/^7 /),
    );
    for (const name of ['Download the report (Excel)', 'Download the report (CSV)'])
      expect(screen.getByRole('link', { name }).getAttribute('href')).toContain(`organisation=${ORG_B.id}`);
  });

  it('sends the organisation chosen on the dashboard to its funnel too', async () => {
    const server = fakeServer();
    render(<Dashboard session={admin} printable={false} />);
    await waitFor(() => expect(server.lastOf('/referrals/funnel')).toBeDefined());
    expect(server.lastOf('/referrals/funnel')!.has('organisation')).toBe(false);
    fireEvent.change(screen.getByLabelText('Library organisation'), { target: { value: ORG_B.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(server.lastOf('/referrals/funnel')?.get('organisation')).toBe(ORG_B.id));
    await waitFor(() =>
      expect(document.querySelector('[data-figure="referralFunnel"] tr[data-group="total"] td')?.textContent).toMatch(/^7 /),
    );
    // The dashboard itself carries no course or survey part: the printable report does.
    expect(server.lastOf('/courses/figures')).toBeUndefined();
    expect(document.querySelector('[data-part="courses"]')).toBeNull();
  });

  it('names organisation and location when the administrator narrows to one branch, and drops a branch of another organisation', async () => {
    const server = fakeServer();
    render(<Dashboard session={admin} printable={false} />);
    await waitFor(() => expect(server.asked).toHaveLength(1));
    const organisation = screen.getByLabelText('Library organisation');
    const location = screen.getByLabelText('Location') as HTMLSelectElement;
    fireEvent.change(location, { target: { value: ANDERSTAD.id } });
    fireEvent.change(organisation, { target: { value: ORG_A.id } });
    // Anderstad is not one of organisation A's branches: the choice falls back to all of A's.
    expect(location.value).toBe('');
    fireEvent.change(location, { target: { value: NOORD.id } });
    fireEvent.change(organisation, { target: { value: ORG_A.id } });
    expect(location.value).toBe(NOORD.id);
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(server.last().get('location')).toBe(NOORD.id));
    expect(server.last().get('organisation')).toBe(ORG_A.id);
    await waitFor(() => expect(heading()).toContain(`${ORG_A.name} · ${NOORD.name}`));
  });

  it('gives a coordinator no organisation choice and names their own organisation, in Dutch too', async () => {
    await i18n.changeLanguage('nl');
    const server = fakeServer();
    render(<Dashboard session={coordinator} printable />);
    await waitFor(() => expect(server.asked).toHaveLength(1));
    expect(screen.queryByLabelText('Bibliotheekorganisatie')).toBeNull();
    await waitFor(() => expect(heading()).toContain(`Kwartaalrapport · ${ORG_A.name} ·`));
    fireEvent.change(screen.getByLabelText('Locatie'), { target: { value: CENTRALE.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Toepassen' }));
    await waitFor(() => expect(server.last().get('location')).toBe(CENTRALE.id));
    expect(server.last().has('organisation')).toBe(false);
    await waitFor(() => expect(heading()).toContain(`${ORG_A.name} · ${CENTRALE.name}`));
  });

  it("calls the administrator's unfiltered report the whole network in Dutch", async () => {
    await i18n.changeLanguage('nl');
    fakeServer();
    render(<Dashboard session={admin} printable />);
    expect(heading()).toContain('Kwartaalrapport · Hele netwerk ·');
    expect(optionsOf(screen.getByLabelText('Bibliotheekorganisatie'))[0]).toBe('Alle organisaties (hele netwerk)');
  });
});

/** An element once the page shows it. */
const shown = (selector: string) =>
  waitFor(() => {
    const el = document.querySelector(selector);
    if (!el) throw new Error(`not shown yet: ${selector}`);
    return el as HTMLElement;
  });

describe("the quarterly report's impact parts", () => {
  it('shows the course and survey figures beside the previous period, the funnel by municipality, and narrows all to one municipality', async () => {
    await i18n.changeLanguage('nl');
    const server = fakeServer();
    render(<Dashboard session={coordinator} printable />);
    const courses = await shown('[data-part="courses"] [data-figure="course-totals"]');
    const participants = within(courses).getByRole('row', { name: /Deelnemers/ });
    expect([...participants.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['4', '2']);
    expect(within(courses).getByRole('row', { name: /Afgerond \(aandeel\)/ }).textContent).toContain('75%');
    const part = document.querySelector('[data-part="courses"]') as HTMLElement;
    expect(within(part).getByRole('row', { name: /Te moeilijk/ }).textContent).toBe('Te moeilijk11');
    expect(within(part).getByRole('row', { name: /Ik kan zelf inloggen met DigiD/ }).textContent).toContain('+1,5');
    expect(within(part.querySelector('[data-figure="course-municipalities"]') as HTMLElement).getByRole('rowheader').textContent).toBe(
      'Amsterdam',
    );

    const survey = await shown('[data-part="survey"] [data-figure="survey-totals"]');
    expect(
      [
        ...within(survey)
          .getByRole('row', { name: /Goed geholpen/ })
          .querySelectorAll('td'),
      ].map((td) => td.textContent),
    ).toEqual(['75%', '50%', '–']);
    expect(document.querySelector('[data-part="survey"] [data-figure="survey-municipalities"] tr[data-key="GM0363"] th')?.textContent).toBe(
      'Amsterdam',
    );
    const byMunicipality = await shown('[data-figure="referralFunnel-municipality"]');
    expect(within(byMunicipality).getByRole('rowheader', { name: 'Gemeente niet gevraagd' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Gemeente'), { target: { value: 'GM0363' } });
    fireEvent.click(screen.getByRole('button', { name: 'Toepassen' }));
    await waitFor(() => expect(server.last().get('municipality')).toBe('GM0363'));
    for (const path of ['/ido-summary', '/impact/survey', '/courses/figures', '/referrals/funnel'])
      await waitFor(() => expect(server.lastOf(path)?.get('municipality'), path).toBe('GM0363'));
    await waitFor(() => expect(heading()).toContain(`${ORG_A.name} · Amsterdam`));
    expect(screen.getByRole('link', { name: 'Rapport downloaden (CSV)' }).getAttribute('href')).toContain('municipality=GM0363');
  });
});
