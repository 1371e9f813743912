import { z } from './zod';

/**
 * PostgreSQL cannot store U+0000 in text or jsonb; other C0 controls (except tab
 * and newlines) never belong in what a person typed. Rejecting them up front keeps
 * a stray byte from turning into a server error later.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Free text a person typed: trimmed, between min and max characters, no control characters. */
export function plainText(min: number, max: number) {
  return z.string().check(
    z.refine((s) => !FORBIDDEN_CONTROL.test(s), { message: 'contains control characters' }),
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
  );
}
