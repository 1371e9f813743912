import { isoDateTime, text, z } from './zod';
import { CHANNELS, HELP_KINDS, ORGANISATIONS, OUTCOMES, TOPICS, ids } from './taxonomy';
import { visitSchema } from './visit';
import { municipalityFilterSchema } from './municipality-filter';
import { STATUSES, THEMES, catalogueItemSchema, type CatalogueItem } from './catalogue';

/**
 * The coordinator console's request and response contract (routes under /api/console).
 * The console is online-only and loaded lazily; the tablets never import this module.
 */

export const ROLES = ['coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const REVIEW_STATES = ['received', 'has_issues', 'edited', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'inloop_session';

const email = z.string().check(z.trim(), z.toLowerCase(), z.minLength(3), z.maxLength(254), z.regex(/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u));
export const MIN_PASSWORD_LENGTH = 10;
const password = z.string().check(z.minLength(MIN_PASSWORD_LENGTH), z.maxLength(200));

export const signInSchema = z.strictObject({ email, password: z.string().check(z.minLength(1), z.maxLength(200)) });
export const setPasswordSchema = z.strictObject({ token: z.string().check(z.regex(/^[A-Za-z0-9_-]{20,100}$/)), password });

export const sessionSchema = z.strictObject({
  user: z.strictObject({ id: z.uuid(), email: z.string(), role: z.enum(ROLES), organisationId: z.nullable(z.uuid()) }),
  csrfToken: z.string(),
  locations: z.array(z.strictObject({ id: z.uuid(), name: z.string(), organisationId: z.uuid(), organisationName: z.string() })),
});
export type ConsoleSession = z.infer<typeof sessionSchema>;

export const okSchema = z.strictObject({ ok: z.literal(true) });
export const idParamsSchema = z.strictObject({ id: z.uuid() });

const csvList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .pipe(
      z.string().check(z.maxLength(2000)),
      z.transform((s: string) => s.split(',').filter(Boolean)),
    )
    .check(z.refine((items: string[]) => items.every((i) => (values as readonly string[]).includes(i)), 'unknown value'));

/** Filters of the visit log, the exports and the dashboard (query strings). */
export const visitFilterSchema = z.strictObject({
  from: z.optional(isoDateTime()),
  to: z.optional(isoDateTime()),
  location: z.optional(z.uuid()),
  device: z.optional(z.uuid()),
  volunteer: z.optional(z.uuid()),
  helpKind: z.optional(z.enum(ids(HELP_KINDS))),
  organisation: z.optional(z.enum(ids(ORGANISATIONS))),
  topic: z.optional(z.enum(ids(TOPICS))),
  outcome: z.optional(z.enum(ids(OUTCOMES))),
  channel: z.optional(z.enum(ids(CHANNELS))),
  /** A partner organisation id, or 'catalogue' / 'text' for those kinds of referral. */
  referral: z.optional(text(1, 40)),
  review: z.optional(csvList(REVIEW_STATES)),
  q: z.optional(text(1, 200)),
});
export type VisitFilter = z.output<typeof visitFilterSchema>;

export const visitLogQuerySchema = z.extend(visitFilterSchema, {
  cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/))),
  limit: z.optional(
    z.pipe(z.string().check(z.regex(/^\d{1,3}$/)), z.transform(Number)).check(z.refine((n: number) => n >= 1 && n <= 200, '1 to 200')),
  ),
});

const questionRow = z.strictObject({
  helpKind: z.string(),
  domain: z.string(),
  organisation: z.string(),
  topic: z.string(),
  outcome: z.string(),
  referrals: z.unknown(),
});
export const visitRowSchema = z.strictObject({
  id: z.uuid(),
  startedAt: z.string(),
  locationId: z.uuid(),
  locationName: z.string(),
  deviceId: z.uuid(),
  volunteerId: z.nullable(z.uuid()),
  volunteerName: z.nullable(z.string()),
  durationSeconds: z.number(),
  channel: z.string(),
  note: z.nullable(z.string()),
  reviewState: z.enum(REVIEW_STATES),
  version: z.number(),
  corrected: z.boolean(),
  /** Voided on the tablet: shown in the log, never counted. */
  voided: z.boolean(),
  questions: z.array(questionRow),
});
export type VisitRow = z.infer<typeof visitRowSchema>;

