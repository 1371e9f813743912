import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  enrolResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  type EnrolResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync';
import type { z } from '../../shared/zod';

/** Why a call to the server failed, as far as the sync engine needs to know. */
export type SyncFailure =
  | 'network' // no answer: offline, timed out, dropped; try again later
  | 'server' // the server answered 5xx; try again later
  | 'unenrolled' // 401: token unknown or revoked
  | 'outdated' // 426: this app is too old for the server
  | 'refused'; // another 4xx: the server will not take this request as it is

export class SyncError extends Error {
  constructor(
    readonly failure: SyncFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export const APP_VERSION: string = import.meta.env?.VITE_APP_VERSION ?? '0.0.0';
const TIMEOUT_MS = 20_000;

export interface ServerApi {
  enrol(code: string): Promise<EnrolResponse>;
  push(token: string, body: PushRequest): Promise<PushResponse>;
  pullCatalogue(token: string, cursor: string, limit?: number): Promise<PullResponse>;
}

async function call<S extends z.ZodMiniType>(schema: S, url: string, init: RequestInit): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), cache: 'no-store' });
  } catch {
    throw new SyncError('network', 'no connection to the server');
  }
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    // An HTML error page from a proxy, or a cut-off body.
  }
  if (!response.ok) {
    const message = (body as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
    const failure: SyncFailure =
      response.status === 401 ? 'unenrolled' : response.status === 426 ? 'outdated' : response.status >= 500 || response.status === 429 || response.status === 408 ? 'server' : 'refused';
    throw new SyncError(failure, message, response.status);
  }
  const parsed = schema.safeParse(body);
  // A reply cut off or mangled on the way counts as no reply: the request is retried, which the protocol makes safe.
  if (!parsed.success) throw new SyncError('network', 'unreadable answer from the server');
  return parsed.data;
}

export function createServerApi(base = ''): ServerApi {
  const headers = (token?: string): Record<string, string> => ({
    'content-type': 'application/json',
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  return {
    enrol: (code) => call(enrolResponseSchema, `${base}/api/devices/enrol`, { method: 'POST', headers: headers(), body: JSON.stringify({ code }) }),
    push: (token, body) => call(pushResponseSchema, `${base}/api/sync/push`, { method: 'POST', headers: headers(token), body: JSON.stringify(body) }),
    pullCatalogue: (token, cursor, limit = 500) =>
      call(pullResponseSchema, `${base}/api/sync/catalogue?cursor=${encodeURIComponent(cursor)}&limit=${limit}`, { method: 'GET', headers: headers(token) }),
  };
}
