// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { CourseReport } from '../../src/app/console/courses/CourseReport';
import type { ConsoleSession } from '../../src/shared/console';
import type { CourseFigures } from '../../src/shared/course-runs';
import { loadConsoleTexts } from '../helpers/console-texts';

const CENTRALE = { id: '01900000-0000-7000-8000-000000000011', name: 'Centrale Bibliotheek', organisationId: '01900000-0000-7000-8000-000000000001', organisationName: 'Bibliotheek Voorbeeldstad' };
const session: ConsoleSession = {
  user: { id: '01900000-0000-7000-8000-00000000a002', email: 'coord@example.org', role: 'coordinator', organisationId: CENTRALE.organisationId },
  csrfToken: 'x',
  locations: [CENTRALE],
};
const figures: CourseFigures = {
  runs: [{ id: '01900000-0000-7000-8000-00000000c001', title: 'Klik & Tik', locationName: 'Centrale Bibliotheek', firstSession: '2026-10-06T08:00:00Z', lastSession: '2026-10-20T08:00:00Z', sessions: 3, participants: 3, finished: 2, stopped: 1, attendanceRate: 7 / 9 }],
  total: { runs: 1, participants: 3, finished: 2, stopped: 1, attendanceRate: 7 / 9, completionRate: 2 / 3 },
  stopReasons: [{ key: 'too_hard', count: 1 }],
  statements: [{ statement: 'loginDigid', assessmentVersion: 1, theme: 'digital_government', pairs: 2, startAverage: 2, endAverage: 4, change: 2 }],
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
    expect(screen.getByRole('rowheader', { name: 'Te moeilijk' })).toBeTruthy();
    const statement = screen.getByRole('row', { name: /Ik kan zelf inloggen met DigiD/ });
    expect(statement.textContent).toContain('+2');
    const kb = screen.getByRole('link', { name: 'KB-cursusregistratie (CSV)' }) as HTMLAnchorElement;
    const figuresQuery = asked.at(-1)!.split('?')[1];
    expect(kb.getAttribute('href')).toBe(`/api/console/courses/kb-export?${figuresQuery}`);
  });
});
