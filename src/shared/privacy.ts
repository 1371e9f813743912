/**
 * The privacy guard: finds what must not be stored in a visit's free text
 * (AVG/GDPR, privacy by design). The tablet runs it as the volunteer types; the
 * server runs the very same code through the shared visit schema and refuses a
 * record that still holds a match. Pure and clock-free, so both sides always agree.
 *
 * What it looks for:
 * - bsn: nine digits (also 1234.56.782, 123 456 782) passing the eleven-test;
 * - iban: an IBAN with a valid mod-97 checksum (and the right length for known countries);
 * - email: an e-mail address;
 * - phone: a Dutch number (06-12345678, 020-1234567, (020) 123 4567) or an
 *   international one (+31 6 12345678, 0031 6 …, +44 20 7946 0958);
 * - dateOfBirth: a full date with a year (12-03-1960, 12/3/60, 1960-03-12,
 *   12 maart 1960). A date without a year ("12 maart") is an appointment, not a birth date;
 * - name: a capitalised name after a form of address (mevrouw, meneer, mevr., mw.,
 *   dhr., hr., de heer, mr.);
 * - address: a Dutch street with a house number (Kerkstraat 12, Burgemeester van
 *   Roijensingel 3a, Laan van Meerdervoort 50), or a postcode with a house number (6211 AB 12).
 * Times (10:30), durations, amounts (€ 1.234,56), years, a postcode alone (1234 AB) and
 * rooms ("zaal 2") are left alone.
 */

