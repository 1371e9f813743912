import { catalogueItemSchema, type CatalogueItem } from '../../../shared/catalogue';
import { itemReferenceIssues, type CatalogueReferences } from '../../../shared/console';
import { LANGUAGES, type Language } from '../../../shared/i18n-text';
import { uuidv7 } from '../../../shared/ids';
import { libraryClockParts } from '../../../shared/library-clock';

/**
 * The item editor's draft: the form's fields as typed (texts per language, lists as
 * "a, b", times as datetime-local in Dutch time), turned into an item document and checked
 * with the same shared schema as the server. Plain functions, no component: the unit test
 * (test/app/console-catalogue-form.test.ts) calls them directly.
 */

export type Texts = Partial<Record<Language, string>>;
export interface SessionDraft {
  start: string;
  end: string;
  rrule: string;
  locationId: string;
  seats: string;
}
export interface Draft {
  id: string;
  kind: 'course' | 'service';
  organizationId: string;
  name: Texts;
  description: Texts;
  themes: string[];
  audience: string[];
  format: string;
  level: string;
  languages: string;
  free: boolean;
  amountEur: string;
  costNote: Texts;
  signUpMethod: string;
  signUpUrl: string;
  signUpPhone: string;
  signUpEmail: string;
  signUpNote: Texts;
  bring: string[];
  eligibility: Texts;
  status: string;
  locationIds: string[];
  hours: Array<{ weekday: number; opens: string; closes: string }>;
  sessions: SessionDraft[];
  url: string;
  keywords: string;
}

