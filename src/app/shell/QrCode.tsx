import qrcode from 'qrcode-generator';

/** An address as a QR code, drawn as one SVG path (no inline styles, no scripts): enrolment links, referral cards, the kiosk's "take this with you". */
export function QrCode({ text, title, class: cls = 'qr' }: { text: string; title: string; class?: string }) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const cells: string[] = [];
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) cells.push(`M${c + 4} ${r + 4}h1v1h-1z`);
  return (
    <svg class={cls} viewBox={`0 0 ${n + 8} ${n + 8}`} role="img" aria-label={title} shape-rendering="crispEdges">
      <rect width={n + 8} height={n + 8} fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}
