import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { createEnrolmentCode, enrolDevice } from '../../src/server/store/devices';
import { CHANGE_TYPES } from '../../src/shared/sync';
import { FaultProxy, type FaultCounts } from './fault-proxy';
import { SimDevice } from './sim-device';
import { mulberry32 } from '../../src/server/seed/synthetic-catalogue';
import { startServerProcess, type ServerProcess } from '../../e2e/server-process';

export interface ChaosOptions {
  records: number;
  devices: number;
  backend: 'pglite' | 'postgres';
  /** For postgres: a URL of a role that may create databases; a fresh one is made and dropped. */
  adminUrl?: string;
  /** Server processes behind the round-robin proxy (two need PostgreSQL). */
  servers?: number;
  seed?: number;
  /** Kill a server process (SIGKILL) every this many pushes. */
  killEvery?: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  backend: string;
  servers: number;
  devices: number;
  made: number;
  edits: number;
  stored: number;
  lost: number;
  duplicated: number;
  staleEdits: number;
  conflicts: number;
  /** Entries made that the server must refuse, how many it kept as rejected, and how many the tablets were never told of. */
  invalid: number;
  rejectedStored: number;
  rejectionsLost: number;
  faults: FaultCounts;
  pushes: number;
  failedPushes: number;
  /** Server processes that died on their own (not killed by the harness): each is a bug. */
  crashes: number;
  crashLogs: string[];
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Many simulated devices record visits and corrections and push them through the
 * real HTTP API while the proxy drops, duplicates and replays deliveries, batches are
 * cut at random, server processes are killed and restarted mid-batch and database
 * connections are cut. Then every device is drained and the server's records are
 * compared with what the devices made, and the rejections each device heard with the
 * entries it made to be refused.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed ?? 42);
  const serverCount = options.servers ?? 1;
  if (serverCount > 1 && options.backend !== 'postgres') throw new Error('several servers share one database only on PostgreSQL');
  const canEdit = (CHANGE_TYPES as readonly string[]).includes('visit.update@1');
  const started = Date.now();

  // A fresh database: a PGlite directory, or a new PostgreSQL database.
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let dbName = '';
  if (options.backend === 'postgres') {
    if (!options.adminUrl) throw new Error('the postgres backend needs INLOOP_TEST_DATABASE_URL (see README)');
    dbName = `inloop_chaos_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: options.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(options.adminUrl);
    url.pathname = `/${dbName}`;
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: options.adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'inloop-chaos-'));
    env = { INLOOP_DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }

  // Enrol the devices before the servers start (PGlite has one owner process at a time).
  const setup = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.INLOOP_DATA_DIR });
  await migrate(setup);
  await seedDemoIfEmpty(setup);
  const devices: SimDevice[] = [];
  for (let i = 0; i < options.devices; i++) {
    const location = DEMO_LOCATIONS[i % DEMO_LOCATIONS.length]!;
    const { code } = await createEnrolmentCode(setup, { locationId: location.id, kind: 'desk' });
    const enrolment = (await enrolDevice(setup, code))!;
    devices.push(new SimDevice(enrolment.deviceId, location.id, enrolment.token, mulberry32((options.seed ?? 42) * 1000 + i), canEdit));
  }
  await setup.close();

  // Rate limits off: the devices hammer the server on purpose; the limits have their own tests.
  const serverEnv = {
    ...env,
    LOG_LEVEL: 'fatal',
    INLOOP_SERVE_APP: '0',
    INLOOP_RATE_LIMIT_IP: '1000000',
    INLOOP_RATE_LIMIT_DEVICE: '1000000',
  };
  const servers: ServerProcess[] = await Promise.all(
    Array.from({ length: serverCount }, () => startServerProcess(serverEnv, { waitForEnrolLink: false })),
  );
  const crashes: string[] = [];
  const noteCrashes = () => {
    for (const s of servers) if (s.crashed() && !crashes.includes(s.output())) crashes.push(s.output());
  };
  const proxy = new FaultProxy(
    servers.map((s) => s.url),
    random,
  );
  const base = await proxy.listen();
  log(`chaos: ${options.devices} devices, ${options.records} records, ${options.backend}, ${serverCount} server(s)`);

  let pushes = 0;
  let faultsOn = true;
  const killEvery = options.killEvery ?? Math.max(40, Math.floor(options.records / 25));
  let restarting: Promise<void> | undefined;

  const killOne = async () => {
    const index = Math.floor(random() * servers.length);
    noteCrashes();
    await servers[index]!.kill();
    proxy.faults.serverKilled++;
    servers[index] = await startServerProcess(serverEnv, { waitForEnrolLink: false });
    proxy.upstreams[index] = servers[index]!.url;
  };

  const cutConnections = async () => {
    if (options.backend !== 'postgres') return;
    const c = new pg.Client({ connectionString: options.adminUrl });
    await c.connect();
    const { rowCount } = await c.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [dbName],
    );
    await c.end();
    if (rowCount) proxy.faults.dbConnectionLost++;
  };

  const quota = Math.ceil(options.records / options.devices);
  // The quota counts visits made; corrections come on top, so `records` is a floor on distinct records.
  // A device past its quota stops here; the drain below empties its outbox once the faults stop.
  const work = async (device: SimDevice) => {
    const done = () => device.made.size >= quota;
    while (!done()) {
      if (!done()) {
        const burst = 1 + Math.floor(random() * 5);
        for (let i = 0; i < burst && !done(); i++) device.recordSomething();
      }
      const batch = 1 + Math.floor(random() * 60);
      if (faultsOn && batch < device.pending) proxy.faults.batchCut++;
      const ok = await device.push(base, batch);
      pushes++;
      if (faultsOn && pushes % killEvery === 0 && !restarting) restarting = killOne().finally(() => (restarting = undefined));
      if (faultsOn && pushes % Math.floor(killEvery / 2 + 1) === 0) await cutConnections().catch(() => {});
      if (!ok) await sleep(20 + random() * 80);
    }
  };
  await Promise.all(devices.map(work));
  if (restarting) await restarting;

  // Drain: the network heals; every device empties its outbox.
  faultsOn = false;
  proxy.enabled = false;
  await sleep(1200); // let late replays land first: they must change nothing
  for (let round = 0; devices.some((d) => d.pending > 0); round++) {
    noteCrashes();
    if (round > 200)
      throw new Error(`devices could not drain their outboxes${crashes.length ? `; server crashes:\n${crashes.join('\n')}` : ''}`);
    await Promise.all(devices.map((d) => d.push(base, 100)));
  }
  await sleep(200);
  noteCrashes();
  await Promise.all(servers.map((s) => s.stop()));
  await proxy.close();

  // Compare the server's records with what the devices made.
  const check = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.INLOOP_DATA_DIR });
  const { rows } = await check.query<{ id: string; payload: { durationSeconds: number; note: string | null } }>(
    'SELECT id, payload FROM visits',
  );
  const conflicts = canEdit ? Number((await check.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_conflicts')).rows[0]!.n) : 0;
  const rejectedStored = Number((await check.query<{ n: number }>('SELECT count(*)::int AS n FROM rejected_entries')).rows[0]!.n);
  await check.close();
  const made = new Map<string, { visit: { durationSeconds: number; note?: string | null }; edits: number }>();
  for (const d of devices) for (const [id, r] of d.made) made.set(id, r);
  const stored = new Map(rows.map((r) => [r.id, r.payload]));
  let lost = 0;
  let staleEdits = 0;
  for (const [id, record] of made) {
    const payload = stored.get(id);
    if (!payload) lost++;
    else if (payload.durationSeconds !== record.visit.durationSeconds || (payload.note ?? null) !== (record.visit.note ?? null))
      staleEdits++;
  }
  const duplicated = rows.length - new Set(rows.map((r) => r.id)).size + [...stored.keys()].filter((id) => !made.has(id)).length;
  await cleanup();

  return {
    backend: options.backend,
    servers: serverCount,
    devices: options.devices,
    made: made.size,
    edits: [...made.values()].reduce((n, r) => n + r.edits, 0),
    stored: stored.size,
    lost,
    duplicated,
    staleEdits,
    conflicts,
    invalid: devices.reduce((n, d) => n + d.invalid.size, 0),
    rejectedStored,
    rejectionsLost: devices.reduce((n, d) => n + d.rejectionsLost, 0),
    faults: { ...proxy.faults },
    pushes: devices.reduce((n, d) => n + d.pushes, 0),
    failedPushes: devices.reduce((n, d) => n + d.failures, 0),
    crashes: crashes.length,
    crashLogs: crashes.map((c) => c.slice(-1500)),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

export function formatReport(r: ChaosReport): string {
  const faults = Object.entries(r.faults)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `backend ${r.backend}, ${r.servers} server(s), ${r.devices} devices, ${r.seconds} s`,
    `records made ${r.made} (with ${r.edits} edits), stored ${r.stored}, lost ${r.lost}, duplicated ${r.duplicated}, stale edits ${r.staleEdits}, conflicts ${r.conflicts}`,
    `entries to refuse ${r.invalid}, kept as rejected ${r.rejectedStored}, rejections the tablets never heard ${r.rejectionsLost}`,
    `pushes ${r.pushes} (${r.failedPushes} failed and retried); server crashes ${r.crashes}; faults injected: ${faults}`,
    ...r.crashLogs.map((log) => `crashed server's last output:\n${log}`),
  ].join('\n');
}
