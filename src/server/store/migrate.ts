import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';
import { renewEpochIfMoved } from './sync-epoch';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * Applies the numbered SQL files in migrations/ that have not run yet, each in
 * its own transaction. An advisory lock keeps two servers starting at once on
 * one PostgreSQL from racing each other. Then checks that the database is where it was
 * last opened (see sync-epoch.ts).
 */
export async function migrate(db: Database): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    const id = file.replace(/\.sql$/, '');
    const sql = await readFile(MIGRATIONS_DIR + file, 'utf8');
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4711)');
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [id]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [id]);
      return true;
    });
    if (ran) applied.push(id);
  }
  // A database restored by hand into a new place starts a new history for the tablets' cursors.
  await renewEpochIfMoved(db);
  return applied;
}

/**
 * Splits on ";" at line ends, except inside a $$-quoted function body (016 has some);
 * comment lines go. No migration quotes a semicolon otherwise.
 */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inBody = false;
  for (const line of sql.split('\n')) {
    if (!inBody && /^\s*--/.test(line)) continue;
    current += line + '\n';
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.trim().replace(/;$/, ''));
      current = '';
    }
  }
  statements.push(current.trim());
  return statements.filter(Boolean);
}
