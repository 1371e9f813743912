import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What a desk, a kiosk and the coordinator console download from a build (dist/),
 * gzip-compressed, worked out from the files themselves: index.html's scripts and
 * stylesheets, the static imports of each chunk, and the lazy chunks the entry names
 * in Vite's dependency map (`__vite__mapDeps`). Shared by test/build-output.test.ts
 * (the budget) and bench/bundle.ts (the report); sizes are deterministic.
 */
export interface Download {
  /** Files under dist/, e.g. "assets/index-abc.js". */
  js: string[];
  css: string[];
  jsBytes: number;
  cssBytes: number;
}

export interface BundleSizes {
  /**
   * A desk before first use: index.html's scripts, their static imports and stylesheets, and the lazily
   * loaded desk chunk (DeskRoot) with what loads with it: up to the sign-in screen, which a desk always
   * shows first (a reload locks it).
   */
  desk: Download;
  /** The desk's screens behind the sign-in (DeskApp: the record form, today's visits, the tabs), fetched while the sign-in screen is up (on top of the first load). */
  deskScreens: Download;
  /** A kiosk before first use: index.html's scripts and stylesheets plus the lazily loaded KioskApp chunk, its imports, its CSS and the Dutch kiosk texts. */
  kiosk: Download;
  /** The coordinator console's own lazy chunk and its CSS (on top of the first load). */
  console: Download;
  /** The catalogue search chunk a desk fetches when idle or on first search (on top of the first load). */
  catalogue: Download;
}

export const gzipBytes = (dist: string, file: string) => gzipSync(readFileSync(path.join(dist, file))).length;

/** A file and everything it imports statically (`import "./x.js"` / `from "./x.js"`), not the dynamic import() chunks. */
export function withStaticImports(dist: string, entries: string[]): string[] {
  const queue = [...entries];
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dist, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|from)\s*["']\.\/([^"']+\.js)["']/g))
      queue.push(path.posix.join(path.posix.dirname(file), m[1]!));
  }
  return [...seen];
}

/** The scripts index.html loads (entry and modulepreloads) and their static imports. */
export function firstLoadScripts(dist: string): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  return withStaticImports(dist, entries);
}

function firstLoadStyles(dist: string): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  return [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+\.css)"/g)].map((m) => m[1]!);
}

/**
 * A lazy chunk, found by the name Vite gives it after its module (`Prefix-hash.js`), with
 * everything loaded with it: the files Vite preloads beside the import() (its
 * `__vite__mapDeps([...])` list: shared chunks and CSS) and their static imports.
 */
function lazyChunk(dist: string, scripts: string[], prefix: string): { js: string[]; css: string[] } {
  for (const file of scripts) {
    const code = readFileSync(path.join(dist, file), 'utf8');
    const at = new RegExp(`import\\(\\s*["'\`]\\./(${prefix}-[A-Za-z0-9_-]+\\.js)["'\`]\\s*\\)`).exec(code);
    if (!at) continue;
    const chunk = path.posix.join(path.posix.dirname(file), at[1]!);
    const table = /m\.f\s*=\s*(\[[^\]]*\])/.exec(code);
    const deps = /__vite__mapDeps\(\[([\d,\s]*)\]\)/.exec(code.slice(at.index, at.index + 400));
    const names: string[] =
      table && deps
        ? deps[1]!
            .split(',')
            .filter((x) => x.trim())
            .map((i) => (JSON.parse(table[1]!) as string[])[Number(i)]!)
        : [];
    const js = withStaticImports(dist, [chunk, ...names.filter((n) => n.endsWith('.js'))]);
    const css = names.filter((n) => n.endsWith('.css'));
    return { js, css };
  }
  throw new Error(`no lazy ${prefix} chunk is imported by the first-load scripts (${scripts.join(', ')})`);
}

function download(dist: string, js: string[], css: string[]): Download {
  const uniqueJs = [...new Set(js)];
  const uniqueCss = [...new Set(css)];
  return {
    js: uniqueJs,
    css: uniqueCss,
    jsBytes: uniqueJs.reduce((sum, f) => sum + gzipBytes(dist, f), 0),
    cssBytes: uniqueCss.reduce((sum, f) => sum + gzipBytes(dist, f), 0),
  };
}

/** The Dutch kiosk texts: the lazy chunk that import()s for "./locales/nl/kiosk.json". */
function dutchKioskTexts(dist: string, scripts: string[]): string[] {
  for (const file of scripts) {
    const code = readFileSync(path.join(dist, file), 'utf8');
    const m = /["'`]\.\/locales\/nl\/kiosk\.json["'`]\s*:[^,]*?import\(\s*["'`]\.\/([^"'`]+\.js)["'`]/.exec(code);
    if (m) return [path.posix.join(path.posix.dirname(file), m[1]!)];
  }
  throw new Error('the Dutch kiosk texts (locales/nl/kiosk.json) are not a lazy chunk of the build');
}

export function bundleSizes(dist: string): BundleSizes {
  if (!existsSync(path.join(dist, 'index.html')))
    throw new Error(`${dist}/index.html is missing: run "npm run build" first (npm test does).`);
  const scripts = firstLoadScripts(dist);
  const styles = firstLoadStyles(dist);
  const desk = lazyChunk(dist, scripts, 'DeskRoot');
  const deskScreens = lazyChunk(dist, [...scripts, ...desk.js], 'DeskApp');
  const kiosk = lazyChunk(dist, scripts, 'KioskApp');
  const console = lazyChunk(dist, scripts, 'ConsoleApp');
  // The desk fetches the catalogue's search chunk when idle or on first search.
  const catalogue = lazyChunk(dist, [...scripts, ...desk.js, ...deskScreens.js], 'catalogue-chunk');
  const firstLoad = new Set([...scripts, ...desk.js]);
  const already = new Set([...firstLoad, ...deskScreens.js]);
  return {
    desk: download(dist, [...scripts, ...desk.js], [...styles, ...desk.css]),
    deskScreens: download(
      dist,
      deskScreens.js.filter((f) => !firstLoad.has(f)),
      deskScreens.css.filter((f) => !desk.css.includes(f)),
    ),
    kiosk: download(dist, [...scripts, ...kiosk.js, ...dutchKioskTexts(dist, scripts)], [...styles, ...kiosk.css]),
    console: download(
      dist,
      console.js.filter((f) => !firstLoad.has(f)),
      console.css,
    ),
    catalogue: download(
      dist,
      catalogue.js.filter((f) => !already.has(f)),
      catalogue.css,
    ),
  };
}
