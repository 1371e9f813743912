import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InloopDatabase, type DeviceRecord } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { pushOutbox } from '../../src/app/sync/push';
import { saveHelpRequest, saveInterest } from '../../src/app/kiosk/kiosk-records';
import { pullKioskSettings, type FetchKioskSettings } from '../../src/app/kiosk/kiosk-sync';
import { pullHelpRequests, type FetchHelpRequests } from '../../src/app/help/pull-help-requests';
import { kioskSettingsStore, loadKioskSettings } from '../../src/app/kiosk/kiosk-settings';
import { itemsForTile, nextSessionStart, searchItems } from '../../src/app/kiosk/kiosk-catalogue';
import { storeOpenHelpRequests, takeHelpRequest, waitingHelpRequests } from '../../src/app/help/help-requests';
import { freshKioskState, go, kioskStore } from '../../src/app/kiosk/kiosk-store';
import { openPglite } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { demoCatalogue } from '../../src/server/seed/demo-catalogue';
import type { CatalogueItem } from '../../src/shared/catalogue';
import { uuidv7 } from '../../src/shared/ids';
import { INTEREST_CONSENT_VERSION, KIOSK_TOPICS } from '../../src/shared/kiosk';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared/sync';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let kindApi: { helpRequests: FetchHelpRequests; kioskSettings: FetchKioskSettings };
let n = 0;

beforeAll(async () => {
  const db = await openPglite();
  await migrate(db);
  server = await startTestServer(db);
  const get = async (url: string, token: string) => {
    const response = await server.app.inject({
      method: 'GET',
      url,
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
    });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    return response.json();
  };
  kindApi = {
    helpRequests: (token) => get('/api/sync/help-requests', token),
    kioskSettings: (token) => get('/api/sync/kiosk-settings', token),
  };
});
afterAll(async () => {
  await server.app.close();
  await server.db.close();
});

async function tablet(kind: 'desk' | 'kiosk'): Promise<{ local: InloopDatabase; device: DeviceRecord }> {
  const local = new InloopDatabase(`kiosk-tablet-${++n}-${Date.now()}`);
  return { local, device: await saveEnrolment(local, await server.enrol(kind)) };
}

describe('a kiosk and a desk of one location, through sync', () => {
  it('queues what a visitor sends in the outbox only, sends it, and a desk takes the request', async () => {
    const kiosk = await tablet('kiosk');
    const desk = await tablet('desk');
    const helpId = uuidv7();
    await saveHelpRequest(kiosk.local, {
      id: helpId,
      locationId: kiosk.device.location.id,
      deviceId: kiosk.device.deviceId,
      topic: 'money',
      display: { kind: 'number', value: '42' },
      createdAt: new Date().toISOString(),
    });
    await saveInterest(kiosk.local, {
      id: uuidv7(),
      locationId: kiosk.device.location.id,
      deviceId: kiosk.device.deviceId,
      itemId: demoCatalogue.items[0]!.id,
      firstName: 'Piotr',
      contact: { kind: 'email', value: 'piotr@example.org' },
      consent: true,
      consentVersion: INTEREST_CONSENT_VERSION,
      consentLanguage: 'pl',
      consentedAt: new Date().toISOString(),
    });
    expect((await kiosk.local.outbox.toArray()).map((e) => [e.seq, e.type])).toEqual([
      [1, 'helpRequest.create@1'],
      [2, 'interest.create@1'],
    ]);
    expect(await pushOutbox(kiosk.local, server.api, kiosk.device.token)).toEqual({ pushed: 2, rejected: 0 });
    expect(await kiosk.local.outbox.count()).toBe(0);

    await pullHelpRequests(desk.local, desk.device.token, kindApi.helpRequests);
    expect((await waitingHelpRequests(desk.local)).map((r) => [r.id, r.topic, r.display?.value])).toEqual([[helpId, 'money', '42']]);

    await takeHelpRequest(desk.local, helpId);
    expect(await waitingHelpRequests(desk.local)).toEqual([]);
    // A pull before the take was sent does not bring it back.
    await pullHelpRequests(desk.local, desk.device.token, kindApi.helpRequests);
    expect(await waitingHelpRequests(desk.local)).toEqual([]);
    await pushOutbox(desk.local, server.api, desk.device.token);
    await pullHelpRequests(desk.local, desk.device.token, kindApi.helpRequests);
    expect(await desk.local.helpRequests.count()).toBe(0);
  });

  it('keeps no rejected entry on a kiosk: nobody reads them there, and they may hold personal data', async () => {
    const kiosk = await tablet('kiosk');
    await saveInterest(kiosk.local, {
      id: uuidv7(),
      locationId: kiosk.device.location.id,
      deviceId: uuidv7(), // another device's id: the server rejects it
      itemId: uuidv7(),
      firstName: 'Mehmet',
      contact: { kind: 'phone', value: '0612345678' },
      consent: true,
      consentVersion: INTEREST_CONSENT_VERSION,
      consentLanguage: 'tr',
      consentedAt: new Date().toISOString(),
    });
    expect(await pushOutbox(kiosk.local, server.api, kiosk.device.token)).toEqual({ pushed: 0, rejected: 1 });
    expect(await kiosk.local.outbox.count()).toBe(1);
    await pullKioskSettings(kiosk.local, kiosk.device.token, kindApi.kioskSettings);
    expect(await kiosk.local.outbox.count()).toBe(0);
  });

  it("keeps the kiosk's settings on the tablet, so they hold offline", async () => {
    const kiosk = await tablet('kiosk');
    await pullKioskSettings(kiosk.local, kiosk.device.token, kindApi.kioskSettings);
    kioskSettingsStore.setState({ idleSeconds: 1, exitCodeHash: null, interestRetentionDays: 1 }, true);
    expect(await loadKioskSettings(kiosk.local)).toEqual({ idleSeconds: 90, exitCodeHash: null, interestRetentionDays: 30 });
  });

  it('replaces the desk copy with what the server has open', async () => {
    const desk = await tablet('desk');
    const old = { id: uuidv7(), topic: 'work' as const, createdAt: new Date().toISOString() };
    await storeOpenHelpRequests(desk.local, [old]);
    await storeOpenHelpRequests(desk.local, []);
    expect(await desk.local.helpRequests.count()).toBe(0);
  });
});