export const PERSONAL_DATA_KINDS = ['bsn', 'iban', 'email', 'phone', 'dateOfBirth', 'name', 'address'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface Finding {
  kind: PersonalDataKind;
  /** Offsets into the text: text.slice(start, end) === match. */
  start: number;
  end: number;
  match: string;
}

/** When two findings overlap, the longer one wins (a phone number may hold nine digits that pass the eleven-test); at equal length, the more specific kind. */
const PRIORITY: Record<PersonalDataKind, number> = { email: 0, iban: 1, bsn: 2, dateOfBirth: 3, phone: 4, address: 5, name: 6 };

export function findPersonalData(text: string): Finding[] {
  if (!text) return [];
  const found = [...emails(text), ...ibans(text), ...bsns(text), ...dates(text), ...phones(text), ...names(text), ...addresses(text)];
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

export function hasPersonalData(text: string | null | undefined): boolean {
  return !!text && findPersonalData(text).length > 0;
}

/** The distinct kinds found, in a fixed order, e.g. for the server's reason "contains personal data: bsn, phone". */
export function personalDataKinds(text: string | null | undefined): PersonalDataKind[] {
  if (!text) return [];
  const kinds = new Set(findPersonalData(text).map((f) => f.kind));
  return PERSONAL_DATA_KINDS.filter((k) => kinds.has(k));
}

/** The text with one finding cut out, and the spaces around it tidied. */
export function removeFinding(text: string, finding: Pick<Finding, 'start' | 'end'>): string {
  let before = text.slice(0, finding.start);
  const after = text.slice(finding.end);
  if (after === '' || /^[,.;:!?)]/.test(after)) before = before.replace(/[ \t\u00a0]+$/, '');
  if (/\s$/.test(before) && /^\s/.test(after)) return before + after.replace(/^[ \t\u00a0]+/, '');
  if (before === '') return after.replace(/^[ \t\u00a0]+/, '');
  return before + after;
}

function collect(
  text: string,
  re: RegExp,
  kind: PersonalDataKind,
  accept: (m: RegExpExecArray) => { start: number; end: number } | boolean,
): Finding[] {
  const out: Finding[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const ok = accept(m);
    if (ok) {
      const span = ok === true ? { start: m.index, end: m.index + m[0].length } : ok;
      out.push({ kind, start: span.start, end: span.end, match: text.slice(span.start, span.end) });
    }
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

// ---------------------------------------------------------------- e-mail

const EMAIL = /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu;

function emails(text: string): Finding[] {
  return collect(text, EMAIL, 'email', () => true);
}

// ---------------------------------------------------------------- IBAN

/** IBAN lengths of the countries a Dutch library's visitors most often bank in; other countries: 15–34. */
const IBAN_LENGTHS: Record<string, number> = {
  NL: 18,
  BE: 16,
  DE: 22,
  FR: 27,
  GB: 22,
  ES: 24,
  IT: 27,
  PL: 28,
  TR: 26,
  LU: 20,
  AT: 20,
  PT: 25,
  IE: 22,
  CH: 21,
  DK: 18,
  NO: 15,
  SE: 24,
  FI: 18,
  UA: 29,
  RO: 24,
  BG: 22,
  GR: 27,
  HU: 28,
  CZ: 24,
  SK: 24,
  LT: 20,
};

/** The ISO 13616 check: move the first four characters to the end, letters to numbers, remainder 1 after division by 97. */
export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/[\s\u00a0]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined ? iban.length !== expected : iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const IBAN_CANDIDATE = /(?<![\p{L}\d])[A-Za-z]{2}\d{2}(?:[ \u00a0]?[A-Za-z0-9]){11,30}/gu;

function ibans(text: string): Finding[] {
  // The candidate may run on into the next word ("… 4300 bij"): try it shorter until the checksum fits.
  return collect(text, IBAN_CANDIDATE, 'iban', (m) => {
    for (let end = m[0].length; end >= 15; end--) {
      // Only where the text itself has a boundary: the end of the run, or before a space.
      if (end < m[0].length && !/\s/.test(m[0][end]!)) continue;
      if (isValidIban(m[0].slice(0, end))) return { start: m.index, end: m.index + end };
    }
    return false;
  });
}

// ---------------------------------------------------------------- BSN

/** The eleven-test for a BSN: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not all zeros). */
export function isValidBsn(candidate: string): boolean {
  const digits = candidate.replace(/[.\s\u00a0-]/g, '');
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

const BSN_CANDIDATE = /(?<![\p{L}\d.,+-])\d(?:[. \u00a0]?\d){8}(?!\d|[.,]\d)/gu;

function bsns(text: string): Finding[] {
  return collect(text, BSN_CANDIDATE, 'bsn', (m) => isValidBsn(m[0]));
}

// ---------------------------------------------------------------- phone

const SEP = '(?:[ \\u00a0]?-[ \\u00a0]?|[ \\u00a0])?';
/** Dutch: 0 and nine more digits, separated as people write them (06-12345678, 020 123 45 67, 0201234567). */
const PHONE_NL = new RegExp(`(?<![\\p{L}\\d+/.,:-])0\\d(?:${SEP}\\d){8}(?!\\d|[.,:/-]\\d)`, 'gu');
/** Dutch with the area code in brackets: (020) 123 4567, (06) 12345678. */
const PHONE_NL_BRACKETS = new RegExp(`(?<![\\p{L}\\d])\\(0\\d{1,3}\\)${SEP}\\d(?:${SEP}\\d){4,8}(?!\\d|[.,:/-]\\d)`, 'gu');
/** International: + or 00, a country code, then the number; "+31 (0)6 …" allowed. 8–15 digits in all (E.164). */
const PHONE_INTL = new RegExp(
  `(?<![\\p{L}\\d+])(?:\\+|00)[ \\u00a0]?[1-9](?:${SEP}\\d){0,2}(?:[ \\u00a0]?\\(0\\))?(?:${SEP}\\(?\\d\\)?){5,13}(?!\\d|[.,:/-]\\d)`,
  'gu',
);

function phones(text: string): Finding[] {
  const digitCount = (s: string) => s.replace(/\(0\)/g, '').replace(/\D/g, '').length;
  return [
    ...collect(text, PHONE_NL, 'phone', () => true),
    ...collect(text, PHONE_NL_BRACKETS, 'phone', (m) => digitCount(m[0]) === 10),
    ...collect(text, PHONE_INTL, 'phone', (m) => {
      const digits = m[0].startsWith('+') ? digitCount(m[0]) : digitCount(m[0]) - 2;
      return digits >= 8 && digits <= 15;
    }),
  ];
}

// ---------------------------------------------------------------- dates

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  january: 1,
  februari: 2,
  feb: 2,
  february: 2,
  maart: 3,
  mrt: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  augustus: 8,
  aug: 8,
  august: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  october: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

function plausibleDate(day: number, month: number): boolean {
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1]!;
}

/** 12-03-1960, 12/3/60, 12.03.1960 (day first, as the Dutch write dates). */
const DATE_DMY = /(?<![\p{L}\d.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\p{L}\d]|[.,/-]\d)/gu;
/** 1960-03-12, 1960/03/12. */
const DATE_YMD = /(?<![\p{L}\d.,/-])(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?![\p{L}\d]|[.,/-]\d)/gu;
/** 12 maart 1960, 12e mrt. '60, 1 January 1960. */
const DATE_D_MONTH_Y = new RegExp(
  `(?<![\\p{L}\\d])(\\d{1,2})(?:e|ste|de|st|nd|rd|th)?\\.?[ \\u00a0]+(${MONTH_NAMES})\\.?,?[ \\u00a0]+('?\\d{2}|\\d{4})(?![\\p{L}\\d])`,
  'giu',
);
/** March 12, 1960 / maart 12 1960. */
const DATE_MONTH_D_Y = new RegExp(
  `(?<![\\p{L}\\d])(${MONTH_NAMES})\\.?[ \\u00a0]+(\\d{1,2})(?:st|nd|rd|th)?,?[ \\u00a0]+(\\d{4})(?![\\p{L}\\d])`,
  'giu',
);

function dates(text: string): Finding[] {
  const year4 = (y: string) => y.length !== 4 || (Number(y) >= 1900 && Number(y) <= 2099);
  return [
    ...collect(text, DATE_DMY, 'dateOfBirth', (m) => plausibleDate(Number(m[1]), Number(m[3])) && year4(m[4]!)),
    ...collect(text, DATE_YMD, 'dateOfBirth', (m) => plausibleDate(Number(m[4]), Number(m[3])) && year4(m[1]!)),
    ...collect(
      text,
      DATE_D_MONTH_Y,
      'dateOfBirth',
      (m) => plausibleDate(Number(m[1]), MONTHS[m[2]!.toLowerCase()]!) && year4(m[3]!.replace("'", '')),
    ),
    ...collect(text, DATE_MONTH_D_Y, 'dateOfBirth', (m) => plausibleDate(Number(m[2]), MONTHS[m[1]!.toLowerCase()]!) && year4(m[3]!)),
  ];
}

// ---------------------------------------------------------------- names

/** Forms of address that are followed by a surname. "mr." is also the Dutch title of a lawyer. */
const ADDRESS = /(?<![\p{L}])(mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|hr\.|de heer|mr\.)[ \u00a0]+/giu;
/** One or two capitalised words, with Dutch particles between or before them (van, de, van der, …). */
const PARTICLE = `(?:${['van', 'von', 'de', 'der', 'den', 'ten', 'ter', 'te', 'het', 'la', 'le', 'du', 'el', 'al', 'bin', 'ben'].map((p) => `[${p[0]!.toUpperCase()}${p[0]}]${p.slice(1)}`).join('|')}|'t)`;
const NAME = new RegExp(
  `(?:${PARTICLE}[ \\u00a0]+){0,2}\\p{Lu}[\\p{L}'’-]*\\p{L}?(?:[ \\u00a0]+(?:${PARTICLE}[ \\u00a0]+){0,2}\\p{Lu}[\\p{L}'’-]*)?`,
  'uy',
);

function names(text: string): Finding[] {
  return collect(text, ADDRESS, 'name', (m) => {
    NAME.lastIndex = m.index + m[0].length;
    const name = NAME.exec(text);
    if (!name) return false;
    let end = NAME.lastIndex;
    // Trailing apostrophe or hyphen belongs to the sentence, not the name.
    while (end > name.index && /['’-]/.test(text[end - 1]!)) end--;
    return end > name.index ? { start: name.index, end } : false;
  });
}

// ---------------------------------------------------------------- addresses

/** How Dutch street names end: Kerkstraat, Stationsweg, Oudegracht, Coolsingel, Vismarkt, Voorburgwal … */
const STREET_ENDINGS = [
  'straat',
  'laan',
  'weg',
  'plein',
  'gracht',
  'kade',
  'singel',
  'dijk',
  'hof',
  'park',
  'dreef',
  'pad',
  'steeg',
  'markt',
  'wal',
];
const ENDING = `(?:${STREET_ENDINGS.join('|')})`;
/** An ending as a word of its own, capitalised: the Markt of "Grote Markt 12". */
const ENDING_WORD = `(?:${STREET_ENDINGS.map((e) => e[0]!.toUpperCase() + e.slice(1)).join('|')})`;
/** Ordinary words with a street's ending that a note may put before a number ("onderweg 2 uur", "leerpad 3"). */
const NOT_STREETS = new Set([
  'onderweg',
  'omweg',
  'uitweg',
  'zijweg',
  'snelweg',
  'leerpad',
  'kerkhof',
  'gerechtshof',
  'wagenpark',
  'attractiepark',
  'arbeidsmarkt',
  'woningmarkt',
  'banenmarkt',
  'blokkade',
]);
/** A house number with what may follow it: 12, 3a, 12-A, 12 B, 40-2, 7bis, 15hs. */
const HOUSE_NUMBER = `[1-9]\\d{0,4}(?:(?:[ \\u00a0-]?[A-Za-z]|bis|hs)(?![\\p{L}\\d]))?(?:-\\d{1,3})?(?!\\d|[:.,]\\d)`;
/** After the number, a unit makes it a quantity, not an address: "2 uur", "3 keer", "5 euro". */
const QUANTITY_AFTER =
  /^[ \u00a0]*(?:uur|u|min|minuten|minuut|sec|seconden|keer|x|dag|dagen|week|weken|maand|maanden|jaar|jaren|km|kilometer|meter|m|euro|eur|procent|stuks|personen|mensen|vragen)(?![\p{L}])|^[ \u00a0]*%/iu;
const PARTICLE_WORD = "(?:van|de|der|den|ten|ter|het|'t|la|le|aan|op)";
/** A capitalised word before the street word ("Burgemeester", "Prins", "Nieuwe"), but not a common opening word of a sentence. */
const NAME_WORD = "(?!(?:De|Het|Een|Op|In|Aan|Bij|Naar|Voor|Hij|Zij|Ze|Wij|Ik|Mevrouw|Meneer|Woont|Adres)[ \\u00a0])\\p{Lu}[\\p{L}'’.-]*";
/** Up to three name words, with particles between them, then the street word and its number: Burgemeester van Roijensingel 3a. */
const STREET = new RegExp(
  `(?<![\\p{L}\\d])(?:${NAME_WORD}[ \\u00a0]+(?:${PARTICLE_WORD}[ \\u00a0]+){0,2}){0,3}(\\p{L}[\\p{L}'’-]*${ENDING}|${ENDING_WORD})[ \\u00a0]+${HOUSE_NUMBER}`,
  'gu',
);
/** The street word first, then a particle and a name: Laan van Meerdervoort 50, Weg der Verenigde Naties 1. */
const STREET_WORD_FIRST = new RegExp(
  `(?<![\\p{L}\\d])(?:${STREET_ENDINGS.map((e) => `[${e[0]!.toUpperCase()}${e[0]}]${e.slice(1)}`).join('|')})[ \\u00a0]+(?:${PARTICLE_WORD}[ \\u00a0]+){1,3}\\p{Lu}[\\p{L}'’-]*(?:[ \\u00a0]+\\p{Lu}[\\p{L}'’-]*){0,2}[ \\u00a0]+${HOUSE_NUMBER}`,
  'gu',
);
/** A postcode (1234 AB, 1234ab) followed by a house number: 6211 AB 12. A postcode alone is no address. */
const POSTCODE_NUMBER = new RegExp(
  `(?<![\\p{L}\\d])[1-9]\\d{3}[ \\u00a0]?[A-Za-z]{2},?[ \\u00a0]+(?:(?:en[ \\u00a0]+)?(?:huisnummer|huisnr\\.?|nummer|nr\\.?)[ \\u00a0]*)?${HOUSE_NUMBER}`,
  'gu',
);

/** "… 2024" after a word is a year (Huurtoeslag 2024), not a house number. */
const YEAR_AT_END = /(?<!\d)(?:19|20)\d{2}$/;

function addresses(text: string): Finding[] {
  const notAQuantity = (m: RegExpExecArray) => !QUANTITY_AFTER.test(text.slice(m.index + m[0].length)) && !YEAR_AT_END.test(m[0]);
  return [
    ...collect(text, STREET, 'address', (m) => {
      const street = m[1]!.toLowerCase();
      // A street's name is capitalised ("Kerkstraat 12", not "de weg 2"), and an ending alone ("Markt 12",
      // "Park 3") counts only after a name ("Grote Markt 12"): alone it is too like a room or a place.
      if (!/^\p{Lu}/u.test(m[1]!) || NOT_STREETS.has(street)) return false;
      if (STREET_ENDINGS.includes(street) && m[0].startsWith(m[1]!)) return false;
      return notAQuantity(m);
    }),
    ...collect(text, STREET_WORD_FIRST, 'address', notAQuantity),
    ...collect(text, POSTCODE_NUMBER, 'address', notAQuantity),
  ];
}

/** Ids and timestamps are machine values: a date inside an ISO timestamp is no birth date, digits in a UUID no phone number. */
const MACHINE_VALUE =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)$/i;

/** The text with every finding replaced by its kind in brackets, e.g. "BSN [bsn] gevraagd". */
export function redactPersonalData(text: string): string {
  if (MACHINE_VALUE.test(text)) return text;
  const findings = findPersonalData(text);
  let out = text;
  for (const f of findings.reverse()) out = out.slice(0, f.start) + `[${f.kind}]` + out.slice(f.end);
  return out;
}

/** A copy of any JSON value with every string redacted, for keeping what a device sent without what it must not hold. */
export function redactPersonalDataDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactPersonalData(value);
  if (Array.isArray(value)) return value.map(redactPersonalDataDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactPersonalDataDeep(v);
    return out;
  }
  return value;
}