export const visitPageSchema = z.strictObject({ visits: z.array(visitRowSchema), next: z.nullable(z.string()) });
export type VisitPage = z.infer<typeof visitPageSchema>;

export const visitDetailSchema = z.strictObject({
  visit: visitRowSchema,
  original: z.unknown(),
  corrections: z.array(
    z.strictObject({ id: z.number(), at: z.string(), by: z.string(), comment: z.nullable(z.string()), payload: z.unknown() }),
  ),
  reviews: z.array(z.strictObject({ state: z.enum(REVIEW_STATES), comment: z.nullable(z.string()), by: z.string(), at: z.string() })),
  conflicts: z.array(
    z.strictObject({
      id: z.number(),
      changeType: z.string(),
      baseVersion: z.number(),
      currentVersion: z.number(),
      proposed: z.unknown(),
      createdAt: z.string(),
      resolvedAt: z.nullable(z.string()),
    }),
  ),
});
export type VisitDetail = z.infer<typeof visitDetailSchema>;

export const reviewSchema = z.strictObject({ state: z.enum(REVIEW_STATES), comment: z.optional(z.nullable(text(0, 1000))) });
export const correctionSchema = z.strictObject({ visit: visitSchema, comment: z.optional(z.nullable(text(0, 1000))) });
export const resolveConflictSchema = z.strictObject({
  resolution: z.enum(['keep_current', 'take_proposed']),
  comment: z.optional(z.nullable(text(0, 1000))),
});

export const conflictListSchema = z.strictObject({
  conflicts: z.array(
    z.strictObject({
      id: z.number(),
      visitId: z.uuid(),
      locationName: z.string(),
      changeType: z.string(),
      baseVersion: z.number(),
      currentVersion: z.number(),
      createdAt: z.string(),
    }),
  ),
});
export type ConflictList = z.infer<typeof conflictListSchema>;

const counts = z.array(z.strictObject({ key: z.string(), count: z.number() }));
export const figuresSchema = z.strictObject({
  visits: z.number(),
  questions: z.number(),
  perDay: counts,
  perWeek: counts,
  helpKinds: counts,
  organisations: counts,
  topics: counts,
  outcomes: counts,
  channels: counts,
  referrals: z.array(z.strictObject({ key: z.string(), warm: z.number(), logged: z.number() })),
  busyHours: z.array(z.strictObject({ weekday: z.number(), slot: z.number(), count: z.number() })),
  returning: z.strictObject({ returning: z.number(), firstTime: z.number(), unknown: z.number() }),
  locations: counts,
  /** Visits per visitor's municipality (CBS code, or not_asked). */
  municipalities: counts,
});
export type Figures = z.infer<typeof figuresSchema>;

/**
 * The report's reach: a period, optionally one library organisation (its id, a uuid; unlike
 * the visit log's `organisation`, which is a question's partner organisation) and/or one location.
 */
