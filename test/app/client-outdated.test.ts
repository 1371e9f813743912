// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { h } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { initI18n } from '../../src/app/i18n/i18n';
import { db, pullSteps } from '../../src/app/services';
import { saveEnrolment } from '../../src/app/db/device';
import { createServerApi } from '../../src/app/sync/api';
import { SyncEngine } from '../../src/app/sync/engine';
import { SyncStatusBar } from '../../src/app/desk/SyncStatusBar';
import { syncStatus } from '../../src/app/sync/status';
import { countPending } from '../../src/app/db/outbox';
import { recordVisit } from '../../src/app/visits/record-visit';
import { uuidv7 } from '../../src/shared/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type ApiError } from '../../src/shared/sync';
import { makeVisit } from '../helpers/visits';
import { healthySyncAnswer, jsonAnswer, pushedEntries } from '../helpers/fake-sync-server';

// What the server answers an app below its minimum protocol (test/server/client-outdated.test.ts checks the real one).
const OUTDATED: ApiError = {
  error: 'client_outdated',
  message: `This app is too old for the server (protocol ${PROTOCOL_VERSION + 1} needed). Update the app; nothing on the tablet is lost.`,
};

/**
 * The server as the tablet's fetch sees it. It asks for a newer protocol than this
 * build speaks until `appUpdated` is set: then it takes pushes and answers pulls.
 */
function serverAhead() {
  const server = { appUpdated: false, requests: [] as string[], protocols: new Set<string>(), received: [] as string[] };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = new URL(String(input), 'http://tablet.test').pathname;
    server.requests.push(path);
    server.protocols.add((init?.headers as Record<string, string> | undefined)?.[PROTOCOL_HEADER] ?? 'none');
    if (!server.appUpdated) return jsonAnswer(426, OUTDATED);
    if (path === '/api/sync/push') server.received.push(...pushedEntries(init).map((e) => e.recordId));
    return healthySyncAnswer(path, init, device.location.id);
  };
  return { server, fetch };
}

const device = {
  deviceId: uuidv7(),
  token: 't'.repeat(43),
  kind: 'desk' as const,
  location: { id: uuidv7(), name: 'Centrale Bibliotheek' },
  organisation: { id: uuidv7(), name: 'Bibliotheek Voorbeeldstad' },
};
const engines: SyncEngine[] = [];

/** A page of the app: its own sync engine on the tablet's database. */
function openApp(): SyncEngine {
  const serverApi = createServerApi();
  const engine = new SyncEngine(db, serverApi, pullSteps(serverApi));
  engines.push(engine);
  engine.start();
  return engine;
}

/** The status store as a freshly loaded page has it. */
const freshPage = () =>
  syncStatus.setState({ online: true, running: false, lastSuccessAt: undefined, lastFailure: undefined, blocked: undefined }, true);

beforeAll(() => initI18n('nl'));

beforeEach(() => {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
  vi.spyOn(console, 'warn').mockImplementation(() => {}); // the engine logs the failed round
  freshPage();
  // Only the engine's timers are faked: fake-indexeddb runs on setImmediate.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(async () => {
  for (const engine of engines.splice(0)) engine.stop();
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('a tablet whose app is too old for the server', () => {
  it('stops syncing, asks in Dutch to update the app, keeps every visit waiting, and sends them all once updated', async () => {
    const { server, fetch } = serverAhead();
    vi.stubGlobal('fetch', fetch);
    await saveEnrolment(db, device);
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await recordVisit(db, makeVisit(device)));

    const engine = openApp();
    await engine.whenIdle();
    expect(syncStatus.getState()).toMatchObject({
      blocked: 'outdated',
      lastFailure: { failure: 'outdated', problem: 'outdated', status: 426 },
    });
    expect(server.requests).toEqual(['/api/sync/push']);
    expect([...server.protocols]).toEqual([String(PROTOCOL_VERSION)]);

    // No retries: not on the timer, not on "sync now", not when the network or the page comes back.
    vi.advanceTimersByTime(60 * 60_000);
    await engine.whenIdle();
    await engine.syncNow();
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    await engine.whenIdle();
    expect(server.requests).toEqual(['/api/sync/push']);

    // Every visit is still on the tablet, waiting to be sent.
    expect(await countPending(db)).toBe(4);
    expect((await db.outbox.toArray()).map((e) => [e.recordId, e.state])).toEqual(made.map((v) => [v.id, 'pending']));
    expect((await db.visits.toArray()).map((v) => v.syncState)).toEqual(['pending', 'pending', 'pending', 'pending']);

    vi.useRealTimers(); // the status line's live query and waitFor run on real timers
    render(h(SyncStatusBar, null));
    const status = screen.getByTestId('sync-status');
    await waitFor(() => expect(status.getAttribute('data-pending')).toBe('4'));
    await waitFor(() => expect(status.getAttribute('data-phase')).toBe('outdated'));
    await waitFor(() => expect(status.textContent).toBe('Deze app is te oud voor de server. Werk de app bij; er gaat niets verloren.'));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Nu verzenden' }) as HTMLButtonElement).disabled).toBe(true));

    // The app is updated: the page loads afresh with the new build, and the waiting visits go out.
    engine.stop();
    server.appUpdated = true;
    freshPage();
    await openApp().whenIdle();
    expect(server.received).toEqual(made.map((v) => v.id));
    expect(await countPending(db)).toBe(0);
    await waitFor(() => expect(status.getAttribute('data-phase')).toBe('upToDate'));
  });
});
