import { int, isoDateTime, text, z } from './zod';
import { LANGUAGES } from './i18n-text';
import type { DeviceKind } from './sync';
import { HELP_TOPICS } from './kiosk-constants';

// The tiles and defaults live in kiosk-constants.ts (no zod), for a kiosk's first load.
export * from './kiosk-constants';

/**
 * The kiosk: a tablet on a stand that visitors use on their own. It may read the
 * catalogue and send help requests, course interest and survey answers, nothing else (see docs/kiosk.md).
 */

/** Change types only a kiosk may push; every other type is for desks only. */
export const KIOSK_CHANGE_TYPES = ['helpRequest.create@1'] as const;

/**
 * Change types both kinds of tablet may push: the visitor survey (after a visit on a desk, or
 * on a kiosk), and course interest (on a kiosk, or on a desk's survey hand-over after a "yes"
 * to learning more), each for the tablet's own location.
 */
export const SHARED_CHANGE_TYPES = ['survey.create@1', 'interest.create@1'] as const;

/** Whether a device of this kind may push changes of this type (the server refuses the whole push otherwise). */
export function changeTypeAllowed(kind: DeviceKind, type: string): boolean {
  if ((SHARED_CHANGE_TYPES as readonly string[]).includes(type)) return true;
  const kioskType = (KIOSK_CHANGE_TYPES as readonly string[]).includes(type);
  return kind === 'kiosk' ? kioskType : !kioskType;
}

const uuid = z.uuid();

/** How the desk calls the visitor: the first name they gave, or the number the kiosk showed them. */
export const helpDisplaySchema = z.strictObject({
  kind: z.enum(['name', 'number']),
  value: text(1, 40),
});
export type HelpDisplay = z.infer<typeof helpDisplaySchema>;

export const helpRequestSchema = z.strictObject({
  id: uuid,
  locationId: uuid,
  deviceId: uuid,
  topic: z.enum(HELP_TOPICS),
  display: z.optional(helpDisplaySchema),
  createdAt: isoDateTime(),
});
export type HelpRequest = z.infer<typeof helpRequestSchema>;

export const helpRequestTakeSchema = z.strictObject({
  /** The help request taken. */
  id: uuid,
  takenAt: isoDateTime(),
});
export type HelpRequestTake = z.infer<typeof helpRequestTakeSchema>;

/** The version of the consent text shown before course interest is left; bump it when the text changes. */
export const INTEREST_CONSENT_VERSION = '2026-11-1';

/** A Dutch or international phone number: 9 to 15 digits, optionally +, spaces, dashes, brackets. */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[0-9 ()-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '');
  return digits.length >= 9 && digits.length <= 15;
}

/** Only what the coordinator needs to call or write back. */
export function normaliseContact(kind: 'phone' | 'email', value: string): string {
  return kind === 'phone' ? value.replace(/[^0-9+]/g, '') : value.trim().toLowerCase();
}

const emailCheck = z.email();

export const interestContactSchema = z
  .strictObject({
    kind: z.enum(['phone', 'email']),
    value: text(3, 254),
  })
  .check(
    z.refine((c) => (c.kind === 'phone' ? isPhoneNumber(c.value) : emailCheck.safeParse(c.value).success), {
      message: 'expected a phone number or an e-mail address',
      path: ['value'],
    }),
  );

export const courseInterestSchema = z.strictObject({
  id: uuid,
  locationId: uuid,
  deviceId: uuid,
  /** The catalogue item (course or service). */
  itemId: uuid,
  firstName: text(1, 40),
  contact: interestContactSchema,
  /** The visitor ticked the consent text; nothing is stored without it. */
  consent: z.literal(true),
  consentVersion: text(1, 64),
  consentLanguage: z.enum(LANGUAGES),
  consentedAt: isoDateTime(),
});
export type CourseInterest = z.infer<typeof courseInterestSchema>;

/** What a kiosk pulls about its location, so idle reset and leaving kiosk mode work offline. */
export const kioskSettingsSchema = z.strictObject({
  idleSeconds: int(10, 3600),
  /** PBKDF2 hash of the coordinator's exit code (see hashExitCode); null when none is set. */
  exitCodeHash: z.nullable(z.string().check(z.maxLength(300))),
  /** How long course interest is kept, for the consent text. */
  interestRetentionDays: int(1, 365),
});
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

/** Open help requests of the desk's location, newest last. */
export const helpRequestsResponseSchema = z.strictObject({
  requests: z.array(
    z.strictObject({
      id: uuid,
      topic: z.enum(HELP_TOPICS),
      display: z.optional(helpDisplaySchema),
      createdAt: isoDateTime(),
    }),
  ),
});
export type HelpRequestsResponse = z.infer<typeof helpRequestsResponseSchema>;

// ---------------------------------------------------------------------------
// The coordinator's exit code: PBKDF2-SHA-256 through WebCrypto, so the server
// makes the hash and the kiosk checks a code offline with the same code.
// Stored as "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>".
// ---------------------------------------------------------------------------

export const EXIT_CODE_ITERATIONS = 210_000;
/** At least 6 characters: digits or letters. */
export const exitCodeSchema = z.string().check(z.regex(/^[A-Za-z0-9]{6,32}$/, 'expected 6 to 32 letters or digits'));

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
function unhex(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

async function derive(code: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(code), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return hex(new Uint8Array(bits));
}

export async function hashExitCode(code: string, iterations = EXIT_CODE_ITERATIONS): Promise<string> {
  const salt = new Uint8Array(16);
  globalThis.crypto.getRandomValues(salt);
  return `pbkdf2-sha256$${iterations}$${hex(salt)}$${await derive(code, salt, iterations)}`;
}

export async function verifyExitCode(code: string, stored: string): Promise<boolean> {
  const match = /^pbkdf2-sha256\$(\d{1,7})\$([0-9a-f]{32})\$([0-9a-f]{64})$/.exec(stored);
  if (!match || !globalThis.crypto?.subtle) return false;
  const actual = await derive(code.trim(), unhex(match[2]!), Number(match[1]));
  // Compare every character, so the time taken does not tell how much matched.
  let diff = actual.length ^ match[3]!.length;
  for (let i = 0; i < actual.length; i++) diff |= actual.charCodeAt(i) ^ match[3]!.charCodeAt(i);
  return diff === 0;
}
