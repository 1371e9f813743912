import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, connect } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { certificateNames, createServerCertificate, fingerprint } from '../../src/server/tls/certificates';

const setup = (dataDir: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'tls:setup', ...args], {
    env: { ...process.env, INLOOP_DATA_DIR: dataDir },
  }).then(
    ({ stdout }) => ({ code: 0, out: stdout }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
  );

const files = (dataDir: string) => {
  const read = (name: string) => readFileSync(path.join(dataDir, 'tls', name), 'utf8');
  return { ca: read('ca.crt'), caKey: read('ca.key'), cert: read('server.crt'), key: read('server.key') };
};

/** Would a client that trusts only this CA (as a tablet with it installed) accept this certificate for this name? OpenSSL decides, name constraints included. */
async function clientAccepts(ca: string, cert: string, key: string, servername: string): Promise<{ ok: boolean; reason?: string }> {
  const server = createServer({ cert, key });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, ca, servername }, () => {
        socket.end();
        resolve({ ok: true });
      });
      socket.on('error', (err: Error & { code?: string }) => resolve({ ok: false, reason: `${err.code}: ${err.message}` }));
    });
  } finally {
    server.close();
  }
}

describe('npm run inloop -- tls:setup', () => {
  it('makes a CA only this user can read and a server certificate that a tablet trusting the CA accepts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-setup-'));
    const result = await setup(dataDir, '--host', 'Inloop.Bieb.Test', '--ip', '192.168.1.20');
    expect(result.code).toBe(0);
    const f = files(dataDir);
    expect(statSync(path.join(dataDir, 'tls', 'ca.key')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, 'tls', 'server.key')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, 'tls')).mode & 0o777).toBe(0o700);
    expect(result.out).toContain(fingerprint(f.ca));
    expect(certificateNames(f.cert)).toEqual({ hosts: ['inloop.bieb.test'], ips: ['192.168.1.20'] });
    expect(await clientAccepts(f.ca, f.cert, f.key, 'inloop.bieb.test')).toEqual({ ok: true });
    // The name must match, as always.
    expect((await clientAccepts(f.ca, f.cert, f.key, 'other.bieb.test')).ok).toBe(false);
  });

  it('makes a CA that cannot sign for any other name or address, even with its own key', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-setup-'));
    await setup(dataDir, '--host', 'inloop.bieb.test');
    const f = files(dataDir);
    const forged = await createServerCertificate({ certificate: f.ca, privateKey: f.caKey }, { hosts: ['www.bank.example'], ips: [] });
    expect(await clientAccepts(f.ca, forged.certificate, forged.privateKey, 'www.bank.example')).toEqual({
      ok: false,
      reason: expect.stringMatching(/subtree violation/i),
    });
    const byAddress = await createServerCertificate(
      { certificate: f.ca, privateKey: f.caKey },
      { hosts: ['inloop.bieb.test'], ips: ['10.0.0.1'] },
    );
    expect(await clientAccepts(f.ca, byAddress.certificate, byAddress.privateKey, 'inloop.bieb.test')).toEqual({
      ok: false,
      reason: expect.stringMatching(/subtree violation/i),
    });
  });

  it('renews the server certificate with the same CA, so tablets need nothing new', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-setup-'));
    await setup(dataDir, '--host', 'inloop.bieb.test');
    const before = files(dataDir);
    const again = await setup(dataDir, '--host', 'inloop.bieb.test');
    expect(again.code).toBe(0);
    const after = files(dataDir);
    expect(after.ca).toBe(before.ca);
    expect(fingerprint(after.cert)).not.toBe(fingerprint(before.cert));
    expect(again.out).toMatch(/Kept this installation's certificate authority/);
    expect(await clientAccepts(before.ca, after.cert, after.key, 'inloop.bieb.test')).toEqual({ ok: true });
  });

  it('refuses a name the CA may not sign unless a new CA is asked for, and bad names outright', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-setup-'));
    await setup(dataDir, '--host', 'inloop.bieb.test');
    const ca = files(dataDir).ca;
    const refused = await setup(dataDir, '--host', 'nieuw.bieb.test');
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/may sign only inloop\.bieb\.test, not nieuw\.bieb\.test.*--new-ca/s);
    expect(files(dataDir).ca).toBe(ca);
    const fresh = await setup(dataDir, '--host', 'nieuw.bieb.test', '--new-ca');
    expect(fresh.code).toBe(0);
    expect(files(dataDir).ca).not.toBe(ca);

    expect((await setup(dataDir)).out).toMatch(/--host is required/);
    expect((await setup(dataDir, '--host', 'http://bieb')).code).toBe(2);
    expect((await setup(dataDir, '--host', 'bieb.test', '--ip', '300.1.1.1')).out).toMatch(/not an IPv4 or IPv6 address/);
  });
});
