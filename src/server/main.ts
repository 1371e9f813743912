import type { Server as TlsServer } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { readConfig, type Config } from './config';
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
import { scheduleFigureFold } from './store/console/figure-summary';
import { readTlsFiles, tlsFilesFromEnv, watchTlsFiles, type TlsFiles, type TlsPem } from './tls/tls-files';
import { isTabletSafe, tabletUrl } from './tls/tablet-url';
import { buildHttpRedirect } from './tls/http-redirect';

/** npm start: migrate, seed the demo on an empty database, serve app and API on one port. */
async function main(): Promise<void> {
  const config = readConfig();
  const tlsFiles = tlsFilesFromEnv(process.env, config.dataDir);
  const tls = tlsFiles ? readTlsFiles(tlsFiles) : undefined;
  if (config.httpRedirectPort !== undefined && !tls) {
    throw new Error(
      'INLOOP_HTTP_PORT redirects to HTTPS, but HTTPS is off: give INLOOP_TLS_CERT and INLOOP_TLS_KEY, or run "npm run inloop -- tls:setup --host <name>" (docs/deploy.md)',
    );
  }
  const { db, seeded } = await prepareDatabase(config);
  let listeningPort = config.port;
  const tabletAddress = () => tabletUrl(config, tls, listeningPort);
  const app = await buildServer({
    db,
    staticDir: config.staticDir,
    logger: { level: config.logLevel },
    version: APP_VERSION,
    rateLimits: rateLimitsFromEnv(),
    https: tls,
    tabletUrl: tabletAddress,
    caPath: tlsFiles?.caPath,
  });
  // Retention: old notes, audit entries, course interest and help requests are removed when their time is up, checked hourly.
  const stopPurge = scheduleRetention(db, retentionFromEnv(), (r) =>
    r instanceof Error ? app.log.error({ err: r }, 'purge failed') : app.log.info(r, 'expired data purged'),
  );
  // The dashboard's summary: pending deltas folded into the counts every few seconds (exact either way, see figure-summary.ts).
  const stopFold = scheduleFigureFold(db, (err) => app.log.error({ err }, 'folding dashboard figures failed'));
  // Renewed certificate files are used for new connections; open ones keep theirs (no restart, nothing dropped).
  const tlsWatch = tlsFiles && tls ? watchCertificate(tlsFiles, tls, app.server as unknown as TlsServer, app.log) : undefined;
  let redirect: Awaited<ReturnType<typeof buildHttpRedirect>> | undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // close() stops accepting and waits for running requests, so a push batch completes or rolls back whole.
    stopPurge();
    stopFold();
    tlsWatch?.stop();
    await redirect?.close();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // SIGHUP: reload the certificate now (e.g. from certbot's deploy hook) instead of at the next poll.
  process.on('SIGHUP', () => void tlsWatch?.reload());

  const address = await app.listen({ port: config.port, host: config.host });
  listeningPort = Number(new URL(address).port);
  if (tls && config.httpRedirectPort !== undefined) {
    redirect = await buildHttpRedirect({
      httpsPort: listeningPort,
      publicUrl: config.publicUrl,
      caPath: tlsFiles?.caPath,
      tabletUrl: tabletAddress,
    });
    const redirectAddress = await redirect.listen({ port: config.httpRedirectPort!, host: config.host });
    app.log.info(`plain HTTP on ${redirectAddress} redirects to HTTPS`);
  }
  const local = `${tls ? 'https' : 'http'}://localhost:${listeningPort}`;
  const tablets = tabletAddress();
  const base = tablets ?? local;
  const lines = [
    '',
    `Inloop ${APP_VERSION} is running at ${base}/`,
    `  storage: ${db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  API docs (OpenAPI): ${base}/api/docs`,
    ...tabletLines(config, tls, tlsFiles, tablets, local),
  ];
  lines.push(...(await demoLines(db, base, seeded)));
  console.log(lines.join('\n') + '\n');
}

/** What a coordinator must know about reaching this server from a tablet. */
function tabletLines(
  config: Config,
  tls: TlsPem | undefined,
  files: TlsFiles | undefined,
  tablets: string | undefined,
  local: string,
): string[] {
  if (tablets) {
    const lines = [
      `  tablets: open ${tablets}/ (HTTPS${files ? `, certificate from ${files.source === 'tls:setup' ? 'tls:setup' : files.certPath}` : ' through the proxy'})`,
    ];
    if (files?.caPath) lines.push(`  install this installation's certificate on each tablet first: ${tablets}/certificaat`);
    if (tls) {
      const days = Math.floor((new Date(new X509Certificate(tls.cert).validTo).getTime() - Date.now()) / 86_400_000);
      if (days < 30)
        lines.push(
          `  WARNING: the server certificate ends in ${days} days; renew it (${files?.source === 'tls:setup' ? 'npm run inloop -- tls:setup again' : 'replace the files; the server picks them up'})`,
        );
    }
    return lines;
  }
  const why =
    config.publicUrl && !isTabletSafe(config.publicUrl) ? `INLOOP_PUBLIC_URL (${config.publicUrl}) is not an https:// address. ` : '';
  return [
    `  ${local}/ works in a browser on this computer only.`,
    `  Tablets need HTTPS: ${why}without it a tablet gets no offline mode and cannot check PINs.`,
    '  Set it up with "npm run inloop -- tls:setup --host <name>" (a box in the library) or a reverse proxy',
    '  with INLOOP_PUBLIC_URL (a hosted server): see docs/deploy.md.',
  ];
}

function watchCertificate(
  files: TlsFiles,
  inUse: TlsPem,
  server: TlsServer,
  log: { info: (m: string) => void; warn: (m: string) => void },
) {
  return watchTlsFiles(files, inUse, (pem) => server.setSecureContext({ cert: pem.cert, key: pem.key }), log, {
    intervalMs: Number(process.env.INLOOP_TLS_POLL_MS ?? 5_000),
  });
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
      seeded
        ? `Created the demo library "${DEMO_ORGANISATION.name}" with ${DEMO_LOCATIONS.length} branches.`
        : `Demo library: "${DEMO_ORGANISATION.name}".`,
      `Open this link to enrol a demo desk at ${DEMO_LOCATIONS[0].name} (one-time, valid 24 hours):`,
      `  ${base}/?enrol=${code}`,
    ];
    const volunteers = await usableDemoVolunteers(db);
    if (volunteers.length)
      lines.push(`Then sign in as a demo volunteer: ${volunteers.map((v) => `${v.displayName} (PIN ${v.pin})`).join(', ')}.`);
    return lines;
  } catch (err) {
    return [
      '',
      `(No demo enrolment link this time: ${err instanceof Error ? err.message : err}. Make one with: npm run inloop -- device:code --location Centrale)`,
    ];
  }
}

async function hasDemo(db: Awaited<ReturnType<typeof openDatabase>>): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM organisations WHERE id = $1', [DEMO_ORGANISATION.id]);
  return rows.length > 0;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
