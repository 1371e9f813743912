// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { pullSteps } from '../../src/app/services';
import { provideCourseRunSync } from '../../src/app/courses/course-pull';
import { createServerApi } from '../../src/app/sync/api';
import { SyncEngine } from '../../src/app/sync/engine';
import { syncStatus } from '../../src/app/sync/status';
import { locationProfileStore } from '../../src/app/location/location-profile';
import { uuidv7 } from '../../src/shared/ids';
import type { DeviceKind } from '../../src/shared/sync';
import { healthySyncAnswer, jsonAnswer } from '../helpers/fake-sync-server';

/** What a tablet of this kind asks the server in one sync round with nothing to send. */
async function oneRound(kind: DeviceKind): Promise<string[]> {
  const db = new InloopDatabase(`pull-steps-${kind}-${uuidv7()}`);
  const location = { id: uuidv7(), name: 'Centrale Bibliotheek' };
  await saveEnrolment(db, {
    deviceId: uuidv7(),
    token: 't'.repeat(43),
    kind,
    location,
    organisation: { id: uuidv7(), name: 'Bibliotheek Voorbeeldstad' },
  });
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), 'http://tablet.test').pathname;
    asked.push(path);
    if (path === '/api/sync/kiosk-settings') return jsonAnswer(200, { idleSeconds: 90, exitCodeHash: null, interestRetentionDays: 30 });
    return healthySyncAnswer(path, init, location.id);
  });
  syncStatus.setState({ online: true, running: false, lastFailure: undefined, blocked: undefined });
  const api = createServerApi();
  const engine = new SyncEngine(db, api, pullSteps(api));
  await engine.syncNow();
  engine.stop();
  expect(syncStatus.getState().lastFailure).toBeUndefined();
  db.close();
  return asked;
}

afterEach(() => vi.unstubAllGlobals());
// What DeskRoot does when the desk's screens load.
provideCourseRunSync(() => import('../../src/app/courses/course-run-sync'));

describe('the pull steps services.ts gives the sync engine', () => {
  it('bring a desk the catalogue, its volunteers, the help requests and follow-ups of its location, its municipalities and its course runs, in that order', async () => {
    expect(await oneRound('desk')).toEqual([
      '/api/sync/catalogue',
      '/api/sync/volunteers',
      '/api/sync/help-requests',
      '/api/sync/follow-ups',
      '/api/sync/location',
      '/api/sync/course-runs',
    ]);
    expect(locationProfileStore.getState().municipalities).toEqual([{ code: 'GM0363', name: 'Amsterdam' }]);
  });

  it('bring a kiosk the catalogue, its settings and its location, and never a volunteer list or help requests', async () => {
    expect(await oneRound('kiosk')).toEqual(['/api/sync/catalogue', '/api/sync/kiosk-settings', '/api/sync/location']);
  });
});
