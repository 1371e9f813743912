import type { CatalogueItem } from '../../../shared/catalogue';
import { LANGUAGES } from '../../../shared/i18n-text';
import { webUrl, z } from '../../../shared/zod';
import type { ImportIssue, RawEntity } from '../validate';
import { dutchClock, dutchIso, momentOf } from './dutch-time';
import { RowIndex, isRecord, quoted, type Row, type Tables } from './graph';
import { derivedId } from './ids';
import { BYDAY, DUTCH_TIME_ZONE, ruleOfFields, type IdMap } from './render';
import { HSDS_TABLES, type TableName } from './tables';
import {
  VOCABULARIES,
  bringOfDocument,
  inloopTermOfId,
  isInloopVocabularyRow,
  themeOfForeignTerm,
  vocabularyOfTaxonomy,
  type VocabularyName,
} from './vocabulary';

/**
 * HSDS rows (from any packaging) read into Inloop's catalogue. Each row is given to the
 * organisation, location or service it belongs to, so what Inloop does not show stays with that
 * item and goes back out with it; rows that belong to nothing in the file cannot be kept and are
 * counted in the report. Inloop's own fields come from its extension fields and taxonomies when
 * the file has them, and otherwise from the standard fields, with defaults a coordinator can
 * change (themes they do not match go under "Nog niet ingedeeld").
 */

export interface NotKept {
  /** The table, or table.field for a field of a record. */
  field: string;
  count: number;
  reason: string;
}

export interface HsdsReading {
  raws: RawEntity[];
  /** Per entity id: the rows of the file that belong to it. */
  owned: Map<string, Tables>;
  /** Per entity id: derived id → the id the file gave that record. */
  ids: Map<string, IdMap>;
  issues: ImportIssue[];
  /** What the coordinator should know but does not stop the import. */
  notes: ImportIssue[];
  notKept: NotKept[];
}

const STATUS_FROM_HSDS: Record<string, CatalogueItem['status']> = {
  active: 'active',
  'temporarily closed': 'temporarily_closed',
  inactive: 'temporarily_closed',
  defunct: 'ended',
};
const INLOOP_PHONE = /^\+?[0-9 ()-]{6,20}$/;
const emailSchema = z.email();
const urlSchema = webUrl();
const FREE_WORDS = /^(gratis|free|kosteloos|geen kosten|no cost|none|0|€ ?0([,.]00)?)$/i;

/** A file's value in a message or a text Inloop builds, whatever it is. */
const txt = (v: unknown): string => (typeof v === 'object' && v !== null ? quoted(v) : String(v));
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const validUrl = (v: unknown) => (typeof v === 'string' && urlSchema.safeParse(v).success ? v : undefined);
const validEmail = (v: unknown) => (typeof v === 'string' && emailSchema.safeParse(v.trim()).success ? v.trim() : undefined);
const validPhone = (v: unknown) => (typeof v === 'string' && INLOOP_PHONE.test(v.trim()) ? v.trim() : undefined);

/** An extension value: an object or list in JSON, its JSON text in a CSV cell. */
function jsonValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

function localized(nl: unknown, extra: unknown): Row | undefined {
  if (nl === undefined) return undefined;
  const out: Row = { nl };
  if (isRecord(extra)) for (const lang of LANGUAGES) if (lang !== 'nl' && typeof extra[lang] === 'string') out[lang] = extra[lang];
  return out;
}

interface Context {
  index: RowIndex;
  tables: Tables;
  where: (table: TableName, id: string) => string;
  notes: ImportIssue[];
  known: { organizations: Set<string>; locations: Set<string> };
}

/** A time zone: Dutch when said so (Inloop's own files), else the UTC offset in minutes (UTC when none, as HSDS says). */
function zoneOf(s: Row): 'dutch' | number {
  if (s.x_inloop_time_zone === DUTCH_TIME_ZONE || s.timezone === DUTCH_TIME_ZONE) return 'dutch';
  const tz =
    typeof s.timezone === 'number'
      ? s.timezone
      : typeof s.timezone === 'string' && /^[+-]?\d+(\.\d+)?$/.test(s.timezone.trim())
        ? Number(s.timezone)
        : 0;
  return Math.round(tz * 60);
}

