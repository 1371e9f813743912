import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

/**
 * The coordinator console must not grow what a tablet downloads: it is a lazy chunk
 * (never in index.html or the entry's static imports), and the service worker does not
 * precache it. Prints the sizes of both first loads (tablet entry, console chunk).
 */
const DIST = 'dist';

function staticClosure(entry: string[]): string[] {
  const queue = [...entry];
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(DIST, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|from)\s*["']\.\/([^"']+\.js)["']/g))
      queue.push(path.posix.join(path.posix.dirname(file), m[1]!));
  }
  return [...seen];
}

const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(DIST, f))).length, 0);

describe('the console in the build', () => {
  it('is a lazy chunk outside the tablet first load and outside the precache', () => {
    if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is missing: run "npm run build" first (npm test does).');
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const entry = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
    const tablet = staticClosure(entry);
    const consoleChunks = readdirSync(path.join(DIST, 'assets'))
      .filter((f) => /^ConsoleApp-.*\.js$/.test(f))
      .map((f) => `assets/${f}`);
    expect(consoleChunks).toHaveLength(1);
    expect(tablet.filter((f) => f.includes('ConsoleApp'))).toEqual([]);
    for (const file of tablet) expect(readFileSync(path.join(DIST, file), 'utf8')).not.toMatch(/BarController|x-csrf-token/);
    expect(readFileSync(path.join(DIST, 'sw.js'), 'utf8')).not.toContain('ConsoleApp');
    const consoleOnly = staticClosure(consoleChunks).filter((f) => !tablet.includes(f));
    console.log(
      `first load, gzipped: tablet ${(gz(tablet) / 1024).toFixed(1)} KB; console adds ${(gz(consoleOnly) / 1024).toFixed(1)} KB (lazy, not precached)`,
    );
  });
});
