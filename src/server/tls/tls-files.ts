import { existsSync, readFileSync, unwatchFile, watchFile } from 'node:fs';
import path from 'node:path';
import { X509Certificate, createHash } from 'node:crypto';
import { checkKeyMatches } from './certificates';

/**
 * Where the server's certificate comes from, in this order:
 * 1. INLOOP_TLS_CERT and INLOOP_TLS_KEY (PEM paths; a hosted server, e.g. certbot's files);
 * 2. the files `tls:setup` wrote into the data directory (a box in the library);
 * 3. none: plain HTTP, which only a browser on the server itself (localhost) can use fully.
 */
export interface TlsFiles {
  certPath: string;
  keyPath: string;
  /** The installation's own CA (tls:setup), offered to tablets on /certificaat. */
  caPath?: string;
  source: 'environment' | 'tls:setup';
}

export interface TlsPem {
  cert: string;
  key: string;
}

/** The folder in the data directory where tls:setup keeps the CA and the server certificate. */
export function setupDirectory(dataDir: string): string {
  return path.join(dataDir, 'tls');
}

export const SETUP_FILES = { caCert: 'ca.crt', caKey: 'ca.key', serverCert: 'server.crt', serverKey: 'server.key' } as const;

export function tlsFilesFromEnv(env: NodeJS.ProcessEnv, dataDir: string): TlsFiles | undefined {
  const cert = env.INLOOP_TLS_CERT?.trim();
  const key = env.INLOOP_TLS_KEY?.trim();
  if (cert || key) {
    if (!cert || !key)
      throw new Error(
        'INLOOP_TLS_CERT and INLOOP_TLS_KEY go together: give both PEM files (certificate chain and private key), or neither',
      );
    return { certPath: path.resolve(cert), keyPath: path.resolve(key), source: 'environment' };
  }
  const dir = setupDirectory(dataDir);
  const certPath = path.join(dir, SETUP_FILES.serverCert);
  const keyPath = path.join(dir, SETUP_FILES.serverKey);
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined;
  const caPath = path.join(dir, SETUP_FILES.caCert);
  return { certPath, keyPath, caPath: existsSync(caPath) ? caPath : undefined, source: 'tls:setup' };
}

/** Reads and checks the pair; throws a sentence a person can act on. */
export function readTlsFiles(files: TlsFiles): TlsPem {
  const cert = readPem(files.certPath, 'certificate');
  const key = readPem(files.keyPath, 'private key');
  try {
    new X509Certificate(cert);
  } catch {
    throw new Error(`${files.certPath} is not a PEM certificate`);
  }
  try {
    checkKeyMatches(cert, key);
  } catch (err) {
    throw new Error(`${files.keyPath} does not fit ${files.certPath}: ${err instanceof Error ? err.message : err}`, { cause: err });
  }
  return { cert, key };
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read the TLS ${what} ${file} (${code === 'EACCES' ? 'permission denied: the server user must be able to read it' : (code ?? err)})`,
      { cause: err },
    );
  }
}

/**
 * Certificates are renewed every 60–90 days, usually by replacing or re-linking the
 * files. Polling the files (stat, which follows symlinks as certbot's live/ folder
 * uses them) notices every way of replacing them. A pair that does not load (a
 * renewal caught between writing the certificate and the key) is skipped: the old
 * one stays in use until both files agree.
 */
export function watchTlsFiles(
  files: TlsFiles,
  inUse: TlsPem,
  apply: (pem: TlsPem) => void,
  log: { info: (msg: string) => void; warn: (msg: string) => void },
  options: { intervalMs?: number } = {},
): { reload: () => boolean; stop: () => void } {
  let current = fingerprintOf(inUse);
  const reload = (): boolean => {
    let pem: TlsPem;
    try {
      pem = readTlsFiles(files);
    } catch (err) {
      log.warn(`TLS files changed but cannot be used yet, keeping the current certificate: ${err instanceof Error ? err.message : err}`);
      return false;
    }
    const next = fingerprintOf(pem);
    if (next === current) return false;
    apply(pem);
    current = next;
    log.info(`TLS certificate reloaded from ${files.certPath} (valid until ${new X509Certificate(pem.cert).validTo})`);
    return true;
  };
  const interval = options.intervalMs ?? 5_000;
  const onChange = () => void reload();
  watchFile(files.certPath, { interval, persistent: false }, onChange);
  watchFile(files.keyPath, { interval, persistent: false }, onChange);
  return {
    reload,
    stop() {
      unwatchFile(files.certPath, onChange);
      unwatchFile(files.keyPath, onChange);
    },
  };
}

function fingerprintOf(pem: TlsPem): string {
  return createHash('sha256').update(pem.cert).update('\0').update(pem.key).digest('hex');
}
