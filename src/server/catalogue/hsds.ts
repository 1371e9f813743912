import type { CatalogueDocument, CatalogueItem, CatalogueLocation, CourseSession } from '../../shared/catalogue';
import type { LocalizedText } from '../../shared/i18n-text';
import type { ImportIssue, RawEntity } from './validate';

/**
 * The catalogue in Open Referral HSDS 3.0 shape: organizations, services,
 * locations, service_at_locations and schedules (RFC 5545 fields). Every HSDS
 * field we can fill is filled from our model; what HSDS has no field for
 * (translations, kind, themes as our codes, sign-up method, keywords, …) travels in
 * an `x_inloop` extension object, so an export imports back to the same catalogue.
 * A file from another HSDS system imports too: without `x_inloop` the standard
 * fields are read (Dutch text, status, schedules, attributes for themes).
 */

export const HSDS_VERSION = '3.0';
const TIMEZONE = 'Europe/Amsterdam';
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const STATUS_TO_HSDS = { active: 'active', temporarily_closed: 'temporarily closed', ended: 'defunct' } as const;
const STATUS_FROM_HSDS: Record<string, CatalogueItem['status']> = { active: 'active', 'temporarily closed': 'temporarily_closed', inactive: 'temporarily_closed', defunct: 'ended' };
const THEME_TAXONOMY = 'inloop-theme';
const AUDIENCE_TAXONOMY = 'inloop-audience';

type Json = Record<string, unknown>;

/** A stable id for a derived HSDS record (service_at_location, schedule, …): a UUID-shaped hash of its parts. */
function derivedId(...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const s = parts.join('|');
  const out: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < s.length; i++) {
      h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619) >>> 0;
      h2 = Math.imul(h2 ^ (s.charCodeAt(i) + round), 2246822519) >>> 0;
    }
    out.push((h1 ^ (h2 >>> 7) ^ round) >>> 0);
  }
  const hex = out.map((n) => n.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function translations(text: LocalizedText | undefined): Json | undefined {
  if (!text) return undefined;
  const { nl: _nl, ...rest } = text;
  return Object.keys(rest).length ? rest : undefined;
}

function hhmmOf(iso: string): string {
  return iso.slice(11, 16);
}

function rruleParts(rrule: string | undefined): Json {
  if (!rrule) return {};
  const out: Json = {};
  for (const part of rrule.split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined) continue;
    const k = key.toLowerCase();
    if (k === 'count' || k === 'interval') out[k] = Number(value);
    else if (k === 'freq') out.freq = value;
    else if (k === 'until') out.until = value;
    else if (k === 'byday') out.byday = value;
    else if (k === 'bymonthday') out.bymonthday = value;
    else out[`x_${k}`] = value;
  }
  return out;
}

function sessionSchedule(itemId: string, session: CourseSession, index: number): Json {
  const derivedEnd = session.start.slice(0, 11) + session.end.slice(11, 16) + session.start.slice(16);
  return {
    id: derivedId(itemId, 'session', String(index)),
    service_id: itemId,
    ...(session.locationId ? { location_id: session.locationId, service_at_location_id: derivedId(itemId, session.locationId) } : {}),
    dtstart: session.start,
    valid_from: session.start.slice(0, 10),
    timezone: TIMEZONE,
    ...rruleParts(session.rrule),
    opens_at: hhmmOf(session.start),
    closes_at: hhmmOf(session.end),
    attending_type: 'course session',
    ...(session.seats !== undefined ? { notes: `${session.seats} seats` } : {}),
    x_inloop: { kind: 'session', ...(session.seats !== undefined ? { seats: session.seats } : {}), ...(derivedEnd !== session.end ? { end: session.end } : {}) },
  };
}

function hoursSchedules(owner: { service_id?: string; location_id?: string }, hours: CatalogueLocation['hours'], kind: string): Json[] {
  return hours.map((h, i) => ({
    id: derivedId(owner.service_id ?? owner.location_id ?? '', kind, String(i)),
    ...owner,
    timezone: TIMEZONE,
    freq: 'WEEKLY',
    byday: BYDAY[h.weekday - 1],
    opens_at: h.opens,
    closes_at: h.closes,
    attending_type: kind === 'walk-in' ? 'walk-in' : 'opening hours',
  }));
}

