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
});
