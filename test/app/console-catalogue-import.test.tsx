// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { CatalogueAdmin } from '../../src/app/console/Network';
import nl from '../../src/app/console/locales/nl.json';
import { CATALOGUE_IMPORT_MAX_BYTES } from '../../src/shared/catalogue-import';
import type { ConsoleSession } from '../../src/shared/console';
import { loadConsoleTexts } from '../helpers/console-texts';

/** The catalogue import form refuses, before anything is sent, what the server would refuse or garble. */
const admin: ConsoleSession = {
  user: { id: '01900000-0000-7000-8000-00000000a001', email: 'beheer@example.org', role: 'admin', organisationId: null },
  csrfToken: 'x',
  locations: [],
};

beforeAll(async () => {
  await loadConsoleTexts('nl');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function choose(file: File) {
  const input = screen.getByLabelText(nl.catalogue.file) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  return input;
}

describe('importing a catalogue file in the console', () => {
  it('refuses a file over the limit before sending it, and names the command for large files', async () => {
    const sent = vi.fn();
    vi.stubGlobal('fetch', sent);
    render(<CatalogueAdmin session={admin} />);
    const big = new File(['x'], 'aanbod-groot.json', { type: 'application/json' });
    Object.defineProperty(big, 'size', { value: CATALOGUE_IMPORT_MAX_BYTES + 1 });
    choose(big);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('aanbod-groot.json');
    expect(alert.textContent).toContain('npm run inloop -- catalogue:import aanbod-groot.json');
    expect((screen.getByRole('button', { name: nl.catalogue.import }) as HTMLButtonElement).disabled).toBe(true);
    expect(sent).not.toHaveBeenCalled();
  });

  it('refuses a file that is not UTF-8 (Excel’s plain CSV) instead of sending garbled accents', async () => {
    const sent = vi.fn();
    vi.stubGlobal('fetch', sent);
    render(<CatalogueAdmin session={admin} />);
    // "Café" in Windows-1252: é is the single byte 0xE9, which is no UTF-8.
    const bytes = Uint8Array.from([...new TextEncoder().encode('name;description\nCaf'), 0xe9, ...new TextEncoder().encode(';Koffie\n')]);
    const file = new File([bytes], 'aanbod.csv', { type: 'text/csv' });
    // jsdom's File has no arrayBuffer(); a browser's does, and the form reads the bytes with it.
    Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes.buffer });
    const input = choose(file);
    fireEvent.submit(input.form!);
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain(i18n.t('console.catalogue.notUtf8', { name: 'aanbod.csv' }));
    expect(sent).not.toHaveBeenCalled();
  });
});
