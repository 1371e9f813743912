import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

/**
 * The partner page's scripts for "Scan de code" (assets/partner-scan.js), read once at
 * start. The QR reader for browsers without BarcodeDetector is jsQR (npm "jsqr",
 * Apache-2.0, pure JavaScript: no WebAssembly, so the page's CSP stays script 'self' only),
 * served from node_modules as it is published, gzipped once here (250 KB, 57 KB gzipped).
 */
const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

export interface ScanAsset {
  body: string;
  gzipped: Buffer;
}

function scanAsset(body: string): ScanAsset {
  return { body, gzipped: gzipSync(body) };
}

const JSQR = readFileSync(createRequire(import.meta.url).resolve('jsqr'), 'utf8');

export const PARTNER_SCAN_ASSETS: Record<'partner-scan.js' | 'partner-scan-worker.js' | 'jsqr.js', ScanAsset> = {
  'partner-scan.js': scanAsset(asset('partner-scan.js')),
  'partner-scan-worker.js': scanAsset(asset('partner-scan-worker.js')),
  'jsqr.js': scanAsset(JSQR),
};

/** Changes with any of them, so the page's ?v= lets browsers cache them for a year. */
export const PARTNER_SCAN_VERSION = createHash('sha256')
  .update(
    Object.values(PARTNER_SCAN_ASSETS)
      .map((a) => a.body)
      .join('\0'),
  )
  .digest('hex')
  .slice(0, 10);
