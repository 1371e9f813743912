import { parseArgs } from 'node:util';
import { formatReport, runChaos } from './harness';

/** npm run chaos -- [--records 200000] [--devices 50] [--backend pglite|postgres|both] [--servers 2] [--seed 7] */
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '5000' },
    devices: { type: 'string', default: '20' },
    backend: { type: 'string', default: 'both' },
    servers: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
  },
});
const backends = values.backend === 'both' ? (['pglite', 'postgres'] as const) : ([values.backend] as Array<'pglite' | 'postgres'>);
let failed = false;
for (const backend of backends) {
  if (backend === 'postgres' && !process.env.INLOOP_TEST_DATABASE_URL) {
    console.error('postgres: set INLOOP_TEST_DATABASE_URL to a role that may create databases (see README)');
    failed = true;
    continue;
  }
  const report = await runChaos({
    records: Number(values.records),
    devices: Number(values.devices),
    backend,
    servers: backend === 'postgres' ? Number(values.servers) : 1,
    adminUrl: process.env.INLOOP_TEST_DATABASE_URL,
    seed: Number(values.seed),
    log: console.log,
  });
  console.log(formatReport(report) + '\n');
  if (
    report.lost ||
    report.duplicated ||
    report.staleEdits ||
    report.conflicts ||
    report.crashes ||
    report.rejectionsLost ||
    report.rejectedStored !== report.invalid
  )
    failed = true;
}
process.exit(failed ? 1 : 0);
