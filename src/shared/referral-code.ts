import { z } from './zod';
import { ENROLMENT_ALPHABET } from './sync';

/**
 * The referral code on a visitor's card (docs/referrals.md), on its own so the visit schema,
 * which every tablet loads at start, carries no more of the referral contract than this.
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

export const referralCodeSchema = z.string().check(z.regex(new RegExp(`^[${REFERRAL_CODE_ALPHABET}]{${REFERRAL_CODE_LENGTH}}$`), 'expected an 8-character referral code'));

