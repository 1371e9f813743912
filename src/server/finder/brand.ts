/**
 * An organisation's colour as a stylesheet, only where it stays readable: white text
 * on it if that reaches 4.5:1, else dark text; as the link colour only if it reaches
 * 4.5:1 on the page background. So no colour a coordinator picks breaks the contrast.
 */
export function brandStylesheet(colour: string): string {
  const onWhite = contrast(colour, '#ffffff');
  const text = onWhite >= 4.5 ? '#ffffff' : '#1a1a1a';
  const link = contrast(colour, '#f5f6f8') >= 4.5 ? colour : '#0b4f96';
  return `:root{--brand:${colour};--brand-text:${text};--link:${link}}\n`;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
