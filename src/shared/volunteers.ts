import { int, text, z } from './zod';

/**
 * Volunteers of a location sign in on the shared desk tablet with their name and a
 * PIN, checked on the tablet itself so it works offline. The server sends each
 * volunteer's PIN as a salted, slow hash (PBKDF2-SHA256, which WebCrypto has on
 * every tablet), never the PIN.
 *
 * Honest limits: a 4–8 digit PIN has at most 10^8 values, so someone who copies the
 * tablet's storage can still try them all offline; the slow hash makes that cost
 * hours instead of seconds, and the tablet's lock-out (after 3 wrong PINs) stops
 * guessing at the screen. The PIN keeps one volunteer from recording as another
 * and a passer-by out of the visit list; it is not a bank password.
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

/** A short name a colleague recognises, e.g. "Anna B.": a volunteer's own personal data is kept small. */
export const displayNameSchema = text(1, 40);

export const pinHashSchema = z.strictObject({
  algorithm: z.literal(PIN_ALGORITHM),
  iterations: int(MIN_PIN_ITERATIONS, 10_000_000),
  /** base64 */
  salt: z.string().check(z.regex(/^[A-Za-z0-9+/]+=*$/), z.maxLength(64)),
  /** base64 of the derived key */
  hash: z.string().check(z.regex(/^[A-Za-z0-9+/]+=*$/), z.maxLength(128)),
});
export type PinHash = z.infer<typeof pinHashSchema>;

export const deskVolunteerSchema = z.strictObject({
  id: z.uuid(),
  displayName: displayNameSchema,
  pin: pinHashSchema,
});
export type DeskVolunteer = z.infer<typeof deskVolunteerSchema>;

/**
 * GET /api/sync/volunteers: the device's location's active volunteers, all of them
 * each time (a location has tens, not thousands). The tablet replaces its list, so a
 * deactivated volunteer disappears on the next sync.
 */
export const volunteersResponseSchema = z.strictObject({
  locationId: z.uuid(),
  volunteers: z.array(deskVolunteerSchema),
});
export type VolunteersResponse = z.infer<typeof volunteersResponseSchema>;