describe("the kiosk's catalogue", () => {
  let local: InloopDatabase;
  beforeAll(async () => {
    local = new InloopDatabase(`kiosk-catalogue-${Date.now()}`);
    await local.catalogue.bulkPut([
      ...demoCatalogue.items.map((data) => ({ id: data.id, entity: 'item' as const, data })),
      ...demoCatalogue.locations.map((data) => ({ id: data.id, entity: 'location' as const, data })),
    ]);
  });
  const here = demoCatalogue.locations[0]!.id;

  it('has something behind every tile, active items first', async () => {
    for (const topic of KIOSK_TOPICS) {
      const items = await itemsForTile(local, topic, here);
      expect(items.length, topic).toBeGreaterThan(0);
      const firstInactive = items.findIndex((i) => i.item.status !== 'active');
      if (firstInactive >= 0)
        expect(
          items.slice(firstInactive).every((i) => i.item.status !== 'active'),
          topic,
        ).toBe(true);
      expect(
        items.some((i) => i.item.status === 'ended'),
        topic,
      ).toBe(false);
    }
  });

  it('puts DigiD help under the DigiD tile and finds it by search, in any language', async () => {
    const digid = await itemsForTile(local, 'digid', here);
    expect(digid.every((i) => /digid|mijnoverheid/i.test([i.item.name.nl, ...i.item.keywords].join(' ')))).toBe(true);
    expect((await searchItems(local, 'DigiD', 'ar', here)).length).toBeGreaterThan(0);
    expect(await searchItems(local, 'x', 'nl', here)).toEqual([]);
  });

  it('finds the next session of a weekly course', () => {
    const item = {
      sessions: [{ start: '2026-11-02T09:00:00+01:00', end: '2026-11-02T11:00:00+01:00', rrule: 'FREQ=WEEKLY;COUNT=4' }],
    } as CatalogueItem;
    expect(nextSessionStart(item, Date.parse('2026-11-10T12:00:00Z'))).toBe('2026-11-16T08:00:00.000Z');
    expect(nextSessionStart(item, Date.parse('2026-12-01T12:00:00Z'))).toBeUndefined();
  });
});

describe('kiosk screens and forms', () => {
  it('forgets a form left without sending, and everything on reset', () => {
    kioskStore.setState(freshKioskState(), true);
    go({ name: 'interest', itemId: uuidv7() });
    kioskStore.setState({
      interest: { ...kioskStore.getState().interest, consented: true, firstName: 'Olena', contact: '0612345678' },
      language: 'uk',
    });
    go({ name: 'start' });
    expect(kioskStore.getState().interest).toEqual(freshKioskState().interest);
    kioskStore.setState({ search: 'taal', highContrast: true });
    kioskStore.setState(freshKioskState(), true);
    expect(kioskStore.getState()).toEqual(freshKioskState());
  });
});
