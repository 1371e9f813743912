import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

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
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => offlineStaysOffline(await newContext(...args));
  browser.newPage = async (...args) => (await browser.newContext(...args)).newPage();
  return browser;
}

const OFFLINE = { latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

/**
 * Debian's Chromium 150 keeps an offline context's requests blocked across a reload, but the
 * new document reads `navigator.onLine` as true and gets no `offline` event: a tablet started
 * offline would look online to the app. A real tablet without Wi-Fi reports offline, so each
 * page's emulation is set again whenever its main frame navigates while the context is
 * offline (Playwright sets it only once per page).
 */
function offlineStaysOffline(context: BrowserContext): BrowserContext {
  let offline = false;
  const sessions = new WeakMap<Page, Promise<CDPSession>>();
  const tell = async (page: Page) => {
    if (!sessions.has(page)) sessions.set(page, context.newCDPSession(page));
    await (await sessions.get(page)!).send('Network.emulateNetworkConditions', { offline, ...OFFLINE });
  };
  const watch = (page: Page) =>
    page.on('framenavigated', (frame) => {
      if (offline && frame === page.mainFrame()) void tell(page).catch(() => undefined);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  const setOffline = context.setOffline.bind(context);
  context.setOffline = async (value: boolean) => {
    offline = value;
    await setOffline(value);
    // Back online: the pages told offline here are told online too (the later word counts, but say it).
    if (!value) await Promise.all(context.pages().map((page) => (sessions.has(page) ? tell(page).catch(() => undefined) : undefined)));
  };
  return context;
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
