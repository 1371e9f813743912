import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

/**
 * Checks of what a tablet downloads (dist/, built by `npm test` before the tests run):
 * the JavaScript budget of the first load, and that no server code, secret or source
 * map ships.
 */
const DIST = 'dist';
/** The most gzipped JavaScript a desk or kiosk may download before first use. */
export const FIRST_LOAD_JS_BUDGET = 100 * 1024;

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
export function firstLoadScripts(): string[] {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(DIST, file), 'utf8');
    // Static imports only: `import "./x.js"` / `from "./x.js"`; dynamic import() chunks load later.
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(path.posix.join(path.posix.dirname(file), m[1]!));
  }
  return [...seen];
}

describe('the built app', () => {
  it(`keeps the first-load JavaScript within ${FIRST_LOAD_JS_BUDGET / 1024} KB gzipped`, () => {
    requireBuild();
    const scripts = firstLoadScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(DIST, f))).length, 0);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  });

  it('ships no source maps, no server code and no secrets', () => {
    requireBuild();
    const all = files(DIST);
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    const forbidden = [/pg_advisory/, /token_hash/, /CREATE TABLE/i, /DATABASE_URL/, /INLOOP_TEST_DATABASE_URL/, /BEGIN PRIVATE KEY/, /node:crypto/, /@electric-sql\/pglite/];
    for (const file of all.filter((f) => /\.(js|html|json|webmanifest)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of forbidden) expect(pattern.test(text), `${file} contains ${pattern}`).toBe(false);
    }
  });
});
