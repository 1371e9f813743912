import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServerApi, SyncError, SYNC_PROBLEMS, type SyncProblem } from '../../src/app/sync/api';
import { readFileSync } from 'node:fs';

const problemTexts = (lang: 'nl' | 'en') =>
  (JSON.parse(readFileSync(`src/app/i18n/locales/${lang}/common.json`, 'utf8')) as { status: { problem: Record<string, string> } }).status
    .problem;

const api = createServerApi();
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The problem a pull fails with when fetch does this. */
async function problemWhen(fetch: () => Promise<Response>): Promise<SyncProblem | undefined> {
  vi.stubGlobal('fetch', fetch);
  const err: unknown = await api.pullCatalogue('t'.repeat(43), '0').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SyncError);
  return (err as SyncError).problem;
}

afterEach(() => vi.unstubAllGlobals());

describe('why a sync call failed, in words the volunteer is told', () => {
  it('tells no network, an unreachable server and a server too slow apart', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    expect(await problemWhen(() => Promise.reject(new TypeError('Failed to fetch')))).toBe('offline');
    vi.stubGlobal('navigator', { onLine: true });
    expect(await problemWhen(() => Promise.reject(new TypeError('Failed to fetch')))).toBe('unreachable');
    expect(await problemWhen(() => Promise.reject(new DOMException('signal timed out', 'TimeoutError')))).toBe('timeout');
  });

  it('names the server’s answers by what they mean, not by the server’s English message', async () => {
    expect(await problemWhen(async () => json(503, { error: 'unavailable', message: 'database is restarting' }))).toBe('server');
    expect(await problemWhen(async () => json(429, { error: 'rate_limited', message: 'slow down' }))).toBe('busy');
    expect(await problemWhen(async () => json(401, { error: 'unauthorized', message: 'unknown or revoked device token' }))).toBe(
      'unenrolled',
    );
    expect(await problemWhen(async () => json(426, { error: 'outdated', message: 'protocol 1 is no longer supported' }))).toBe('outdated');
    expect(await problemWhen(async () => json(400, { error: 'bad_request', message: 'expected a cursor' }))).toBe('refused');
    expect(await problemWhen(async () => new Response('<html>Captive portal</html>', { status: 200 }))).toBe('unreadable');
  });

  it('keeps the English detail for the console, apart from the problem', async () => {
    vi.stubGlobal('fetch', async () => json(503, { error: 'unavailable', message: 'database is restarting' }));
    await expect(api.pullCatalogue('t'.repeat(43), '0')).rejects.toMatchObject({
      problem: 'server',
      failure: 'server',
      status: 503,
      message: 'database is restarting',
    });
  });

  it('has a sentence for every problem in Dutch and in English', () => {
    const nl = { status: { problem: problemTexts('nl') } };
    const en = { status: { problem: problemTexts('en') } };
    for (const problem of SYNC_PROBLEMS) {
      expect(nl.status.problem[problem], problem).toMatch(/\S/);
      expect(en.status.problem[problem], problem).toMatch(/\S/);
    }
    expect(Object.keys(nl.status.problem).sort()).toEqual([...SYNC_PROBLEMS].sort());
    expect(Object.keys(en.status.problem).sort()).toEqual([...SYNC_PROBLEMS].sort());
  });
});
