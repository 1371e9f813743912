// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InloopDatabase, type DeviceRecord } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { createServerApi } from '../../src/app/sync/api';
import { SyncEngine } from '../../src/app/sync/engine';
import { pullSteps } from '../../src/app/services';
import { syncStatus } from '../../src/app/sync/status';
import { uuidv7 } from '../../src/shared/ids';
import { healthySyncAnswer, jsonAnswer, pushedEntries } from '../helpers/fake-sync-server';

const IDLE = 60_000;
type Path = '/api/sync/push' | '/api/sync/catalogue' | '/api/sync/volunteers' | '/api/sync/help-requests' | '/api/sync/location';

/**
 * The server as the tablet's fetch sees it. Every round pulls the catalogue once,
 * so catalogue requests count the rounds. A path can be held to keep a round in flight.
 */
function fakeServer(device: DeviceRecord) {
  const server = {
    mode: 'up' as 'up' | 'down' | 'unenrolled' | 'busy',
    requests: [] as Path[],
    pushed: [] as number[],
    inFlight: 0,
    mostInFlight: 0,
    held: new Map<Path, Promise<void>>(),
    rounds: () => server.requests.filter((p) => p === '/api/sync/catalogue').length,
    hold(path: Path): () => void {
      let release!: () => void;
      server.held.set(path, new Promise<void>((r) => (release = r)));
      return () => {
        server.held.delete(path);
        release();
      };
    },
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = new URL(String(input), 'http://tablet.test').pathname as Path;
    server.requests.push(path);
    server.mostInFlight = Math.max(server.mostInFlight, ++server.inFlight);
    try {
      await server.held.get(path);
      if (server.mode === 'down') throw new TypeError('Failed to fetch');
      if (server.mode === 'unenrolled') return jsonAnswer(401, { error: 'unauthorized', message: 'unknown or revoked device token' });
      if (server.mode === 'busy') {
        const answer = jsonAnswer(429, { error: 'rate_limited', message: 'Too many requests; try again in 45 seconds.' });
        answer.headers.set('retry-after', '45');
        return answer;
      }
      if (path === '/api/sync/push') server.pushed.push(...pushedEntries(init).map((e) => e.seq));
      return healthySyncAnswer(path, init, device.location.id);
    } finally {
      server.inFlight--;
    }
  };
  return { server, fetch };
}

/** navigator.locks as browsers model it: exclusive locks granted in request order; ifAvailable answers null at once when held. */
function fakeLockManager() {
  const held = new Set<string>();
  const queues = new Map<string, Array<() => void>>();
  const release = (name: string) => {
    const next = queues.get(name)?.shift();
    if (next) next();
    else held.delete(name);
  };
  return {
    async request<T>(
      name: string,
      ...args: [(lock: unknown) => T] | [{ ifAvailable?: boolean }, (lock: unknown) => T]
    ): Promise<Awaited<T>> {
      const [options, callback] = args.length === 1 ? [{}, args[0]] : args;
      if (held.has(name)) {
        if (options.ifAvailable) return await callback(null);
        await new Promise<void>((granted) => queues.set(name, [...(queues.get(name) ?? []), granted]));
      }
      held.add(name);
      try {
        return await callback({ name, mode: 'exclusive' });
      } finally {
        release(name);
      }
    },
  };
}

/** Lets fake-indexeddb and pending promises run until cond holds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error('still waiting after 2000 turns');
}

/** Whether p settles within a few hundred turns of the event loop; a round queued behind a lock never does. */
async function settlesSoon(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void p.finally(() => (settled = true));
  await until(() => settled).catch(() => undefined);
  return settled;
}

let dbCount = 0;
let online = true;
let visibility: DocumentVisibilityState = 'visible';
let nextRandom = 0.5;
let locks: ReturnType<typeof fakeLockManager>;
const engines: SyncEngine[] = [];

async function newTablet() {
  const db = new InloopDatabase(`engine-${++dbCount}-${Date.now()}`);
  const device = await saveEnrolment(db, {
    deviceId: uuidv7(),
    token: 't'.repeat(43),
    kind: 'desk',
    location: { id: uuidv7(), name: 'Centrale Bibliotheek' },
    organisation: { id: uuidv7(), name: 'Bibliotheek Voorbeeldstad' },
  });
  const { server, fetch } = fakeServer(device);
  vi.stubGlobal('fetch', fetch);
  /** One tab of this tablet: its own engine on the shared database. */
  const tab = () => {
    const serverApi = createServerApi();
    const engine = new SyncEngine(db, serverApi, pullSteps(serverApi));
    engines.push(engine);
    return engine;
  };
  return { db, server, tab, engine: tab() };
}

