import { networkInterfaces } from 'node:os';
import { readConfig } from './config';
import { buildServer } from './app';
import { openDatabase, type Database } from './store/database';
import { migrate } from './store/migrate';
import { seedDemoIfEmpty } from './seed/demo';
import { createEnrolmentCode } from './store/devices';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from './seed/demo-ids';
import { seedDemoVolunteers, usableDemoVolunteers } from './seed/demo-volunteers';
import { APP_VERSION } from './version';
import { rateLimitsFromEnv } from './routes/rate-limits';
import { retentionFromEnv, scheduleRetention } from './jobs/retention';

/** npm start: migrate, seed the demo on an empty database, serve app and API on one port. */
async function main(): Promise<void> {
  const config = readConfig();
  const { db, seeded } = await prepareDatabase(config);
  const app = await buildServer({ db, staticDir: config.staticDir, logger: { level: config.logLevel }, version: APP_VERSION, rateLimits: rateLimitsFromEnv() });
  // Retention: old notes, audit entries, course interest and help requests are removed when their time is up, checked hourly.
  const stopPurge = scheduleRetention(db, retentionFromEnv(), (r) => (r instanceof Error ? app.log.error({ err: r }, 'purge failed') : app.log.info(r, 'expired data purged')));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // close() stops accepting and waits for running requests, so a push batch completes or rolls back whole.
    stopPurge();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  const base = config.publicUrl ?? `http://localhost:${port}`;
  const lines = [
    '',
    `Inloop ${APP_VERSION} is running at ${base}/`,
    `  storage: ${db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  API docs (OpenAPI): ${base}/api/docs`,
  ];
  for (const ip of lanAddresses()) lines.push(`  on the library network: http://${ip}:${port}/`);
  lines.push(...(await demoLines(db, base, seeded)));
  console.log(lines.join('\n') + '\n');
}

/**
 * Opens, migrates and seeds the database. PostgreSQL may be restarting when the server
 * starts (or a connection may drop mid-migration): try a few times before giving up.
 */
async function prepareDatabase(config: ReturnType<typeof readConfig>): Promise<{ db: Database; seeded: boolean }> {
  for (let attempt = 1; ; attempt++) {
    let db: Database | undefined;
    try {
      db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrate(db);
      const seeded = await seedDemoIfEmpty(db);
      // Demo databases made before volunteers existed get them too.
      if (await hasDemo(db)) await seedDemoVolunteers(db);
      return { db, seeded };
    } catch (err) {
      await db?.close().catch(() => {});
      if (!config.databaseUrl || attempt >= 5) throw err;
      console.error(`database not ready (${err instanceof Error ? err.message : err}); retrying`);
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

/**
 * The demo enrolment link and volunteers. A failure here (the database dropping a
 * connection at this moment) must not stop a server that is already serving.
 */
async function demoLines(db: Database, base: string, seeded: boolean): Promise<string[]> {
  try {
    if (!(await hasDemo(db))) return [];
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk', ttlHours: 24 });
    const lines = [
      '',
      seeded ? `Created the demo library "${DEMO_ORGANISATION.name}" with ${DEMO_LOCATIONS.length} branches.` : `Demo library: "${DEMO_ORGANISATION.name}".`,
      `Open this link to enrol a demo desk at ${DEMO_LOCATIONS[0].name} (one-time, valid 24 hours):`,
      `  ${base}/?enrol=${code}`,
    ];
    const volunteers = await usableDemoVolunteers(db);
    if (volunteers.length) lines.push(`Then sign in as a demo volunteer: ${volunteers.map((v) => `${v.displayName} (PIN ${v.pin})`).join(', ')}.`);
    return lines;
  } catch (err) {
    return ['', `(No demo enrolment link this time: ${err instanceof Error ? err.message : err}. Make one with: npm run inloop -- device:code --location Centrale)`];
  }
}

async function hasDemo(db: Awaited<ReturnType<typeof openDatabase>>): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM organisations WHERE id = $1', [DEMO_ORGANISATION.id]);
  return rows.length > 0;
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
