import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../e2e/server-process';
import { openDatabase } from '../../src/server/store/database';
import { MAX_PUSH_ENTRIES } from '../../src/shared/sync';
import { enrolDesksBeforeStart, sendPush, visitEntries, type RawAnswer } from '../helpers/server-process-desks';

const BATCH = MAX_PUSH_ENTRIES; // the largest batch the server takes in one push

const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-shutdown-'));
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const linesMatching = (text: string, ...patterns: RegExp[]) => text.split('\n').filter((line) => patterns.every((p) => p.test(line)));

/** Waits until the server process has printed `times` lines matching all of `patterns`. */
async function untilLogged(proc: ServerProcess, times: number, ...patterns: RegExp[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (linesMatching(proc.output(), ...patterns).length < times) {
    if (Date.now() > deadline) throw new Error(`server never printed ${patterns.join(' and ')}:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** A refused push as the test sees it: the server's status, or the socket error's code. */
const outcome = (answer: Promise<RawAnswer>) =>
  answer.then(
    (a) => a.status,
    (err: NodeJS.ErrnoException) => err.code ?? String(err),
  );

describe('stopping the server (SIGTERM) while tablets push large batches', () => {
  it(
    'answers the batches in flight, refuses new requests, exits with 0 and keeps every visit exactly once',
    { timeout: 90_000 },
    async () => {
      const [early, straggler] = await enrolDesksBeforeStart(dataDir, 2);
      // Info logging: the log lines show the order of request, shutdown and commit.
      server = await startServerProcess(
        {
          INLOOP_DATA_DIR: dataDir,
          INLOOP_SERVE_APP: '0',
          LOG_LEVEL: 'info',
          INLOOP_RATE_LIMIT_IP: '1000000',
          INLOOP_RATE_LIMIT_DEVICE: '1000000',
        },
        { waitForEnrolLink: false },
      );
      const proc = server;
      const exited = new Promise<number | null>((resolve) => proc.child.once('exit', (code) => resolve(code)));
      const batches = [visitEntries(early!, 1, BATCH), visitEntries(straggler!, 1, BATCH)];

      // The straggler's push is on the server, its body not yet complete, when the signal comes.
      const slow = sendPush(proc.url, straggler!.token, batches[1]!.entries, { holdBack: 200 });
      await slow.written;
      await untilLogged(proc, 1, /incoming request/, /\/api\/sync\/push/);
      // The early desk's push is sent whole, and the signal follows once the server has taken it up
      // (a fixed pause was not enough on a busy machine: the push then arrived after the signal, and got 503).
      const whole = sendPush(proc.url, early!.token, batches[0]!.entries);
      await whole.written;
      await untilLogged(proc, 2, /incoming request/, /\/api\/sync\/push/);
      const stoppedAt = Date.now();
      proc.child.kill('SIGTERM');
      await untilLogged(proc, 1, /shutting down/);

      // A push made after the shutdown began is refused at the door, or answered 503.
      const late = visitEntries(early!, BATCH + 1, 1);
      const lateOutcome = await outcome(sendPush(proc.url, early!.token, late.entries).answer);
      expect(['ECONNREFUSED', 'ECONNRESET', 503]).toContain(lateOutcome);

      await slow.finish();
      const answers = await Promise.all([whole.answer, slow.answer]);
      const code = await exited;
      const stoppedInMs = Date.now() - stoppedAt;
      const log = proc.output();

      for (const answer of answers) expect(answer).toEqual({ status: 200, body: { ack: BATCH, applied: BATCH, rejected: [] } });
      // The straggler's batch was committed after the shutdown had begun: the server finished it, not dropped it.
      expect(log.indexOf('shutting down')).toBeLessThan(log.indexOf(`"deviceId":"${straggler!.deviceId}"`));
      expect(linesMatching(log, /push applied/)).toHaveLength(2);
      expect(code).toBe(0);
      expect(stoppedInMs).toBeLessThan(10_000);

      // Reopened: every visit of both batches once, nothing of the late push, and each device's counter at its batch's end.
      const db = await openDatabase({ dataDir });
      try {
        const deviceIds = [early!.deviceId, straggler!.deviceId];
        const { rows } = await db.query<{ id: string }>('SELECT id FROM visits WHERE device_id = ANY($1::uuid[]) ORDER BY id', [deviceIds]);
        expect(rows).toHaveLength(2 * BATCH);
        expect(rows.map((r) => r.id)).toEqual(batches.flatMap((b) => b.visits.map((v) => v.id)).sort());
        expect(rows.map((r) => r.id)).not.toContain(late.visits[0]!.id);
        const { rows: devices } = await db.query<{ last_seq: string | number }>('SELECT last_seq FROM devices WHERE id = ANY($1::uuid[])', [
          deviceIds,
        ]);
        expect(devices.map((d) => Number(d.last_seq))).toEqual([BATCH, BATCH]);
      } finally {
        await db.close();
      }
    },
  );
});