export const reportQuery = {
  from: isoDateTime(),
  to: isoDateTime(),
  organisation: z.optional(z.uuid()),
  location: z.optional(z.uuid()),
  /** The visitor's municipality: a CBS code (GM0363), or not_asked for what was recorded without one. */
  municipality: z.optional(municipalityFilterSchema),
};
export const dashboardQuerySchema = z.strictObject(reportQuery);
export const dashboardSchema = z.strictObject({
  period: z.strictObject({ from: z.string(), to: z.string() }),
  current: figuresSchema,
  previous: figuresSchema,
  lastYear: figuresSchema,
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** Duration bands of the KB registration. */
export const DURATION_BANDS = [
  { id: 'lt15', maxSeconds: 15 * 60 },
  { id: '15to30', maxSeconds: 30 * 60 },
  { id: '30to60', maxSeconds: 60 * 60 },
  { id: 'gt60', maxSeconds: Infinity },
] as const;

export const idoSummarySchema = z.strictObject({
  period: z.strictObject({ from: z.string(), to: z.string() }),
  visits: z.number(),
  questions: z.number(),
  domains: counts,
  topics: counts,
  organisations: counts,
  helpKinds: counts,
  referrals: z.strictObject({ questionsReferred: z.number(), warm: z.number(), logged: z.number(), targets: counts }),
  channels: counts,
  durations: counts,
});
export type IdoSummary = z.infer<typeof idoSummarySchema>;

export const exportQuerySchema = z.extend(visitFilterSchema, { format: z.enum(['csv', 'xlsx']) });
export const idoExportQuerySchema = z.strictObject({ ...reportQuery, format: z.optional(z.enum(['json', 'csv'])) });

export const deviceListSchema = z.strictObject({
  devices: z.array(
    z.strictObject({
      id: z.uuid(),
      kind: z.enum(['desk', 'kiosk']),
      name: z.nullable(z.string()),
      locationId: z.uuid(),
      locationName: z.string(),
      enrolledAt: z.string(),
      lastSeenAt: z.nullable(z.string()),
      appVersion: z.nullable(z.string()),
      pendingReported: z.nullable(z.number()),
      /** What the tablet last reported: persisted null = never reported or the browser did not say. */
      storage: z.strictObject({
        persisted: z.nullable(z.boolean()),
        usedBytes: z.nullable(z.number()),
        quotaBytes: z.nullable(z.number()),
      }),
      revokedAt: z.nullable(z.string()),
      /** Entries of this tablet the server rejected that no coordinator has marked handled yet. */
      rejectedOpen: z.number(),
    }),
  ),
});
export type DeviceList = z.infer<typeof deviceListSchema>;
export type DeviceRow = DeviceList['devices'][number];
export const enrolCodeRequestSchema = z.strictObject({ locationId: z.uuid(), kind: z.enum(['desk', 'kiosk']) });
export const enrolCodeSchema = z.strictObject({ code: z.string(), link: z.string(), expiresAt: z.string() });
export type EnrolCode = z.infer<typeof enrolCodeSchema>;

export const volunteerListSchema = z.strictObject({
  volunteers: z.array(
    z.strictObject({ id: z.uuid(), locationId: z.uuid(), locationName: z.string(), displayName: z.string(), active: z.boolean() }),
  ),
});
export type VolunteerList = z.infer<typeof volunteerListSchema>;
export const volunteerCreateSchema = z.strictObject({
  locationId: z.uuid(),
  displayName: text(1, 40),
  pin: z.string().check(z.regex(/^\d{4,8}$/)),
});
export const volunteerCreatedSchema = z.strictObject({ id: z.uuid() });
export const volunteerPinSchema = z.strictObject({ pin: z.string().check(z.regex(/^\d{4,8}$/)) });

export const userListSchema = z.strictObject({
  users: z.array(
    z.strictObject({
      id: z.uuid(),
      email: z.string(),
      role: z.enum(ROLES),
      organisationId: z.nullable(z.uuid()),
      active: z.boolean(),
      hasPassword: z.boolean(),
    }),
  ),
});
export type UserList = z.infer<typeof userListSchema>;
export const userCreateSchema = z.strictObject({ email, role: z.enum(ROLES), organisationId: z.optional(z.nullable(z.uuid())) });
/** A one-time set-password link for a new account or a reset, to hand over in person. */
export const resetLinkSchema = z.strictObject({ link: z.string(), expiresAt: z.string() });
export type ResetLink = z.infer<typeof resetLinkSchema>;

export const auditListSchema = z.strictObject({
  entries: z.array(
    z.strictObject({
      id: z.number(),
      at: z.string(),
      user: z.nullable(z.string()),
      action: z.string(),
      targetType: z.nullable(z.string()),
      targetId: z.nullable(z.string()),
      details: z.unknown(),
    }),
  ),
  next: z.nullable(z.string()),
});
export type AuditList = z.infer<typeof auditListSchema>;
export const auditQuerySchema = z.strictObject({ cursor: z.optional(z.string().check(z.regex(/^\d{1,18}$/))) });

export const inboxSchema = z.strictObject({
  helpRequests: z.array(
    z.strictObject({ id: z.uuid(), locationName: z.string(), topic: z.string(), status: z.string(), createdAt: z.string() }),
  ),
  interest: z.array(
    z.strictObject({
      id: z.uuid(),
      locationName: z.string(),
      itemId: z.uuid(),
      firstName: z.string(),
      contactKind: z.string(),
      contact: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type KioskInbox = z.infer<typeof inboxSchema>;
export const interestExportQuerySchema = z.strictObject({ format: z.enum(['csv']) });

// Catalogue management (routes under /api/console/catalogue/items). The item itself is
// validated with the catalogue's own schema (catalogueItemSchema), on the server and in the form.

const digits = (max: number) =>
  z.pipe(z.string().check(z.regex(/^\d{1,6}$/)), z.transform(Number)).check(z.refine((n: number) => n <= max, `at most ${max}`));

export const catalogueListQuerySchema = z.strictObject({
  q: z.optional(text(1, 200)),
  kind: z.optional(z.enum(['course', 'service'])),
  status: z.optional(z.enum(STATUSES)),
  /** Items with this theme, e.g. "unsorted" for those an import could not sort. */
  theme: z.optional(z.enum(THEMES)),
  offset: z.optional(digits(100_000)),
  limit: z.optional(digits(200)),
});
export const catalogueListSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.uuid(),
      kind: z.string(),
      name: z.string(),
      status: z.string(),
      organizationId: z.string(),
      organizationName: z.nullable(z.string()),
      version: z.number(),
      updatedAt: z.string(),
      /** The signed-in user may change it (see docs/console.md, "Catalogue management"). */
      editable: z.boolean(),
    }),
  ),
  total: z.number(),
  next: z.nullable(z.number()),
});
export type CatalogueListPage = z.infer<typeof catalogueListSchema>;

/** Organisations and locations an item can name, and which of them the user may use. */
export const catalogueReferencesSchema = z.strictObject({
  organizations: z.array(z.strictObject({ id: z.uuid(), name: z.string(), editable: z.boolean() })),
  locations: z.array(
    z.strictObject({
      id: z.uuid(),
      name: z.string(),
      organizationId: z.string(),
      city: z.nullable(z.string()),
      address: z.nullable(z.string()),
      ownBranch: z.boolean(),
      otherLibrary: z.boolean(),
    }),
  ),
  canDelete: z.boolean(),
});
export type CatalogueReferences = z.infer<typeof catalogueReferencesSchema>;

export const catalogueItemDetailSchema = z.strictObject({
  /** A catalogueItemSchema document (as stored). */
  item: z.unknown(),
  /** The item's version: send it back as baseVersion with a change. */
  version: z.number(),
  updatedAt: z.string(),
  organization: z.unknown(),
  locations: z.array(z.unknown()),
  editable: z.boolean(),
  deletable: z.boolean(),
});
/** The detail as the editor reads it: the item was validated with catalogueItemSchema when it was stored. */
export type CatalogueItemDetail = Omit<z.infer<typeof catalogueItemDetailSchema>, 'item'> & { item: CatalogueItem };
export const catalogueCreateSchema = z.strictObject({ item: catalogueItemSchema });
export const catalogueUpdateSchema = z.strictObject({ baseVersion: z.number().check(z.int(), z.minimum(0)), item: catalogueItemSchema });
export const RETIRE_STATUSES = ['ended', 'temporarily_closed'] as const;
export const catalogueRetireSchema = z.strictObject({
  baseVersion: z.number().check(z.int(), z.minimum(0)),
  status: z.enum(RETIRE_STATUSES),
});
export const catalogueWriteResultSchema = z.strictObject({ id: z.uuid(), version: z.number() });
export type CatalogueWriteResult = z.infer<typeof catalogueWriteResultSchema>;

export interface FieldIssue {
  /** JSON pointer into the request body's item, like the server's 400 answers: "/item/sessions/0/end". */
  path: string;
  message: string;
}

/**
 * What the item schema cannot see on its own: references to organisations and locations
 * that exist, and sessions that end after they start. Used by the server and the form.
 */
export function itemReferenceIssues(
  item: CatalogueItem,
  known: { organizations: ReadonlySet<string>; locations: ReadonlySet<string> },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!known.organizations.has(item.organizationId)) issues.push({ path: '/item/organizationId', message: 'unknown organisation' });
  item.locationIds.forEach((id, i) => {
    if (!known.locations.has(id)) issues.push({ path: `/item/locationIds/${i}`, message: 'unknown location' });
  });
  if (new Set(item.locationIds).size !== item.locationIds.length)
    issues.push({ path: '/item/locationIds', message: 'a location is named twice' });
  item.sessions.forEach((s, i) => {
    if (s.locationId !== undefined && !known.locations.has(s.locationId))
      issues.push({ path: `/item/sessions/${i}/locationId`, message: 'unknown location' });
    if (Date.parse(s.end) <= Date.parse(s.start)) issues.push({ path: `/item/sessions/${i}/end`, message: 'ends before it starts' });
  });
  item.hours.forEach((h, i) => {
    if (h.closes <= h.opens) issues.push({ path: `/item/hours/${i}/closes`, message: 'closes before it opens' });
  });
  return issues;
}
