// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { GeneralName, GeneralSubtree, GeneralSubtrees, NameConstraints, id_ce_nameConstraints } from '@peculiar/asn1-x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import { X509Certificate, createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The certificates of a library box without a domain name: a small certificate
 * authority made for this one installation, and a server certificate it signs for the
 * names and addresses the tablets use. Tablets trust the CA once (installed by hand or
 * by device management); the server certificate can then be renewed without touching them.
 *
 * The CA is name-constrained: it can sign only the names and addresses given at setup,
 * so its key, if stolen, cannot be used to impersonate any other site to the tablets.
 */

// Node's WebCrypto is the same API as the browser's one the library types against.
x509.cryptoProvider.set(webcrypto as never);

// P-256 ECDSA: accepted by Android, iPadOS, ChromeOS and Windows, and small and fast to make.
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
/** Ten years: the CA is installed on tablets by hand, so it should outlive the tablets. */
export const CA_VALIDITY_DAYS = 3650;
/** Under Apple's 398-day ceiling for server certificates; `tls:setup` again renews it. */
export const SERVER_VALIDITY_DAYS = 397;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

export interface Pem {
  certificate: string;
  privateKey: string;
}

export interface ServerNames {
  /** DNS names, lower case, e.g. inloop.bieb.lan or bibliotheek-box.local. */
  hosts: string[];
  /** IPv4 or IPv6 addresses. */
  ips: string[];
}

/** A DNS name a certificate may carry: letters, digits and hyphens in dot-separated labels. */
export function isHostName(name: string): boolean {
  return name.length <= 253 && /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/i.test(name) && isIP(name) === 0;
}

export async function createCertificateAuthority(names: ServerNames, label: string, now = new Date()): Promise<Pem> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${escapeDn(`Inloop ${label}`)} CA, O=Inloop`,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter: new Date(now.getTime() + CA_VALIDITY_DAYS * DAY),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      nameConstraints(names),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate: certificate.toString('pem') + '\n', privateKey: await privateKeyPem(keys.privateKey) };
}

export async function createServerCertificate(ca: Pem, names: ServerNames, now = new Date()): Promise<Pem> {
  const issuer = new x509.X509Certificate(ca.certificate);
  const caKey = await webcrypto.subtle.importKey('pkcs8', pemBody(ca.privateKey), ALGORITHM, false, ['sign']);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const first = names.hosts[0] ?? names.ips[0];
  if (!first) throw new Error('a server certificate needs at least one name or address');
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${escapeDn(first)}`,
    issuer: issuer.subject,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter: new Date(Math.min(now.getTime() + SERVER_VALIDITY_DAYS * DAY, issuer.notAfter.getTime())),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([SERVER_AUTH]),
      new x509.SubjectAlternativeNameExtension([
        ...names.hosts.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
    ],
  });
  return { certificate: certificate.toString('pem') + '\n', privateKey: await privateKeyPem(keys.privateKey) };
}

/**
 * Permitted: exactly the names (and their subdomains, as RFC 5280 defines a DNS
 * subtree) and addresses. Without any address given, every address is excluded,
 * since an absent iPAddress constraint would leave all addresses open.
 */
function nameConstraints(names: ServerNames): x509.Extension {
  const subtree = (base: GeneralName) => new GeneralSubtree({ base });
  const permitted = [
    ...names.hosts.map((dNSName) => subtree(new GeneralName({ dNSName }))),
    ...names.ips.map((ip) => subtree(new GeneralName({ iPAddress: `${ip}/${isIP(ip) === 6 ? 128 : 32}` }))),
  ];
  const excluded =
    names.ips.length === 0 ? [subtree(new GeneralName({ iPAddress: '0.0.0.0/0' })), subtree(new GeneralName({ iPAddress: '::/0' }))] : [];
  const value = new NameConstraints({
    permittedSubtrees: permitted.length ? new GeneralSubtrees(permitted) : undefined,
    excludedSubtrees: excluded.length ? new GeneralSubtrees(excluded) : undefined,
  });
  // RFC 5280 4.2.1.10: conforming CAs mark this extension critical.
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(value));
}

/** The names and addresses a CA certificate may sign, read back from its name constraints. */
export function permittedNames(caPem: string): ServerNames | undefined {
  const cert = new x509.X509Certificate(caPem);
  const ext = cert.getExtension(id_ce_nameConstraints);
  if (!ext) return undefined;
  const value = AsnConvert.parse(ext.value, NameConstraints);
  const names: ServerNames = { hosts: [], ips: [] };
  for (const s of value.permittedSubtrees ?? []) {
    if (s.base.dNSName) names.hosts.push(s.base.dNSName.toLowerCase());
    if (s.base.iPAddress) names.ips.push(s.base.iPAddress.replace(/\/(32|128)$/, ''));
  }
  return names;
}

/** The SHA-256 fingerprint as people compare it: colon-separated hex pairs. */
export function fingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/** Base64 SHA-256 of the public key (SPKI): what Chromium's --ignore-certificate-errors-spki-list takes, and HPKP-style pins. */
export async function spkiHash(pem: string): Promise<string> {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', spki)).toString('base64');
}

/** The DNS names and IP addresses in a server certificate's subjectAltName. */
export function certificateNames(pem: string): ServerNames {
  const names: ServerNames = { hosts: [], ips: [] };
  for (const part of (new X509Certificate(pem).subjectAltName ?? '').split(', ')) {
    if (part.startsWith('DNS:')) names.hosts.push(part.slice(4));
    else if (part.startsWith('IP Address:')) names.ips.push(part.slice(11));
  }
  return names;
}

/** Throws when the key does not belong to the certificate (a renewal caught half-way). */
export function checkKeyMatches(certificatePem: string, keyPem: string): void {
  if (!new X509Certificate(certificatePem).checkPrivateKey(createPrivateKey(keyPem)))
    throw new Error('the private key does not belong to the certificate');
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END PRIVATE KEY-----\n`;
}

function pemBody(pem: string): ArrayBuffer {
  const b = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Positive, 16 random bytes: unique per certificate, as the Baseline Requirements ask. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function escapeDn(value: string): string {
  return value.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`);
}
