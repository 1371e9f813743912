/**
 * The one zod import for shared schemas. zod/mini keeps the tablet bundle small
 * (about a quarter of classic zod); the English messages are loaded explicitly
 * because mini ships without any.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };

/** A trimmed string of min..max characters. */
export function text(min: number, max: number) {
  return z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
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
