import { describe, expect, it } from 'vitest';
import { InloopDatabase } from '../../src/app/db/database';
import { saveEnrolment } from '../../src/app/db/device';
import { SyncError, type ServerApi } from '../../src/app/sync/api';
import { CATALOGUE_CURSOR, pullCatalogue } from '../../src/app/catalogue/catalogue-pull';
import { CatalogueData } from '../../src/app/catalogue/catalogue-data';
import { purgeTombstones } from '../../src/server/store/catalogue-feed';
import { readCatalogue, replaceCatalogueInTransaction } from '../../src/server/store/catalogue-store';
import type { CatalogueDocument, CatalogueItem } from '../../src/shared/catalogue';
import { useTestServer } from '../helpers/server';

const testServer = useTestServer();
let dbCount = 0;

async function newTablet() {
  const local = new InloopDatabase(`catalogue-tablet-${++dbCount}-${Date.now()}`);
  const device = await saveEnrolment(local, await testServer().enrol());
  const data = new CatalogueData(local).attach();
  await data.load();
  return { local, device, data };
}

/** What the tablet holds, as a catalogue document. */
async function tabletCatalogue(local: InloopDatabase): Promise<CatalogueDocument> {
  const rows = await local.catalogue.toArray();
  const of = (entity: string) =>
    rows
      .filter((r) => r.entity === entity)
      .map((r) => r.data)
      .sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
  return { organizations: of('organization'), locations: of('location'), items: of('item') } as CatalogueDocument;
}

async function serverCatalogue(): Promise<CatalogueDocument> {
  const doc = await readCatalogue(testServer().db);
  const by = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { organizations: by(doc.organizations), locations: by(doc.locations), items: by(doc.items) };
}

/** An api that fails (as a dropped connection) after `pages` successful pages. */
function failingAfter(pages: number): ServerApi & { calls: number } {
  const api = {
    ...testServer().api,
    calls: 0,
    async pullCatalogue(token: string, cursor: string, limit?: number) {
      if (api.calls++ >= pages) throw new SyncError('network', 'connection dropped');
      return testServer().api.pullCatalogue(token, cursor, limit);
    },
  };
  return api;
}

const ids = (data: CatalogueData, q: string) => data.search(q).items.map((i) => i.id);

async function editServer(edit: (doc: CatalogueDocument) => CatalogueDocument): Promise<void> {
  await replaceCatalogueInTransaction(testServer().db, edit(await readCatalogue(testServer().db)));
}

