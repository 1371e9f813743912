// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { initI18n } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';
import type { LocalVisit } from '../../src/app/db/database';
import { SyncStatusBar } from '../../src/app/desk/SyncStatusBar';
import { syncStatus } from '../../src/app/sync/status';
import { TodayList } from '../../src/app/visits/TodayList';
import { visitSchema } from '../../src/shared/visit';
import { uuidv7 } from '../../src/shared/ids';
import { makeVisit } from '../helpers/visits';
import { deskDevice } from '../helpers/desk-device';

const device = deskDevice();
const SERVER_REASON = 'visit is recorded for another location than this device';

function localVisit(overrides: Partial<LocalVisit> = {}): LocalVisit {
  return { ...visitSchema.parse(makeVisit(device)), seq: 1, syncState: 'pending', savedAt: new Date().toISOString(), ...overrides };
}
const entry = (seq: number, recordId: string, state: 'pending' | 'rejected', reason?: string) => ({
  seq,
  recordId,
  type: 'visit.create@1',
  payload: {},
  createdAt: new Date().toISOString(),
  state,
  ...(reason ? { reason } : {}),
});

beforeAll(() => initI18n('nl'));
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  syncStatus.setState({ online: true, running: false, lastFailure: undefined, blocked: undefined });
  await Promise.all([db.outbox.clear(), db.visits.clear()]);
});

describe('the sync status line in Dutch', () => {
  it('says in Dutch that the server cannot be reached, without the English error', async () => {
    await db.outbox.add(entry(1, uuidv7(), 'pending'));
    syncStatus.setState({
      lastFailure: { failure: 'network', problem: 'unreachable', detail: 'no connection to the server', at: new Date().toISOString() },
    });
    render(<SyncStatusBar />);
    const status = screen.getByTestId('sync-status');
    await waitFor(() => expect(status.getAttribute('data-phase')).toBe('error'));
    expect(status.textContent).toBe(
      'Verzenden mislukt – De server is niet bereikbaar. 1 wacht nog; er wordt opnieuw geprobeerd, er gaat niets verloren.',
    );
  });

  it('translates a refusal by its kind and leaves the server’s English message out', async () => {
    await db.outbox.add(entry(1, uuidv7(), 'pending'));
    syncStatus.setState({
      lastFailure: {
        failure: 'refused',
        problem: 'refused',
        detail: 'body/entries/0/payload must be object',
        status: 400,
        at: new Date().toISOString(),
      },
    });
    render(<SyncStatusBar />);
    const status = screen.getByTestId('sync-status');
    await waitFor(() => expect(status.textContent).toContain('De server weigerde het verzoek.'));
    expect(status.textContent).not.toMatch(/payload|must be/);
  });
});

describe('a visit the server refused, in Dutch', () => {
  it('says the server refused it and that it is kept, with the server’s reason only as a detail marked English', async () => {
    const visit = localVisit({ syncState: 'rejected', rejectReason: SERVER_REASON });
    await db.visits.add(visit);
    await db.outbox.add(entry(1, visit.id, 'rejected', SERVER_REASON));
    render(<TodayList />);

    const sentence = await screen.findByText(
      /De server heeft dit niet aangenomen\. Het blijft op deze tablet bewaard voor de coördinator\./,
    );
    await waitFor(() => expect(screen.getByText('Geweigerd door de server')).toBeTruthy());
    const reason = screen.getByText(SERVER_REASON);
    expect(reason.getAttribute('lang')).toBe('en');
    expect(reason.closest('small')?.textContent).toContain('Technische melding van de server (Engels):');
    // the volunteer's own sentence does not start with, or consist of, the server's English
    expect(sentence.firstChild?.textContent).toBe(
      'De server heeft dit niet aangenomen. Het blijft op deze tablet bewaard voor de coördinator.',
    );
  });

  it('still says it was refused and kept when the server gave no reason', async () => {
    const visit = localVisit({ syncState: 'rejected' });
    await db.visits.add(visit);
    render(<TodayList />);
    expect(await screen.findByText(/De server heeft dit niet aangenomen/)).toBeTruthy();
    expect(document.querySelector('[lang="en"]')).toBeNull();
  });
});

describe('an unexpected fault while voiding, in Dutch', () => {
  it('shows a Dutch sentence instead of the raw error, and logs the error', async () => {
    const visit = localVisit();
    await db.visits.add(visit);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<TodayList device={device} />);

    fireEvent.click(await screen.findByRole('button', { name: /^Bezoek van .* schrappen$/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Vergissing' }));
    const fault = new TypeError("Cannot read properties of undefined (reading 'version')");
    vi.spyOn(db, 'transaction').mockImplementation(() => {
      throw fault;
    });
    fireEvent.click(screen.getByRole('button', { name: 'Bezoek schrappen' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Dat is niet gelukt door een onverwachte fout. Probeer het opnieuw; lukt het weer niet, meld het aan de coördinator.',
    );
    expect(alert.textContent).not.toMatch(/TypeError|Cannot read/);
    expect(logged).toHaveBeenCalledWith(expect.any(String), fault);
  });
});
