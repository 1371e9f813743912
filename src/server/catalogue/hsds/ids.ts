/**
 * A stable id for an HSDS record Inloop derives from one of its own (a schedule from a
 * session, a phone from a sign-up number, a taxonomy term from a theme): a UUID-shaped hash
 * of its parts, so exporting twice gives the same file.
 */
export function derivedId(...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const s = parts.join('|');
  const out: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < s.length; i++) {
      h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619) >>> 0;
      h2 = Math.imul(h2 ^ (s.charCodeAt(i) + round), 2246822519) >>> 0;
    }
    out.push((h1 ^ (h2 >>> 7) ^ round) >>> 0);
  }
  const hex = out.map((n) => n.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
