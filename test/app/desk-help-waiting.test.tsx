// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { initI18n } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';
import { DeskRoot } from '../../src/app/desk/DeskRoot';
import { lock, volunteerSession } from '../../src/app/volunteers/session';
import { HELP_REFRESH_MS } from '../../src/app/help/watch-help-requests';
import type { HelpRequestsResponse } from '../../src/shared/kiosk';
import { uuidv7 } from '../../src/shared/ids';
import { deskDevice } from '../helpers/desk-device';

const location = { id: uuidv7(), name: 'Centrale Bibliotheek (demo)' };
const device = deskDevice({ location });
const anna = { id: uuidv7(), displayName: 'Anna B.', locationId: location.id };

beforeAll(async () => {
  await initI18n('en');
  // The gate signs out a volunteer it cannot find on the tablet; the PIN is not checked here.
  await db.volunteers.put({ ...anna, pin: { algorithm: 'pbkdf2-sha256', iterations: 1, salt: '', hash: '' } });
});
/** The server's open help requests of this location, as the desk asks for them between sync rounds. */
let serverOpen: HelpRequestsResponse['requests'];
let asked: number;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeEach(async () => {
  serverOpen = [
    { id: uuidv7(), topic: 'digid', display: { kind: 'number', value: '12' }, createdAt: minutesAgo(9) },
    { id: uuidv7(), topic: 'taxes', createdAt: minutesAgo(5) },
  ];
  asked = 0;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    expect(String(input)).toBe('/api/sync/help-requests');
    asked++;
    return new Response(JSON.stringify({ requests: serverOpen }), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  // What the last sync round left on the tablet.
  await db.helpRequests.bulkPut([...serverOpen, { id: uuidv7(), topic: 'work', createdAt: minutesAgo(20), takenAt: minutesAgo(15) }]);
});
afterEach(async () => {
  cleanup();
  lock(volunteerSession);
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.location.hash = '';
  await db.helpRequests.clear();
  await db.outbox.clear();
});

const signIn = () => volunteerSession.setState({ volunteer: anna, signedInAt: Date.now() });
const helpTab = () => within(screen.getByRole('navigation', { name: 'Screens' })).getByRole('link', { name: /^Help requests/ });
const go = async (route: string) => {
  window.location.hash = route;
  await waitFor(() => expect(screen.getByRole('link', { current: 'page' }).getAttribute('href')).toBe(route));
};

describe('waiting visitors on the desk', () => {
  it('counts the open requests on the help tab and above the other screens, and counts down when one is taken', async () => {
    signIn();
    window.location.hash = '#/today';
    render(<DeskRoot device={device} />);

    await waitFor(() => expect(helpTab().textContent).toBe('Help requests (2)'));
    await waitFor(() => expect(helpTab().getAttribute('aria-label')).toBe('Help requests: 2 people are waiting for help'));
    await waitFor(() => expect(screen.getByTestId('help-waiting').textContent).toContain('2 people are waiting for help.'));

    fireEvent.click(within(screen.getByTestId('help-waiting')).getByRole('link', { name: 'Go to help requests' }));
    await go('#/help');
    const cards = await screen.findAllByTestId('help-request');
    expect(cards).toHaveLength(2);
    await waitFor(() => expect(screen.queryByTestId('help-waiting')).toBeNull()); // the queue itself lists them
    fireEvent.click(within(cards[0]!).getByRole('button', { name: "I'll take it" }));

    await waitFor(() => expect(helpTab().textContent).toBe('Help requests (1)'));
    await waitFor(() => expect(helpTab().getAttribute('aria-label')).toBe('Help requests: 1 person is waiting for help'));

    await go('#/today');
    expect((await screen.findByTestId('help-waiting')).textContent).toContain('1 person is waiting for help.');

    await go('#/help');
    fireEvent.click(await screen.findByRole('button', { name: "I'll take it" }));
    await waitFor(() => expect(helpTab().textContent).toBe('Help requests'));
    await waitFor(() => expect(helpTab().hasAttribute('aria-label')).toBe(false));
    await go('#/today');
    await waitFor(() => expect(screen.queryByTestId('help-waiting')).toBeNull());
  });

  it('shows a request made at the kiosk within 15 seconds while signed in, and stops asking once locked', async () => {
    // Only timeouts are faked (fake-indexeddb runs on setImmediate), and they also run with
    // the real clock: Preact runs effects after a paint through setTimeout.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    signIn();
    window.location.hash = '#/today';
    render(<DeskRoot device={device} />);
    await waitFor(() => expect(helpTab().textContent).toBe('Help requests (2)'));
    await waitFor(() => expect(asked).toBe(1));

    serverOpen.push({ id: uuidv7(), topic: 'computer', display: { kind: 'name', value: 'Fatima' }, createdAt: new Date().toISOString() });
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS);
    await waitFor(() => expect(helpTab().textContent).toBe('Help requests (3)'));
    await waitFor(() => expect(screen.getByTestId('help-waiting').textContent).toContain('3 people are waiting for help.'));
    expect(asked).toBe(2);

    fireEvent.click(screen.getByRole('button', { name: 'Lock / switch volunteer' }));
    await screen.findByRole('heading', { name: 'Who are you?' });
    await vi.advanceTimersByTimeAsync(4 * HELP_REFRESH_MS);
    expect(asked).toBe(2);
  });

  it('shows a locked tablet no count and no notice', async () => {
    window.location.hash = '#/today';
    render(<DeskRoot device={device} />);
    expect(await screen.findByRole('heading', { name: 'Who are you?' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Screens' })).toBeNull();
    expect(document.body.textContent).not.toMatch(/waiting for help|Help requests/);

    signIn();
    await waitFor(() => expect(helpTab().textContent).toBe('Help requests (2)'));
    fireEvent.click(screen.getByRole('button', { name: 'Lock / switch volunteer' }));
    await screen.findByRole('heading', { name: 'Who are you?' });
    expect(document.body.textContent).not.toMatch(/waiting for help|Help requests/);
  });
});
