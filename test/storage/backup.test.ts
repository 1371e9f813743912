import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { execFileSync, spawn } from 'node:child_process';
import { openPglite, openPostgres } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { backupPglite, backupPostgres, pgTool, restorePglite, restorePostgres } from '../../src/server/store/backup';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { authenticateDevice, createEnrolmentCode, enrolDevice } from '../../src/server/store/devices';
import { applyPush } from '../../src/server/store/push';
import type { Database } from '../../src/server/store/database';
import { TEST_DATABASE_URL } from '../helpers/databases';
import { makeVisit } from '../helpers/visits';
import { buildServer } from '../../src/server/app';
import { writeEntities } from '../../src/server/store/catalogue-feed';
import { currentEpoch } from '../../src/server/store/sync-epoch';
import { uuidv7 } from '../../src/shared/ids';
import { PullingTablet, liveCatalogue } from '../helpers/pulling-tablet';

/**
 * pg_dump refuses a server newer than itself, and no npm package ships the client tools
 * (the embedded test server has none): say what to provide rather than fail on a spawn error.
 */
async function missingPgTools(admin: pg.Client): Promise<string | undefined> {
  const server = Math.floor(
    Number((await admin.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v) / 10000,
  );
  for (const tool of ['pg_dump', 'pg_restore'] as const) {
    let version = 0;
    try {
      version = Number(/(\d+)/.exec(execFileSync(pgTool(tool), ['--version'], { encoding: 'utf8' }))?.[1] ?? 0);
    } catch {
      // not installed
    }
    if (version < server) {
      return (
        `The PostgreSQL backup test needs ${tool} of version ${server} or newer (the test server's), found ${version || 'none'}. ` +
        'Install PostgreSQL client tools of that version (Debian: apt-get install postgresql-client), or point INLOOP_TEST_DATABASE_URL ' +
        "at a server no newer than your tools (.ci/run starts Debian's own cluster with its matching tools)."
      );
    }
  }
  return undefined;
}

const work = mkdtempSync(path.join(tmpdir(), 'inloop-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A database with a device that pushed three visits; returns what a restore must bring back. */
async function fill(db: Database) {
  await migrate(db);
  await seedDemoIfEmpty(db);
  const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' });
  const enrolment = (await enrolDevice(db, code))!;
  const device = (await authenticateDevice(db, enrolment.token))!;
  const entries = [1, 2, 3].map((seq) => {
    const visit = makeVisit(enrolment);
    return { seq, recordId: visit.id, type: 'visit.create@1', payload: visit, createdAt: new Date().toISOString() };
  });
  await applyPush(db, device, { appVersion: 'test', entries });
  return { token: enrolment.token, visitIds: entries.map((e) => e.recordId).sort() };
}

async function expectRestored(db: Database, expected: { token: string; visitIds: string[] }) {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM visits ORDER BY id');
  expect(rows.map((r) => r.id)).toEqual(expected.visitIds);
  // The device keeps its identity and its place in the sequence: a replay after restore adds nothing.
  const device = await authenticateDevice(db, expected.token);
  expect(device).toBeDefined();
  const { rows: seq } = await db.query<{ last_seq: number }>('SELECT last_seq FROM devices WHERE id = $1', [device!.id]);
  expect(Number(seq[0]!.last_seq)).toBe(3);
}

const organisation = (name: string) => ({ entity: 'organization' as const, id: uuidv7(), data: { name } });

/** Catalogue changes through the same path as the console's: each in its own transaction, so each takes a version. */
async function changeCatalogue(db: Database, round: string): Promise<void> {
  const added = [organisation(`${round} a`), organisation(`${round} b`), organisation(`${round} c`)];
  await db.transaction((tx) => writeEntities(tx, added));
  await db.transaction((tx) => writeEntities(tx, [{ ...added[0]!, data: { name: `${round} a, renamed` } }], [added[1]!.id]));
}

/**
 * A restore takes the database back to the backup: what came after is gone, and the versions it
 * used are handed out again, for other changes. Tablets that pulled before the backup and tablets
 * that pulled after it must both end with exactly the restored server's catalogue.
 */
async function expectTabletsFollowARestore(source: Database, restore: (backupOf: Database) => Promise<Database>) {
  await migrate(source);
  await seedDemoIfEmpty(source);
  const tokens = await Promise.all(
    [0, 1].map(
      async () =>
        (await enrolDevice(source, (await createEnrolmentCode(source, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' })).code))!.token,
    ),
  );
  const [early, late] = tokens.map((token) => new PullingTablet(token)) as [PullingTablet, PullingTablet];
  const sourceApp = await buildServer({ db: source });
  await changeCatalogue(source, 'before the backup');
  await early.pull(sourceApp);
  await late.pull(sourceApp);
  const restored = await restore(source); // takes the backup, changes the source, restores into a new database
  expect(await currentEpoch(restored)).not.toBe(await currentEpoch(source));
  // The source went on after the backup; the late tablet saw that, the early one did not.
  await late.pull(sourceApp);
  await sourceApp.close();
  // The restored server goes on too, past the versions the late tablet saw: without the epoch its cursor would look current.
  for (let i = 0; i < 4; i++) await changeCatalogue(restored, `after the restore ${i}`);
  const restoredApp = await buildServer({ db: restored });
  for (const tablet of [early, late]) {
    await tablet.pull(restoredApp);
    expect(tablet.resets).toBe(1);
    expect(tablet.rows).toEqual(await liveCatalogue(restored));
  }
  // And they keep following it, with no further reset.
  await changeCatalogue(restored, 'later');
  for (const tablet of [early, late]) {
    await tablet.pull(restoredApp);
    expect(tablet.resets).toBe(1);
    expect(tablet.rows).toEqual(await liveCatalogue(restored));
  }
  await restoredApp.close();
  return restored;
}

describe('backup and restore', () => {
  it('brings tablets that pulled before and after a PGlite backup back in line with the restored server', async () => {
    const source = await openPglite(path.join(work, 'epoch-source'));
    const restored = await expectTabletsFollowARestore(source, async (db) => {
      const file = path.join(work, 'epoch.tar.gz');
      await backupPglite(db, file);
      for (let i = 0; i < 3; i++) await changeCatalogue(db, `after the backup ${i}`);
      await restorePglite(file, path.join(work, 'epoch-restored'));
      return openPglite(path.join(work, 'epoch-restored'));
    });
    await restored.close();
    await source.close();
    // Two PGlite databases, a gzipped dump and a restore: minutes, not seconds, on a loaded 2-core machine.
  }, 240_000);

  it('brings tablets that pulled before and after a PostgreSQL backup back in line with the restored server', async () => {
    const base = TEST_DATABASE_URL;
    if (!base) throw new Error('needs INLOOP_TEST_DATABASE_URL (PostgreSQL); .ci/run sets it');
    const names = [`inloop_ep_${randomBytes(4).toString('hex')}`, `inloop_er_${randomBytes(4).toString('hex')}`];
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
    const url = (n: string) => Object.assign(new URL(base), { pathname: `/${n}` }).toString();
    try {
      const source = await openPostgres(url(names[0]!));
      const restored = await expectTabletsFollowARestore(source, async (db) => {
        const file = path.join(work, 'epoch.dump');
        await backupPostgres(url(names[0]!), file);
        for (let i = 0; i < 3; i++) await changeCatalogue(db, `after the backup ${i}`);
        await restorePostgres(url(names[1]!), file);
        return openPostgres(url(names[1]!));
      });
      await restored.close();
      await source.close();
    } finally {
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('gives a database that pg_restore put in a new place by hand a new epoch when the server opens it', async () => {
    const base = TEST_DATABASE_URL;
    if (!base) throw new Error('needs INLOOP_TEST_DATABASE_URL (PostgreSQL); .ci/run sets it');
    const names = [`inloop_hs_${randomBytes(4).toString('hex')}`, `inloop_hr_${randomBytes(4).toString('hex')}`];
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
    const url = (n: string) => Object.assign(new URL(base), { pathname: `/${n}` }).toString();
    try {
      const source = await openPostgres(url(names[0]!));
      await migrate(source);
      const epoch = await currentEpoch(source);
      await source.close();
      const file = path.join(work, 'by-hand.dump');
      await backupPostgres(url(names[0]!), file);
      // What a coordinator might run instead of the restore command: pg_restore alone.
      await new Promise<void>((resolve, reject) =>
        spawn(pgTool('pg_restore'), ['--no-owner', '--exit-on-error', '--dbname', url(names[1]!), file]).on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`pg_restore ${code}`)),
        ),
      );
      const restored = await openPostgres(url(names[1]!));
      expect(await currentEpoch(restored)).toBe(epoch); // the dump's
      await migrate(restored); // what the server does at every start
      expect(await currentEpoch(restored)).not.toBe(epoch);
      await restored.close();
    } finally {
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('restores a PGlite snapshot taken while the database is open', async () => {
    const source = await openPglite(path.join(work, 'source'));
    const expected = await fill(source);
    const file = path.join(work, 'pglite.tar.gz');
    expect(await backupPglite(source, file)).toBeGreaterThan(0);
    await source.query('DELETE FROM visit_questions');
    await source.query('DELETE FROM visits'); // what happens after the backup is not in it
    await source.close();
    const target = path.join(work, 'restored');
    await restorePglite(file, target);
    const restored = await openPglite(target);
    await expectRestored(restored, expected);
    await restored.close();
    await expect(restorePglite(file, target)).rejects.toThrow(/not empty/);
  });

  it('restores a PostgreSQL dump with pg_restore', async () => {
    const base = TEST_DATABASE_URL;
    if (!base) throw new Error('needs INLOOP_TEST_DATABASE_URL (PostgreSQL); .ci/run sets it');
    const names = [`inloop_bk_${randomBytes(4).toString('hex')}`, `inloop_rs_${randomBytes(4).toString('hex')}`];
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const missing = await missingPgTools(admin);
    if (missing) {
      await admin.end();
      throw new Error(missing);
    }
    for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
    const url = (n: string) => Object.assign(new URL(base), { pathname: `/${n}` }).toString();
    try {
      const source = await openPostgres(url(names[0]!));
      const expected = await fill(source);
      await source.close();
      const file = path.join(work, 'pg.dump');
      await backupPostgres(url(names[0]!), file);
      await restorePostgres(url(names[1]!), file);
      const restored = await openPostgres(url(names[1]!));
      await expectRestored(restored, expected);
      await restored.close();
    } finally {
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      await admin.end();
    }
  });
});
