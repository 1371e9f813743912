import { createStore, type StoreApi } from 'zustand/vanilla';
import type { InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import { verifyPin } from './pin-verify';

/**
 * Who is signed in on this shared tablet. Held in memory only: a reload, a crash or
 * closing the app locks the tablet. A vanilla zustand store, so tests make their own.
 */

/** Minutes without a touch or key press after which the tablet locks itself. */
export const IDLE_LOCK_MINUTES = 3;
export const IDLE_LOCK_MS = IDLE_LOCK_MINUTES * 60_000;
/** Wrong PINs allowed before the tablet makes the volunteer wait. */
export const FREE_PIN_TRIES = 3;
/** The first wait, doubled for every further wrong PIN, up to the cap. */
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;

export interface SignedInVolunteer {
  id: string;
  displayName: string;
  locationId: string;
}

export interface SessionState {
  volunteer?: SignedInVolunteer;
  signedInAt?: number;
  /** Why the tablet last locked, to say so on the sign-in screen. */
  lockedBecause?: 'idle' | 'manual';
}

export type SessionStore = StoreApi<SessionState>;

export function createSessionStore(): SessionStore {
  return createStore<SessionState>(() => ({}));
}

/** The app's one session. */
export const volunteerSession = createSessionStore();

/** The volunteer recording visits now, or undefined when the tablet is locked. For the visit form: visit.volunteerId. */
export function currentVolunteer(store: SessionStore = volunteerSession): SignedInVolunteer | undefined {
  return store.getState().volunteer;
}

export function lock(store: SessionStore = volunteerSession, because: SessionState['lockedBecause'] = 'manual'): void {
  if (store.getState().volunteer) store.setState({ volunteer: undefined, signedInAt: undefined, lockedBecause: because }, true);
}

/** How long a volunteer must wait after this many wrong PINs in a row: none for the first three, then 30 s doubling, capped. */
export function lockoutDelay(failures: number): number {
  if (failures < FREE_PIN_TRIES) return 0;
  return Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** (failures - FREE_PIN_TRIES));
}

export type SignInOutcome =
  | { ok: true }
  | { ok: false; reason: 'wrongPin'; triesLeft: number; waitMs: number }
  | { ok: false; reason: 'wait'; waitMs: number }
  | { ok: false; reason: 'unknown' };

/** Milliseconds this volunteer must still wait before the next try (0: may try now). Read from IndexedDB, so a reload does not reset it. */
export async function waitBeforeTry(db: InloopDatabase, volunteerId: string, now = Date.now()): Promise<number> {
  const row = await durably(db, () => db.pinAttempts.get(volunteerId));
  return row ? Math.max(0, row.lockedUntil - now) : 0;
}

/**
 * Checks the PIN offline against the stored hash. A right PIN signs the volunteer in
 * and clears their wrong tries; a wrong one is counted in IndexedDB before answering,
 * so closing the app does not buy a fresh try. While a wait runs, no PIN is checked.
 */
export async function signIn(
  db: InloopDatabase,
  store: SessionStore,
  volunteerId: string,
  pin: string,
  now: () => number = Date.now,
): Promise<SignInOutcome> {
  const volunteer = await durably(db, () => db.volunteers.get(volunteerId));
  if (!volunteer) return { ok: false, reason: 'unknown' };
  const waitMs = await waitBeforeTry(db, volunteerId, now());
  if (waitMs > 0) return { ok: false, reason: 'wait', waitMs };
  if (await verifyPin(pin, volunteer.pin)) {
    await durably(db, () => db.pinAttempts.delete(volunteerId));
    store.setState(
      {
        volunteer: { id: volunteer.id, displayName: volunteer.displayName, locationId: volunteer.locationId },
        signedInAt: now(),
        lockedBecause: undefined,
      },
      true,
    );
    return { ok: true };
  }
  const failures = await durably(db, () =>
    db.transaction('rw', db.pinAttempts, async () => {
      const before = (await db.pinAttempts.get(volunteerId))?.failures ?? 0;
      const failures = before + 1;
      await db.pinAttempts.put({ volunteerId, failures, lockedUntil: now() + lockoutDelay(failures) });
      return failures;
    }),
  );
  return { ok: false, reason: 'wrongPin', triesLeft: Math.max(0, FREE_PIN_TRIES - failures), waitMs: lockoutDelay(failures) };
}

/**
 * Locks the tablet after idleMs without a touch, click or key press while someone is
 * signed in. Returns a function that stops watching.
 */
export function watchIdle(store: SessionStore, opts: { idleMs?: number; target?: EventTarget } = {}): () => void {
  const idleMs = opts.idleMs ?? IDLE_LOCK_MS;
  const target = opts.target ?? globalThis;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastActivity = Date.now();
  const arm = () => {
    clearTimeout(timer);
    lastActivity = Date.now();
    if (store.getState().volunteer) timer = setTimeout(() => lock(store, 'idle'), idleMs);
  };
  // A sleeping tablet may not run timers: when it wakes, the time away counts as idle.
  const onWake = () => {
    if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
    if (Date.now() - lastActivity >= idleMs) lock(store, 'idle');
    else arm();
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onWake);
  const events = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'];
  for (const e of events) target.addEventListener(e, arm, { passive: true, capture: true } as AddEventListenerOptions);
  const unsubscribe = store.subscribe(arm);
  arm();
  return () => {
    clearTimeout(timer);
    unsubscribe();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onWake);
    for (const e of events) target.removeEventListener(e, arm, { capture: true } as EventListenerOptions);
  };
}
