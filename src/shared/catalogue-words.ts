/**
 * How the catalogue search understands Dutch (and a little English): case and
 * accents folded, simple Dutch stemming (plurals, diminutives), compounds split
 * into known parts ("inkomstenbelasting" → "inkomsten", "belasting"), and everyday
 * words mapped to what the catalogue calls things ("computer" → digital skills).
 */

/** Lower case, accents removed, ĳ as ij: "Taalcafé" → "taalcafe". */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ĳ/g, 'ij')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Words of a text, folded; "e-mail" gives "e-mail"'s parts and the joined "email". */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of fold(text).split(/[^a-z0-9&'-]+/)) {
    const word = raw.replace(/^['-]+|['-]+$/g, '').replace(/'/g, '');
    if (!word) continue;
    if (word.includes('-')) {
      out.push(word.replace(/-/g, ''));
      for (const part of word.split('-')) if (part) out.push(part);
    } else if (word !== '&') out.push(word);
  }
  return out;
}

const VOWELS = /[aeiouy]/;

/** A light Dutch stemmer: enough to make "cursussen", "cursus" and "cursusje" meet. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  for (const suffix of ['etjes', 'tjes', 'etje', 'tje', 'jes', 'je']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('en') && w.length >= 5) w = w.slice(0, -2);
  else if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith('s') && w.length >= 5 && !/(ss|us|is|os|as)$/.test(w)) w = w.slice(0, -1);
  else if (w.endsWith('e') && w.length >= 6 && !w.endsWith('ee')) w = w.slice(0, -1);
  // lessen → less → les, cursussen → cursuss → cursus
  if (/([bdfgklmnprst])\1$/.test(w) && w.length >= 4) w = w.slice(0, -1);
  // taal/talen, uur/uren: make a long vowel the same as the short spelling
  if (w.length >= 4 && VOWELS.test(w)) w = w.replace(/([aeou])\1([^aeiouy])$/, '$1$2');
  return w;
}

/**
 * Word ends that many Dutch compounds in this field are built on. A token that
 * ends in one of them (after at least three letters) is also indexed as that part
 * and as the rest, so "belasting" finds "inkomstenbelasting".
 */
const COMPOUND_PARTS = [
  'belasting',
  'aangifte',
  'toeslag',
  'toeslagen',
  'uitkering',
  'pensioen',
  'cursus',
  'training',
  'workshop',
  'spreekuur',
  'uur',
  'les',
  'lessen',
  'hulp',
  'loket',
  'dienst',
  'portaal',
  'zorg',
  'geld',
  'zaken',
  'schuld',
  'schulden',
  'taal',
  'cafe',
  'huis',
  'werk',
  'computer',
  'telefoon',
  'tablet',
  'bank',
  'bankieren',
  'brief',
  'brieven',
  'formulier',
  'groep',
  'maatje',
  'team',
  'vaardigheden',
  'verzekering',
  'bijslag',
  'financiering',
  'regeling',
  'bijdrage',
  'overheid',
  'gemeente',
  'digid',
  'inburgering',
  'sollicitatie',
  'solliciteren',
  'onderzoek',
  'printen',
  'bewerking',
  'club',
  'middag',
  'ochtend',
  'avond',
  'punt',
  'plein',
] as const;
const PARTS_BY_LENGTH = [...COMPOUND_PARTS].sort((a, b) => b.length - a.length);

/** The known parts of a compound word, stemmed, or [] when it is not one. */
export function compoundParts(word: string): string[] {
  for (const part of PARTS_BY_LENGTH) {
    if (word.length - part.length >= 3 && word.endsWith(part)) {
      let head = word.slice(0, -part.length);
      if (head.endsWith('s') && head.length > 3) head = head.slice(0, -1); // linking s: overheids-loket
      const parts = [stem(part), stem(head)];
      return [...parts, ...compoundParts(head).filter((p) => !parts.includes(p))];
    }
  }
  return [];
}

/** Terms to index for one word: its stem and, for a compound, its parts. */
export function indexTerms(word: string): string[] {
  const folded = fold(word);
  const terms = new Set([stem(folded), ...compoundParts(folded)]);
  return [...terms].filter((t) => t.length > 1 || /\d/.test(t));
}

/**
 * Everyday words a visitor or volunteer says, and the catalogue words they mean.
 * Searched beside the word itself, with a lower weight than an exact hit.
 * Keys and values are plain folded words (multi-word values are split).
 */
