import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The system's Chromium (Debian's package); tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Extra flags, e.g. a real host name on loopback and a trusted key, as a tablet with the library's CA has it. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (Debian/Ubuntu: "sudo apt-get install chromium") ` +
        'or point CHROMIUM_PATH at a Chromium or Chrome binary. .ci/run installs it for you.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

/**
 * A tablet on the library network: `name` (or each of several) resolves to loopback (the server runs here),
 * and the installation's CA is trusted by its public-key hash, as a tablet that has the
 * CA certificate installed trusts it. The rest of Chromium's checks stay on.
 */
export function tabletArgs(name: string | string[], trustedSpkiHashes: string[] = []): string[] {
  return [
    `--host-resolver-rules=${[name]
      .flat()
      .map((n) => `MAP ${n} 127.0.0.1`)
      .join(', ')}`,
    ...(trustedSpkiHashes.length ? [`--ignore-certificate-errors-spki-list=${trustedSpkiHashes.join(',')}`] : []),
  ];
}
