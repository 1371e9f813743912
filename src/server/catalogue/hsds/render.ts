import type { CatalogueItem, CatalogueLocation, CatalogueOrganization, CourseSession } from '../../../shared/catalogue';
import type { LocalizedText } from '../../../shared/i18n-text';
import { LIBRARY_TIME_ZONE } from '../../../shared/library-clock';
import { dutchClock, dutchIso } from './dutch-time';
import { quoted, type Row, type Tables } from './graph';
import { derivedId } from './ids';
import { BRING_DOCUMENTS, termId, type VocabularyName } from './vocabulary';

/**
 * Inloop's catalogue as HSDS 3.0 rows. Every HSDS field Inloop can fill is filled from its own
 * model; what HSDS has no field for travels in extension fields named `x_inloop_…` (HSDS allows
 * properties of one's own): translations, keywords, the sign-up page, whether an organisation
 * is the library, a session's seats and its exact RRULE. Themes, audience, kind, format, level
 * and sign-up method are attributes linking to Inloop's published taxonomies.
 *
 * `ids` maps the id Inloop would derive for a row to the id that row had in an imported file,
 * so records keep their ids.
 */

export type IdMap = Record<string, string>;

export const STATUS_TO_HSDS = { active: 'active', temporarily_closed: 'temporarily closed', ended: 'defunct' } as const;
export const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const DUTCH_TIME_ZONE = LIBRARY_TIME_ZONE;
/** HSDS's timezone for Inloop's weekly hours: Dutch standard time (the clock times follow Dutch summer time too, as x_inloop_time_zone says). */
const HOURS_UTC_OFFSET = 1;

export const idIn = (ids: IdMap, derived: string): string => ids[derived] ?? derived;

function translations(fields: Record<string, LocalizedText | undefined>): Row | undefined {
  const out: Row = {};
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const { nl: _nl, ...rest } = text;
    if (Object.keys(rest).length) out[field] = rest;
  }
  return Object.keys(out).length ? out : undefined;
}

const clock = (hhmm: string) => (hhmm.length === 5 ? `${hhmm}:00` : hhmm);

/** Weekly hours, one schedule per opening and closing time with its weekdays (`byday: "TU,TH"`). */
function hoursRows(hours: CatalogueLocation['hours'], owner: Row, ownerId: string, kind: 'walk-in' | 'opening', ids: IdMap): Row[] {
  const groups: Array<{ opens: string; closes: string; days: number[] }> = [];
  for (const h of hours) {
    const g = groups.find((x) => x.opens === h.opens && x.closes === h.closes && !x.days.includes(h.weekday));
    if (g) g.days.push(h.weekday);
    else groups.push({ opens: h.opens, closes: h.closes, days: [h.weekday] });
  }
  return groups.map((g, i) => ({
    id: idIn(ids, derivedId(ownerId, kind, String(i))),
    ...owner,
    timezone: HOURS_UTC_OFFSET,
    freq: 'WEEKLY',
    byday: [...g.days]
      .sort((a, b) => a - b)
      .map((d) => BYDAY[d - 1])
      .join(','),
    opens_at: clock(g.opens),
    closes_at: clock(g.closes),
    ...(kind === 'walk-in' ? { attending_type: 'vrije inloop' } : {}),
    x_inloop_time_zone: DUTCH_TIME_ZONE,
  }));
}

const RULE_FIELDS = [
  ['FREQ', 'freq'],
  ['INTERVAL', 'interval'],
  ['COUNT', 'count'],
  ['UNTIL', 'until'],
  ['BYDAY', 'byday'],
  ['BYMONTHDAY', 'bymonthday'],
  ['BYWEEKNO', 'byweekno'],
  ['BYYEARDAY', 'byyearday'],
  ['WKST', 'wkst'],
] as const;

