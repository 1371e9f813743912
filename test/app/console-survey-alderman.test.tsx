// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { SurveyReport } from '../../src/app/console/impact/SurveyReport';
import type { ConsoleSession } from '../../src/shared/console';
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
    const asked: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      asked.push(url);
      const body = url.includes('/impact/survey')
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
    render(<SurveyReport session={session} alderman />);
    await screen.findByText('Kies eerst een gemeente.');
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toContain('Amsterdam'));
    fireEvent.change(screen.getByLabelText('Gemeente'), { target: { value: 'GM0363' } });
    fireEvent.click(screen.getByRole('button', { name: 'Toepassen' }));
    await waitFor(() => expect(asked.at(-1)).toContain('municipality=GM0363'));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/Resultaten voor de gemeente Amsterdam/));
  });
});
