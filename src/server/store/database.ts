import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One small interface over the two ways Inloop stores data: embedded PGlite
 * (no setup) and a PostgreSQL server (DATABASE_URL). Both speak the same SQL,
 * so the store modules and migrations are written once.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: all of it commits or none of it does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: a consistent copy of the whole data directory (gzipped tar). PostgreSQL uses pg_dump. */
  snapshot?(): Promise<Uint8Array>;
}

/**
 * PGlite is one process's database: a second process opening the same directory
 * would corrupt it. A pid file guards it; a stale one (its process gone) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'inloop.pid');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The database in ${dataDir} is in use by process ${holder} (a running Inloop server?). ` +
          'Stop it first, or use DATABASE_URL with PostgreSQL to run several processes on one database.',
      );
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPglite(dataDir?: string, restoreFrom?: Uint8Array): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let db: PGlite;
  try {
    const options = restoreFrom ? { loadDataDir: new Blob([new Uint8Array(restoreFrom)]) } : {};
    db = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
  } catch (err) {
    unlock();
    throw err;
  }
  return {
    kind: 'pglite',
    query: async (sql, params) => ({ rows: (await db.query(sql, params)).rows as never[] }),
    transaction: (fn) =>
      db.transaction((tx) => fn({ query: async (sql, params) => ({ rows: (await tx.query(sql, params)).rows as never[] }) })),
    async close() {
      await db.close();
      unlock();
    },
    // Taken by the database itself between statements, so it is consistent without stopping the server's process.
    snapshot: async () => new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer()),
  };
}

// int8 (bigint) columns hold versions and sequence numbers well inside 2^53; read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openPostgres(url: string): Promise<Database> {
  // Connections per server process (INLOOP_DB_POOL_SIZE, default 20): at opening time hundreds of pushes
  // queue for them; two processes on one PostgreSQL take twice as many (its default max_connections is 100).
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.INLOOP_DB_POOL_SIZE) || 20 });
  // A dropped connection must surface as a failed request, not crash the server. The pool only
  // listens for errors on idle clients, and pg can emit more than one error for one dropped
  // connection (the server's FATAL message, then the socket's end): without a listener of our
  // own on every client, a late one is an unhandled 'error' event that takes the process down.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    query: async (sql, params) => ({ rows: (await pool.query(sql, params)).rows }),
    async transaction(fn) {
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows }) });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        // After a failure the connection may be broken: discard it rather than hand it to the next request.
        client.release(failure);
      }
    },
    close: () => pool.end(),
  };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