/** An RRULE's parts as HSDS schedule fields (HSDS knows WEEKLY and MONTHLY; a daily rule is every weekday of a week). */
export function ruleFields(rrule: string): Row {
  const parts = Object.fromEntries(rrule.split(';').map((p) => p.split('=') as [string, string]));
  const out: Row = {};
  for (const [part, field] of RULE_FIELDS) {
    const v = parts[part];
    if (v === undefined) continue;
    if (field === 'interval' || field === 'count') out[field] = Number(v);
    else if (field === 'until') out.until = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
    else out[field] = v;
  }
  if (out.freq === 'DAILY') {
    if ((out.interval ?? 1) === 1 && out.byday === undefined) {
      out.freq = 'WEEKLY';
      out.byday = BYDAY.join(',');
    } else delete out.freq;
  }
  return out;
}

/** The RRULE HSDS schedule fields describe, parts in a fixed order. */
export function ruleOfFields(s: Row): string | undefined {
  if (typeof s.freq !== 'string' || !s.freq) return undefined;
  const parts: string[] = [];
  for (const [part, field] of RULE_FIELDS) {
    const v = s[field];
    if (v === undefined || v === null || v === '') continue;
    // A value from a file may be anything: written as JSON when not a plain value, so the rule fails its check and the record is named.
    const text = typeof v === 'object' ? quoted(v) : String(v);
    if (field === 'until') {
      const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})(Z?))?$/.exec(text);
      parts.push(`UNTIL=${m ? `${m[1]}${m[2]}${m[3]}${m[4] ? `T${m[4]}${m[5]}${m[6]}${m[7]}` : ''}` : text}`);
    } else parts.push(`${part}=${text.toUpperCase()}`);
  }
  return parts.join(';');
}

function sessionRow(item: CatalogueItem, session: CourseSession, index: number, ids: IdMap): Row {
  const startMs = Date.parse(session.start);
  const endMs = Date.parse(session.end);
  const start = dutchClock(startMs);
  // closes_at in the start's offset; a session into the next day closes "earlier" than it opens.
  const endAtStartOffset = new Date(endMs + start.offsetMinutes * 60_000).toISOString();
  const sameOrNextDay = endMs >= startMs && endMs - startMs < 86_400_000;
  const fields = session.rrule ? ruleFields(session.rrule) : {};
  const exactRule = session.rrule === undefined || ruleOfFields(fields) === session.rrule;
  const inItemPlaces = session.locationId !== undefined && item.locationIds.includes(session.locationId);
  // The exact texts, when reading the HSDS fields back would write the same moment differently.
  const endReadsBack = sameOrNextDay && dutchIso(endMs) === session.end;
  const startReadsBack = dutchIso(startMs) === session.start;
  return {
    id: idIn(ids, derivedId(item.id, 'session', String(index))),
    service_id: item.id,
    ...(session.locationId ? { location_id: session.locationId } : {}),
    ...(inItemPlaces ? { service_at_location_id: idIn(ids, derivedId(item.id, session.locationId!)) } : {}),
    dtstart: start.date,
    timezone: start.offsetMinutes / 60,
    ...fields,
    opens_at: start.time,
    closes_at: endAtStartOffset.slice(11, 19),
    ...(session.seats !== undefined ? { x_inloop_seats: session.seats } : {}),
    ...(startReadsBack ? {} : { x_inloop_start: session.start }),
    ...(endReadsBack ? {} : { x_inloop_end: session.end }),
    ...(exactRule ? {} : { x_inloop_rrule: session.rrule }),
    x_inloop_time_zone: DUTCH_TIME_ZONE,
  };
}

function feesText(cost: CatalogueItem['cost']): string {
  const note = cost.note?.nl;
  if (cost.free) return note ? `Gratis – ${note}` : 'Gratis';
  if (cost.amountEur === undefined) return note ?? '';
  const amount = `€ ${cost.amountEur.toFixed(2).replace('.', ',')}`;
  return note ? `${amount} – ${note}` : amount;
}

function attributeRow(item: CatalogueItem, vocabulary: VocabularyName, code: string, ids: IdMap): Row {
  return {
    id: idIn(ids, derivedId(item.id, 'attribute', vocabulary, code)),
    link_id: item.id,
    taxonomy_term_id: termId(vocabulary, code),
    link_entity: 'service',
  };
}

