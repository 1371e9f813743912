import { z } from './zod';
import { MUNICIPALITY_CODE, NOT_ASKED } from './municipality';

/**
 * A report's municipality filter: a CBS code, or not_asked for records without one.
 * Console only (kept out of municipality.ts, which the tablets load).
 */
export const municipalityFilterSchema = z.string().check(
  z.refine((s) => s === NOT_ASKED || MUNICIPALITY_CODE.test(s), {
    message: 'expected a CBS municipality code like GM0363, or not_asked',
  }),
);
