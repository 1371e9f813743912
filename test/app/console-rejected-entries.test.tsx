// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { RejectedEntriesWithData } from '../../src/app/console/devices/RejectedEntriesWithData';
import type { RejectedEntry, RejectedEntryList } from '../../src/shared/rejected-entries';
import { loadConsoleTexts } from '../helpers/console-texts';

const DESK = '01900000-0000-7000-8000-000000000201';

const entry = (id: number, overrides: Partial<RejectedEntry> = {}): RejectedEntry => ({
  id,
  deviceSeq: id + 10,
  recordId: `01980000-0000-7000-8000-00000000040${id}`,
  changeType: 'visit.create@1',
  reason: 'invalid visit: note: contains personal data: address',
  payload: { note: 'woont op [address]' },
  receivedAt: '2026-11-23T09:15:00.000Z',
  handledAt: null,
  handledBy: null,
  ...overrides,
});

/** The console's server for this screen: the tablet's entries, and marking one handled. */
function fakeServer(entries: RejectedEntry[]) {
  const posted: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const path = url.replace('/api/console', '');
    if (init.method === 'POST') {
      posted.push(path);
      const id = Number(/\/rejected-entries\/(\d+)\/handled/.exec(path)?.[1]);
      entries = entries.map((e) => (e.id === id ? { ...e, handledAt: '2026-11-23T10:00:00.000Z', handledBy: 'coord@example.org' } : e));
      return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
    }
    const state = new URL(url, 'http://x').searchParams.get('state');
    const shown = entries.filter((e) => state === 'all' || (state === 'open') === (e.handledAt === null));
    const body: RejectedEntryList = {
      device: { id: DESK, kind: 'desk', name: 'Balie 1', locationName: 'Centrale' },
      entries: shown,
      truncated: false,
    };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return posted;
}

beforeAll(() => loadConsoleTexts('en'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("a tablet's rejected entries in the console", () => {
  it('shows when, type, reason and the redacted content, and marks an entry handled', async () => {
    const posted = fakeServer([
      entry(1),
      entry(2, { changeType: 'visit.teleport@9', reason: 'unknown change type "visit.teleport@9"', payload: {} }),
    ]);
    render(<RejectedEntriesWithData deviceId={DESK} />);
    const rows = await screen.findAllByRole('row');
    expect(rows).toHaveLength(3); // header and two entries
    const first = rows[1]!;
    expect(within(first).getByText('visit.create@1')).toBeTruthy();
    expect(within(first).getByText(/contains personal data: address/)).toBeTruthy();
    expect(within(first).getByText(/woont op \[address\]/)).toBeTruthy();
    expect(within(first).getByText(/23/)).toBeTruthy(); // the date, through Intl
    expect(screen.getByText(/Balie 1 · Centrale/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download as CSV (Excel)' }).getAttribute('href')).toBe(
      `/api/console/rejected-entries/export?device=${DESK}&state=open&format=csv`,
    );

    fireEvent.click(within(first).getByRole('button', { name: /Mark handled \(sequence number 11\)/ }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Sequence number 11 is marked handled.'));
    expect(posted).toEqual(['/rejected-entries/1/handled']);
    // The open list no longer holds it; the handled one shows who handled it and when.
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'handled' } });
    await waitFor(() => expect(screen.getByText(/by coord@example.org/)).toBeTruthy());
  });

  it('says so when nothing is left to handle', async () => {
    fakeServer([]);
    render(<RejectedEntriesWithData deviceId={DESK} />);
    expect(await screen.findByText('No rejected entries left to handle.')).toBeTruthy();
  });
});
