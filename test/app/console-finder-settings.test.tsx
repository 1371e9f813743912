// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { i18n } from '../../src/app/i18n/i18n';
import { FinderSettings } from '../../src/app/console/finder/FinderSettings';
import type { FinderSettingsList } from '../../src/shared/finder';
import { loadConsoleTexts } from '../helpers/console-texts';

const ORG = {
  id: '01900000-0000-7000-8000-000000000001',
  name: 'Bibliotheek Voorbeeldstad',
  address: 'https://inloop.bieb.test/aanbod/bibliotheek-voorbeeldstad',
  colour: null,
  frameAncestors: [],
  hasLogo: false,
};

function fakeServer() {
  const puts: unknown[] = [];
  let current: FinderSettingsList['organisations'][number] = { ...ORG };
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    if (init?.method === 'PUT') {
      const body = JSON.parse(String(init.body));
      puts.push(body);
      current = { ...current, colour: body.colour, frameAncestors: body.frameAncestors };
    }
    return Promise.resolve(
      new Response(JSON.stringify({ organisations: [current] }), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
  });
  return { puts };
}

beforeAll(async () => {
  await loadConsoleTexts('en');
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

describe("the console's Website section", () => {
  it('shows the public address and the snippet, and saves colour and embedding sites', async () => {
    const server = fakeServer();
    render(<FinderSettings />);
    await screen.findByRole('heading', { level: 2, name: ORG.name });
    expect(screen.getByRole('link', { name: ORG.address }).getAttribute('href')).toBe(ORG.address);
    expect(document.querySelector('pre code')?.textContent).toContain(`src="${ORG.address}"`);
    expect(document.querySelector('pre code')?.textContent).toContain('https://inloop.bieb.test/aanbod/embed.js');
    fireEvent.input(screen.getByLabelText(/^Colour/), { target: { value: '#7A1F5C' } });
    fireEvent.input(screen.getByLabelText(/^Websites that may embed/), { target: { value: 'https://www.bieb.test/\nhttps://bieb.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(server.puts).toEqual([{ colour: '#7a1f5c', frameAncestors: ['https://www.bieb.test', 'https://bieb.test'] }]);
  });

  it('refuses a logo of another kind before sending it', async () => {
    const server = fakeServer();
    render(<FinderSettings />);
    await screen.findByRole('heading', { level: 2, name: ORG.name });
    const input = screen.getByLabelText(/^Logo/) as HTMLInputElement;
    const file = new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' });
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.change(input);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The logo must be a PNG, JPEG or WebP file.');
    expect(server.puts).toEqual([]);
  });
});
