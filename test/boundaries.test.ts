import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('code boundaries', () => {
  it('keeps the app, the server and the shared contract apart', () => {
    const offences: string[] = [];
    for (const file of sources('src/app')) for (const i of imports(file)) if (/\/server\//.test(i) || /^node:/.test(i)) offences.push(`${file} → ${i}`);
    for (const file of sources('src/server')) for (const i of imports(file)) if (/\/app\//.test(i)) offences.push(`${file} → ${i}`);
    for (const file of sources('src/shared')) for (const i of imports(file)) if (/\/(app|server)\//.test(i) || /^node:/.test(i)) offences.push(`${file} → ${i}`);
    expect(offences).toEqual([]);
  });

  it('keeps the tablet database and the sync core free of features: no component, no services, no feature folder', () => {
    // db/ may use db/ and the shared contract; sync/ also db/. Features plug in from services.ts.
    const allowed: Record<string, string[]> = { db: ['src/app/db', 'src/shared'], sync: ['src/app/sync', 'src/app/db', 'src/shared'] };
    const offences: string[] = [];
    for (const [folder, may] of Object.entries(allowed)) {
      for (const file of sources(`src/app/${folder}`)) {
        if (file.endsWith('.tsx')) offences.push(`${file} is a component`);
        for (const i of imports(file)) {
          if (!i.startsWith('.')) continue; // a package
          const target = path.relative('.', path.resolve(path.dirname(file), i));
          const inside = may.some((dir) => target === dir || target.startsWith(`${dir}/`));
          if (!inside || /\.tsx$/.test(target) || /(^|\/)services(\.ts)?$/.test(target)) offences.push(`${file} → ${i}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
