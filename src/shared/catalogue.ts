import { int, isoDateTime, list, text, webUrl, z } from './zod';
import { localizedTextSchema, languageSchema } from './i18n-text';

/**
 * The catalogue (sociaal-educatieve kaart), shaped after Open Referral HSDS 3.0:
 * organizations offer services/courses, which are held at locations.
 * Each entity travels through sync as its own versioned document.
 */

export const THEMES = [
  'digital_skills',
  'language',
  'numeracy',
  'health_skills',
  'money',
  'work',
  'law',
  'digital_government',
  'personal_development',
  /** An item from another system whose taxonomy matched no theme: a coordinator sorts it in the console. */
  'unsorted',
] as const;
export const themeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof themeSchema>;

/** "must" learn basic skills vs "want" to develop (Leven Lang Ontwikkelen). */
export const AUDIENCES = ['must_learn', 'want_to_develop'] as const;
export const audienceSchema = z.enum(AUDIENCES);

export const FORMATS = ['in_person', 'online', 'blended'] as const;
export const formatSchema = z.enum(FORMATS);

export const LEVELS = ['beginner', 'intermediate', 'advanced', 'all'] as const;
export const levelSchema = z.enum(LEVELS);

/** HSDS service status, narrowed to what a desk needs to tell a visitor. */
export const STATUSES = ['active', 'temporarily_closed', 'ended'] as const;
export const statusSchema = z.enum(STATUSES);

/** Things a visitor must bring along. */
export const BRING = ['digid', 'id', 'letter', 'phone', 'laptop', 'bank_details', 'health_insurance_card', 'residence_permit'] as const;
export const bringSchema = z.enum(BRING);

export const SIGN_UP_METHODS = ['walk_in', 'appointment', 'registration', 'phone', 'online'] as const;

const uuid = z.uuid();
const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'));
const phone = z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{6,20}$/, 'expected a phone number'));

export const openingHoursSchema = z.strictObject({
  /** ISO weekday, 1 = Monday. */
  weekday: int(1, 7),
  opens: hhmm,
  closes: hhmm,
});

export const catalogueOrganizationSchema = z.strictObject({
  id: uuid,
  name: text(1, 200),
  description: z.optional(localizedTextSchema),
  url: z.optional(webUrl()),
  phone: z.optional(phone),
  email: z.optional(z.email()),
  /** True for the library organisation itself. */
  isLibrary: z._default(z.boolean(), false),
});
export type CatalogueOrganization = z.infer<typeof catalogueOrganizationSchema>;

export const catalogueLocationSchema = z.strictObject({
  id: uuid,
  organizationId: uuid,
  name: text(1, 200),
  address: z.optional(text(1, 300)),
  city: z.optional(text(1, 100)),
  /** HSDS address fields a standard address needs (postal_code, state_province). */
  postalCode: z.optional(text(1, 20)),
  province: z.optional(text(1, 100)),
  /** Opening or walk-in hours. */
  hours: z._default(list(openingHoursSchema, 0, 28), []),
});
export type CatalogueLocation = z.infer<typeof catalogueLocationSchema>;

export const courseSessionSchema = z.strictObject({
  start: isoDateTime(),
  end: isoDateTime(),
  /** RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;COUNT=4 */
  rrule: z.optional(z.string().check(z.regex(/^FREQ=(DAILY|WEEKLY|MONTHLY)(;[A-Z]+=[A-Z0-9,+-]+)*$/, 'expected an RFC 5545 RRULE'))),
  locationId: z.optional(uuid),
  seats: z.optional(int(0, 10000)),
});
export type CourseSession = z.infer<typeof courseSessionSchema>;

export const catalogueItemSchema = z
  .strictObject({
    id: uuid,
    kind: z.enum(['course', 'service']),
    organizationId: uuid,
    name: localizedTextSchema,
    description: localizedTextSchema,
    themes: list(themeSchema, 1, THEMES.length),
    audience: list(audienceSchema, 1, 2),
    format: formatSchema,
    level: levelSchema,
    /** Languages of instruction, BCP 47 primary tags. */
    languages: list(z.string().check(z.regex(/^[a-z]{2,3}$/)), 1, 10),
    cost: z.strictObject({
      free: z.boolean(),
      amountEur: z.optional(z.number().check(z.minimum(0), z.maximum(10000))),
      note: z.optional(localizedTextSchema),
    }),
    signUp: z.strictObject({
      method: z.enum(SIGN_UP_METHODS),
      url: z.optional(webUrl()),
      phone: z.optional(phone),
      email: z.optional(z.email()),
      note: z.optional(localizedTextSchema),
    }),
    bring: z._default(list(bringSchema, 0, BRING.length), []),
    eligibility: z.optional(localizedTextSchema),
    status: statusSchema,
    locationIds: z._default(list(uuid, 0, 50), []),
    /** Walk-in hours for services held at fixed times. */
    hours: z._default(list(openingHoursSchema, 0, 28), []),
    sessions: z._default(list(courseSessionSchema, 0, 200), []),
    url: z.optional(webUrl()),
    /** Everyday words people use for it ("computer", "belasting"), to help search. */
    keywords: z._default(list(text(1, 60), 0, 40), []),
  })
  .check(
    // A price in euros, or (from another system, e.g. a price in pounds) a note that says it.
    z.refine((item) => item.cost.free || item.cost.amountEur !== undefined || item.cost.note !== undefined, {
      message: 'a paid item needs amountEur or a note on the cost',
      path: ['cost', 'amountEur'],
    }),
  );
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

export const CATALOGUE_ENTITY_TYPES = ['organization', 'location', 'item'] as const;
export type CatalogueEntityType = (typeof CATALOGUE_ENTITY_TYPES)[number];

export const entitySchemas = {
  organization: catalogueOrganizationSchema,
  location: catalogueLocationSchema,
  item: catalogueItemSchema,
} as const;

/** A whole catalogue as one document, e.g. a seed or an import. */
export const catalogueDocumentSchema = z.strictObject({
  organizations: z.array(catalogueOrganizationSchema),
  locations: z.array(catalogueLocationSchema),
  items: z.array(catalogueItemSchema),
});
export type CatalogueDocument = z.infer<typeof catalogueDocumentSchema>;

export { languageSchema };