/** "10:00", "10:00:00", "10:00Z", "09:00-05:00": the clock time and the offset it names, if any. */
function clockOf(v: unknown): { time: string; offset?: number } | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v.trim());
  if (!m) return undefined;
  const time = `${m[1]!.padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}`;
  if (!m[4]) return { time };
  if (m[4] === 'Z') return { time, offset: 0 };
  const sign = m[4][0] === '-' ? -1 : 1;
  const [h, mm] = [Number(m[4].slice(1, 3)), Number(m[4].slice(-2) === m[4].slice(1, 3) ? 0 : m[4].slice(-2))];
  return { time, offset: sign * (h * 60 + mm) };
}

/** A course session from a dated schedule: the moment kept, written in Dutch time. */
function sessionOf(s: Row, at: string, ctx: Context): { session?: Row; problem?: ImportIssue } {
  const zone = zoneOf(s);
  const dt = txt(s.dtstart);
  const dateMatch = /^(\d{4}-\d{2}-\d{2})(?:T(.+))?$/.exec(dt);
  if (!dateMatch)
    return { problem: { row: at, field: 'dtstart', reason: `${JSON.stringify(dt).slice(0, 40)} is not a date like 2027-01-12` } };
  const opens = clockOf(s.opens_at) ?? (dateMatch[2] ? clockOf(dateMatch[2]) : undefined) ?? { time: '00:00:00' };
  const closes = clockOf(s.closes_at);
  const offsetAt = (c: { offset?: number }, date: string, time: string): number | undefined => {
    if (c.offset !== undefined) return c.offset;
    if (zone !== 'dutch') return zone;
    // Dutch clock time: the offset of that day.
    const guess = momentOf(date, time, 60);
    return guess === undefined ? undefined : dutchClock(guess - 3_600_000).offsetMinutes;
  };
  const date = dateMatch[1]!;
  const startOffset = offsetAt(opens, date, opens.time);
  const startMs = startOffset === undefined ? undefined : momentOf(date, opens.time, startOffset);
  if (startMs === undefined)
    return { problem: { row: at, field: 'opens_at', reason: `${JSON.stringify(s.opens_at ?? dt).slice(0, 40)} is not a time like 10:00` } };
  let endMs = startMs;
  if (closes) {
    const endOffset = closes.offset ?? startOffset!;
    endMs = momentOf(date, closes.time, endOffset)!;
    if (endMs < startMs) endMs += 86_400_000;
  } else ctx.notes.push({ row: at, field: 'closes_at', reason: 'no closing time: the session is shown without an end' });
  if (typeof zone === 'number' && opens.offset === undefined && s.timezone === undefined) {
    ctx.notes.push({ row: at, field: 'timezone', reason: 'no time zone: read as UTC, as HSDS says, and shown in Dutch time' });
  }
  const sameMoment = (text: unknown, ms: number) => typeof text === 'string' && Date.parse(text) === ms;
  const session: Row = {
    start: sameMoment(s.x_inloop_start, startMs) ? s.x_inloop_start : dutchIso(startMs),
    end:
      typeof s.x_inloop_end === 'string' && (!closes || sameMoment(s.x_inloop_end, endMs) || endMs === startMs)
        ? s.x_inloop_end
        : isRecord(s.x_inloop) && typeof s.x_inloop.end === 'string'
          ? s.x_inloop.end
          : dutchIso(endMs),
  };
  const fromFields = ruleOfFields(s);
  const stated = typeof s.x_inloop_rrule === 'string' ? s.x_inloop_rrule : undefined;
  // Inloop's own rule text wins only while it says what the HSDS fields say (another tool may have changed them).
  const rule = stated && fromFields && sameRule(stated, fromFields) ? stated : fromFields;
  if (rule) session.rrule = rule;
  if (typeof s.location_id === 'string' && (ctx.index.get('location', s.location_id) || ctx.known.locations.has(s.location_id)))
    session.locationId = s.location_id;
  const legacy = isRecord(s.x_inloop) ? s.x_inloop : {};
  const seats = typeof s.x_inloop_seats === 'string' ? Number(s.x_inloop_seats) : (s.x_inloop_seats ?? legacy.seats);
  if (seats !== undefined) session.seats = seats;
  return { session };
}

function sameRule(a: string, b: string): boolean {
  const parts = (r: string) => {
    const p = Object.fromEntries(r.split(';').map((x) => x.split('=') as [string, string]));
    if (p.UNTIL) p.UNTIL = p.UNTIL.slice(0, 8);
    if (p.FREQ === 'DAILY' && !p.BYDAY) Object.assign(p, { FREQ: 'WEEKLY', BYDAY: BYDAY.join(',') });
    return JSON.stringify(Object.entries(p).sort());
  };
  return parts(a) === parts(b);
}

