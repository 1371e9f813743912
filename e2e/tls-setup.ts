import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { spkiHash } from '../src/server/tls/certificates';

export const TABLET_HOST = 'inloop.bieb.test';

export interface SetupResult {
  caPem: string;
  /** What a tablet that installed the CA trusts, as Chromium's --ignore-certificate-errors-spki-list takes it. */
  caSpki: string;
  certPath: string;
  keyPath: string;
  output: string;
}

/** Runs `npm run inloop -- tls:setup` as a coordinator would, into the given data directory. */
export async function runTlsSetup(dataDir: string, args: string[] = ['--host', TABLET_HOST]): Promise<SetupResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'tls:setup', ...args], {
    env: { ...process.env, INLOOP_DATA_DIR: dataDir },
  });
  const dir = path.join(dataDir, 'tls');
  const caPem = readFileSync(path.join(dir, 'ca.crt'), 'utf8');
  return {
    caPem,
    caSpki: await spkiHash(caPem),
    certPath: path.join(dir, 'server.crt'),
    keyPath: path.join(dir, 'server.key'),
    output: stdout,
  };
}

export const CONSOLE_ADMIN = { email: 'beheer@bieb.test', password: 'lang-genoeg-wachtwoord-42' };

/** A console administrator, made with the CLI before the server starts (PGlite has one owner at a time). */
export async function createConsoleAdmin(dataDir: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/server/cli.ts', 'user:create', '--email', CONSOLE_ADMIN.email, '--role', 'admin'],
    {
      env: { ...process.env, INLOOP_DATA_DIR: dataDir, INLOOP_PASSWORD: CONSOLE_ADMIN.password },
    },
  );
}
