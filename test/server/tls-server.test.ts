import { execFile } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../e2e/server-process';
import { freePort } from '../helpers/free-port';
import { createCertificateAuthority, createServerCertificate, fingerprint, type Pem } from '../../src/server/tls/certificates';

const NAMES = { hosts: ['inloop.bieb.test'], ips: ['127.0.0.1'] };

interface Seen {
  status: number;
  certificate: string;
  reused: boolean;
  location?: string;
  body: string;
}

function fetchOver(agent: https.Agent | false, port: number, ca: string, path = '/api/health'): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path, ca, servername: 'inloop.bieb.test', agent }, (res) => {
      const socket = res.socket as TLSSocket;
      const certificate = socket.getPeerCertificate().fingerprint256;
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, certificate, reused: req.reusedSocket, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function plainHttp(port: number, path: string, method = 'GET', host = `inloop.bieb.test:${port}`): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, certificate: '', reused: false, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

/** Replaces a file the way renewal tools do: write beside it, then rename over it. */
function replace(file: string, content: string): void {
  writeFileSync(`${file}.new`, content);
  renameSync(`${file}.new`, file);
}

describe('the server serving HTTPS from INLOOP_TLS_CERT and INLOOP_TLS_KEY', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inloop-tls-'));
  const certPath = path.join(dir, 'fullchain.pem');
  const keyPath = path.join(dir, 'privkey.pem');
  let ca: Pem;
  let first: Pem;
  let server: ServerProcess;
  let httpPort: number;
  let httpsPort: number;

  beforeAll(async () => {
    ca = await createCertificateAuthority(NAMES, 'test');
    first = await createServerCertificate(ca, NAMES);
    writeFileSync(certPath, first.certificate);
    writeFileSync(keyPath, first.privateKey);
    httpPort = await freePort();
    server = await startServerProcess(
      {
        INLOOP_TLS_CERT: certPath,
        INLOOP_TLS_KEY: keyPath,
        INLOOP_HTTP_PORT: String(httpPort),
        INLOOP_TLS_POLL_MS: '100',
        INLOOP_SERVE_APP: '0',
      },
      { waitForEnrolLink: false },
    );
    httpsPort = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('uses replaced certificate files for new connections, without a restart and without dropping an open one', async () => {
    const kept = new https.Agent({ keepAlive: true, maxSockets: 1 });
    const before = await fetchOver(kept, httpsPort, ca.certificate);
    expect(before).toMatchObject({ status: 200, certificate: fingerprint(first.certificate) });

    const renewed = await createServerCertificate(ca, NAMES);
    replace(certPath, renewed.certificate);
    replace(keyPath, renewed.privateKey);
    await expect
      .poll(async () => (await fetchOver(false, httpsPort, ca.certificate)).certificate, { timeout: 15_000, interval: 100 })
      .toBe(fingerprint(renewed.certificate));

    // The connection opened before the renewal is still open and answers, with the certificate it began with.
    const onOpenConnection = await fetchOver(kept, httpsPort, ca.certificate);
    expect(onOpenConnection).toMatchObject({ status: 200, reused: true, certificate: fingerprint(first.certificate) });
    kept.destroy();
    expect(server.crashed()).toBe(false);
  });

  it('keeps the current certificate while the files do not fit together (renewal half-way)', async () => {
    const current = (await fetchOver(false, httpsPort, ca.certificate)).certificate;
    const next = await createServerCertificate(ca, NAMES);
    replace(certPath, next.certificate); // the key is still the old one: the pair does not fit
    await expect.poll(() => server.output(), { timeout: 15_000 }).toMatch(/cannot be used yet, keeping the current certificate/);
    expect((await fetchOver(false, httpsPort, ca.certificate)).certificate).toBe(current);
    replace(keyPath, next.privateKey);
    await expect
      .poll(async () => (await fetchOver(false, httpsPort, ca.certificate)).certificate, { timeout: 15_000, interval: 100 })
      .toBe(fingerprint(next.certificate));
  });

  it('answers on the plain-HTTP port only with redirects to the same address over HTTPS', async () => {
    const page = await plainHttp(httpPort, '/visits?from=2026-01-01');
    expect(page.status).toBe(308);
    expect(page.location).toBe(`https://inloop.bieb.test:${httpsPort}/visits?from=2026-01-01`);
    const api = await plainHttp(httpPort, '/api/health');
    expect(api.status).toBe(308);
    const push = await plainHttp(httpPort, '/api/sync/push', 'POST');
    expect(push.status).toBe(308); // method-preserving, never processed over plain HTTP
    expect(push.location).toBe(`https://inloop.bieb.test:${httpsPort}/api/sync/push`);
  });

  it('has no certificate of its own to offer with a public one', async () => {
    expect((await plainHttp(httpPort, '/ca.crt')).status).toBe(404);
    expect((await plainHttp(httpPort, '/certificaat')).body).toContain('Er hoeft op de tablets niets te worden geïnstalleerd');
  });
});

describe('start-up refusals that say what to do', () => {
  const start = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        INLOOP_SERVE_APP: '0',
        INLOOP_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'inloop-refuse-')),
        ...env,
      },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );

  it('refuses a redirect port without HTTPS', async () => {
    const result = await start({ INLOOP_HTTP_PORT: '8089' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/INLOOP_HTTP_PORT redirects to HTTPS, but HTTPS is off.*tls:setup/);
  });

  it('refuses half a certificate configuration and a key that does not fit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'inloop-badtls-'));
    expect((await start({ INLOOP_TLS_CERT: path.join(dir, 'cert.pem') })).stderr).toMatch(/INLOOP_TLS_CERT and INLOOP_TLS_KEY go together/);
    const ca = await createCertificateAuthority(NAMES, 'test');
    const a = await createServerCertificate(ca, NAMES);
    const b = await createServerCertificate(ca, NAMES);
    writeFileSync(path.join(dir, 'cert.pem'), a.certificate);
    writeFileSync(path.join(dir, 'key.pem'), b.privateKey);
    const result = await start({ INLOOP_TLS_CERT: path.join(dir, 'cert.pem'), INLOOP_TLS_KEY: path.join(dir, 'key.pem') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/key\.pem does not fit .*cert\.pem/);
  });
});