export const EVERYDAY_WORDS: Record<string, readonly string[]> = {
  computer: ['digitale vaardigheden', 'klik tik', 'laptop', 'pc', 'internet', 'digicafe', 'tablet'],
  pc: ['computer', 'laptop'],
  laptop: ['computer'],
  internet: ['online', 'computer', 'digitale vaardigheden'],
  mobiel: ['smartphone', 'telefoon'],
  telefoon: ['smartphone', 'mobiel'],
  smartphone: ['telefoon', 'mobiel'],
  gsm: ['smartphone', 'telefoon'],
  app: ['smartphone', 'telefoon'],
  digid: ['inloggen', 'overheid', 'mijnoverheid'],
  inloggen: ['digid'],
  belasting: ['belastingdienst', 'aangifte', 'inkomstenbelasting'],
  belastingen: ['belastingdienst', 'aangifte'],
  aangifte: ['belasting', 'inkomstenbelasting'],
  tax: ['belasting', 'aangifte'],
  taxes: ['belasting', 'aangifte'],
  toeslag: ['huurtoeslag', 'zorgtoeslag', 'kinderopvangtoeslag', 'toeslagen'],
  huur: ['huurtoeslag', 'wonen'],
  geld: ['geldzaken', 'schulden', 'budget', 'financien'],
  schulden: ['schuldhulp', 'geldzorgen', 'geld'],
  rekeningen: ['schulden', 'geldzaken', 'betalen'],
  bank: ['bankieren', 'online bankieren'],
  pensioen: ['aow', 'svb'],
  aow: ['pensioen', 'svb'],
  werk: ['baan', 'solliciteren', 'cv', 'vacature', 'uwv'],
  baan: ['werk', 'solliciteren', 'vacature'],
  job: ['werk', 'baan'],
  solliciteren: ['cv', 'werk', 'baan'],
  werkloos: ['ww', 'uwv', 'uitkering'],
  uitkering: ['uwv', 'ww', 'bijstand'],
  taal: ['nederlands', 'nt2', 'taalhuis', 'taalcafe'],
  nederlands: ['taal', 'nt2', 'taalcafe'],
  dutch: ['nederlands', 'taal', 'nt2'],
  lezen: ['leesclub', 'taalhuis', 'laaggeletterd'],
  schrijven: ['taalhuis', 'brief'],
  rekenen: ['rekengroep', 'numeracy', 'sommen'],
  dokter: ['huisarts', 'gezondheid', 'thuisarts', 'digivitaler'],
  huisarts: ['dokter', 'gezondheid', 'patientenportaal', 'digivitaler'],
  gezondheid: ['digivitaler', 'thuisarts', 'zorg'],
  ziek: ['gezondheid', 'huisarts'],
  medicijnen: ['apotheek', 'gezondheid'],
  zorg: ['gezondheid', 'wmo', 'cak'],
  advocaat: ['juridisch loket', 'recht'],
  juridisch: ['juridisch loket', 'recht'],
  recht: ['juridisch loket'],
  boete: ['cjib', 'bekeuring'],
  rijbewijs: ['cbr'],
  studie: ['duo', 'studiefinanciering'],
  brief: ['post', 'formulier', 'ido'],
  post: ['brief', 'administratie'],
  overheid: ['digid', 'mijnoverheid', 'ido', 'digisterker'],
  gemeente: ['wijkteam', 'stadskantoor'],
  email: ['e-mail', 'mail'],
  mail: ['e-mail', 'email'],
  oplichting: ['phishing', 'veilig online'],
  nep: ['phishing', 'oplichting'],
  wachtwoord: ['veilig online'],
  foto: ['fotobewerking'],
  vrijwilliger: ['vrijwilligerswerk'],
  ouderen: ['65', 'senioren'],
  senioren: ['ouderen', '65'],
};

/** The everyday-word expansions of a query word, as folded words. */
export function everydayExpansions(word: string): string[] {
  const folded = fold(word);
  const direct = EVERYDAY_WORDS[folded] ?? EVERYDAY_WORDS[stem(folded)] ?? [];
  return [...new Set(direct.flatMap((w) => tokenize(w)))].filter((w) => w !== folded);
}

/** Words for each theme, indexed with every item of that theme, so "computer" or "taal" find the whole field. */
export const THEME_WORDS: Record<string, string> = {
  digital_skills: 'digitale vaardigheden computer internet digitaal digital skills',
  language: 'taal nederlands lezen schrijven spreken language',
  numeracy: 'rekenen numeracy',
  health_skills: 'gezondheid gezondheidsvaardigheden zorg health',
  money: 'geld geldzaken financien money',
  work: 'werk baan work job',
  law: 'recht juridisch law legal',
  digital_government: 'digitale overheid overheid government',
  personal_development: 'persoonlijke ontwikkeling hobby personal development',
  unsorted: '',
};
