import type { PinHash } from '../../shared/volunteers';
import { PIN_ALGORITHM } from '../../shared/volunteer-pins';

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Compares without stopping at the first difference, so the time taken tells nothing about the PIN. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Checks a PIN against the hash the server sent, on the tablet, offline: WebCrypto's
 * PBKDF2-SHA256 with the volunteer's salt and iteration count.
 */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (stored.algorithm !== PIN_ALGORITHM) return false;
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const expected = fromBase64(stored.hash);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(stored.salt), iterations: stored.iterations },
    key,
    expected.length * 8,
  );
  return constantTimeEqual(new Uint8Array(bits), expected);
}
