import { list, text, z } from './zod';
import { LANGUAGES } from './i18n-text';
import { isPhoneNumber } from './kiosk';

/**
 * The public course and help finder (/aanbod/…, docs/finder.md): what its forms
 * send, and what a coordinator sets per organisation in the console.
 */

export const finderLanguageSchema = z.enum(LANGUAGES);

/** Query of every finder page: the language, and on search the words and filters. */
export const finderQuerySchema = z.object({
  lang: z.optional(finderLanguageSchema),
  q: z.optional(z.string().check(z.maxLength(200))),
  tegel: z.optional(z.string().check(z.maxLength(40))),
  soort: z.optional(z.enum(['', 'course', 'service'])),
  gratis: z.optional(z.enum(['', '1'])),
  /** Results come PAGE_SIZE at a time. */
  pagina: z.optional(z.string().check(z.regex(/^[1-9]\d{0,3}$/, 'expected a page number'))),
});

export const FINDER_PAGE_SIZE = 30;

/**
 * The sign-up form as a browser sends it (application/x-www-form-urlencoded): every
 * field optional and bounded, so a person's mistakes are answered on the page in
 * their language (webSignUpSchema), and anything larger is refused outright.
 */
const field = () => z.optional(z.string().check(z.maxLength(300)));
export const webSignUpFormSchema = z.object({
  firstName: field(),
  /** Fill in one of the two: a phone number or an e-mail address. */
  phone: field(),
  email: field(),
  consent: field(),
  /** The honeypot: hidden from people, filled in by form-filling robots. */
  website: field(),
});

const emailCheck = z.email();

export const webSignUpSchema = z
  .strictObject({
    itemId: z.uuid(),
    firstName: text(1, 40),
    contactKind: z.enum(['phone', 'email']),
    contact: text(3, 254),
    consent: z.literal('yes'),
    language: finderLanguageSchema,
  })
  .check(
    z.refine((s) => (s.contactKind === 'phone' ? isPhoneNumber(s.contact) : emailCheck.safeParse(s.contact.trim()).success), {
      message: 'expected a phone number or an e-mail address',
      path: ['contact'],
    }),
  );
export type WebSignUp = z.infer<typeof webSignUpSchema>;

/**
 * A site that may show the finder in a frame: an https origin, or http on this
 * computer (for trying a snippet locally). No paths, no wildcards: CSP frame-ancestors
 * takes origins, and a wildcard would let any site frame the sign-up form.
 */
export const frameAncestorSchema = z
  .string()
  .check(
    z.maxLength(200),
    z.regex(
      /^(https:\/\/[a-z0-9.-]+\.[a-z]{2,}|http:\/\/(localhost|127\.0\.0\.1))(:\d{1,5})?$/i,
      'expected an origin such as https://www.bibliotheek.nl',
    ),
  );

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** A logo of at most 200 KB. */
export const LOGO_MAX_BYTES = 200_000;

export const finderBrandingUpdateSchema = z.strictObject({
  colour: z.nullable(z.string().check(z.regex(/^#[0-9a-f]{6}$/, 'expected a colour such as #0b4f96'))),
  frameAncestors: list(frameAncestorSchema, 0, 10),
  /** Omitted: keep the logo; null: remove it; else the new logo, base64. */
  logo: z.optional(
    z.nullable(
      z.strictObject({
        type: z.enum(LOGO_TYPES),
        base64: z.string().check(z.maxLength(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 4), z.regex(/^[A-Za-z0-9+/]+=*$/, 'expected base64')),
      }),
    ),
  ),
});
export type FinderBrandingUpdate = z.infer<typeof finderBrandingUpdateSchema>;

/** What the console shows per organisation. */
export const finderSettingsListSchema = z.strictObject({
  organisations: z.array(
    z.strictObject({
      id: z.uuid(),
      name: z.string(),
      /** The finder's public start page. */
      address: z.string(),
      colour: z.nullable(z.string()),
      frameAncestors: z.array(z.string()),
      hasLogo: z.boolean(),
    }),
  ),
});
export type FinderSettingsList = z.infer<typeof finderSettingsListSchema>;
