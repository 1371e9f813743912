import { ENROLMENT_ALPHABET } from './sync-constants';

/**
 * The referral code on a visitor's card (docs/referrals.md), on its own so the desk's first
 * load, which makes codes, carries no more of the referral contract than this, and no zod
 * (the code's schema, referralCodeSchema, is in visit.ts).
 */

/** Letters and digits without look-alikes (no 0/O, 1/I): read aloud or typed without doubt. */
export const REFERRAL_CODE_ALPHABET = ENROLMENT_ALPHABET;
/** 8 characters of 32: 2^40 codes. The server limits wrong tries per link and per address (docs/security.md). */
export const REFERRAL_CODE_LENGTH = 8;

/** A new code, made on the tablet (offline), from the platform's cryptographic random source. */
export function newReferralCode(): string {
  const bytes = new Uint8Array(REFERRAL_CODE_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  // 256 is a multiple of 32: taking the low five bits keeps every letter equally likely.
  return Array.from(bytes, (b) => REFERRAL_CODE_ALPHABET[b & 31]).join('');
}

/** What a person typed ("abcd-efgh", "ABCD EFGH") as the stored code: upper case, without spaces and dashes. */
export function normaliseReferralCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** "ABCD-EFGH": how a code is printed and shown. */
export function formatReferralCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A stored code: exactly REFERRAL_CODE_LENGTH letters of the alphabet. */
export const REFERRAL_CODE_PATTERN = new RegExp(`^[${REFERRAL_CODE_ALPHABET}]{${REFERRAL_CODE_LENGTH}}$`);
