import { networkInterfaces } from 'node:os';
import { readConfig } from './config';
import { buildServer } from './app';
import { openDatabase } from './store/database';
import { migrate } from './store/migrate';
import { seedDemoIfEmpty } from './seed/demo';
import { createEnrolmentCode } from './store/devices';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from './seed/demo-ids';
import { APP_VERSION } from './version';

/** npm start: migrate, seed the demo on an empty database, serve app and API on one port. */
async function main(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  const seeded = await seedDemoIfEmpty(db);
  const app = await buildServer({ db, staticDir: config.staticDir, logger: { level: config.logLevel }, version: APP_VERSION });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // close() stops accepting and waits for running requests, so a push batch completes or rolls back whole.
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
  if (await hasDemo(db)) {
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk', ttlHours: 24 });
    lines.push(
      '',
      seeded ? `Created the demo library "${DEMO_ORGANISATION.name}" with ${DEMO_LOCATIONS.length} branches.` : `Demo library: "${DEMO_ORGANISATION.name}".`,
      `Open this link to enrol a demo desk at ${DEMO_LOCATIONS[0].name} (one-time, valid 24 hours):`,
      `  ${base}/?enrol=${code}`,
    );
  }
  console.log(lines.join('\n') + '\n');
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
