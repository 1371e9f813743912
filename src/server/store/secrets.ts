import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ENROLMENT_ALPHABET, normaliseEnrolmentCode } from '../../shared/sync';

/** Device tokens carry 256 random bits, so a fast hash is enough to keep them unreadable at rest. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** An 8-character one-time code, printed as ABCD-EFGH so it is easy to read out. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ENROLMENT_ALPHABET[randomInt(ENROLMENT_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function hashEnrolmentCode(code: string): string {
  return hashSecret(normaliseEnrolmentCode(code));
}
