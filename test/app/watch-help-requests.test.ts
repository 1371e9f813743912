// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { countWaitingHelpRequests, takeHelpRequest } from '../../src/app/help/help-requests';
import { HELP_REFRESH_MS, watchHelpRequests } from '../../src/app/help/watch-help-requests';
import { SyncError } from '../../src/app/sync/api';
import { syncStatus } from '../../src/app/sync/status';
import type { HelpRequestsResponse } from '../../src/shared/kiosk';
import { uuidv7 } from '../../src/shared/ids';

type OpenRequest = HelpRequestsResponse['requests'][number];

/**
 * The server's help-request pull as the desk sees it. The answer is what was open
 * when the question arrived; `hold` keeps the next answers on their way.
 */
function fakeServer() {
  const server = {
    open: [] as OpenRequest[],
    down: false,
    asked: 0,
    inFlight: 0,
    mostInFlight: 0,
    held: undefined as Promise<void> | undefined,
    hold(): () => void {
      let release!: () => void;
      server.held = new Promise<void>((r) => (release = r));
      return () => {
        server.held = undefined;
        release();
      };
    },
  };
  const api = {
    async helpRequests(token: string): Promise<HelpRequestsResponse> {
      expect(token).toBe(TOKEN);
      server.asked++;
      server.mostInFlight = Math.max(server.mostInFlight, ++server.inFlight);
      const answer = server.open.map((r) => ({ ...r }));
      try {
        await server.held;
        if (server.down) throw new SyncError('network', 'no connection to the server');
        return { requests: answer };
      } finally {
        server.inFlight--;
      }
    },
  };
  return { server, api };
}

const TOKEN = 't'.repeat(43);
const visitorAsks = (): OpenRequest => ({
  id: uuidv7(),
  topic: 'digid',
  display: { kind: 'number', value: '7' },
  createdAt: new Date().toISOString(),
});

// fake-indexeddb runs on setImmediate, which stays real: only the watcher's timers are faked.
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await tick();
  }
  throw new Error('condition not met');
}
/** Lets whatever the watcher started finish: the answer, then its transaction. */
async function settle(server: { inFlight: number }): Promise<void> {
  await until(() => server.inFlight === 0);
  for (let i = 0; i < 30; i++) await tick();
}

let db: InloopDatabase;
let online: boolean;
let visibility: DocumentVisibilityState;
const stops: Array<() => void> = [];
const waiting = () => countWaitingHelpRequests(db);

function watch(api: ReturnType<typeof fakeServer>['api']): () => void {
  const stop = watchHelpRequests(db, { token: TOKEN }, (token) => api.helpRequests(token));
  stops.push(stop);
  return stop;
}
const setVisibility = (v: DocumentVisibilityState) => {
  visibility = v;
  document.dispatchEvent(new Event('visibilitychange'));
};
const setOnline = (v: boolean) => {
  online = v;
  window.dispatchEvent(new Event(v ? 'online' : 'offline'));
};

beforeEach(() => {
  db = new InloopDatabase(`watch-help-${uuidv7()}`);
  online = true;
  visibility = 'visible';
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  syncStatus.setState({ online: true, running: false, lastSuccessAt: undefined, lastFailure: undefined, blocked: undefined }, true);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
  await db.delete();
});

