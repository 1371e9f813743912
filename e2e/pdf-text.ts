import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page of a PDF, as a reader would copy it out (pages apart by a blank line). pdf.js takes a plain Uint8Array, so a Buffer from page.pdf() is copied. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPages(pdf)).map((p) => p.text).join('\n\n');
}

/** Each page of a PDF: its text and its size in millimetres (A6 is 105 × 148). */
export async function pdfPages(pdf: Uint8Array): Promise<Array<{ text: string; widthMm: number; heightMm: number }>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const mm = (points: number) => Math.round((points * 25.4) / 72);
      pages.push({
        text: content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
        widthMm: mm(x1 - x0),
        heightMm: mm(y1 - y0),
      });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
