import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../shared/console';
import { CSRF_HEADER } from '../../shared/console';

/**
 * The console's data access: online only, the session cookie travels by itself
 * (credentials: same-origin) and every change carries the CSRF token. Answers are typed
 * with the types src/shared infers from the zod schemas the server's routes answer with
 * (VolunteerList, KioskInbox, …), never with shapes restated here.
 */
let csrfToken = '';

export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    /** From retry-after: how long the server asks to wait before trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = csrfToken;
  const res = await fetch(`/api/console${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    const error = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ConsoleError(
      res.status,
      error.message ?? res.statusText,
      error.error,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return (await res.json()) as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const del = <T>(path: string) => request<T>('DELETE', path);

/** What a section shows when a request failed: the server's words, or the error as text. */
export const errorMessage = (err: unknown) => (err instanceof ConsoleError ? err.message : String(err));

/**
 * A section's data, loaded when it opens (and when the path changes), with a reload for
 * after a change; null until the first answer. T: the route's response type from src/shared.
 */
export function useLoad<T>(path: string): [T | null, () => Promise<void>] {
  const [data, setData] = useState<T | null>(null);
  // Reloads overlap when a coordinator clicks fast: an earlier answer arriving last would
  // show the state before the later change, so only the latest request's answer is kept.
  const latest = useRef(0);
  const reload = () => {
    const mine = ++latest.current;
    return get<T>(path).then((answer) => {
      if (mine === latest.current) setData(answer);
    });
  };
  useEffect(() => void reload(), [path]);
  return [data, reload];
}

export async function loadSession(): Promise<ConsoleSession | undefined> {
  try {
    const session = await get<ConsoleSession>('/session');
    csrfToken = session.csrfToken;
    return session;
  } catch (err) {
    if (err instanceof ConsoleError && err.status === 401) return undefined;
    throw err;
  }
}

export async function signIn(email: string, password: string): Promise<ConsoleSession> {
  const session = await request<ConsoleSession>('POST', '/session', { email, password });
  csrfToken = session.csrfToken;
  return session;
}

export async function signOut(everywhere: boolean): Promise<void> {
  if (everywhere) await post('/session/everywhere');
  else await del('/session');
  csrfToken = '';
}

/** Query string of a filter, leaving out empty fields. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return q.toString();
}
