import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { X509Certificate } from 'node:crypto';
import { LIBRARY_TIME_ZONE } from '../../shared/library-clock';
import { readConfig } from '../config';
import {
  createCertificateAuthority,
  createServerCertificate,
  fingerprint,
  isHostName,
  permittedNames,
  type Pem,
  type ServerNames,
} from '../tls/certificates';
import { SETUP_FILES, setupDirectory } from '../tls/tls-files';
import { UsageError } from './command';

export const TLS_SETUP_USAGE =
  'tls:setup --host <name> [--host …] [--ip <address> …] [--new-ca]   HTTPS for a box in the library: its own CA and a server certificate (again to renew)';

/**
 * tls:setup runs without the database (the server may be running on PGlite, which one
 * process owns): it only writes files into INLOOP_DATA_DIR/tls, which the server reads
 * at start and watches while it runs.
 */
export async function tlsSetupCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string', multiple: true },
      ip: { type: 'string', multiple: true },
      'new-ca': { type: 'boolean', default: false },
    },
  });
  const names: ServerNames = {
    hosts: [...new Set((values.host ?? []).map((h) => h.trim().toLowerCase().replace(/\.$/, '')))],
    ips: [...new Set((values.ip ?? []).map((ip) => ip.trim()))],
  };
  if (names.hosts.length === 0)
    throw new UsageError('--host is required: the name tablets use to reach this server, e.g. --host inloop.bieb.lan');
  for (const host of names.hosts)
    if (!isHostName(host))
      throw new UsageError(`--host "${host}" is not a host name (letters, digits, hyphens and dots; an address goes after --ip)`);
  for (const ip of names.ips) if (isIP(ip) === 0) throw new UsageError(`--ip "${ip}" is not an IPv4 or IPv6 address`);

  const config = readConfig();
  const dir = setupDirectory(config.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = (name: string) => path.join(dir, name);

  let ca: Pem;
  let madeCa = false;
  if (!values['new-ca'] && existsSync(file(SETUP_FILES.caCert)) && existsSync(file(SETUP_FILES.caKey))) {
    ca = { certificate: readFileSync(file(SETUP_FILES.caCert), 'utf8'), privateKey: readFileSync(file(SETUP_FILES.caKey), 'utf8') };
    const allowed = permittedNames(ca.certificate);
    const outside = allowed
      ? [
          ...names.hosts.filter((h) => !allowed.hosts.some((a) => h === a || h.endsWith(`.${a}`))),
          ...names.ips.filter((ip) => !allowed.ips.includes(ip)),
        ]
      : [];
    if (outside.length) {
      throw new UsageError(
        `this installation's CA may sign only ${[...allowed!.hosts, ...allowed!.ips].join(', ')}, not ${outside.join(', ')}. ` +
          'To change the names, run again with --new-ca: every tablet must then install the new CA certificate.',
      );
    }
  } else {
    ca = await createCertificateAuthority(names, names.hosts[0]!);
    madeCa = true;
    writeAtomically(file(SETUP_FILES.caKey), ca.privateKey, 0o600);
    writeAtomically(file(SETUP_FILES.caCert), ca.certificate, 0o644);
  }
  const server = await createServerCertificate(ca, names);
  // Certificate first, key second: a running server skips the mismatched moment in between and loads the pair.
  writeAtomically(file(SETUP_FILES.serverCert), server.certificate + ca.certificate, 0o644);
  writeAtomically(file(SETUP_FILES.serverKey), server.privateKey, 0o600);

  // The address tablets will use: INLOOP_PUBLIC_URL when set (docs/deploy.md sets it), else the name given on PORT.
  const origin = config.publicUrl ?? `https://${names.hosts[0]}${config.port === 443 ? '' : `:${config.port}`}`;
  const validTo = new Date(new X509Certificate(server.certificate).validTo).toLocaleDateString('nl-NL', {
    dateStyle: 'long',
    timeZone: LIBRARY_TIME_ZONE,
  });
  console.log(
    [
      madeCa
        ? `Made a new certificate authority for this installation in ${dir} (its key: ${SETUP_FILES.caKey}, readable only by this user).`
        : `Kept this installation's certificate authority (${dir}).`,
      `Server certificate for ${[...names.hosts, ...names.ips].join(', ')}, valid until ${validTo}. Run tls:setup again before then to renew it.`,
      '',
      `CA fingerprint (SHA-256), to compare on each tablet:`,
      `  ${fingerprint(ca.certificate)}`,
      '',
      madeCa
        ? `HTTPS is on from the next start of the server. Then install the CA on every tablet: open ${origin}/certificaat (or http://${names.hosts[0]}/certificaat with INLOOP_HTTP_PORT=80).`
        : 'A running server picks up the renewed certificate within seconds; tablets need nothing new.',
      `Tablets then open ${origin}/`,
    ].join('\n'),
  );
}

/** Written beside and renamed into place, so a reader never sees half a file; the mode is set before the content lands. */
function writeAtomically(target: string, content: string, mode: number): void {
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode });
  chmodSync(temp, mode);
  renameSync(temp, target);
}
