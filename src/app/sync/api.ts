import type { EnrolResponse, PullResponse, PushRequest, PushResponse } from '../../shared/sync';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync-constants';
import type { z } from '../../shared/zod';

/**
 * The shared schema an answer must pass, or a function that loads it. Loaded lazily, the
 * schemas (and zod) stay out of a tablet's first load: a first-load module never imports a
 * schema module, and the first call brings it in (precached by the service worker, so offline too).
 */
export type SchemaSource<S extends z.ZodMiniType> = S | (() => Promise<S>);

const syncSchemas = () => import('../../shared/sync');

/** Why a call to the server failed, as far as the sync engine needs to know. */
export type SyncFailure =
  | 'network' // no answer: offline, timed out, dropped; try again later
  | 'server' // the server answered 5xx; try again later
  | 'unenrolled' // 401: token unknown or revoked
  | 'outdated' // 426: this app is too old for the server
  | 'refused'; // another 4xx: the server will not take this request as it is

/**
 * What went wrong in the volunteer's words: each code has a sentence under
 * status.problem.<code> in every language. The error's own message stays English
 * technical detail for the console, never the sentence shown.
 */
export const SYNC_PROBLEMS = [
  'offline', // the browser knows it has no network
  'unreachable', // the network is there, the server did not answer
  'timeout', // the server did not answer in time
  'unreadable', // an answer came, but cut off or not the server's (a proxy's page)
  'busy', // 429: the server asks to come back later
  'server', // the server failed (5xx)
  'unenrolled', // 401: the tablet's token is unknown or revoked
  'outdated', // 426: this app is too old for the server
  'refused', // another 4xx: the server will not take the request as it is
  'outOfStep', // the server waits for an entry this tablet no longer holds
  'storage', // the tablet's own storage failed during the round
  'unexpected', // anything else: a fault in the app
] as const;
export type SyncProblem = (typeof SYNC_PROBLEMS)[number];

export class SyncError extends Error {
  readonly problem: SyncProblem;
  constructor(
    readonly failure: SyncFailure,
    message: string,
    readonly status?: number,
    problem?: SyncProblem,
    /** From the server's retry-after (a 429 or 503): how long to wait at least before trying again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SyncError';
    this.problem = problem ?? problemOf(failure, status);
  }
}

/** The HTTP status of a failed answer, as the sync engine acts on it. */
export function failureOfStatus(status: number): SyncFailure {
  if (status === 401) return 'unenrolled';
  if (status === 426) return 'outdated';
  return status >= 500 || status === 429 || status === 408 ? 'server' : 'refused';
}

/** The closest volunteer-facing problem when the thrower did not name one. */
export function problemOf(failure: SyncFailure, status?: number): SyncProblem {
  switch (failure) {
    case 'network':
      // Checked when the call fails: the browser's own word is the best "offline" there is.
      return typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'unreachable';
    case 'server':
      return status === 429 ? 'busy' : status === 408 ? 'timeout' : 'server';
    default:
      return failure;
  }
}

export const APP_VERSION: string = import.meta.env?.VITE_APP_VERSION ?? '0.0.0';
const TIMEOUT_MS = 20_000;

export interface ServerApi {
  enrol(code: string): Promise<EnrolResponse>;
  push(token: string, body: PushRequest): Promise<PushResponse>;
  pullCatalogue(token: string, cursor: string, limit?: number): Promise<PullResponse>;
}

async function call<S extends z.ZodMiniType>(source: SchemaSource<S>, url: string, init: RequestInit): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), cache: 'no-store' });
  } catch (err) {
    const timedOut = (err as { name?: string } | undefined)?.name === 'TimeoutError';
    throw new SyncError(
      'network',
      timedOut ? 'no answer from the server in time' : 'no connection to the server',
      undefined,
      timedOut ? 'timeout' : undefined,
    );
  }
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    // An HTML error page from a proxy, or a cut-off body.
  }
  if (!response.ok) {
    const message = (body as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
    throw new SyncError(
      failureOfStatus(response.status),
      message,
      response.status,
      undefined,
      retryAfterMs(response.headers.get('retry-after')),
    );
  }
  const schema = typeof source === 'function' ? await source() : source;
  const parsed = schema.safeParse(body);
  // A reply cut off or mangled on the way counts as no reply: the request is retried, which the protocol makes safe.
  if (!parsed.success) throw new SyncError('network', 'unreadable answer from the server', response.status, 'unreadable');
  return parsed.data;
}

/** retry-after in seconds (the form the server sends), as milliseconds; anything else is ignored. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

/** A GET of the sync API with the device's token: same headers, time-out and failure codes as push and pull. */
export function getFromServer<S extends z.ZodMiniType>(schema: SchemaSource<S>, url: string, token: string): Promise<z.output<S>> {
  return call(schema, url, { method: 'GET', headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` } });
}

export function createServerApi(base = ''): ServerApi {
  const headers = (token?: string): Record<string, string> => ({
    'content-type': 'application/json',
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  return {
    enrol: (code) =>
      call(() => syncSchemas().then((m) => m.enrolResponseSchema), `${base}/api/devices/enrol`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify({ code }),
      }),
    push: (token, body) =>
      call(() => syncSchemas().then((m) => m.pushResponseSchema), `${base}/api/sync/push`, {
        method: 'POST',
        headers: headers(token),
        body: JSON.stringify(body),
      }),
    pullCatalogue: (token, cursor, limit = 500) =>
      call(
        () => syncSchemas().then((m) => m.pullResponseSchema),
        `${base}/api/sync/catalogue?cursor=${encodeURIComponent(cursor)}&limit=${limit}`,
        { method: 'GET', headers: headers(token) },
      ),
  };
}
