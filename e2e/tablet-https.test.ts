import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, tabletArgs } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';
import { TABLET_HOST, runTlsSetup } from './tls-setup';
import { visitTopicsOnServer, walkTheSpine } from './tablet-spine';

/**
 * A box in the library: `tls:setup` made a CA and a certificate for a name, the server
 * serves HTTPS with it, and a tablet that trusts the CA reaches it by that name, not localhost.
 */
describe('a tablet reaching a library box by name over HTTPS', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'inloop-box-'));
    const setup = await runTlsSetup(dataDir);
    server = await startServerProcess({ INLOOP_DATA_DIR: dataDir });
    browser = await launchChromium(tabletArgs(TABLET_HOST, [setup.caSpki]));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints the https address for tablets and no http one', () => {
    expect(server.url).toMatch(new RegExp(`^https://${TABLET_HOST.replace(/\./g, '\\.')}:\\d+$`));
    expect(server.output()).toContain(`tablets: open ${server.url}/`);
    expect(server.output()).not.toMatch(/http:\/\/(?!localhost)/);
  });

  it('enrols, signs in, works offline and delivers the visit once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const deviceId = await walkTheSpine(context, page, server, server.url);
    await context.close();
    expect(await visitTopicsOnServer(server, deviceId)).toEqual(['digid']);
  });
});
