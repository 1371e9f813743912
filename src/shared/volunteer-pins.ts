/**
 * How a volunteer's PIN is made and hashed (see volunteers.ts for why), without zod:
 * what the desk's sign-in screen needs at first load. volunteers.ts re-exports this.
 */

export const PIN_ALGORITHM = 'pbkdf2-sha256';
/** Iterations for new PIN hashes: slow enough to make each guess cost, fast enough (≈0.2–0.5 s) on a cheap tablet. */
export const PIN_ITERATIONS = 200_000;
/** Tests and the benchmark may go lower, never below this. */
export const MIN_PIN_ITERATIONS = 1_000;
export const PIN_SALT_BYTES = 16;
export const PIN_HASH_BYTES = 32;
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 8;

export type PinProblem = 'format' | 'trivial';

/**
 * Why a PIN may not be used, or undefined when it may: 4–8 digits, and not one a
 * passer-by guesses first (one digit repeated, 1111; a straight run up or down,
 * 1234, 9876, 0123; a repeated pair, 1212).
 */
export function pinProblem(pin: string): PinProblem | undefined {
  if (!new RegExp(`^\\d{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`).test(pin)) return 'format';
  const d = [...pin].map(Number);
  const steps = d.slice(1).map((v, i) => (v - d[i]! + 10) % 10);
  if (steps.every((s) => s === 0)) return 'trivial';
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return 'trivial';
  if (pin.length % 2 === 0 && pin === pin.slice(0, 2).repeat(pin.length / 2)) return 'trivial';
  return undefined;
}
