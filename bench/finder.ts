import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { startServerProcess } from '../e2e/server-process';
import { buildServer } from '../src/server/app';
import { finderCatalogue } from '../src/server/finder/catalogue-view';
import { seedDemoIfEmpty } from '../src/server/seed/demo';
import { openPglite } from '../src/server/store/database';
import { migrate } from '../src/server/store/migrate';
import { median } from './tablet-server';
import type { Benchmark, Figure } from './types';

const ORG = '/aanbod/bibliotheek-voorbeeldstad-demo';
const RUNS = 3;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** Issue 17's aim: performance 95 or more, the others 100. */
const AIM: Record<(typeof CATEGORIES)[number], number> = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const RENDERS = 300;

/** Lighthouse with its default mobile settings (a mid-range phone, slow 4G, 4× CPU slowdown), a fresh profile per page. */
async function lighthouseScores(url: string): Promise<{ scores: Record<(typeof CATEGORIES)[number], number[]>; version: string }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'inloop-bench-finder-'));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROMIUM_ARGS,
    userDataDir: profile,
    logLevel: 'silent',
  });
  try {
    const scores = { performance: [], accessibility: [], 'best-practices': [], seo: [] } as Record<(typeof CATEGORIES)[number], number[]>;
    let version = '';
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
      if (!result) throw new Error('Lighthouse returned no result');
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      version = `Lighthouse ${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? ''}`;
      for (const c of CATEGORIES) {
        const score = Math.round((lhr.categories[c]?.score ?? 0) * 100);
        scores[c].push(score);
        if (score < AIM[c]) {
          const failing = lhr.categories[c]!.auditRefs.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1).map(
            (ref) => `${ref.id} (${lhr.audits[ref.id]?.displayValue ?? lhr.audits[ref.id]?.score})`,
          );
          console.log(`  ${url} ${c} ${score}: ${failing.join(', ')}`);
        }
      }
    }
    return { scores, version };
  } finally {
    chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Median time of `RENDERS` requests answered in process (no network), after a warm-up. */
async function timeRequests(send: () => Promise<{ statusCode: number }>, expectStatus: number): Promise<number> {
  for (let i = 0; i < 30; i++) await send();
  const times: number[] = [];
  for (let i = 0; i < RENDERS; i++) {
    const start = performance.now();
    const r = await send();
    times.push(performance.now() - start);
    if (r.statusCode !== expectStatus) throw new Error(`expected ${expectStatus}, got ${r.statusCode}`);
  }
  return median(times);
}

export const finderBenchmark: Benchmark = {
  name: 'finder',
  title: 'The public course and help finder',
  dataSize: `the demo library's catalogue (about 95 items); Lighthouse: ${RUNS} runs per page (median score) of the start page, a tile's results and a course page, in Dutch; render cost: median of ${RENDERS} requests per page in process`,
  baseline:
    'Lighthouse: the aim of issue 17 (performance 95 or more, the others 100), default mobile settings, served by the real server (src/server/main.ts on PGlite, a fresh vite build). Render cost: the same server sending a static file (the built index.html through @fastify/static) to the same in-process request.',
  async run() {
    const figures: Figure[] = [];
    let version = '';
    // Lighthouse against the server process, as a phone would reach it.
    const server = await startServerProcess();
    try {
      const db = await openPglite();
      await migrate(db);
      await seedDemoIfEmpty(db);
      const catalogue = await finderCatalogue(db);
      const course = catalogue.items.find((i) => i.kind === 'course' && i.sessions.length > 0)!;
      const coursePath = `${ORG}/${catalogue.slugOf.get(course.id)}`;
      await db.close();
      for (const [name, pagePath] of [
        ['start page', ORG],
        ['tile results (computer)', `${ORG}/zoeken?tegel=computer`],
        ['course page', coursePath],
      ] as const) {
        const result = await lighthouseScores(`${server.url}${pagePath}`);
        version = result.version;
        for (const c of CATEGORIES) {
          figures.push({
            figure: `${name}: ${c.replace('-', ' ')} (median of ${RUNS}: ${result.scores[c].join(', ')})`,
            inloop: median(result.scores[c]),
            baseline: AIM[c],
            unit: 'score',
            better: 'higher',
          });
        }
      }
    } finally {
      await server.stop();
    }

    // Render cost in process: a page from the catalogue against a static file.
    const db = await openPglite();
    await migrate(db);
    await seedDemoIfEmpty(db);
    const app = await buildServer({ db, staticDir: path.resolve('dist') });
    try {
      const catalogue = await finderCatalogue(db);
      const course = catalogue.items.find((i) => i.kind === 'course' && i.sessions.length > 0)!;
      const coursePath = `${ORG}/${catalogue.slugOf.get(course.id)}`;
      const staticFile = await timeRequests(() => app.inject('/index.html'), 200);
      const pages: Array<[string, string]> = [
        ['start page', ORG],
        ['course page', coursePath],
        ['search "belasting" (everyday words)', `${ORG}/zoeken?q=belasting`],
        ['tile results (computer), Arabic', `${ORG}/zoeken?tegel=computer&lang=ar`],
      ];
      for (const [name, url] of pages) {
        figures.push({
          figure: `render: ${name}`,
          inloop: await timeRequests(() => app.inject(url), 200),
          baseline: staticFile,
          unit: 'ms',
        });
      }
      const first = await app.inject(coursePath);
      figures.push({
        figure: 'revalidation of a cached course page (304)',
        inloop: await timeRequests(() => app.inject({ url: coursePath, headers: { 'if-none-match': first.headers.etag as string } }), 304),
        baseline: staticFile,
        unit: 'ms',
      });
    } finally {
      await app.close();
      await db.close();
    }
    return {
      figures,
      environment: `${version} (headless, system Chromium via chrome-launcher), default mobile settings; render cost with Fastify inject (no network) on PGlite`,
    };
  },
};