export function organizationRows(o: CatalogueOrganization, ids: IdMap = {}): Tables {
  return {
    organization: [
      {
        id: o.id,
        name: o.name,
        description: o.description?.nl ?? '',
        ...(o.email ? { email: o.email } : {}),
        ...(o.url ? { website: o.url } : {}),
        x_inloop_is_library: o.isLibrary,
        ...(translations({ description: o.description }) ? { x_inloop_translations: translations({ description: o.description }) } : {}),
      },
    ],
    phone: o.phone ? [{ id: idIn(ids, derivedId(o.id, 'phone')), organization_id: o.id, number: o.phone }] : [],
  };
}

export function locationRows(l: CatalogueLocation, ids: IdMap = {}): Tables {
  return {
    location: [{ id: l.id, location_type: 'physical', organization_id: l.organizationId, name: l.name }],
    address:
      l.address || l.city
        ? [
            {
              id: idIn(ids, derivedId(l.id, 'address')),
              location_id: l.id,
              address_1: l.address ?? '',
              city: l.city ?? '',
              state_province: l.province ?? '',
              postal_code: l.postalCode ?? '',
              country: 'NL',
              address_type: 'physical',
            },
          ]
        : [],
    schedule: hoursRows(l.hours, { location_id: l.id }, l.id, 'opening', ids),
  };
}

export function itemRows(item: CatalogueItem, ids: IdMap = {}): Tables {
  const tr = translations({
    name: item.name,
    description: item.description,
    eligibility: item.eligibility,
    cost_note: item.cost.note,
    sign_up_note: item.signUp.note,
  });
  const service: Row = {
    id: item.id,
    organization_id: item.organizationId,
    name: item.name.nl,
    description: item.description.nl,
    ...(item.url ? { url: item.url } : {}),
    ...(item.signUp.email ? { email: item.signUp.email } : {}),
    status: STATUS_TO_HSDS[item.status],
    ...(item.signUp.note ? { application_process: item.signUp.note.nl } : {}),
    fees_description: feesText(item.cost),
    ...(item.eligibility ? { eligibility_description: item.eligibility.nl } : {}),
    ...(item.keywords.length ? { x_inloop_keywords: item.keywords } : {}),
    ...(item.signUp.url ? { x_inloop_sign_up_url: item.signUp.url } : {}),
    ...(tr ? { x_inloop_translations: tr } : {}),
  };
  const costOption = item.cost.free || item.cost.amountEur !== undefined;
  const vocab: Array<[VocabularyName, string]> = [
    ...item.themes.map((t) => ['theme', t] as [VocabularyName, string]),
    ...item.audience.map((a) => ['audience', a] as [VocabularyName, string]),
    ['kind', item.kind],
    ['format', item.format],
    ['level', item.level],
    ['sign_up', item.signUp.method],
  ];
  return {
    service: [service],
    phone: item.signUp.phone ? [{ id: idIn(ids, derivedId(item.id, 'phone')), service_id: item.id, number: item.signUp.phone }] : [],
    schedule: [
      ...item.sessions.map((s, i) => sessionRow(item, s, i, ids)),
      ...hoursRows(item.hours, { service_id: item.id }, item.id, 'walk-in', ids),
    ],
    service_at_location: item.locationIds.map((loc) => ({ id: idIn(ids, derivedId(item.id, loc)), service_id: item.id, location_id: loc })),
    language: item.languages.map((code) => ({ id: idIn(ids, derivedId(item.id, 'language', code)), service_id: item.id, code })),
    cost_option: costOption
      ? [
          {
            id: idIn(ids, derivedId(item.id, 'cost')),
            service_id: item.id,
            currency: 'EUR',
            amount: item.cost.free ? 0 : item.cost.amountEur,
            ...(item.cost.note ? { amount_description: item.cost.note.nl } : {}),
            // A free item that still names a price (Inloop shows "gratis"): kept, so nothing changes on the way back.
            ...(item.cost.free && item.cost.amountEur !== undefined ? { x_inloop_amount_eur: item.cost.amountEur } : {}),
          },
        ]
      : [],
    required_document: item.bring.map((b) => ({
      id: idIn(ids, derivedId(item.id, 'bring', b)),
      service_id: item.id,
      document: BRING_DOCUMENTS[b].nl,
    })),
    attribute: vocab.map(([v, code]) => attributeRow(item, v, code, ids)),
  };
}
