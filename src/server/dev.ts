import { createServer } from 'vite';
import { readConfig } from './config';
import { buildServer } from './app';
import { openDatabase } from './store/database';
import { migrate } from './store/migrate';
import { seedDemoIfEmpty } from './seed/demo';
import { createEnrolmentCode } from './store/devices';
import { DEMO_LOCATIONS } from './seed/demo-ids';

/** npm run dev: the API on PORT+1 and Vite with hot reload on PORT, proxying /api to it. */
const config = readConfig();
const apiPort = config.port + 1;
process.env.INLOOP_API_PORT = String(apiPort);
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(db);
await seedDemoIfEmpty(db);
const api = await buildServer({ db, logger: { level: config.logLevel } });
await api.listen({ port: apiPort, host: '127.0.0.1' });
const vite = await createServer({ server: { port: config.port, host: config.host } });
await vite.listen();
vite.printUrls();
const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk', ttlHours: 24 });
console.log(`API on http://localhost:${apiPort}/api (proxied). Enrol a demo desk: http://localhost:${config.port}/?enrol=${code}`);
