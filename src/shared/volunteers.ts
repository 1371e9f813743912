import { int, text, z } from './zod';
import { MIN_PIN_ITERATIONS, PIN_ALGORITHM } from './volunteer-pins';

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

// The PIN rules live in volunteer-pins.ts (no zod), for the desk's sign-in screen at first load.
export * from './volunteer-pins';

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
