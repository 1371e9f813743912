import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/app/sync/engine';
import { syncPhase } from '../../src/app/sync/status';
import { classifyStorageError } from '../../src/app/db/durable';

describe('retry timing', () => {
  it('backs off exponentially up to five minutes, with jitter', () => {
    expect(backoffDelay(1, () => 0)).toBe(1000);
    expect(backoffDelay(1, () => 1)).toBe(2000);
    expect(backoffDelay(4, () => 1)).toBe(16000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
    expect(backoffDelay(30, () => 0)).toBe(150_000);
  });
});

describe('sync state in plain words', () => {
  const base = { online: true, running: false };
  it('tells offline, waiting, error and up to date apart', () => {
    expect(syncPhase({ ...base, online: false }, 3)).toBe('offline');
    expect(syncPhase(base, 3)).toBe('waiting');
    expect(syncPhase(base, 0)).toBe('upToDate');
    expect(syncPhase({ ...base, running: true }, 2)).toBe('syncing');
    expect(syncPhase({ ...base, lastFailure: { failure: 'server', problem: 'server', detail: 'x', at: '' } }, 2)).toBe('error');
    expect(syncPhase({ ...base, blocked: 'outdated' }, 2)).toBe('outdated');
  });
});

describe('storage errors', () => {
  it('recognises a quota error wrapped in an AbortError, a lost connection and private mode', () => {
    expect(classifyStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe('quota');
    expect(
      classifyStorageError({ name: 'UnknownError', message: 'Connection to Indexed Database server lost. Refresh the page to try again' }),
    ).toBe('lost');
    expect(classifyStorageError({ name: 'DatabaseClosedError' })).toBe('lost');
    expect(classifyStorageError({ name: 'MissingAPIError' })).toBe('unavailable');
    expect(classifyStorageError({ name: 'OpenFailedError', inner: { name: 'InvalidStateError' } })).toBe('unavailable');
    expect(classifyStorageError(new TypeError('bug'))).toBeUndefined();
  });
});
