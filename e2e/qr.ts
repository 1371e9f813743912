import jsQR from 'jsqr';
import qrcode from 'qrcode-generator';
import type { Locator } from 'playwright-core';

/**
 * QR codes as the app draws them (src/app/shell/QrCode.tsx: one SVG path of 1×1 squares,
 * `M<x> <y>h1v1h-1z`, inside a quiet zone of 4), read back the way a phone would: the
 * squares painted into pixels and decoded with jsQR, not compared with a guess.
 */
export interface QrDrawing {
  /** Modules across, quiet zone included. */
  size: number;
  dark: Set<string>;
}

/** The squares of the QR code drawn in this `svg` element (or an element holding one). */
export async function qrDrawing(svg: Locator): Promise<QrDrawing> {
  const { viewBox, d } = await svg.evaluate((el) => {
    const node = el instanceof SVGSVGElement ? el : el.querySelector('svg')!;
    return { viewBox: node.getAttribute('viewBox') ?? '', d: node.querySelector('path')?.getAttribute('d') ?? '' };
  });
  const size = Number(viewBox.split(/\s+/)[2]);
  const dark = new Set<string>();
  for (const m of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) dark.add(`${m[1]},${m[2]}`);
  if (!size || dark.size === 0) throw new Error(`not a QR code drawing: viewBox "${viewBox}", path "${d.slice(0, 40)}…"`);
  return { size, dark };
}

/** A QR code of any text, drawn as the app draws one (for a camera to film something else than a card). */
export function qrDrawingOf(text: string): QrDrawing {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const dark = new Set<string>();
  for (let r = 0; r < qr.getModuleCount(); r++)
    for (let c = 0; c < qr.getModuleCount(); c++) if (qr.isDark(r, c)) dark.add(`${c + 4},${r + 4}`);
  return { size: qr.getModuleCount() + 8, dark };
}

/** Grey levels (0 black … 255 white), `scale` pixels per module, centred on a white width × height picture. */
export function qrPixels(qr: QrDrawing, scale: number, width = qr.size * scale, height = width): Uint8Array {
  const out = new Uint8Array(width * height).fill(255);
  const left = Math.floor((width - qr.size * scale) / 2);
  const top = Math.floor((height - qr.size * scale) / 2);
  for (const cell of qr.dark) {
    const [x, y] = cell.split(',').map(Number) as [number, number];
    for (let dy = 0; dy < scale; dy++)
      out.fill(0, (top + y * scale + dy) * width + left + x * scale, (top + y * scale + dy) * width + left + (x + 1) * scale);
  }
  return out;
}

/** What the QR code says, or throws when it cannot be read. */
export function decodeQr(qr: QrDrawing): string {
  const scale = 4;
  const grey = qrPixels(qr, scale);
  const side = qr.size * scale;
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < grey.length; i++) {
    rgba.fill(grey[i]!, i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = 255;
  }
  const found = jsQR(rgba, side, side);
  if (!found) throw new Error('the QR code could not be read');
  return found.data;
}

/**
 * The QR code as a camera would film it, for Chromium's fake camera
 * (--use-file-for-fake-video-capture): one frame of Y4M, 4:2:0, grey, which Chromium loops.
 */
export function qrY4m(qr: QrDrawing, width = 640, height = 480): Buffer {
  const scale = Math.floor((Math.min(width, height) * 0.8) / qr.size);
  // Video black and white (16 and 235), as a camera delivers them.
  const luma = Buffer.from(qrPixels(qr, scale, width, height).map((v) => (v === 0 ? 16 : 235)));
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), Buffer.from('FRAME\n'), luma, chroma]);
}
