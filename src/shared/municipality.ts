import { int, text, z } from './zod';

/**
 * The visitor's municipality (gemeente): the IDO grant is paid per municipality, and a
 * library organisation often serves several. A location serves a list of them, set in the
 * console; a visit, a survey answer and a course participant may carry one of those, or
 * nothing ("niet gevraagd", the default). Never an address or a postcode: only the
 * municipality's official CBS code (GM0363 = Amsterdam).
 */
export const MUNICIPALITY_CODE = /^GM[0-9]{4}$/;
export const municipalityCodeSchema = z.string().check(z.regex(MUNICIPALITY_CODE, 'expected a CBS municipality code like GM0363'));

/** How reports name records without a municipality: the visitor was not asked, or preferred not to say. */
export const NOT_ASKED = 'not_asked';

export const municipalitySchema = z.strictObject({ code: municipalityCodeSchema, name: text(1, 80) });
export type Municipality = z.infer<typeof municipalitySchema>;

/** The most municipalities one location can serve: a few in practice, never hundreds. */
export const MAX_LOCATION_MUNICIPALITIES = 40;

/** INLOOP_PUBLIC_URL as the server gives it: http(s), a host (and port), no path; as src/server/config.ts requires. */
const PUBLIC_ORIGIN = /^https?:\/\/[^/\s?#]+$/;

/**
 * What a tablet pulls about its own location (GET /api/sync/location): the
 * municipalities it serves, in the coordinator's order, so the desk offers them offline.
 */
export const locationProfileSchema = z.strictObject({
  municipalities: z.array(municipalitySchema).check(z.maxLength(MAX_LOCATION_MUNICIPALITIES)),
  /**
   * The server's public address (INLOOP_PUBLIC_URL, origin only): what a visitor's phone
   * opens from a QR code the tablet shows (referral card, the kiosk's "take this with you").
   * Null when the server has none set: the tablet then uses the origin it syncs with.
   * Optional so a profile stored by an older app version still reads.
   */
  publicUrl: z.optional(
    z.nullable(
      z.string().check(z.maxLength(200), z.regex(PUBLIC_ORIGIN, 'expected an origin such as https://inloop.bibliotheek.nl (no path)')),
    ),
  ),
  /**
   * How many days course interest is kept (INLOOP_INTEREST_RETENTION_DAYS), for the consent
   * text a desk shows when a visitor leaves interest on the survey hand-over (a kiosk has it
   * in its own settings too). Optional so a profile stored by an older app version still reads.
   */
  interestRetentionDays: z.optional(int(1, 365)),
});
export type LocationProfile = z.infer<typeof locationProfileSchema>;