export function toHsds(doc: CatalogueDocument): Json {
  const services = doc.items.map((item) => {
    const schedules = [...item.sessions.map((s, i) => sessionSchedule(item.id, s, i)), ...hoursSchedules({ service_id: item.id }, item.hours, 'walk-in')];
    return {
      id: item.id,
      organization_id: item.organizationId,
      name: item.name.nl,
      description: item.description.nl,
      url: item.url,
      email: item.signUp.email,
      status: STATUS_TO_HSDS[item.status],
      eligibility_description: item.eligibility?.nl,
      application_process: item.signUp.note?.nl,
      fees_description: item.cost.free ? 'gratis' : `€ ${item.cost.amountEur!.toFixed(2).replace('.', ',')}${item.cost.note ? ` – ${item.cost.note.nl}` : ''}`,
      languages: item.languages.map((code) => ({ id: derivedId(item.id, 'language', code), service_id: item.id, code })),
      phones: item.signUp.phone ? [{ id: derivedId(item.id, 'phone'), service_id: item.id, number: item.signUp.phone }] : [],
      required_documents: item.bring.map((b) => ({ id: derivedId(item.id, 'bring', b), service_id: item.id, document: b })),
      schedules,
      attributes: [
        ...item.themes.map((t) => ({ id: derivedId(item.id, 'theme', t), link_id: item.id, link_type: 'service', taxonomy_term: { id: derivedId('theme', t), code: t, name: t, taxonomy: THEME_TAXONOMY } })),
        ...item.audience.map((a) => ({ id: derivedId(item.id, 'audience', a), link_id: item.id, link_type: 'service', taxonomy_term: { id: derivedId('audience', a), code: a, name: a, taxonomy: AUDIENCE_TAXONOMY } })),
      ],
      x_inloop: {
        kind: item.kind,
        format: item.format,
        level: item.level,
        name: translations(item.name),
        description: translations(item.description),
        eligibility: translations(item.eligibility),
        cost: item.cost,
        signUp: { method: item.signUp.method, url: item.signUp.url, note: item.signUp.note },
        keywords: item.keywords,
        locationIds: item.locationIds,
      },
    };
  });
  const serviceAtLocations = doc.items.flatMap((item) => item.locationIds.map((loc) => ({ id: derivedId(item.id, loc), service_id: item.id, location_id: loc })));
  return {
    hsds_version: HSDS_VERSION,
    generator: 'Inloop',
    organizations: doc.organizations.map((o) => ({
      id: o.id,
      name: o.name,
      description: o.description?.nl ?? '',
      website: o.url,
      email: o.email,
      phones: o.phone ? [{ id: derivedId(o.id, 'phone'), organization_id: o.id, number: o.phone }] : [],
      x_inloop: { isLibrary: o.isLibrary, description: translations(o.description) },
    })),
    locations: doc.locations.map((l) => ({
      id: l.id,
      location_type: 'physical',
      organization_id: l.organizationId,
      name: l.name,
      addresses: l.address || l.city ? [{ id: derivedId(l.id, 'address'), location_id: l.id, address_1: l.address ?? '', city: l.city ?? '', country: 'NL', address_type: 'physical' }] : [],
      schedules: hoursSchedules({ location_id: l.id }, l.hours, 'opening'),
    })),
    services,
    service_at_locations: serviceAtLocations,
  };
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * A value from the file written into a text we build (an RRULE, a fee). String() would throw on an
 * object like {"toString": 1}; an object or list is written as JSON instead, so the result
 * fails its format check and the row is named, rather than the import failing.
 */
function scalarText(v: unknown): string {
  if (typeof v !== 'object' || v === null) return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return '[nested too deep]';
  }
}

function localized(nl: unknown, rest: unknown): unknown {
  if (nl === undefined && rest === undefined) return undefined;
  return { ...(isObj(rest) ? rest : {}), ...(nl !== undefined ? { nl } : {}) };
}

function prune<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function sessionFromSchedule(s: Json): unknown {
  const x = isObj(s.x_inloop) ? s.x_inloop : {};
  const start = s.dtstart;
  let end: unknown = x.end;
  if (end === undefined && typeof start === 'string' && typeof s.closes_at === 'string') end = start.slice(0, 11) + s.closes_at.slice(0, 5) + start.slice(16);
  let rrule: string | undefined;
  if (typeof s.freq === 'string' && s.freq) {
    const parts = [`FREQ=${s.freq}`];
    if (s.interval !== undefined) parts.push(`INTERVAL=${scalarText(s.interval)}`);
    if (s.byday !== undefined) parts.push(`BYDAY=${scalarText(s.byday)}`);
    if (s.bymonthday !== undefined) parts.push(`BYMONTHDAY=${scalarText(s.bymonthday)}`);
    if (s.count !== undefined) parts.push(`COUNT=${scalarText(s.count)}`);
    if (s.until !== undefined) parts.push(`UNTIL=${scalarText(s.until)}`);
    rrule = parts.join(';');
  }
  return prune({ start, end, rrule, locationId: str(s.location_id), seats: x.seats });
}

function hoursFromSchedule(s: Json): unknown {
  const day = typeof s.byday === 'string' ? BYDAY.indexOf(s.byday.trim().toUpperCase() as (typeof BYDAY)[number]) + 1 : 0;
  return { weekday: day || s.byday, opens: typeof s.opens_at === 'string' ? s.opens_at.slice(0, 5) : s.opens_at, closes: typeof s.closes_at === 'string' ? s.closes_at.slice(0, 5) : s.closes_at };
}

