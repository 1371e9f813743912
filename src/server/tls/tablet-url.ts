import type { Config } from '../config';
import { certificateNames } from './certificates';
import { readTlsFiles, tlsFilesFromEnv, type TlsPem } from './tls-files';

/**
 * The address tablets must open: INLOOP_PUBLIC_URL (a proxy in front, or a fixed
 * name), else the first name in the server's own certificate. Never an http://
 * address for another machine: there a browser gives the app no service worker and
 * no WebCrypto. Undefined when the server has no HTTPS of its own or from a proxy.
 */
export function tabletUrl(config: Pick<Config, 'publicUrl'>, tls: TlsPem | undefined, port: number): string | undefined {
  if (config.publicUrl) return isTabletSafe(config.publicUrl) ? config.publicUrl : undefined;
  if (!tls) return undefined;
  const names = certificateNames(tls.cert);
  const host = names.hosts.find((h) => !h.startsWith('*.')) ?? (names.ips[0]?.includes(':') ? `[${names.ips[0]}]` : names.ips[0]);
  return host ? `https://${host}${port === 443 ? '' : `:${port}`}` : undefined;
}

/** https anywhere, or http on this machine only (a secure context there, as browsers define it). */
export function isTabletSafe(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

/**
 * For links the CLI prints (enrolment, set password): the tablet address when there is
 * one, else this machine's own, with a warning that it is no good for tablets.
 */
export function linkBase(
  config: Pick<Config, 'publicUrl' | 'port' | 'dataDir'>,
  env: NodeJS.ProcessEnv = process.env,
): { base: string; forTablets: boolean } {
  const files = tlsFilesFromEnv(env, config.dataDir);
  let tls: TlsPem | undefined;
  try {
    tls = files ? readTlsFiles(files) : undefined;
  } catch {
    tls = undefined; // the server will refuse to start and say why; a link is still worth printing
  }
  const tablets = tabletUrl(config, tls, config.port);
  return tablets
    ? { base: tablets, forTablets: true }
    : { base: `${files ? 'https' : 'http'}://localhost:${config.port}`, forTablets: false };
}

export const NO_TABLET_ADDRESS =
  'This link works only in a browser on the server itself: tablets need HTTPS (npm run inloop -- tls:setup, or a proxy with INLOOP_PUBLIC_URL; see docs/deploy.md).';
