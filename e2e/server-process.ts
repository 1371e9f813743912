import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ServerProcess {
  url: string;
  enrolLink: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** True when the process ended without stop() or kill() being called: a crash. */
  crashed: () => boolean;
  /** SIGTERM: the server finishes the requests in flight and exits. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies on the spot, mid-request. */
  kill(): Promise<void>;
}

/**
 * Starts the server exactly as `npm start` does after building (src/server/main.ts),
 * on a free port with its own PGlite directory unless DATABASE_URL or
 * INLOOP_DATA_DIR is given. Tests, the chaos harness and the benchmarks share it.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  options: { waitForEnrolLink?: boolean } = {},
): Promise<ServerProcess> {
  const waitForEnrolLink = options.waitForEnrolLink ?? true;
  const dataDir = env.INLOOP_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'inloop-e2e-'));
  // With npm start's (and the systemd unit's) node flags: see deploy/systemd/inloop@.service.
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', INLOOP_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let expectingExit = false;
  let exited = false;
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  child.once('exit', () => (exited = true));
  const { url, enrolLink } = await new Promise<{ url: string; enrolLink: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), 120_000);
    const check = () => {
      const url = /is running at (https?:\/\/\S+?)\/?\n/.exec(out)?.[1];
      const enrolLink = /(https?:\/\/\S+\/\?enrol=[A-Z0-9-]+)/.exec(out)?.[1];
      if (url && (enrolLink || !waitForEnrolLink)) {
        clearTimeout(timer);
        resolve({ url: url.replace('//localhost:', '//127.0.0.1:'), enrolLink: (enrolLink ?? '').replace('//localhost:', '//127.0.0.1:') });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const ending = (signal: NodeJS.Signals) => () =>
    new Promise<void>((resolve) => {
      expectingExit = true;
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return {
    url,
    enrolLink,
    dataDir,
    child,
    output: () => out,
    crashed: () => exited && !expectingExit,
    stop: ending('SIGTERM'),
    kill: ending('SIGKILL'),
  };
}