/** Moves the clock; a timer that fires starts a round, which is then let finish. */
async function wait(engine: SyncEngine, ms: number): Promise<void> {
  vi.advanceTimersByTime(ms);
  await engine.whenIdle();
}

const pendingEntry = (seq: number) => ({
  seq,
  recordId: uuidv7(),
  type: 'visit.create@1',
  payload: {},
  createdAt: new Date().toISOString(),
  state: 'pending' as const,
});

beforeEach(() => {
  online = true;
  visibility = 'visible';
  nextRandom = 0.5;
  locks = fakeLockManager();
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  Object.defineProperty(navigator, 'locks', { configurable: true, get: () => locks });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  vi.spyOn(Math, 'random').mockImplementation(() => nextRandom);
  vi.spyOn(console, 'warn').mockImplementation(() => {}); // the engine logs each failed round
  syncStatus.setState({ online: true, running: false, lastSuccessAt: undefined, lastFailure: undefined, blocked: undefined }, true);
  // Only the engine's timers are faked: fake-indexeddb runs on setImmediate.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('when the sync engine syncs', () => {
  it('syncs as soon as it starts, and says everything is sent', async () => {
    const { engine, server } = await newTablet();
    engine.start();
    await engine.whenIdle();
    expect(server.rounds()).toBe(1);
    // a desk pulls the catalogue, its volunteers, the kiosks' help requests, its location's follow-ups and municipalities
    expect(server.requests).toEqual([
      '/api/sync/catalogue',
      '/api/sync/volunteers',
      '/api/sync/help-requests',
      '/api/sync/follow-ups',
      '/api/sync/location',
    ]);
    expect(syncStatus.getState()).toMatchObject({ running: false, online: true, lastFailure: undefined });
    expect(syncStatus.getState().lastSuccessAt).toBeDefined();
  });

  it('waits while the browser is offline and syncs the moment it comes back online', async () => {
    online = false;
    const { engine, server } = await newTablet();
    engine.start();
    await engine.whenIdle();
    expect(server.requests).toEqual([]);
    expect(syncStatus.getState().online).toBe(false);

    online = true;
    window.dispatchEvent(new Event('online'));
    await engine.whenIdle();
    expect(server.rounds()).toBe(1);
    expect(syncStatus.getState().online).toBe(true);
  });

  it('syncs when the page becomes visible again, not when it is hidden', async () => {
    const { engine, server } = await newTablet();
    engine.start();
    await engine.whenIdle();

    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await engine.whenIdle();
    expect(server.rounds()).toBe(1);

    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await engine.whenIdle();
    expect(server.rounds()).toBe(2);
  });

  it('syncs again every minute while all goes well', async () => {
    const { engine, server } = await newTablet();
    engine.start();
    await engine.whenIdle();
    await wait(engine, IDLE - 1);
    expect(server.rounds()).toBe(1);
    await wait(engine, 1);
    expect(server.rounds()).toBe(2);
    await wait(engine, IDLE);
    expect(server.rounds()).toBe(3);
  });

  it('backs off with jitter after failures and returns to the minute after a success', async () => {
    const { engine, server } = await newTablet();
    server.mode = 'down';
    nextRandom = 0; // first retry at the bottom of its window: 1 s
    engine.start();
    await engine.whenIdle();
    expect(server.rounds()).toBe(1);
    expect(syncStatus.getState().lastFailure).toMatchObject({ failure: 'network', problem: 'unreachable' });

    await wait(engine, 999);
    expect(server.rounds()).toBe(1);
    nextRandom = 1; // second retry at the top of its window: 4 s
    await wait(engine, 1);
    expect(server.rounds()).toBe(2);

    await wait(engine, 3_999);
    expect(server.rounds()).toBe(2);
    nextRandom = 0.5; // third: halfway between 4 and 8 s
    await wait(engine, 1);
    expect(server.rounds()).toBe(3);

    server.mode = 'up';
    await wait(engine, 5_999);
    expect(server.rounds()).toBe(3);
    await wait(engine, 1);
    expect(server.rounds()).toBe(4);
    expect(syncStatus.getState().lastFailure).toBeUndefined();

    // success: back to the regular minute, not the last backoff step
    await wait(engine, IDLE - 1);
    expect(server.rounds()).toBe(4);
    await wait(engine, 1);
    expect(server.rounds()).toBe(5);
  });

  it("waits as long as the server's retry-after asks when it is too busy, not its own shorter backoff", async () => {
    const { engine, server } = await newTablet();
    server.mode = 'busy';
    engine.start();
    await engine.whenIdle();
    expect(server.requests).toHaveLength(1); // refused, so the round stopped there
    expect(syncStatus.getState().lastFailure).toMatchObject({ failure: 'server', problem: 'busy', status: 429 });
    server.mode = 'up';
    await wait(engine, 44_999); // the backoff alone would have retried after 1–2 s
    expect(server.requests).toHaveLength(1);
    await wait(engine, 1);
    expect(server.rounds()).toBe(2);
    expect(syncStatus.getState().lastFailure).toBeUndefined();
  });

  it('retries at once when the browser comes back online, whatever the backoff', async () => {
    const { engine, server } = await newTablet();
    server.mode = 'down';
    engine.start();
    await engine.whenIdle();
    await wait(engine, 1_500);
    expect(server.rounds()).toBe(2);

    server.mode = 'up';
    window.dispatchEvent(new Event('online'));
    await engine.whenIdle();
    expect(server.rounds()).toBe(3);
    expect(syncStatus.getState().lastFailure).toBeUndefined();
  });

  it('stops retrying when the tablet is no longer enrolled, and keeps the entries', async () => {
    const { engine, server, db } = await newTablet();
    await db.outbox.add(pendingEntry(1));
    server.mode = 'unenrolled';
    engine.start();
    await engine.whenIdle();
    expect(syncStatus.getState()).toMatchObject({ blocked: 'unenrolled', lastFailure: { problem: 'unenrolled', status: 401 } });
    await wait(engine, 10 * IDLE);
    expect(server.requests).toEqual(['/api/sync/push']);
    expect(await db.outbox.count()).toBe(1);
  });

  it('syncs when the volunteer presses "sync now"', async () => {
    const { engine, server, db } = await newTablet();
    engine.start();
    await engine.whenIdle();
    await db.outbox.add(pendingEntry(1));
    await engine.syncNow();
    expect(server.pushed).toEqual([1]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('runs one round at a time, and one more for the requests that came in meanwhile', async () => {
    const { engine, server } = await newTablet();
    const release = server.hold('/api/sync/catalogue');
    engine.start();
    await until(() => server.rounds() === 1);
    expect(syncStatus.getState().running).toBe(true);

    void engine.syncNow();
    void engine.syncNow();
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((r) => setImmediate(r));
    expect(server.rounds()).toBe(1);

    release();
    await engine.whenIdle();
    expect(server.rounds()).toBe(2);
    expect(server.mostInFlight).toBe(1);
    expect(syncStatus.getState().running).toBe(false);
  });
});

describe('several tabs of one tablet', () => {
  it('skips its turn while another tab holds the sync lock, instead of queueing behind it', async () => {
    const { engine, server } = await newTablet();
    let otherTabDone!: () => void;
    const otherTab = locks.request('inloop-sync', () => new Promise<void>((r) => (otherTabDone = r)));

    expect(await settlesSoon(engine.syncNow())).toBe(true);
    expect(server.requests).toEqual([]);
    expect(syncStatus.getState()).toMatchObject({ running: false, lastFailure: undefined });

    otherTabDone();
    await otherTab;
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(server.requests).toEqual([]); // no round queued up to run after the other tab's

    await wait(engine, IDLE); // its own turn comes with its timer
    expect(server.rounds()).toBe(1);
  });

  it('has the tab holding the lock send the entries another tab saved meanwhile', async () => {
    const { db, server, tab } = await newTablet();
    const [first, second] = [tab(), tab()];
    await db.outbox.add(pendingEntry(1));
    const release = server.hold('/api/sync/push');
    void first.syncNow();
    await until(() => server.requests.length === 1);

    await db.outbox.add(pendingEntry(2)); // saved in the second tab, which asks to sync
    expect(await settlesSoon(second.syncNow())).toBe(true);
    expect(server.requests).toEqual(['/api/sync/push']);

    release();
    await first.whenIdle();
    await second.whenIdle();
    expect(server.pushed).toEqual([1, 2]);
    expect(await db.outbox.count()).toBe(0);
    expect(server.rounds()).toBe(1); // the second tab did not repeat the round
  });
});