/** Reads an HSDS document into our entities, row by row; structural problems become issues. */
export function fromHsds(input: unknown): { raws: RawEntity[]; issues: ImportIssue[] } {
  const raws: RawEntity[] = [];
  const issues: ImportIssue[] = [];
  if (!isObj(input)) return { raws, issues: [{ row: '(file)', field: '(document)', reason: 'expected a JSON object with organizations, locations and services' }] };
  for (const key of ['organizations', 'locations', 'services'] as const) {
    if (input[key] !== undefined && !Array.isArray(input[key])) issues.push({ row: '(file)', field: key, reason: 'expected a list' });
  }
  const salByService = new Map<string, string[]>();
  arr(input.service_at_locations).forEach((sal, i) => {
    if (!isObj(sal) || typeof sal.service_id !== 'string' || typeof sal.location_id !== 'string') {
      issues.push({ row: `service_at_locations[${i}]`, field: 'service_id/location_id', reason: 'expected both a service_id and a location_id' });
      return;
    }
    salByService.set(sal.service_id, [...(salByService.get(sal.service_id) ?? []), sal.location_id]);
  });

  arr(input.organizations).forEach((o, i) => {
    const row = `organizations[${i}]`;
    if (!isObj(o)) return issues.push({ row, field: '(record)', reason: 'expected an object' });
    const x = isObj(o.x_inloop) ? o.x_inloop : {};
    raws.push({
      entity: 'organization',
      row,
      data: prune({
        id: o.id,
        name: o.name,
        description: str(o.description) ? localized(o.description, x.description) : undefined,
        url: str(o.website) ?? str(o.url),
        phone: isObj(arr(o.phones)[0]) ? (arr(o.phones)[0] as Json).number : undefined,
        email: str(o.email),
        isLibrary: x.isLibrary ?? false,
      }),
    });
  });

  arr(input.locations).forEach((l, i) => {
    const row = `locations[${i}]`;
    if (!isObj(l)) return issues.push({ row, field: '(record)', reason: 'expected an object' });
    const address = isObj(arr(l.addresses)[0]) ? (arr(l.addresses)[0] as Json) : {};
    raws.push({
      entity: 'location',
      row,
      data: prune({
        id: l.id,
        organizationId: l.organization_id,
        name: l.name,
        address: str(address.address_1),
        city: str(address.city),
        hours: arr(l.schedules).filter(isObj).map(hoursFromSchedule),
      }),
    });
  });

  arr(input.services).forEach((s, i) => {
    const row = `services[${i}]`;
    if (!isObj(s)) return issues.push({ row, field: '(record)', reason: 'expected an object' });
    const x = isObj(s.x_inloop) ? s.x_inloop : {};
    const schedules = arr(s.schedules).filter(isObj);
    const sessions = schedules.filter((sc) => sc.dtstart !== undefined).map(sessionFromSchedule);
    const hours = schedules.filter((sc) => sc.dtstart === undefined).map(hoursFromSchedule);
    const terms = (taxonomy: string) =>
      arr(s.attributes)
        .filter(isObj)
        .map((a) => (isObj(a.taxonomy_term) ? a.taxonomy_term : {}))
        .filter((t) => t.taxonomy === taxonomy)
        .map((t) => t.code ?? t.name);
    const xSignUp = isObj(x.signUp) ? x.signUp : {};
    const status = typeof s.status === 'string' ? (STATUS_FROM_HSDS[s.status] ?? s.status) : s.status;
    const locationIds = Array.isArray(x.locationIds) ? x.locationIds : ((typeof s.id === 'string' ? salByService.get(s.id) : undefined) ?? []);
    const phone = isObj(arr(s.phones)[0]) ? (arr(s.phones)[0] as Json).number : undefined;
    raws.push({
      entity: 'item',
      row,
      data: prune({
        id: s.id,
        kind: x.kind ?? (sessions.length ? 'course' : 'service'),
        organizationId: s.organization_id,
        name: localized(s.name, x.name),
        description: localized(s.description, x.description),
        themes: terms(THEME_TAXONOMY),
        audience: terms(AUDIENCE_TAXONOMY).length ? terms(AUDIENCE_TAXONOMY) : ['must_learn'],
        format: x.format ?? 'in_person',
        level: x.level ?? 'all',
        languages: arr(s.languages).map((l) => (isObj(l) ? l.code : l)),
        cost: x.cost ?? { free: /^(gratis|free|0)?$/i.test(scalarText(s.fees_description ?? '').trim()) },
        signUp: prune({
          method: xSignUp.method ?? 'walk_in',
          url: xSignUp.url,
          phone,
          email: str(s.email),
          note: str(s.application_process) ? localized(s.application_process, translations(xSignUp.note as LocalizedText | undefined)) : undefined,
        }),
        bring: arr(s.required_documents).map((d) => (isObj(d) ? d.document : d)),
        eligibility: str(s.eligibility_description) ? localized(s.eligibility_description, x.eligibility) : undefined,
        status,
        locationIds,
        hours,
        sessions,
        url: str(s.url),
        keywords: Array.isArray(x.keywords) ? x.keywords : [],
      }),
    });
  });
  return { raws, issues };
}