describe('a desk in use watching for help requests', () => {
  it('asks at once and every 15 seconds while visible and online, so a new request shows within 15 s', async () => {
    const { server, api } = fakeServer();
    watch(api);
    await settle(server);
    expect(server.asked).toBe(1);
    expect(await waiting()).toBe(0);

    server.open.push(visitorAsks());
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS - 1);
    await settle(server);
    expect(server.asked).toBe(1);
    expect(await waiting()).toBe(0);

    await vi.advanceTimersByTimeAsync(1);
    await until(async () => (await waiting()) === 1);
    expect(server.asked).toBe(2);

    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS);
    await settle(server);
    expect(server.asked).toBe(3);
  });

  it('pauses while the page is hidden and asks the moment it is visible again', async () => {
    const { server, api } = fakeServer();
    watch(api);
    await settle(server);

    setVisibility('hidden');
    server.open.push(visitorAsks());
    await vi.advanceTimersByTimeAsync(5 * HELP_REFRESH_MS);
    await settle(server);
    expect(server.asked).toBe(1);
    expect(await waiting()).toBe(0);

    setVisibility('visible');
    await until(async () => (await waiting()) === 1);
    expect(server.asked).toBe(2);
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS);
    await settle(server);
    expect(server.asked).toBe(3);
  });

  it('pauses while offline and asks the moment the browser is back online', async () => {
    const { server, api } = fakeServer();
    watch(api);
    await settle(server);

    setOnline(false);
    server.open.push(visitorAsks());
    await vi.advanceTimersByTimeAsync(5 * HELP_REFRESH_MS);
    await settle(server);
    expect(server.asked).toBe(1);

    setOnline(true);
    await until(async () => (await waiting()) === 1);
    expect(server.asked).toBe(2);
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS);
    await settle(server);
    expect(server.asked).toBe(3);
  });

  it('does not start asking on a page opened hidden or offline', async () => {
    const { server, api } = fakeServer();
    online = false;
    watch(api);
    await vi.advanceTimersByTimeAsync(3 * HELP_REFRESH_MS);
    await settle(server);
    expect(server.asked).toBe(0);
  });

  it('stops asking once stopped (the desk locks), and drops an answer still on its way', async () => {
    const { server, api } = fakeServer();
    const release = server.hold();
    server.open.push(visitorAsks());
    const stop = watch(api);
    await until(() => server.asked === 1);

    stop();
    release();
    await settle(server);
    expect(await waiting()).toBe(0);

    await vi.advanceTimersByTimeAsync(5 * HELP_REFRESH_MS);
    setVisibility('hidden');
    setVisibility('visible');
    setOnline(true);
    await settle(server);
    expect(server.asked).toBe(1);
  });

  it('never asks twice at once: a slow answer puts off the next question', async () => {
    const { server, api } = fakeServer();
    const release = server.hold();
    watch(api);
    await until(() => server.asked === 1);

    await vi.advanceTimersByTimeAsync(4 * HELP_REFRESH_MS);
    setVisibility('hidden');
    setVisibility('visible');
    setOnline(true);
    await tick();
    expect(server.asked).toBe(1);

    server.open.push(visitorAsks());
    release();
    await settle(server);
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS - 1);
    expect(server.asked).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(async () => (await waiting()) === 1);
    expect(server.asked).toBe(2);
    expect(server.mostInFlight).toBe(1);
  });

  it('keeps the requests it has when a question fails, and the next question still gets through', async () => {
    const first = visitorAsks();
    const { server, api } = fakeServer();
    server.open.push(first);
    watch(api);
    await until(async () => (await waiting()) === 1);

    server.down = true;
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS);
    await settle(server);
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS);
    await settle(server);
    expect(server.asked).toBe(3);
    expect(await waiting()).toBe(1);

    server.down = false;
    server.open.push(visitorAsks());
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS);
    await until(async () => (await waiting()) === 2);
    expect(server.asked).toBe(4);
  });

  it('does not bring back a request taken here when a sync round sends the take while the answer is on its way', async () => {
    const request = visitorAsks();
    const { server, api } = fakeServer();
    server.open.push(request);
    watch(api);
    await until(async () => (await waiting()) === 1);

    // The next answer was made while the request was still open.
    const release = server.hold();
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS);
    await until(() => server.asked === 2);
    await takeHelpRequest(db, request.id);
    expect(await waiting()).toBe(0);

    // A sync round sends the take; the server has it, the outbox entry goes.
    syncStatus.setState({ running: true });
    await db.outbox.clear();
    server.open = [];
    syncStatus.setState({ running: false });

    release();
    await settle(server);
    expect(await waiting()).toBe(0);
  });

  it('leaves a tablet the server refused (unenrolled) alone, and asks again once it is enrolled', async () => {
    const { server, api } = fakeServer();
    syncStatus.setState({ blocked: 'unenrolled' });
    watch(api);
    await vi.advanceTimersByTimeAsync(3 * HELP_REFRESH_MS);
    await settle(server);
    expect(server.asked).toBe(0);

    syncStatus.setState({ blocked: undefined });
    await vi.advanceTimersByTimeAsync(HELP_REFRESH_MS);
    await settle(server);
    expect(server.asked).toBe(1);
  });
});
