import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { bundleSizes, firstLoadScripts as scriptsOf } from '../bench/bundle-sizes';

/**
 * Checks of what a tablet downloads (dist/, built by `npm test` before the tests run):
 * the JavaScript budget of a desk's and a kiosk's first use, and that no server code,
 * secret or source map ships. bench/bundle.ts reports the same sizes.
 */
const DIST = 'dist';
/** The most gzipped JavaScript a desk or kiosk may download before first use. */
export const FIRST_LOAD_JS_BUDGET = 80 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

function requireBuild(): void {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is missing: run "npm run build" first (npm test does).');
}

/** The scripts index.html loads and everything they import statically (not the lazy chunks). */
export const firstLoadScripts = (): string[] => scriptsOf(DIST);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('the built app', () => {
  it(`keeps a desk's first-load JavaScript within ${FIRST_LOAD_JS_BUDGET / 1024} KB gzipped`, () => {
    requireBuild();
    const { desk, deskScreens } = bundleSizes(DIST);
    expect(
      desk.js.some((f) => path.basename(f).startsWith('DeskRoot-')),
      'the desk chunk (up to the sign-in screen) counts towards the desk',
    ).toBe(true);
    // A desk always starts locked: its screens behind the sign-in load while the sign-in screen is up.
    expect(desk.js.some((f) => path.basename(f).startsWith('DeskApp-'))).toBe(false);
    expect(deskScreens.js.some((f) => path.basename(f).startsWith('DeskApp-'))).toBe(true);
    console.log(`desk first load: ${kb(desk.jsBytes)} JS + ${kb(desk.cssBytes)} CSS gzipped (${desk.js.join(', ')})`);
    console.log(`desk screens after sign-in, lazy: ${kb(deskScreens.jsBytes)} JS (${deskScreens.js.join(', ')})`);
    expect(desk.jsBytes, `desk first-load JS is ${kb(desk.jsBytes)}`).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  });

  it(`keeps a kiosk's JavaScript before first use (first load, kiosk chunk, Dutch kiosk texts) within ${FIRST_LOAD_JS_BUDGET / 1024} KB gzipped`, () => {
    requireBuild();
    const { desk, kiosk } = bundleSizes(DIST);
    expect(kiosk.js.some((f) => path.basename(f).startsWith('KioskApp-'))).toBe(true);
    // Neither carries the other's screens: each loads its own lazy chunk after the shared shell.
    expect(kiosk.js.some((f) => path.basename(f).startsWith('DeskRoot-'))).toBe(false);
    expect(desk.js.some((f) => path.basename(f).startsWith('KioskApp-'))).toBe(false);
    expect(
      kiosk.css.some((f) => !desk.css.includes(f)),
      'the kiosk loads its own stylesheet',
    ).toBe(true);
    console.log(`kiosk first use: ${kb(kiosk.jsBytes)} JS + ${kb(kiosk.cssBytes)} CSS gzipped (${kiosk.js.join(', ')})`);
    expect(kiosk.jsBytes, `kiosk first-use JS is ${kb(kiosk.jsBytes)}`).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  });

  it('keeps zod and the shared schemas out of the first load of a desk, its screens and a kiosk (they load when first used)', () => {
    requireBuild();
    const { desk, deskScreens, kiosk } = bundleSizes(DIST);
    for (const file of [...desk.js, ...deskScreens.js, ...kiosk.js]) {
      // zod names its classes by these strings; the minifier keeps them.
      expect(/\$ZodObject|\$ZodType/.test(readFileSync(path.join(DIST, file), 'utf8')), `${file} carries zod`).toBe(false);
    }
  });

  it('ships the catalogue search worker as its own file: precached (search works offline-started), not in any first load', () => {
    requireBuild();
    const workers = readdirSync(path.join(DIST, 'assets')).filter((f) => /^search-worker-.*\.js$/.test(f));
    expect(workers, 'one search worker chunk').toHaveLength(1);
    const worker = `assets/${workers[0]}`;
    expect(readFileSync(path.join(DIST, 'sw.js'), 'utf8'), 'the service worker precaches it').toContain(`"${worker}"`);
    const { desk, deskScreens, kiosk, catalogue } = bundleSizes(DIST);
    for (const download of [desk, deskScreens, kiosk]) expect(download.js).not.toContain(worker);
    // The catalogue chunk starts it by its URL (new Worker(new URL(...))), it does not import it.
    expect(catalogue.js).not.toContain(worker);
    expect(catalogue.js.some((f) => readFileSync(path.join(DIST, f), 'utf8').includes(workers[0]!))).toBe(true);
  });

  it('loads the coordinator console lazily, not with the first load', () => {
    requireBuild();
    const { desk, console: consoleChunk } = bundleSizes(DIST);
    expect(consoleChunk.js.length).toBeGreaterThan(0);
    expect(desk.js.filter((f) => consoleChunk.js.includes(f))).toEqual([]);
  });

  it('ships no source maps, no server code and no secrets', () => {
    requireBuild();
    const all = files(DIST);
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    const forbidden = [
      /pg_advisory/,
      /token_hash/,
      /CREATE TABLE/i,
      /DATABASE_URL/,
      /INLOOP_TEST_DATABASE_URL/,
      /BEGIN PRIVATE KEY/,
      /node:crypto/,
      /@electric-sql\/pglite/,
    ];
    for (const file of all.filter((f) => /\.(js|html|json|webmanifest)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of forbidden) expect(pattern.test(text), `${file} contains ${pattern}`).toBe(false);
    }
  });
});
