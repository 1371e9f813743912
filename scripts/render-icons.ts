/**
 * Renders the app icons (PNG, for the web manifest) from the SVG sources in
 * public/icons with the system's Chromium. Run after changing an SVG:
 *   npx tsx scripts/render-icons.ts
 */
import { readFileSync } from 'node:fs';
import { launchChromium } from '../e2e/chromium';

const targets = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'maskable.svg', png: 'maskable-512.png', size: 512 },
];

const browser = await launchChromium();
for (const t of targets) {
  const page = await browser.newPage({ viewport: { width: t.size, height: t.size } });
  const svg = readFileSync(`public/icons/${t.svg}`, 'utf8');
  await page.setContent(`<html><body style="margin:0">${svg.replace('<svg ', `<svg width="${t.size}" height="${t.size}" `)}</body></html>`);
  await page.screenshot({ path: `public/icons/${t.png}`, omitBackground: true });
  await page.close();
}
await browser.close();
console.log('icons rendered');
