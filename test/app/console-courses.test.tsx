// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { CourseReport } from '../../src/app/console/courses/CourseReport';
import { CourseRuns } from '../../src/app/console/courses/CourseRuns';
import type { ConsoleSession } from '../../src/shared/console';
import type { CourseReport as CourseReportData } from '../../src/shared/impact';
import { loadConsoleTexts } from '../helpers/console-texts';

const CENTRALE = {
  id: '01900000-0000-7000-8000-000000000011',
  name: 'Centrale Bibliotheek',
  organisationId: '01900000-0000-7000-8000-000000000001',
  organisationName: 'Bibliotheek Voorbeeldstad',
};
const session: ConsoleSession = {
  user: {
    id: '01900000-0000-7000-8000-00000000a002',
    email: 'coord@example.org',
    role: 'coordinator',
    organisationId: CENTRALE.organisationId,
  },
  csrfToken: 'x',
  locations: [CENTRALE],
};
const figures: CourseReportData = {
  runs: [
    {
      id: '01900000-0000-7000-8000-00000000c001',
      title: 'Klik & Tik',
      locationName: 'Centrale Bibliotheek',
      firstSession: '2026-10-06T08:00:00Z',
      lastSession: '2026-10-20T08:00:00Z',
      sessions: 3,
      participants: 3,
      finished: 2,
      stopped: 1,
      attendanceRate: 7 / 9,
    },
  ],
  total: { runs: 1, participants: 3, finished: 2, stopped: 1, attendanceRate: 7 / 9, completionRate: 2 / 3 },
  stopReasons: [{ key: 'too_hard', count: 1 }],
  municipalities: [
    { key: 'not_asked', participants: 2, finished: 1, stopped: 1 },
    { key: 'GM0363', participants: 1, finished: 1, stopped: 0 },
  ],
  municipalityNames: { GM0363: 'Amsterdam' },
  statements: [
    { statement: 'loginDigid', assessmentVersion: 1, theme: 'digital_government', pairs: 2, startAverage: 2, endAverage: 4, change: 2 },
  ],
  previous: {
    period: { from: '2026-04-01T22:00:00Z', to: '2026-09-30T22:00:00Z' },
    total: { runs: 1, participants: 4, finished: 1, stopped: 3, attendanceRate: 0.5, completionRate: 0.25 },
    stopReasons: [{ key: 'work', count: 3 }],
    municipalities: [{ key: 'not_asked', participants: 4, finished: 1, stopped: 3 }],
    statements: [
      { statement: 'loginDigid', assessmentVersion: 1, theme: 'digital_government', pairs: 1, startAverage: 2, endAverage: 3, change: 1 },
    ],
  },
};

beforeAll(async () => {
  await loadConsoleTexts();
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

describe('the console course figures', () => {
  it('shows the runs, attendance, completion, stop reasons and the change per statement in words, with the KB export of the same period', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      asked.push(url);
      return Promise.resolve(new Response(JSON.stringify(figures), { status: 200, headers: { 'content-type': 'application/json' } }));
    });
    await i18n.changeLanguage('nl');
    render(<CourseReport session={session} />);
    const run = await screen.findByRole('row', { name: /Klik & Tik/ });
    expect(within(run).getByText('78%')).toBeTruthy();
    const totals = document.querySelector('[data-figure="course-totals"]') as HTMLElement;
    expect(within(totals).getByRole('row', { name: /Afgerond \(aandeel\)/ }).textContent).toContain('67%');
    // Beside the previous period: 4 participants then, a quarter of those who ended finished.
    expect(
      [
        ...within(totals)
          .getByRole('row', { name: /Deelnemers/ })
          .querySelectorAll('td'),
      ].map((td) => td.textContent),
    ).toEqual(['3', '4']);
    expect(
      within(totals)
        .getByRole('row', { name: /Afgerond \(aandeel\)/ })
        .querySelector('[data-column="previous"]')!.textContent,
    ).toBe('25%');
    // A reason given only in the previous period still has its row, with none now.
    expect(screen.getByRole('row', { name: /Werk/ }).textContent).toBe('Werk03');
    // Participants per municipality by name, and "not asked" in words.
    const places = document.querySelector('[data-figure="course-municipalities"]') as HTMLElement;
    expect(
      within(places)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['Niet gevraagd', 'Amsterdam']);
    expect(screen.getByRole('rowheader', { name: 'Te moeilijk' })).toBeTruthy();
    const statement = screen.getByRole('row', { name: /Ik kan zelf inloggen met DigiD/ });
    expect(statement.textContent).toContain('+2');
    expect(statement.querySelector('[data-column="previous"]')!.textContent).toBe('+1');
    const kb = screen.getByRole('link', { name: 'KB-cursusregistratie (CSV)' }) as HTMLAnchorElement;
    const figuresQuery = asked.at(-1)!.split('?')[1];
    expect(kb.getAttribute('href')).toBe(`/api/console/courses/kb-export?${figuresQuery}`);
  });
});