describe('catalogue on the tablet', () => {
  it('pulls the whole catalogue page by page and can search it', async () => {
    const { local, device, data } = await newTablet();
    await pullCatalogue(local, testServer().api, device.token, 20);
    expect(await tabletCatalogue(local)).toEqual(await serverCatalogue());
    expect(data.items.size).toBe((await serverCatalogue()).items.length);
    expect(data.search('digid').total).toBeGreaterThan(0);
    data.detach();
  });

  it('follows edits and deletions on the server with a delta pull, index included', async () => {
    const { local, device, data } = await newTablet();
    await pullCatalogue(local, testServer().api, device.token, 30);
    const before = await serverCatalogue();
    const renamed = before.items[3]!;
    const removed = before.items[4]!;
    const added: CatalogueItem = {
      ...before.items[5]!,
      id: '01900000-0000-7000-8000-00000000a001',
      name: { nl: 'Snorkelcursus voor senioren' },
      keywords: [],
    };
    await editServer((doc) => ({
      ...doc,
      items: [
        ...doc.items
          .filter((i) => i.id !== removed.id)
          .map((i) => (i.id === renamed.id ? { ...i, name: { nl: 'Kalligrafie met de vulpen' } } : i)),
        added,
      ],
    }));
    const result = await pullCatalogue(local, testServer().api, device.token, 30);
    expect(result.received).toBe(3); // only what changed travels
    expect(await tabletCatalogue(local)).toEqual(await serverCatalogue());
    expect(ids(data, 'kalligrafie')).toEqual([renamed.id]);
    expect(ids(data, 'snorkelcursus')).toEqual([added.id]);
    expect(data.items.has(removed.id)).toBe(false);
    expect(data.detail(renamed.id)?.item.name.nl).toBe('Kalligrafie met de vulpen');
    data.detach();
  });

  it('resumes an interrupted pull where it stopped and ends equal to the server', async () => {
    const { local, device, data } = await newTablet();
    const flaky = failingAfter(2);
    await expect(pullCatalogue(local, flaky, device.token, 25)).rejects.toThrow('connection dropped');
    expect(await local.catalogue.count()).toBe(50); // two whole pages, stored with their cursor
    expect((await local.meta.get(CATALOGUE_CURSOR))?.value).not.toBe('0');
    await editServer((doc) => ({ ...doc, items: doc.items.slice(0, -1) })); // and the server changes meanwhile
    const served: string[] = [];
    const counting: ServerApi = {
      ...testServer().api,
      async pullCatalogue(token, cursor, limit) {
        const page = await testServer().api.pullCatalogue(token, cursor, limit);
        served.push(...page.changes.filter((c) => !c.deleted).map((c) => c.id));
        return page;
      },
    };
    await pullCatalogue(local, counting, device.token, 25);
    expect(await tabletCatalogue(local)).toEqual(await serverCatalogue());
    expect(data.items.size).toBe((await serverCatalogue()).items.length);
    // Nothing from the first two pages was sent again, except what changed since.
    expect(served.length).toBeLessThan((await serverCatalogue()).items.length + (await serverCatalogue()).organizations.length);
    data.detach();
  });

  it('replaces the catalogue cleanly on a reset, keeping the old one usable until the new one is complete', async () => {
    const { local, device, data } = await newTablet();
    await pullCatalogue(local, testServer().api, device.token, 40);
    const doomed = (await serverCatalogue()).items.find((i) => /digid/i.test(i.name.nl))!;
    await editServer((doc) => ({ ...doc, items: doc.items.filter((i) => i.id !== doomed.id) }));
    await purgeTombstones(testServer().db); // the tablet can no longer learn of that deletion: it gets a reset

    const flaky = failingAfter(1);
    await expect(pullCatalogue(local, flaky, device.token, 20)).rejects.toThrow('connection dropped');
    // Midway through the reset the old catalogue is still whole and searchable.
    expect(data.items.has(doomed.id)).toBe(true);
    expect(await local.catalogue.get(doomed.id)).toBeDefined();
    expect(await local.catalogueStaging.count()).toBe(20);
    expect(ids(data, 'digid')).toContain(doomed.id);

    const result = await pullCatalogue(local, testServer().api, device.token, 20);
    expect(result.reset).toBe(false); // the reset began in the interrupted pull; this one finished it
    expect(await tabletCatalogue(local)).toEqual(await serverCatalogue());
    expect(await local.catalogueStaging.count()).toBe(0);
    expect(data.items.has(doomed.id)).toBe(false);
    expect(ids(data, 'digid')).not.toContain(doomed.id);
    expect(data.items.size).toBe((await serverCatalogue()).items.length);
    data.detach();
  });

  it('keeps the search index between starts and rebuilds it only when it is behind', async () => {
    const { local, device, data } = await newTablet();
    await pullCatalogue(local, testServer().api, device.token, 50);
    await data.saveIndex();
    data.detach();

    const restarted = new CatalogueData(local);
    await restarted.load();
    expect(restarted.indexSource).toBe('stored');
    expect(ids(restarted, 'belasting').length).toBeGreaterThan(0);
    expect(restarted.search('belasting').items.map((i) => i.id)).toEqual(data.search('belasting').items.map((i) => i.id));

    // A pull this app instance did not hear of (e.g. another tab) leaves the stored index behind: rebuilt.
    const target = (await serverCatalogue()).items[0]!.id;
    await editServer((doc) => ({
      ...doc,
      items: doc.items.map((i) => (i.id === target ? { ...i, name: { ...i.name, nl: 'Borduren voor gevorderden' } } : i)),
    }));
    await pullCatalogue(local, testServer().api, device.token, 50);
    const again = new CatalogueData(local);
    await again.load();
    expect(again.indexSource).toBe('rebuilt');
    expect(ids(again, 'borduren')[0]).toBe(target);
  });
});
