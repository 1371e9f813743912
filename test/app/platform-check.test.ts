import { afterEach, describe, expect, it, vi } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { loadDevice } from '../../src/app/db/device';
import { enrolWithCode } from '../../src/app/device/device-store';
import { platformProblems } from '../../src/app/platform/platform-check';
import { SyncError, type ServerApi } from '../../src/app/sync/api';

const secureTablet = {
  isSecureContext: true,
  navigator: { serviceWorker: {} as ServiceWorkerContainer },
  crypto: { subtle: {} as SubtleCrypto },
  indexedDB: {},
};

describe('what a tablet checks before it does anything', () => {
  it('finds nothing missing in a secure context with every feature', () => {
    expect(platformProblems(secureTablet)).toEqual([]);
  });

  it('names each thing an http:// address by name takes away', () => {
    // What Chromium gives http://bieb-box:8080/: no secure context, so no service worker and no crypto.subtle.
    expect(platformProblems({ isSecureContext: false, navigator: {}, crypto: {}, indexedDB: {} })).toEqual([
      'insecureContext',
      'serviceWorker',
      'webCrypto',
    ]);
    expect(platformProblems({ ...secureTablet, indexedDB: undefined })).toEqual(['indexedDb']);
  });
});

describe('enrolling on a browser that cannot run the desk', () => {
  afterEach(() => vi.unstubAllGlobals());

  const fakeApi = () => {
    const enrol = vi.fn<ServerApi['enrol']>(async () => {
      throw new SyncError('network', 'no connection to the server');
    });
    return { api: { enrol, push: vi.fn(), pullCatalogue: vi.fn() } as unknown as ServerApi, enrol };
  };

  it('refuses before the code reaches the server, so the one-time code is not used up', async () => {
    vi.stubGlobal('isSecureContext', false);
    const db = new InloopDatabase(`platform-${crypto.randomUUID()}`);
    const { api, enrol } = fakeApi();
    expect(await enrolWithCode(db, api, 'ABCD-EFGH')).toEqual({ ok: false, reason: 'unsupported' });
    expect(enrol).not.toHaveBeenCalled();
    expect(await loadDevice(db)).toBeUndefined();
  });

  it('asks the server once the browser has what it needs', async () => {
    vi.stubGlobal('isSecureContext', true);
    vi.stubGlobal('navigator', { serviceWorker: {} });
    const db = new InloopDatabase(`platform-${crypto.randomUUID()}`);
    const { api, enrol } = fakeApi();
    expect(await enrolWithCode(db, api, 'ABCD-EFGH')).toMatchObject({ ok: false, reason: 'offline' });
    expect(enrol).toHaveBeenCalledWith('ABCD-EFGH');
  });
});
