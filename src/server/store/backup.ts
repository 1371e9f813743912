import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openPglite, openPostgres, type Database } from './database';
import { migrate } from './migrate';
import { renewEpoch } from './sync-epoch';

/**
 * Backups for both storage modes:
 * - PGlite: a consistent snapshot of the data directory (gzipped tar), restored into
 *   an empty directory;
 * - PostgreSQL: pg_dump in its custom format, restored with pg_restore.
 * Either restore renews the database's epoch: the tablets' cursors from before it point
 * into a history the restored database does not have, and get a reset (sync-epoch.ts).
 */
export async function backupPglite(db: Database, file: string): Promise<number> {
  if (!db.snapshot) throw new Error('this database is PostgreSQL: use backupPostgres (pg_dump)');
  const bytes = await db.snapshot();
  await writeFile(file, bytes);
  return bytes.length;
}

export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new Error(`${dataDir} is not empty: restore into a new, empty directory`);
  const db = await openPglite(dataDir, new Uint8Array(await readFile(file)));
  try {
    await migrate(db);
    await renewEpoch(db);
  } finally {
    await db.close();
  }
}

/** The newest PostgreSQL client tools on this machine, or those on PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(path.join(base, v, 'bin', name))) return path.join(base, v, 'bin', name);
  }
  return name;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${err.trim()}`))));
  });
}

export function backupPostgres(url: string, file: string): Promise<void> {
  return run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--file', file, url]);
}

/** Into an empty database; then, like the server at start, brings it up to date and gives it a new epoch. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  await run(pgTool('pg_restore'), ['--no-owner', '--exit-on-error', '--dbname', url, file]);
  const db = await openPostgres(url);
  try {
    await migrate(db);
    await renewEpoch(db);
  } finally {
    await db.close();
  }
}