/** "2027-01-12T10:00" (Dutch time, from a datetime-local field) as ISO with its offset. */
export function dutchLocalToIso(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return local;
  const asUtc = Date.parse(`${local}:00Z`);
  const parts = libraryClockParts(asUtc);
  const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offset = Math.round((shown - asUtc) / 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An ISO time as "2027-01-12T10:00" in Dutch time, for a datetime-local field. */
export function isoToDutchLocal(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const parts = libraryClockParts(at);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function texts(value: Texts): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const l of LANGUAGES) if (value[l]?.trim()) out[l] = value[l]!.trim();
  return Object.keys(out).length ? out : undefined;
}

/** An item as stored, as the form's fields. */
export function fromItem(item: CatalogueItem): Draft {
  return {
    id: item.id,
    kind: item.kind,
    organizationId: item.organizationId,
    name: { ...item.name },
    description: { ...item.description },
    themes: [...item.themes],
    audience: [...item.audience],
    format: item.format,
    level: item.level,
    languages: item.languages.join(', '),
    free: item.cost.free,
    amountEur: item.cost.amountEur === undefined ? '' : String(item.cost.amountEur),
    costNote: { ...item.cost.note },
    signUpMethod: item.signUp.method,
    signUpUrl: item.signUp.url ?? '',
    signUpPhone: item.signUp.phone ?? '',
    signUpEmail: item.signUp.email ?? '',
    signUpNote: { ...item.signUp.note },
    bring: [...item.bring],
    eligibility: { ...item.eligibility },
    status: item.status,
    locationIds: [...item.locationIds],
    hours: item.hours.map((h) => ({ ...h })),
    sessions: item.sessions.map((s) => ({
      start: isoToDutchLocal(s.start),
      end: isoToDutchLocal(s.end),
      rrule: s.rrule ?? '',
      locationId: s.locationId ?? '',
      seats: s.seats === undefined ? '' : String(s.seats),
    })),
    url: item.url ?? '',
    keywords: item.keywords.join(', '),
  };
}

/** A new course or service of the user's organisation at its first branch, with the usual choices made. */
export function newDraft(kind: 'course' | 'service', organizationId: string, locationIds: string[]): Draft {
  return {
    id: uuidv7(),
    kind,
    organizationId,
    name: { nl: '' },
    description: { nl: '' },
    themes: [],
    audience: ['must_learn'],
    format: 'in_person',
    level: 'beginner',
    languages: 'nl',
    free: true,
    amountEur: '',
    costNote: {},
    signUpMethod: kind === 'course' ? 'registration' : 'walk_in',
    signUpUrl: '',
    signUpPhone: '',
    signUpEmail: '',
    signUpNote: {},
    bring: [],
    eligibility: {},
    status: 'active',
    locationIds,
    hours: [],
    sessions: [],
    url: '',
    keywords: '',
  };
}

/** The draft as an item document (not yet validated): empty optional fields left out. */
export function toItem(d: Draft): Record<string, unknown> {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  const amount = d.amountEur.trim() === '' ? undefined : Number(d.amountEur.replace(',', '.'));
  return {
    id: d.id,
    kind: d.kind,
    organizationId: d.organizationId,
    name: texts(d.name) ?? {},
    description: texts(d.description) ?? {},
    themes: d.themes,
    audience: d.audience,
    format: d.format,
    level: d.level,
    languages: splitList(d.languages),
    cost: { free: d.free, amountEur: d.free ? undefined : amount, note: texts(d.costNote) },
    signUp: {
      method: d.signUpMethod,
      url: opt(d.signUpUrl),
      phone: opt(d.signUpPhone),
      email: opt(d.signUpEmail),
      note: texts(d.signUpNote),
    },
    bring: d.bring,
    eligibility: texts(d.eligibility),
    status: d.status,
    locationIds: d.locationIds,
    hours: d.hours,
    sessions: d.sessions.map((s) => ({
      start: dutchLocalToIso(s.start),
      end: dutchLocalToIso(s.end),
      rrule: opt(s.rrule),
      locationId: opt(s.locationId),
      seats: s.seats.trim() === '' ? undefined : Number(s.seats),
    })),
    url: opt(d.url),
    keywords: splitList(d.keywords),
  };
}

/** Field errors keyed by dotted path ("sessions.0.end"), in plain words. */
export type Errors = Record<string, string>;

/** The draft as a valid item, or its field errors in the reader's words (console.cat.errors.*). */
export function validate(d: Draft, refs: CatalogueReferences | null, t: (k: string) => string): { item?: CatalogueItem; errors: Errors } {
  const parsed = catalogueItemSchema.safeParse(toItem(d));
  const errors: Errors = {};
  const put = (path: string, code: string) => {
    if (!errors[path]) errors[path] = t(`console.cat.errors.${code}`);
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const code =
        issue.code === 'too_small' && issue.origin === 'array'
          ? 'chooseOne'
          : issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.input === undefined)
            ? 'required'
            : issue.code === 'too_big'
              ? 'tooLong'
              : issue.code === 'invalid_value'
                ? 'choose'
                : issue.code === 'custom'
                  ? 'price'
                  : path.endsWith('rrule')
                    ? 'rrule'
                    : path.includes('sessions') && (path.endsWith('start') || path.endsWith('end'))
                      ? 'dateTime'
                      : issue.code === 'invalid_type' && issue.expected === 'number'
                        ? 'number'
                        : 'format';
      put(path, code);
    }
    return { errors };
  }
  if (refs) {
    const known = { organizations: new Set(refs.organizations.map((o) => o.id)), locations: new Set(refs.locations.map((l) => l.id)) };
    for (const issue of itemReferenceIssues(parsed.data, known)) {
      const path = issue.path.replace(/^\/item\//, '').replaceAll('/', '.');
      put(
        path,
        issue.message === 'ends before it starts'
          ? 'endBeforeStart'
          : issue.message === 'closes before it opens'
            ? 'closesBeforeOpens'
            : 'unknownPlace',
      );
    }
  }
  return Object.keys(errors).length ? { errors } : { item: parsed.data, errors };
}

/** The first error at or under a field's path. */
export function errorAt(errors: Errors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1];
}

/** The list with the value added, or taken out when it was there (a checkbox). */
export const toggled = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