describe('the console course runs', () => {
  const run = {
    id: '01900000-0000-7000-8000-00000000c001',
    itemId: '01900000-0000-7000-8000-00000000d001',
    title: 'Klik & Tik',
    theme: 'digital_skills',
    locationId: CENTRALE.id,
    closed: false,
    sessions: [{ id: '01900000-0000-7000-8000-00000000e001', startsAt: '2026-10-06T08:00:00Z' }],
    participants: [
      {
        id: '01900000-0000-7000-8000-00000000f001',
        number: 1,
        display: null,
        municipality: null,
        outcome: null,
        stopReason: null,
        present: [],
        assessed: [],
      },
    ],
  };
  it('keeps participants as a desk does: added with consent, from kiosk interest in one step, a tap for attendance, an end with a reason', async () => {
    const sent: Array<{ url: string; body: unknown }> = [];
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') sent.push({ url, body: JSON.parse(String(init.body ?? 'null')) });
      const body = url.includes('/courses/runs')
        ? { runs: [run] }
        : url.endsWith(`/locations/${run.locationId}/municipalities`)
          ? { municipalities: [{ code: 'GM0363', name: 'Amsterdam' }] }
          : url.includes('/inbox')
            ? { helpRequests: [], interest: [{ id: '01900000-0000-7000-8000-00000000a101', itemId: run.itemId, firstName: 'Ans' }] }
            : { items: [] };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
    });
    await i18n.changeLanguage('nl');
    render(<CourseRuns session={session} />);
    // A participant whose name retention blanked is shown by number.
    const tap = await screen.findByRole('checkbox', { name: /Deelnemer 1 aanwezig op/ });
    tap.click();
    await vi.waitFor(() =>
      expect(sent.at(-1)).toEqual({
        url: `/api/console/courses/runs/${run.id}/attendance`,
        body: { participantId: run.participants[0]!.id, sessionId: run.sessions[0]!.id, present: true },
      }),
    );
    const end = screen.getByRole('combobox', { name: 'Einde voor Deelnemer 1' }) as HTMLSelectElement;
    end.value = 'too_hard';
    end.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() =>
      expect(sent.at(-1)!.body).toEqual({ participantId: run.participants[0]!.id, outcome: 'stopped', stopReason: 'too_hard' }),
    );
    // A participant with the municipality chosen from those the run's location serves.
    const name = screen.getByRole('textbox', { name: 'Voornaam of nummer' }) as HTMLInputElement;
    name.value = 'Bram';
    const place = (await screen.findByRole('combobox', { name: 'Gemeente van de deelnemer' })) as HTMLSelectElement;
    expect([...place.options].map((o) => o.textContent)).toEqual(['Niet gevraagd', 'Amsterdam']);
    place.value = 'GM0363';
    (screen.getByRole('checkbox', { name: /De deelnemer gaf toestemming/ }) as HTMLInputElement).checked = true;
    screen.getByRole('button', { name: 'Deelnemer toevoegen' }).click();
    await vi.waitFor(() =>
      expect(sent.at(-1)).toEqual({
        url: `/api/console/courses/runs/${run.id}/participants`,
        body: { display: { kind: 'name', value: 'Bram' }, consent: true, municipality: 'GM0363' },
      }),
    );
    (await screen.findByRole('button', { name: /Ans \(belangstelling kiosk\) toevoegen/ })).click();
    await vi.waitFor(() =>
      expect(sent.at(-1)).toEqual({
        url: `/api/console/courses/runs/${run.id}/participants/from-interest`,
        body: { interestId: '01900000-0000-7000-8000-00000000a101', consent: true },
      }),
    );
  });
});
