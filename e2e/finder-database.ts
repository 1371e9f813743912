import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openPostgres, type Database } from '../src/server/store/database';

/**
 * A fresh PostgreSQL database for a server process, so the test can also reach
 * the same data (PGlite is one process's own). Needs INLOOP_TEST_DATABASE_URL.
 */
export async function freshPostgres(): Promise<{ url: string; open(): Promise<Database>; drop(): Promise<void> }> {
  const base = process.env.INLOOP_TEST_DATABASE_URL;
  if (!base) {
    throw new Error(
      'This browser test needs PostgreSQL: set INLOOP_TEST_DATABASE_URL=postgres://user@host:port/db (a role that may CREATE DATABASE); .ci/run sets it.',
    );
  }
  const name = `inloop_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    open: () => openPostgres(url.toString()),
    async drop() {
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
