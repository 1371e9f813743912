// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { CatalogueAdmin } from '../../src/app/console/catalogue/CatalogueFiles';
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
    expect((screen.getByRole('button', { name: nl.catalogue.check }) as HTMLButtonElement).disabled).toBe(true);
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

  it('checks the file first and shows what would change, and imports only when the administrator applies it', async () => {
    const report = (dryRun: boolean) => ({
      ok: true,
      problems: [],
      packaging: 'HSDS JSON (list of compiled services)',
      dryRun,
      issues: [],
      notes: [{ row: 'services[0]', field: 'attributes', reason: 'no taxonomy term matched a theme' }],
      notKept: [{ field: 'meta_table_descriptions', count: 1, reason: 'belongs to no organisation, location or service in the file' }],
      keptNotShown: [{ field: 'service.alert', count: 1 }],
      changes: {
        added: [{ entity: 'item', id: 'a', name: 'Community Counselling' }],
        changed: [],
        removed: [{ entity: 'item', id: 'b', name: 'Klik & Tik' }],
        unchanged: 3,
      },
      counts: { organizations: 1, locations: 1, items: 1 },
    });
    const bodies: Array<{ dryRun: boolean; files: Array<{ name: string; text?: string }> }> = [];
    vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
      const body = JSON.parse(init.body) as (typeof bodies)[number];
      bodies.push(body);
      return new Response(JSON.stringify(report(body.dryRun)), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    render(<CatalogueAdmin session={admin} />);
    const bytes = new TextEncoder().encode('[]');
    const file = new File([bytes], 'diensten.json', { type: 'application/json' });
    Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes.buffer });
    const input = choose(file);
    fireEvent.submit(input.form!);
    const status = await screen.findByRole('status');
    await waitFor(() =>
      expect(status.textContent).toContain(
        i18n.t('console.catalogue.report.dryRun', { packaging: 'HSDS JSON (list of compiled services)' }),
      ),
    );
    expect(status.textContent).toContain('Community Counselling');
    expect(status.textContent).toContain('Klik & Tik');
    expect(status.textContent).toContain('meta_table_descriptions: 1');
    expect(status.textContent).toContain('service.alert (1)');
    expect(bodies).toEqual([{ files: [{ name: 'diensten.json', text: '[]' }], dryRun: true }]);
    fireEvent.click(await screen.findByRole('button', { name: nl.catalogue.apply }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain(nl.catalogue.imported));
    expect(bodies[1]).toEqual({ files: [{ name: 'diensten.json', text: '[]' }], dryRun: false });
  });
});