/** Weekly hours from an undated schedule: one entry per weekday in byday, in Dutch clock time. */
function hoursOf(s: Row, at: string, ctx: Context): Row[] {
  const days = (typeof s.byday === 'string' ? s.byday : '')
    .split(',')
    .map((d) => BYDAY.indexOf(d.trim().toUpperCase().slice(-2) as (typeof BYDAY)[number]) + 1)
    .filter((d) => d > 0);
  const opens = clockOf(s.opens_at);
  const closes = clockOf(s.closes_at);
  if (!days.length || !opens || !closes) return [];
  const zone = zoneOf(s);
  // Undated hours cannot follow summer time from a fixed offset: the Dutch offsets (UTC+1, +2)
  // are taken as Dutch clock time; another offset is converted to Dutch standard time.
  const offset = opens.offset ?? (zone === 'dutch' ? 60 : zone);
  const shift = offset === 60 || offset === 120 ? 0 : 60 - offset;
  if (shift)
    ctx.notes.push({
      row: at,
      field: 'timezone',
      reason: `opening hours at UTC${offset >= 0 ? '+' : ''}${offset / 60} shown ${shift > 0 ? shift / 60 : shift / 60} hour(s) later in Dutch (winter) time`,
    });
  const moved = (t: string) => {
    const mins = Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)) + shift;
    const dayShift = Math.floor(mins / 1440);
    const m = ((mins % 1440) + 1440) % 1440;
    return { hhmm: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`, dayShift };
  };
  const o = moved(opens.time);
  const c = moved(closes.time);
  return days.map((d) => ({ weekday: ((d - 1 + o.dayShift + 7) % 7) + 1, opens: o.hhmm, closes: c.hhmm }));
}

export function readHsdsRows(
  tables: Tables,
  where: (table: TableName, id: string) => string,
  known: { organizations: Set<string>; locations: Set<string> },
): HsdsReading {
  const index = new RowIndex(tables);
  const notes: ImportIssue[] = [];
  const issues: ImportIssue[] = [];
  const ctx: Context = { index, tables, where, notes, known };
  const rows = (t: TableName) => tables[t] ?? [];
  const orgIds = new Set(rows('organization').map((r) => String(r.id)));
  const locIds = new Set(rows('location').map((r) => String(r.id)));
  const svcIds = new Set(rows('service').map((r) => String(r.id)));
  const byAnyId = new Map<string, [TableName, Row]>();
  for (const t of HSDS_TABLES)
    for (const r of rows(t.name)) if (typeof r.id === 'string' && !byAnyId.has(r.id)) byAnyId.set(r.id, [t.name, r]);

  // Who each row belongs to.
  const ownerCache = new Map<Row, string | null>();
  const svc = (id: unknown) => (typeof id === 'string' && svcIds.has(id) ? id : undefined);
  const org = (id: unknown) => (typeof id === 'string' && orgIds.has(id) ? id : undefined);
  const loc = (id: unknown) => (typeof id === 'string' && locIds.has(id) ? id : undefined);
  const via = (t: TableName, id: unknown): string | undefined => {
    const r = index.get(t, id);
    return r ? ownerOf(t, r) : undefined;
  };
  const ownerOf = (t: TableName, r: Row): string | undefined => {
    if (ownerCache.has(r)) return ownerCache.get(r) ?? undefined;
    ownerCache.set(r, null); // a loop of links belongs to nothing
    let o: string | undefined;
    switch (t) {
      case 'organization':
      case 'location':
      case 'service':
        o = String(r.id);
        break;
      case 'service_at_location':
        o = svc(r.service_id);
        break;
      case 'schedule':
        o = svc(r.service_id) ?? via('service_at_location', r.service_at_location_id) ?? loc(r.location_id);
        break;
      case 'phone':
        o =
          via('contact', r.contact_id) ??
          via('service_at_location', r.service_at_location_id) ??
          svc(r.service_id) ??
          loc(r.location_id) ??
          org(r.organization_id);
        break;
      case 'contact':
        o = via('service_at_location', r.service_at_location_id) ?? svc(r.service_id) ?? loc(r.location_id) ?? org(r.organization_id);
        break;
      case 'language':
        o = via('phone', r.phone_id) ?? svc(r.service_id) ?? loc(r.location_id);
        break;
      case 'address':
      case 'accessibility':
        o = loc(r.location_id);
        break;
      case 'cost_option':
      case 'required_document':
      case 'service_area':
        o = svc(r.service_id);
        break;
      case 'funding':
        o = svc(r.service_id) ?? org(r.organization_id);
        break;
      case 'program':
        o = org(r.organization_id) ?? (rows('service').find((s) => s.program_id === r.id)?.id as string | undefined);
        break;
      case 'organization_identifier':
        o = org(r.organization_id);
        break;
      case 'attribute':
      case 'metadata': {
        const target = byAnyId.get(txt(t === 'attribute' ? r.link_id : r.resource_id));
        o = target && target[1] !== r ? ownerOf(target[0], target[1]) : undefined;
        break;
      }
      default:
        o = undefined;
    }
    ownerCache.set(r, o ?? null);
    return o;
  };

  const owned = new Map<string, Tables>();
  const give = (owner: string, t: TableName, r: Row) => {
    const tablesOf = owned.get(owner) ?? {};
    owned.set(owner, tablesOf);
    const list = (tablesOf[t] ??= []);
    if (!list.includes(r)) list.push(r);
  };
  const notKeptCount = new Map<string, NotKept>();
  const lose = (field: string, reason: string) => {
    const k = `${field}|${reason}`;
    const e = notKeptCount.get(k);
    if (e) e.count++;
    else notKeptCount.set(k, { field, count: 1, reason });
  };
  const usedTerms = new Set<Row>();
  const usedTaxonomies = new Set<Row>();
  for (const t of HSDS_TABLES) {
    if (t.name === 'taxonomy_term' || t.name === 'taxonomy') continue;
    for (const r of rows(t.name)) {
      const o = ownerOf(t.name, r);
      if (o === undefined) {
        lose(t.path.replace(/\.csv$/, ''), 'belongs to no organisation, location or service in the file');
        continue;
      }
      give(o, t.name, r);
      if (t.name === 'attribute') {
        const term = index.get('taxonomy_term', r.taxonomy_term_id);
        // Inloop's own taxonomies go out with every export; only another system's terms are kept with the item.
        if (term && !isInloopVocabularyRow('taxonomy_term', term.id)) {
          give(o, 'taxonomy_term', term);
          usedTerms.add(term);
          const taxonomy = index.get('taxonomy', term.taxonomy_id);
          if (taxonomy && !isInloopVocabularyRow('taxonomy', taxonomy.id)) {
            give(o, 'taxonomy', taxonomy);
            usedTaxonomies.add(taxonomy);
          }
        }
      }
    }
  }
  for (const r of rows('taxonomy_term'))
    if (!usedTerms.has(r) && !isInloopVocabularyRow('taxonomy_term', r.id))
      lose('taxonomy_terms', 'no attribute of a service, location or organisation in the file uses it');
  for (const r of rows('taxonomy')) {
    if (
      usedTaxonomies.has(r) ||
      rows('taxonomy_term').some((t) => t.taxonomy_id === r.id && usedTerms.has(t)) ||
      isInloopVocabularyRow('taxonomy', r.id)
    )
      continue;
    lose('taxonomies', 'no term a record in the file uses belongs to it');
  }

  const raws: RawEntity[] = [];
  const idMaps = new Map<string, IdMap>();
  const mapId = (owner: string, derived: string, original: unknown) => {
    if (typeof original !== 'string' || derived === original) return;
    const m = idMaps.get(owner) ?? {};
    idMaps.set(owner, m);
    if (!Object.values(m).includes(original)) m[derived] ??= original;
  };
  const ownedRows = (owner: string, t: TableName) => owned.get(owner)?.[t] ?? [];

  for (const o of rows('organization')) {
    const id = String(o.id);
    // Inloop's files from before the HSDS packagings carried an `x_inloop` object instead.
    const legacy = isRecord(o.x_inloop) ? o.x_inloop : {};
    const tr = isRecord(jsonValue(o.x_inloop_translations))
      ? (jsonValue(o.x_inloop_translations) as Row)
      : { description: legacy.description };
    const phones = ownedRows(id, 'phone').filter(
      (p) => p.organization_id === id && !p.contact_id && !p.service_id && !p.location_id && !p.service_at_location_id,
    );
    const phone = phones.find((p) => validPhone(p.number));
    if (phone) mapId(id, derivedId(id, 'phone'), phone.id);
    raws.push({
      entity: 'organization',
      row: where('organization', id),
      data: prune({
        id,
        name: o.name,
        description: str(o.description) ? localized(o.description, tr.description) : undefined,
        url: validUrl(o.website),
        phone: phone ? validPhone(phone.number) : undefined,
        email: validEmail(o.email),
        isLibrary: o.x_inloop_is_library === true || o.x_inloop_is_library === 'true' || legacy.isLibrary === true,
      }),
    });
  }

  for (const l of rows('location')) {
    const id = String(l.id);
    const addresses = ownedRows(id, 'address');
    const address = addresses.find((a) => a.address_type === 'physical') ?? addresses[0];
    if (address) mapId(id, derivedId(id, 'address'), address.id);
    let organizationId = l.organization_id;
    if (typeof organizationId !== 'string' || !(orgIds.has(organizationId) || known.organizations.has(organizationId))) {
      const sal = rows('service_at_location').find((x) => x.location_id === id && svcIds.has(String(x.service_id)));
      const fallback = sal ? index.get('service', sal.service_id)?.organization_id : undefined;
      if (typeof fallback === 'string' && (orgIds.has(fallback) || known.organizations.has(fallback))) {
        notes.push({
          row: where('location', id),
          field: 'organization_id',
          reason: `${organizationId === undefined ? 'no organisation given' : `organisation ${txt(organizationId)} is not in the file`}: shown under the organisation of the service held there (the file's value is kept for export)`,
        });
        organizationId = fallback;
      }
    }
    const hoursSchedules = ownedRows(id, 'schedule').filter(
      (s) => s.location_id === id && !s.service_id && !s.service_at_location_id && s.dtstart === undefined,
    );
    const hours = mapHours(id, hoursSchedules, 'opening', ctx, mapId);
    raws.push({
      entity: 'location',
      row: where('location', id),
      data: prune({
        id,
        organizationId,
        name: l.name,
        address: address ? joinAddress(address) : undefined,
        city: address ? str(address.city) : undefined,
        postalCode: address ? str(address.postal_code) : undefined,
        province: address ? str(address.state_province) : undefined,
        hours,
      }),
    });
  }

  for (const s of rows('service')) {
    const id = String(s.id);
    const at = where('service', id);
    // Inloop's files from before the HSDS packagings carried an `x_inloop` object instead.
    const legacy = isRecord(s.x_inloop) ? s.x_inloop : {};
    const legacySignUp = isRecord(legacy.signUp) ? legacy.signUp : {};
    const legacyNote = (v: unknown) => (isRecord(v) ? v : undefined);
    const tr = isRecord(jsonValue(s.x_inloop_translations))
      ? (jsonValue(s.x_inloop_translations) as Row)
      : {
          name: legacy.name,
          description: legacy.description,
          eligibility: legacy.eligibility,
          sign_up_note: legacyNote(legacySignUp.note),
          cost_note: isRecord(legacy.cost) ? legacyNote(legacy.cost.note) : undefined,
        };
    const attributes = ownedRows(id, 'attribute').filter((a) => a.link_id === id);
    const inloopCodes = (vocabulary: VocabularyName): string[] => {
      const out: string[] = [];
      for (const a of attributes) {
        // One of Inloop's own terms is known by its id, whatever the file says its code is.
        const own = inloopTermOfId(a.taxonomy_term_id);
        const term = index.get('taxonomy_term', a.taxonomy_term_id);
        const code = own
          ? own.vocabulary === vocabulary
            ? own.code
            : undefined
          : term && vocabularyOfTaxonomy(term.taxonomy_id) === vocabulary
            ? term.code
            : undefined;
        if (typeof code === 'string' && code in VOCABULARIES[vocabulary].terms && !out.includes(code)) {
          out.push(code);
          mapId(id, derivedId(id, 'attribute', vocabulary, code), a.id);
        }
      }
      return out;
    };
    let themes = inloopCodes('theme');
    // Inloop's theme taxonomy of before the HSDS packagings: terms with the code, taxonomy "inloop-theme".
    for (const a of attributes) {
      const term = index.get('taxonomy_term', a.taxonomy_term_id);
      if (
        term?.taxonomy === 'inloop-theme' &&
        typeof term.code === 'string' &&
        term.code in VOCABULARIES.theme.terms &&
        !themes.includes(term.code)
      )
        themes.push(term.code);
    }
    if (!themes.length) {
      for (const a of attributes) {
        const term = index.get('taxonomy_term', a.taxonomy_term_id);
        const theme = term && !vocabularyOfTaxonomy(term.taxonomy_id) && !inloopTermOfId(term.id) ? themeOfForeignTerm(term) : undefined;
        if (theme && !themes.includes(theme)) themes.push(theme);
      }
      if (!themes.length) {
        themes = ['unsorted'];
        notes.push({
          row: at,
          field: 'attributes',
          reason: `no taxonomy term matched a theme: put under "${VOCABULARIES.theme.terms.unsorted.nl}" for a coordinator to sort in the console`,
        });
      }
    }
    const audience = inloopCodes('audience');
    // Inloop's audience taxonomy of before the HSDS packagings: terms with the code, taxonomy "inloop-audience".
    for (const a of attributes) {
      const term = index.get('taxonomy_term', a.taxonomy_term_id);
      if (
        term?.taxonomy === 'inloop-audience' &&
        typeof term.code === 'string' &&
        term.code in VOCABULARIES.audience.terms &&
        !audience.includes(term.code)
      )
        audience.push(term.code);
    }
    const [kind = typeof legacy.kind === 'string' ? legacy.kind : undefined] = inloopCodes('kind');
    const [format = typeof legacy.format === 'string' ? legacy.format : undefined] = inloopCodes('format');
    const [level = typeof legacy.level === 'string' ? legacy.level : undefined] = inloopCodes('level');
    const [method = typeof legacySignUp.method === 'string' ? legacySignUp.method : undefined] = inloopCodes('sign_up');

    const schedules = ownedRows(id, 'schedule').filter((x) => x.service_id === id);
    const sessions: Row[] = [];
    const hourSchedules: Row[] = [];
    schedules.forEach((sc) => {
      if (sc.dtstart !== undefined && sc.dtstart !== '') {
        const { session, problem } = sessionOf(sc, `${at} schedule ${String(sc.id)}`, ctx);
        if (problem) issues.push(problem);
        if (session) {
          mapId(id, derivedId(id, 'session', String(sessions.length)), sc.id);
          sessions.push(session);
        }
      } else hourSchedules.push(sc);
    });
    const hours = mapHours(id, hourSchedules, 'walk-in', ctx, mapId);

    const languages: string[] = [];
    for (const lang of ownedRows(id, 'language').filter((x) => x.service_id === id)) {
      const code = typeof lang.code === 'string' ? lang.code.trim().toLowerCase() : '';
      if (/^[a-z]{2,3}$/.test(code) && !languages.includes(code)) {
        languages.push(code);
        mapId(id, derivedId(id, 'language', code), lang.id);
      }
    }
    if (!languages.length) {
      languages.push('nl');
      notes.push({ row: at, field: 'languages', reason: 'no language given: shown as Dutch' });
    }

    const costOptions = ownedRows(id, 'cost_option');
    const euro = costOptions.find(
      (c) => typeof c.currency === 'string' && c.currency.toUpperCase() === 'EUR' && typeof c.amount === 'number',
    );
    const fees = str(s.fees_description);
    const noteText = str(euro?.amount_description) ?? (euro ? undefined : fees);
    let cost: Row;
    if (euro) {
      mapId(id, derivedId(id, 'cost'), euro.id);
      const named = euro.x_inloop_amount_eur;
      cost = {
        free: euro.amount === 0,
        ...(euro.amount !== 0 ? { amountEur: euro.amount } : typeof named === 'number' ? { amountEur: named } : {}),
      };
      if (noteText) cost.note = localized(noteText, tr.cost_note);
    } else if (costOptions.some((c) => typeof c.amount === 'number' && c.amount > 0)) {
      const other = costOptions.find((c) => typeof c.amount === 'number' && c.amount > 0)!;
      cost = {
        free: false,
        note: localized(
          fees ??
            `${txt(other.amount)} ${txt(other.currency ?? '').toUpperCase()}${other.amount_description ? ` ${txt(other.amount_description)}` : ''}`.trim(),
          tr.cost_note,
        ),
      };
      notes.push({
        row: at,
        field: 'cost_options',
        reason: `a price in ${txt(other.currency ?? 'another currency')}: shown as text, not in euros`,
      });
    } else if (isRecord(legacy.cost)) {
      cost = legacy.cost;
    } else {
      cost = fees === undefined || FREE_WORDS.test(fees.trim()) ? { free: true } : { free: false, note: localized(fees, tr.cost_note) };
    }

    const phones = ownedRows(id, 'phone').filter((p) => p.service_id === id && !p.contact_id);
    const phone = phones.find((p) => validPhone(p.number));
    if (phone) mapId(id, derivedId(id, 'phone'), phone.id);
    if (phones.length && !phone)
      notes.push({
        row: at,
        field: 'phones',
        reason: 'no phone number Inloop can show (digits, spaces, + ( ) -): kept for export, not shown',
      });

    const bring: string[] = [];
    for (const d of ownedRows(id, 'required_document')) {
      const code = bringOfDocument(d.document);
      if (code && !bring.includes(code)) {
        bring.push(code);
        mapId(id, derivedId(id, 'bring', code), d.id);
      }
    }

    const locationIds: string[] = [];
    for (const sal of ownedRows(id, 'service_at_location')) {
      const locId = sal.location_id;
      if (typeof locId === 'string' && (locIds.has(locId) || known.locations.has(locId)) && !locationIds.includes(locId)) {
        locationIds.push(locId);
        mapId(id, derivedId(id, locId), sal.id);
      }
    }

    const keywords = jsonValue(s.x_inloop_keywords) ?? legacy.keywords;
    const status = typeof s.status === 'string' ? (STATUS_FROM_HSDS[s.status] ?? s.status) : s.status;
    raws.push({
      entity: 'item',
      row: at,
      data: prune({
        id,
        kind: kind ?? (sessions.length ? 'course' : 'service'),
        organizationId: s.organization_id,
        name: localized(s.name, tr.name),
        description: localized(str(s.description) ?? s.name, tr.description),
        themes,
        audience: audience.length ? audience : ['must_learn', 'want_to_develop'],
        format: format ?? 'in_person',
        level: level ?? 'all',
        languages: languages.slice(0, 10),
        cost,
        signUp: prune({
          method: method ?? 'walk_in',
          url: validUrl(s.x_inloop_sign_up_url ?? legacySignUp.url),
          phone: phone ? validPhone(phone.number) : undefined,
          email: validEmail(s.email),
          note: str(s.application_process) ? localized(s.application_process, tr.sign_up_note) : undefined,
        }),
        bring,
        eligibility: str(s.eligibility_description) ? localized(s.eligibility_description, tr.eligibility) : undefined,
        status,
        locationIds,
        hours,
        sessions,
        url: validUrl(s.url),
        keywords: Array.isArray(keywords) ? keywords : [],
      }),
    });
    if (s.url !== undefined && !validUrl(s.url))
      notes.push({ row: at, field: 'url', reason: 'not a web address Inloop can link to (http or https): kept for export, not shown' });
  }

  return { raws, owned, ids: idMaps, issues, notes, notKept: [...notKeptCount.values()] };
}

