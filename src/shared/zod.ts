/**
 * The one zod import for shared schemas. zod/mini keeps the tablet bundle small
 * (about a quarter of classic zod); the English messages are loaded explicitly
 * because mini ships without any.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };

/**
 * PostgreSQL cannot store U+0000 or a lone surrogate in text or jsonb; other C0 controls (except tab
 * and newlines) never belong in what a person or a tablet sends. Rejecting them
 * up front keeps a stray byte from turning into a server error later.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Half of a UTF-16 surrogate pair: valid in a JS string, not encodable as UTF-8, so refused by PostgreSQL. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text from outside: trimmed, between min and max characters, no control characters. */
export function text(min: number, max: number) {
  return z.string().check(
    z.refine((s) => !FORBIDDEN_CONTROL.test(s), { message: 'contains control characters' }),
    z.refine((s) => !LONE_SURROGATE.test(s), { message: 'contains a broken character' }),
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
  );
}

/**
 * A web address for people to open: http(s) only (never javascript: or data:, which a
 * page would run), and free of what PostgreSQL or a link cannot carry.
 */
export function webUrl() {
  return z.url({ protocol: /^https?$/, error: 'expected a web address starting with https://' }).check(
    z.refine((s) => !FORBIDDEN_CONTROL.test(s), { message: 'contains control characters' }),
    z.refine((s) => !LONE_SURROGATE.test(s), { message: 'contains a broken character' }),
    z.maxLength(2000),
  );
}

/** An integer in [min, max]. */
export function int(min: number, max: number) {
  return z.number().check(z.int(), z.minimum(min), z.maximum(max));
}

/** An array of between min and max elements. */
export function list<T extends z.ZodMiniType>(item: T, min: number, max: number) {
  return z.array(item).check(z.minLength(min), z.maxLength(max));
}

/** An ISO 8601 date-time with an offset or Z. */
export const isoDateTime = () => z.iso.datetime({ offset: true });

export function describeIssues(error: z.core.$ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
}
