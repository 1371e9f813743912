/**
 * Runs inside headless Chromium (bundled by bench/catalogue.ts): the app's own
 * catalogue modules on real IndexedDB, against plain baselines.
 */
import { InloopDatabase } from '../../src/app/db/database';
import { pullCatalogue } from '../../src/app/catalogue/catalogue-pull';
import type { ServerApi } from '../../src/app/sync/api';
import { CatalogueData } from '../../src/app/catalogue/catalogue-data';
import { CatalogueSearch } from '../../src/app/catalogue/search-client';
import { CatalogueIndex, linearScan } from '../../src/shared/catalogue-search';
import { syntheticCatalogue } from '../../src/server/seed/synthetic-catalogue';
import type { CatalogueChange, PullResponse } from '../../src/shared/sync';

export const QUERIES = [
  'digid',
  'belasting',
  'computer',
  'taal',
  'klik tik',
  'smartphone',
  'toeslag',
  'huurtoeslag',
  'werk',
  'cv',
  'geld',
  'schulden',
  'gezondheid',
  'huisarts',
  'nederlands',
  'rekenen',
  'aow',
  'rijbewijs',
  'programmeren',
  'belastingaangifte',
  'digisterker',
  'taalcafe',
  'fotobewerking',
  'vrijwilligerswerk',
  'dig',
  'compter',
  'cursus voor beginners',
  'hulp bij formulieren',
  'online bankieren',
  'taal en computer',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

function changesOf(size: number): CatalogueChange[] {
  const doc = syntheticCatalogue(size, 1);
  return [
    ...doc.organizations.map((o) => ({ entity: 'organization' as const, id: o.id, deleted: false, data: o })),
    ...doc.locations.map((l) => ({ entity: 'location' as const, id: l.id, deleted: false, data: l })),
    ...doc.items.map((i) => ({ entity: 'item' as const, id: i.id, deleted: false, data: i })),
  ];
}

/** Serves pre-made pages from memory, so only the tablet's own work is timed. */
function memoryApi(changes: CatalogueChange[]): ServerApi {
  return {
    enrol: () => Promise.reject(new Error('not used')),
    push: () => Promise.reject(new Error('not used')),
    async pullCatalogue(_token, cursor, limit = 500): Promise<PullResponse> {
      const from = cursor === '0' ? 0 : Number(cursor.split('.')[0]);
      const page = changes.slice(from, from + limit);
      const next = from + page.length;
      return { reset: false, changes: page, cursor: `${next}.0.00000000-0000-0000-0000-000000000000`, more: next < changes.length };
    },
  };
}

let dbCounter = 0;
async function freshDb(): Promise<InloopDatabase> {
  const db = new InloopDatabase(`bench-${Date.now()}-${++dbCounter}`);
  await db.open();
  return db;
}

async function run(size: number, repeats: number) {
  const changes = changesOf(size);
  const rows = changes.map((c) => ({ id: c.id, entity: c.entity, data: c.data }));
  const figures: Array<{ figure: string; inloop: number; baseline: number; unit: 'ms' }> = [];

  // Pull and store: pages of 500 with their cursor, search index kept current and saved.
  const pullTimes: number[] = [];
  const putTimes: number[] = [];
  let db: InloopDatabase | undefined;
  let data: CatalogueData | undefined;
  for (let r = 0; r < repeats; r++) {
    data?.detach();
    db = await freshDb();
    data = new CatalogueData(db).attach();
    await data.load();
    let t = performance.now();
    await pullCatalogue(db, memoryApi(changes), 'bench', 500);
    await data.saveIndex();
    pullTimes.push(performance.now() - t);

    const plain = await freshDb();
    t = performance.now();
    await plain.catalogue.bulkPut(rows);
    putTimes.push(performance.now() - t);
    plain.close();
  }
  figures.push({
    figure: `pull and store ${size.toLocaleString('en')} items (median of ${repeats})`,
    inloop: median(pullTimes),
    baseline: median(putTimes),
    unit: 'ms',
  });

  // Opening the catalogue at app start: stored index vs building it anew.
  const openStored: number[] = [];
  const openRebuilt: number[] = [];
  for (let r = 0; r < repeats; r++) {
    let t = performance.now();
    const a = new CatalogueData(db!);
    await a.load();
    openStored.push(performance.now() - t);
    if (a.indexSource !== 'stored') throw new Error('expected the stored index');
    await db!.catalogueIndex.clear();
    t = performance.now();
    const b = new CatalogueData(db!);
    await b.load();
    openRebuilt.push(performance.now() - t);
  }
  figures.push({
    figure: `open the catalogue of ${size.toLocaleString('en')} at start, stored index (median of ${repeats})`,
    inloop: median(openStored),
    baseline: median(openRebuilt),
    unit: 'ms',
  });

  // Search latency over the fixed query set, warm, each query 5 times.
  const items = [...data!.items.values()];
  const searchTimes: number[] = [];
  const scanTimes: number[] = [];
  for (const q of QUERIES) data!.search(q); // warm up
  for (let r = 0; r < 5; r++) {
    for (const q of QUERIES) {
      let t = performance.now();
      data!.search(q);
      searchTimes.push(performance.now() - t);
      t = performance.now();
      linearScan(items, q);
      scanTimes.push(performance.now() - t);
    }
  }
  const at = `${size.toLocaleString('en')} items, ${QUERIES.length} queries × 5`;
  figures.push({ figure: `search latency at ${at}, median`, inloop: median(searchTimes), baseline: median(scanTimes), unit: 'ms' });
  figures.push({ figure: `search latency at ${at}, p95`, inloop: p95(searchTimes), baseline: p95(scanTimes), unit: 'ms' });
  figures.push({
    figure: `search latency at ${at}, slowest`,
    inloop: Math.max(...searchTimes),
    baseline: Math.max(...scanTimes),
    unit: 'ms',
  });
  // Per keystroke, the main thread's share: every prefix of every query typed, searched in the
  // worker (the app's way) and then on the main thread (as before the worker), both warmed up alike.
  // In the worker the main thread only posts the query and maps the answer's ids to items (its
  // message handler, timed here; the answer's structured clone of 50 ids and the counts is not);
  // on the main thread it runs the whole search. Neither includes rendering the results.
  const keystrokes = QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
  const client = new CatalogueSearch(db!);
  await client.data.load();
  if (client.inThread) throw new Error('expected the search worker');
  const worker = (client as unknown as { worker: Worker }).worker;
  const onAnswer = worker.onmessage!;
  let handled = 0;
  worker.onmessage = (event) => {
    const t = performance.now();
    onAnswer.call(worker, event);
    handled += performance.now() - t;
  };
  const channel = client.channel();
  for (const k of keystrokes) await client.ask(channel, k); // opens the worker's index, warms it up
  // One loop each, so that the garbage of one way's searches is not collected in the other's keystrokes.
  const blockedWorker: number[] = [];
  const answered: number[] = [];
  for (const k of keystrokes) {
    handled = 0;
    const t0 = performance.now();
    const answer = client.ask(channel, k);
    const posted = performance.now() - t0;
    if (!(await answer)) throw new Error(`no answer for ${k}`);
    answered.push(performance.now() - t0);
    blockedWorker.push(posted + handled);
  }
  const blockedMain: number[] = [];
  for (const k of keystrokes) data!.search(k); // warmed up as the worker was
  for (const k of keystrokes) {
    const t1 = performance.now();
    data!.search(k);
    blockedMain.push(performance.now() - t1);
  }
  client.close();
  const typed = `${size.toLocaleString('en')} items, ${keystrokes.length} keystrokes`;
  figures.push({
    figure: `main thread blocked per keystroke, search in the worker vs on the main thread, at ${typed}, median`,
    inloop: median(blockedWorker),
    baseline: median(blockedMain),
    unit: 'ms',
  });
  figures.push({
    figure: `main thread blocked per keystroke, search in the worker vs on the main thread, at ${typed}, p95`,
    inloop: p95(blockedWorker),
    baseline: p95(blockedMain),
    unit: 'ms',
  });
  figures.push({
    figure: `keystroke to answer, worker vs on the main thread, at ${typed}, p95`,
    inloop: p95(answered),
    baseline: p95(blockedMain),
    unit: 'ms',
  });
  const stored = (await db!.catalogueIndex.toArray())[0]?.index;
  const indexBytes = stored ? CatalogueIndex.storedBytes(stored) : 0;
  db!.close();
  return { figures, userAgent: navigator.userAgent, indexBytes };
}

if (typeof window !== 'undefined') (window as unknown as { benchCatalogue: typeof run }).benchCatalogue = run;