function joinAddress(a: Row): string | undefined {
  return str(a.address_1) ?? str(a.address_2);
}

function mapHours(
  owner: string,
  schedules: Row[],
  kind: 'walk-in' | 'opening',
  ctx: Context,
  mapId: (owner: string, derived: string, original: unknown) => void,
): Row[] {
  const hours: Row[] = [];
  const groups: string[] = [];
  for (const sc of schedules) {
    const entries = hoursOf(sc, `${ctx.where(kind === 'opening' ? 'location' : 'service', owner)} schedule ${String(sc.id)}`, ctx);
    for (const h of entries) {
      if (hours.some((x) => x.weekday === h.weekday && x.opens === h.opens && x.closes === h.closes)) continue;
      hours.push(h);
      // The same grouping as the export (by opening and closing time), so the group keeps the schedule's id.
      const key = `${String(h.opens)}-${String(h.closes)}`;
      let g = groups.indexOf(key);
      if (g < 0) {
        groups.push(key);
        g = groups.length - 1;
        mapId(owner, derivedId(owner, kind, String(g)), sc.id);
      }
    }
  }
  // Weekday order, as Inloop keeps hours; the export groups them by time again.
  return hours.sort((a, b) => Number(a.weekday) - Number(b.weekday) || String(a.opens).localeCompare(String(b.opens)));
}

function prune<T extends Row>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
