// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { Returning } from '../../src/app/console/Dashboard';
import { loadConsoleTexts } from '../helpers/console-texts';

beforeAll(async () => {
  await loadConsoleTexts();
});
afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

const cells = (table: HTMLElement, name: string) =>
  within(within(table).getByRole('rowheader', { name }).closest('tr')!)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('returning visitors on the dashboard', () => {
  it('counts returning, first-time and unknown visitors with their share, beside the previous period', async () => {
    await i18n.changeLanguage('nl');
    render(<Returning current={{ returning: 1234, firstTime: 766, unknown: 0 }} previous={{ returning: 1, firstTime: 1, unknown: 2 }} />);
    const table = within(screen.getByRole('region', { name: 'Terugkerende bezoekers' })).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Onderdeel', 'Aantal', 'Aandeel', 'Vorige periode', 'Aandeel vorige periode']);
    expect(cells(table, 'Terugkerend')).toEqual(['1.234', '62%', '1', '25%']);
    expect(cells(table, 'Eerste keer')).toEqual(['766', '38%', '1', '25%']);
    expect(cells(table, 'Onbekend')).toEqual(['0', '0%', '2', '50%']);
  });

  it('shows no share for a period without visits instead of dividing by nothing', () => {
    render(<Returning current={{ returning: 2, firstTime: 4, unknown: 5 }} previous={{ returning: 0, firstTime: 0, unknown: 0 }} />);
    const table = within(screen.getByRole('region', { name: 'Returning visitors' })).getByRole('table');
    expect(cells(table, 'Returning')).toEqual(['2', '18%', '0', '–']);
    expect(cells(table, 'First time')).toEqual(['4', '36%', '0', '–']);
    expect(cells(table, 'Unknown')).toEqual(['5', '45%', '0', '–']);
  });
});
