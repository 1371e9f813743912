/**
 * SYNTHETIC DATA — a deterministic generator of large, realistic-looking catalogues
 * for search and sync benchmarks and for load tests. Nothing in it describes a real
 * course: towns, organisations and locations are made up (names end in
 * "(synthetisch)"), and no contact details are generated.
 *
 * The same `size` and `seed` always give the same document (seeded mulberry32 PRNG,
 * no clock, no Math.random), so benchmark runs are comparable.
 */
import {
  BRING,
  LEVELS,
  type CatalogueDocument,
  type CatalogueItem,
  type CatalogueLocation,
  type CatalogueOrganization,
  type CourseSession,
  type Theme,
} from '../../shared/catalogue';
import type { LocalizedText } from '../../shared/i18n-text';

// ---------------------------------------------------------------------------
// PRNG and ids
// ---------------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). Also seeds the chaos harness. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit integer hash (murmur3 finaliser). */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

const ENTITY_CODE = { organization: 1, location: 2, item: 3 } as const;

/**
 * A UUIDv7-shaped id (version 7, variant 10xx) derived from seed, entity type and
 * index: unique within a document, stable across runs, different for another seed.
 */
function makeIdFactory(seed: number): (type: keyof typeof ENTITY_CODE, index: number) => string {
  const a = mix32(seed ^ 0x5eed5eed);
  const b = mix32(a ^ seed);
  const head = `0190${hex(a >>> 16, 4)}-${hex(a & 0xffff, 4)}`;
  const variant = hex(0x8000 | (b & 0x0fff), 4);
  return (type, index) => `${head}-7${hex(ENTITY_CODE[type], 3)}-${variant}-${hex(index, 12)}`;
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

type Pair = readonly [nl: string, en: string];

const PARTNERS = ['Belastingdienst', 'UWV', 'SVB', 'DUO', 'CAK', 'CJIB', 'CBR', 'Het Juridisch Loket'] as const;

interface Topic {
  name: Pair;
  kind: 'course' | 'service';
  themes: readonly Theme[];
  audience: readonly ('must_learn' | 'want_to_develop')[];
  /** What the visitor learns or gets, as a sentence fragment. */
  what: Pair;
  keywords: readonly string[];
  /** Which kind of organisation offers it. */
  offeredBy: 'library' | 'partner' | 'gemeente' | 'taalhuis' | 'welzijn';
  /** For offeredBy 'partner': which one (an entry of PARTNERS). */
  partner?: (typeof PARTNERS)[number];
}

const TOPICS: readonly Topic[] = [
  {
    name: ['Klik & Tik', 'Klik & Tik'],
    kind: 'course',
    themes: ['digital_skills'],
    audience: ['must_learn'],
    what: ['leer je stap voor stap werken met de computer', 'you learn to use a computer step by step'],
    keywords: ['computer', 'laptop', 'muis', 'toetsenbord', 'klik en tik', 'oefenen'],
    offeredBy: 'library',
  },
  {
    name: ['Digisterker', 'Digisterker'],
    kind: 'course',
    themes: ['digital_government', 'digital_skills'],
    audience: ['must_learn'],
    what: ['leer je zaken regelen met de overheid via internet', 'you learn to deal with the government online'],
    keywords: ['digid', 'mijnoverheid', 'overheid', 'inloggen', 'formulier'],
    offeredBy: 'library',
  },
  {
    name: ['Smartphonecursus', 'Smartphone course'],
    kind: 'course',
    themes: ['digital_skills'],
    audience: ['must_learn', 'want_to_develop'],
    what: ['haal je meer uit je mobiele telefoon', 'you get more out of your mobile phone'],
    keywords: ['smartphone', 'mobiel', 'telefoon', 'app', 'android', 'iphone'],
    offeredBy: 'library',
  },
  {
    name: ['Tabletcursus', 'Tablet course'],
    kind: 'course',
    themes: ['digital_skills'],
    audience: ['must_learn', 'want_to_develop'],
    what: ['leer je werken met een tablet', 'you learn to use a tablet'],
    keywords: ['tablet', 'ipad', 'app', 'videobellen'],
    offeredBy: 'library',
  },
  {
    name: ['E-mail en internet', 'E-mail and internet'],
    kind: 'course',
    themes: ['digital_skills'],
    audience: ['must_learn'],
    what: ['leer je e-mailen en zoeken op internet', 'you learn to e-mail and search the internet'],
    keywords: ['e-mail', 'mail', 'internet', 'zoeken', 'google'],
    offeredBy: 'library',
  },
  {
    name: ['Veilig online', 'Safe online'],
    kind: 'course',
    themes: ['digital_skills'],
    audience: ['must_learn', 'want_to_develop'],
    what: ['leer je oplichting en phishing herkennen', 'you learn to spot scams and phishing'],
    keywords: ['phishing', 'oplichting', 'wachtwoord', 'veilig', 'hacker'],
    offeredBy: 'library',
  },
  {
    name: ['Online bankieren', 'Online banking'],
    kind: 'course',
    themes: ['digital_skills', 'money'],
    audience: ['must_learn'],
    what: ['regel je je bankzaken veilig met de app', 'you do your banking safely with the app'],
    keywords: ['bank', 'bankieren', 'betalen', 'ideal', 'geld'],
    offeredBy: 'library',
  },
  {
    name: ['Digicafé', 'Digi café'],
    kind: 'service',
    themes: ['digital_skills'],
    audience: ['must_learn', 'want_to_develop'],
    what: ['helpen vrijwilligers je met je computer of telefoon', 'volunteers help you with your computer or phone'],
    keywords: ['computer', 'telefoon', 'laptop', 'hulp', 'inloop'],
    offeredBy: 'library',
  },
  {
    name: ['Informatiepunt Digitale Overheid', 'Digital Government Information Point'],
    kind: 'service',
    themes: ['digital_government'],
    audience: ['must_learn'],
    what: ['krijg je hulp bij vragen over de digitale overheid', 'you get help with questions about the digital government'],
    keywords: ['ido', 'digid', 'overheid', 'brief', 'toeslag', 'belasting'],
    offeredBy: 'library',
  },
  {
    name: ['DigiD-spreekuur', 'DigiD help desk'],
    kind: 'service',
    themes: ['digital_government'],
    audience: ['must_learn'],
    what: ['helpen we je DigiD aan te vragen en te activeren', 'we help you apply for and activate DigiD'],
    keywords: ['digid', 'activeren', 'inloggen', 'app', 'code'],
    offeredBy: 'library',
  },
  {
    name: ['Belastingaangifte', 'Tax return help'],
    kind: 'service',
    themes: ['money', 'digital_government'],
    audience: ['must_learn'],
    what: ['helpen vrijwilligers je met je aangifte inkomstenbelasting', 'volunteers help you with your income tax return'],
    keywords: ['belasting', 'aangifte', 'inkomstenbelasting', 'belastingdienst', 'teruggave'],
    offeredBy: 'library',
  },
  {
    name: ['Toeslagenspreekuur', 'Allowances help desk'],
    kind: 'service',
    themes: ['money', 'digital_government'],
    audience: ['must_learn'],
    what: ['krijg je hulp bij huurtoeslag en zorgtoeslag', 'you get help with rent and healthcare allowance'],
    keywords: ['toeslag', 'huurtoeslag', 'zorgtoeslag', 'kinderopvangtoeslag', 'terugbetalen'],
    offeredBy: 'library',
  },
  {
    name: ['AOW en pensioen', 'State pension'],
    kind: 'service',
    themes: ['digital_government', 'money'],
    audience: ['must_learn'],
    what: ['vind je informatie over je AOW en pensioen', 'you find information about your state pension'],
    keywords: ['aow', 'pensioen', 'svb', 'ouderen', 'kinderbijslag'],
    offeredBy: 'partner',
    partner: 'SVB',
  },
  {
    name: ['Studiefinanciering', 'Student finance'],
    kind: 'service',
    themes: ['digital_government', 'money'],
    audience: ['must_learn'],
    what: ['regel je je studiefinanciering en studieschuld', 'you arrange your student finance and student debt'],
    keywords: ['duo', 'studiefinanciering', 'studieschuld', 'lening'],
    offeredBy: 'partner',
    partner: 'DUO',
  },
  {
    name: ['Boetes en betalingsregeling', 'Fines and payment plans'],
    kind: 'service',
    themes: ['digital_government', 'money', 'law'],
    audience: ['must_learn'],
    what: ['betaal je een boete of vraag je een regeling aan', 'you pay a fine or request a payment plan'],
    keywords: ['boete', 'cjib', 'bekeuring', 'betalingsregeling'],
    offeredBy: 'partner',
    partner: 'CJIB',
  },
  {
    name: ['Rijbewijs en gezondheidsverklaring', 'Driving licence and health declaration'],
    kind: 'service',
    themes: ['digital_government'],
    audience: ['must_learn'],
    what: ['regel je je rijexamen of gezondheidsverklaring', 'you arrange your driving test or health declaration'],
    keywords: ['rijbewijs', 'cbr', 'rijexamen', 'auto'],
    offeredBy: 'partner',
    partner: 'CBR',
  },
  {
    name: ['WW en werk.nl', 'Unemployment benefit and werk.nl'],
    kind: 'service',
    themes: ['work', 'digital_government'],
    audience: ['must_learn'],
    what: ['vraag je een WW-uitkering aan en zoek je werk', 'you apply for unemployment benefit and look for work'],
    keywords: ['uwv', 'ww', 'uitkering', 'werkloos', 'werk.nl'],
    offeredBy: 'partner',
    partner: 'UWV',
  },
  {
    name: ['Eigen bijdrage zorg', 'Personal contribution for care'],
    kind: 'service',
    themes: ['health_skills', 'money'],
    audience: ['must_learn'],
    what: ['lees je hoeveel je betaalt voor zorg thuis', 'you read how much you pay for care at home'],
    keywords: ['cak', 'eigen bijdrage', 'zorg', 'wmo', 'wlz'],
    offeredBy: 'partner',
    partner: 'CAK',
  },
  {
    name: ['DigiVitaler', 'DigiVitaler'],
    kind: 'course',
    themes: ['health_skills', 'digital_skills'],
    audience: ['must_learn'],
    what: ['leer je online zorg gebruiken, zoals het patiëntenportaal', 'you learn to use online care, such as the patient portal'],
    keywords: ['gezondheid', 'huisarts', 'thuisarts', 'apotheek', 'patiëntenportaal', 'beeldbellen'],
    offeredBy: 'library',
  },
  {
    name: ['Gezondheidscafé', 'Health café'],
    kind: 'course',
    themes: ['health_skills'],
    audience: ['must_learn', 'want_to_develop'],
    what: ['praat je met een deskundige over gezond leven', 'you talk with an expert about healthy living'],
    keywords: ['gezondheid', 'bewegen', 'slapen', 'geheugen'],
    offeredBy: 'welzijn',
  },
  {
    name: ['Taalhuis-spreekuur', 'Language House drop-in'],
    kind: 'service',
    themes: ['language', 'numeracy'],
    audience: ['must_learn'],
    what: ['zoeken we samen een taalcursus die bij je past', 'we find a language course that suits you'],
    keywords: ['taalhuis', 'taal', 'lezen', 'schrijven', 'intake'],
    offeredBy: 'taalhuis',
  },
  {
    name: ['Taalcafé', 'Language café'],
    kind: 'service',
    themes: ['language'],
    audience: ['must_learn', 'want_to_develop'],
    what: ['oefen je Nederlands praten met vrijwilligers', 'you practise speaking Dutch with volunteers'],
    keywords: ['taalcafé', 'taal', 'nederlands', 'praten', 'nt2'],
    offeredBy: 'taalhuis',
  },
  {
    name: ['Taalklik', 'Taalklik'],
    kind: 'course',
    themes: ['language', 'digital_skills'],
    audience: ['must_learn'],
    what: ['oefen je Nederlands op de computer', 'you practise Dutch on the computer'],
    keywords: ['taalklik', 'taal', 'computer', 'nt2'],
    offeredBy: 'taalhuis',
  },
  {
    name: ['NT2-oefengroep', 'Dutch practice group'],
    kind: 'course',
    themes: ['language'],
    audience: ['must_learn'],
    what: ['oefen je elke week Nederlands in een vaste groep', 'you practise Dutch weekly in a regular group'],
    keywords: ['nt2', 'nederlands', 'inburgering', 'spreken', 'luisteren'],
    offeredBy: 'taalhuis',
  },
  {
    name: ['Beter lezen en schrijven', 'Better reading and writing'],
    kind: 'course',
    themes: ['language'],
    audience: ['must_learn'],
    what: ['oefen je met lezen en schrijven van brieven en formulieren', 'you practise reading and writing letters and forms'],
    keywords: ['lezen', 'schrijven', 'laaggeletterd', 'spelling', 'brief'],
    offeredBy: 'taalhuis',
  },
  {
    name: ['Rekengroep', 'Numeracy group'],
    kind: 'course',
    themes: ['numeracy'],
    audience: ['must_learn'],
    what: ['oefen je met rekenen voor elke dag', 'you practise everyday maths'],
    keywords: ['rekenen', 'sommen', 'procenten', 'geld', 'klok'],
    offeredBy: 'taalhuis',
  },
  {
    name: ['Geldzaken', 'Money matters'],
    kind: 'course',
    themes: ['money'],
    audience: ['must_learn', 'want_to_develop'],
    what: ['krijg je grip op je inkomsten en uitgaven', 'you get a grip on your income and spending'],
    keywords: ['geld', 'budget', 'besparen', 'rekeningen', 'schulden'],
    offeredBy: 'library',
  },
  {
    name: ['Schuldhulp', 'Debt help'],
    kind: 'service',
    themes: ['money', 'law'],
    audience: ['must_learn'],
    what: ['krijg je hulp als je je rekeningen niet kunt betalen', 'you get help if you cannot pay your bills'],
    keywords: ['schulden', 'schuldhulp', 'deurwaarder', 'incasso', 'geldzorgen'],
    offeredBy: 'gemeente',
  },
  {
    name: ['Papieren op orde', 'Paperwork help'],
    kind: 'service',
    themes: ['money'],
    audience: ['must_learn'],
    what: ['helpt een vrijwilliger je je post te ordenen', 'a volunteer helps you sort your mail'],
    keywords: ['post', 'administratie', 'brieven', 'formulier'],
    offeredBy: 'welzijn',
  },
  {
    name: ['Juridisch spreekuur', 'Legal advice desk'],
    kind: 'service',
    themes: ['law'],
    audience: ['must_learn'],
    what: ['krijg je gratis juridische informatie', 'you get free legal information'],
    keywords: ['juridisch loket', 'recht', 'advies', 'huur', 'ontslag', 'bezwaar'],
    offeredBy: 'partner',
    partner: 'Het Juridisch Loket',
  },
  {
    name: ['Sociaal raadslieden', 'Social advisers'],
    kind: 'service',
    themes: ['law', 'money'],
    audience: ['must_learn'],
    what: ['helpen we je met ingewikkelde brieven en bezwaren', 'we help with complicated letters and objections'],
    keywords: ['bezwaar', 'brief', 'rechten', 'regeling'],
    offeredBy: 'gemeente',
  },
  {
    name: ['Werkspreekuur', 'Job desk'],
    kind: 'service',
    themes: ['work'],
    audience: ['must_learn', 'want_to_develop'],
    what: ['krijg je hulp bij je cv en solliciteren', 'you get help with your CV and applications'],
    keywords: ['werk', 'baan', 'vacature', 'sollicitatie', 'cv'],
    offeredBy: 'library',
  },
  {
    name: ['CV-workshop', 'CV workshop'],
    kind: 'course',
    themes: ['work', 'digital_skills'],
    audience: ['must_learn', 'want_to_develop'],
    what: ['maak je een sterk cv', 'you make a strong CV'],
    keywords: ['cv', 'solliciteren', 'werk', 'baan'],
    offeredBy: 'library',
  },
  {
    name: ['LinkedIn-workshop', 'LinkedIn workshop'],
    kind: 'course',
    themes: ['work', 'digital_skills'],
    audience: ['want_to_develop'],
    what: ['maak je een LinkedIn-profiel dat opvalt', 'you create a LinkedIn profile that stands out'],
    keywords: ['linkedin', 'netwerk', 'profiel', 'werk'],
    offeredBy: 'library',
  },
  {
    name: ['Sociaal wijkteam', 'Neighbourhood social team'],
    kind: 'service',
    themes: ['money', 'health_skills'],
    audience: ['must_learn'],
    what: ['praat je over zorg, geld of wonen', 'you talk about care, money or housing'],
    keywords: ['wijkteam', 'gemeente', 'zorg', 'hulp', 'wmo'],
    offeredBy: 'gemeente',
  },
  {
    name: ['Vrijwilligerswerk', 'Volunteering'],
    kind: 'service',
    themes: ['work', 'personal_development'],
    audience: ['want_to_develop'],
    what: ['zoeken we vrijwilligerswerk dat bij je past', 'we find volunteer work that suits you'],
    keywords: ['vrijwilliger', 'vrijwilligerswerk', 'meedoen'],
    offeredBy: 'welzijn',
  },
  {
    name: ['Creatief schrijven', 'Creative writing'],
    kind: 'course',
    themes: ['personal_development', 'language'],
    audience: ['want_to_develop'],
    what: ['schrijf je verhalen en gedichten', 'you write stories and poems'],
    keywords: ['schrijven', 'verhalen', 'gedichten', 'creatief'],
    offeredBy: 'library',
  },
  {
    name: ['Stamboomonderzoek', 'Family history research'],
    kind: 'course',
    themes: ['personal_development', 'digital_skills'],
    audience: ['want_to_develop'],
    what: ['zoek je je voorouders op in online archieven', 'you look up your ancestors in online archives'],
    keywords: ['stamboom', 'genealogie', 'familie', 'archief'],
    offeredBy: 'library',
  },
  {
    name: ['3D-printen', '3D printing'],
    kind: 'course',
    themes: ['personal_development', 'digital_skills'],
    audience: ['want_to_develop'],
    what: ['ontwerp en print je je eigen voorwerp', 'you design and print your own object'],
    keywords: ['3d-printen', 'makerspace', 'ontwerpen', 'techniek'],
    offeredBy: 'library',
  },
  {
    name: ['Programmeren', 'Coding'],
    kind: 'course',
    themes: ['personal_development', 'digital_skills'],
    audience: ['want_to_develop'],
    what: ['schrijf je je eerste programma', 'you write your first program'],
    keywords: ['programmeren', 'python', 'code', 'coderen'],
    offeredBy: 'library',
  },
  {
    name: ['AI en ChatGPT', 'AI and ChatGPT'],
    kind: 'course',
    themes: ['digital_skills', 'personal_development'],
    audience: ['want_to_develop'],
    what: ['probeer je zelf een AI-chatbot uit', 'you try out an AI chatbot yourself'],
    keywords: ['ai', 'chatgpt', 'kunstmatige intelligentie', 'chatbot'],
    offeredBy: 'library',
  },
  {
    name: ['Fotobewerking', 'Photo editing'],
    kind: 'course',
    themes: ['personal_development', 'digital_skills'],
    audience: ['want_to_develop'],
    what: ['maak je je foto’s mooier', 'you make your photos look better'],
    keywords: ['foto', 'fotobewerking', 'camera', 'bewerken'],
    offeredBy: 'library',
  },
  {
    name: ['Leesclub', 'Book club'],
    kind: 'course',
    themes: ['personal_development', 'language'],
    audience: ['want_to_develop', 'must_learn'],
    what: ['lees en bespreek je samen een boek', 'you read and discuss a book together'],
    keywords: ['leesclub', 'boek', 'lezen', 'roman'],
    offeredBy: 'library',
  },
  {
    name: ['Talen voor je plezier', 'Languages for fun'],
    kind: 'course',
    themes: ['personal_development', 'language'],
    audience: ['want_to_develop'],
    what: ['leer je de basis van een nieuwe taal', 'you learn the basics of a new language'],
    keywords: ['engels', 'spaans', 'frans', 'duits', 'taal', 'vakantie'],
    offeredBy: 'library',
  },
];

const MODIFIERS: readonly Pair[] = [
  ['voor beginners', 'for beginners'],
  ['vervolg', 'follow-up'],
  ['voor 65-plussers', 'for over-65s'],
  ['in de avond', 'evening group'],
  ['op zaterdag', 'on Saturday'],
  ['voor anderstaligen', 'for non-native speakers'],
  ['voor ouders', 'for parents'],
  ['voor jongeren', 'for young people'],
  ['intensief', 'intensive'],
  ['in de wijk', 'in the neighbourhood'],
  ['in kleine groep', 'in a small group'],
  ['met taalsteun', 'with language support'],
  ['voor werkzoekenden', 'for job seekers'],
  ['voor mantelzorgers', 'for carers'],
];

const OPENERS: readonly Pair[] = [
  ['In deze bijeenkomsten', 'In these sessions'],
  ['Samen met een vrijwilliger', 'Together with a volunteer'],
  ['In een kleine groep', 'In a small group'],
  ['Op je eigen tempo', 'At your own pace'],
  ['Met uitleg in eenvoudige taal', 'With explanations in plain language'],
  ['Elke week', 'Every week'],
];

const CLOSERS: readonly Pair[] = [
  ['Je hoeft niets voor te bereiden.', 'No preparation needed.'],
  ['Neem gerust iemand mee.', 'Feel free to bring someone along.'],
  ['Koffie en thee staan klaar.', 'Coffee and tea are provided.'],
  ['Vragen? Loop even binnen bij de servicebalie.', 'Questions? Drop by the service desk.'],
  ['Je krijgt oefenmateriaal mee naar huis.', 'You take practice material home.'],
  ['Er is plek voor een beperkt aantal mensen.', 'Places are limited.'],
  ['Ook als je het spannend vindt, ben je welkom.', 'You are welcome, even if it feels daunting.'],
];

const EXTRA_KEYWORDS = [
  'hulp',
  'gratis',
  'cursus',
  'bibliotheek',
  'vraag',
  'uitleg',
  'leren',
  'oefenen',
  'samen',
  'senioren',
  'nieuwkomers',
  'wijk',
  'avond',
  'ochtend',
  'workshop',
  'spreekuur',
  'inloop',
  'vrijwilliger',
];

const TOWNS = ['Voorbeeldstad', 'Proefdorp', 'Testerveen', 'Oefenhoven', 'Zandwijk', 'Beekum', 'Lindeloo', 'Heidemond'];
const WIJKEN = ['Centrum', 'Noord', 'Zuid', 'Oost', 'West', 'De Hoven', 'Kanaalzone', 'Molenwijk', 'Het Veld', 'Stationskwartier'];
const STREETS = [
  'Dorpsstraat',
  'Kerkplein',
  'Schoolstraat',
  'Molenweg',
  'Julianalaan',
  'Marktplein',
  'Beukenlaan',
  'Havenkade',
  'Parkweg',
  'Stationsstraat',
];
const INSTRUCTION_LANGUAGES = ['en', 'ar', 'tr', 'pl', 'uk', 'ti', 'so', 'fa', 'es', 'de'];
const TIME_SLOTS: readonly Pair[] = [
  ['09:30', '11:30'],
  ['10:00', '12:00'],
  ['10:30', '12:00'],
  ['13:30', '15:30'],
  ['14:00', '16:00'],
  ['15:00', '16:30'],
  ['18:30', '20:00'],
  ['19:00', '21:00'],
];
const HOUR_SLOTS: readonly Pair[] = [
  ['09:00', '12:00'],
  ['10:00', '12:00'],
  ['10:00', '13:00'],
  ['13:00', '16:00'],
  ['14:00', '17:00'],
  ['18:00', '20:00'],
];
const AMOUNTS = [5, 7.5, 10, 12.5, 15, 20, 25, 35, 50];

/** Local dates from 2026-12-01 to 2027-06-30, with ISO weekday and UTC offset. */
const DAYS: readonly { date: string; weekday: number; offset: string }[] = (() => {
  const out: { date: string; weekday: number; offset: string }[] = [];
  const start = Date.UTC(2026, 11, 1);
  const end = Date.UTC(2027, 5, 30);
  for (let t = start; t <= end; t += 86_400_000) {
    const d = new Date(t);
    const date = d.toISOString().slice(0, 10);
    out.push({ date, weekday: ((d.getUTCDay() + 6) % 7) + 1, offset: date >= '2027-03-28' ? '+02:00' : '+01:00' });
  }
  return out;
})();
const WORKDAYS = DAYS.filter((d) => d.weekday <= 6);

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

/**
 * A synthetic catalogue of `size` items (plus 20 organisations and 50 locations),
 * valid against catalogueDocumentSchema and identical for the same size and seed.
 */
export function syntheticCatalogue(size: number, seed = 1): CatalogueDocument {
  if (!Number.isInteger(size) || size < 0) throw new RangeError('size must be a non-negative integer');
  const rand = mulberry32(mix32(seed) ^ 0x9e3779b9);
  const id = makeIdFactory(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => rand() < p;

  // Five towns with a library and a municipality, eight national partners, one
  // regional Taalhuis and one welfare organisation: 20 organisations.
  const townOffset = int(TOWNS.length);
  const uniqueTowns = Array.from({ length: 5 }, (_, i) => TOWNS[(townOffset + i) % TOWNS.length]!);

  const organizations: CatalogueOrganization[] = [];
  const libraries: string[] = [];
  const gemeenten: string[] = [];
  const partners = new Map<string, string>();
  const taalhuizen: string[] = [];
  const welzijn: string[] = [];
  const addOrg = (name: string, isLibrary: boolean, list: string[] | null, description?: LocalizedText) => {
    const orgId = id('organization', organizations.length);
    organizations.push({ id: orgId, name, isLibrary, ...(description ? { description } : {}) });
    list?.push(orgId);
    return orgId;
  };
  for (const town of uniqueTowns) {
    addOrg(`Bibliotheek ${town} (synthetisch)`, true, libraries, {
      nl: `Synthetische bibliotheek in ${town}, gemaakt voor tests.`,
      en: `Synthetic library in ${town}, made for tests.`,
    });
    addOrg(`Gemeente ${town} (synthetisch)`, false, gemeenten);
  }
  for (const partner of PARTNERS) partners.set(partner, addOrg(`${partner} (synthetisch)`, false, null));
  addOrg(`Taalhuis regio ${uniqueTowns[0]!} (synthetisch)`, false, taalhuizen);
  addOrg(`Welzijn regio ${uniqueTowns[0]!} (synthetisch)`, false, welzijn);

  // 8 branches per library (40) and 2 municipal locations per town (10): 50 locations.
  const locations: CatalogueLocation[] = [];
  const branchIds: string[] = [];
  const partnerLocationIds: string[] = [];
  const randomHours = (days: number[], late: boolean) =>
    days.map((weekday) => ({
      weekday,
      opens: pick(['09:00', '10:00', '12:00', '13:00']),
      closes: late && chance(0.4) ? '20:00' : pick(['17:00', '17:30']),
    }));
  uniqueTowns.forEach((town, t) => {
    for (let b = 0; b < 8; b++) {
      const locId = id('location', locations.length);
      const wijk = WIJKEN[(b + t) % WIJKEN.length]!;
      locations.push({
        id: locId,
        organizationId: libraries[t]!,
        name: b === 0 ? `Centrale Bibliotheek ${town} (synthetisch)` : `Bibliotheek ${town} ${wijk} (synthetisch)`,
        address: `${pick(STREETS)} ${1 + int(120)} (voorbeeldadres)`,
        city: town,
        hours: randomHours(b === 0 ? [1, 2, 3, 4, 5, 6] : [2, 3, 4, 5, 6].filter(() => chance(0.75)), b === 0),
      });
      branchIds.push(locId);
    }
    for (const kind of ['Stadskantoor', 'Wijkcentrum']) {
      const locId = id('location', locations.length);
      locations.push({
        id: locId,
        organizationId: gemeenten[t]!,
        name: `${kind} ${town} (synthetisch)`,
        address: `${pick(STREETS)} ${1 + int(120)} (voorbeeldadres)`,
        city: town,
        hours: randomHours([1, 2, 3, 4, 5], false),
      });
      partnerLocationIds.push(locId);
    }
  });

  const orgFor = (topic: Topic): string => {
    switch (topic.offeredBy) {
      case 'library':
        return pick(libraries);
      case 'partner':
        return partners.get(topic.partner ?? 'Belastingdienst')!;
      case 'gemeente':
        return pick(gemeenten);
      case 'taalhuis':
        return pick(taalhuizen);
      case 'welzijn':
        return pick(welzijn);
    }
  };

  const items: CatalogueItem[] = new Array(size);
  for (let i = 0; i < size; i++) {
    const topic = pick(TOPICS);
    const mod = pick(MODIFIERS);
    const opener = pick(OPENERS);
    const closer = pick(CLOSERS);
    const withEnglish = chance(0.7);
    const allLanguages = withEnglish && chance(0.12);

    const name: LocalizedText = { nl: `${topic.name[0]} ${mod[0]}` };
    const description: LocalizedText = {
      nl: `${opener[0]} ${topic.what[0]}. ${closer[0]}`,
    };
    if (withEnglish) {
      name.en = `${topic.name[1]} ${mod[1]}`;
      description.en = `${opener[1]} ${topic.what[1]}. ${closer[1]}`;
    }
    if (allLanguages) {
      // Placeholder translations keep the Dutch name; they exist to exercise multilingual search.
      for (const lang of ['ar', 'tr', 'pl', 'uk'] as const) {
        name[lang] = `${topic.name[0]} (${lang})`;
        description[lang] = `${topic.name[0]}: ${topic.what[1]} (${lang}).`;
      }
    }

    const themes = [...topic.themes];
    if (chance(0.15)) {
      const extra = pick(['digital_skills', 'language', 'personal_development', 'work', 'money'] as const);
      if (!themes.includes(extra)) themes.push(extra);
    }

    const languages = ['nl'];
    if (chance(0.25)) {
      const extra = pick(INSTRUCTION_LANGUAGES);
      languages.push(extra);
      if (chance(0.3)) {
        const second = pick(INSTRUCTION_LANGUAGES);
        if (second !== extra) languages.push(second);
      }
    }

    const format = topic.offeredBy === 'partner' ? 'online' : chance(0.85) ? 'in_person' : chance(0.5) ? 'online' : 'blended';
    const isOnline = format === 'online';
    const roll = rand();
    const status = roll < 0.9 ? 'active' : roll < 0.96 ? 'temporarily_closed' : 'ended';
    const paid = topic.audience.includes('want_to_develop') && chance(0.3);
    const cost: CatalogueItem['cost'] = paid ? { free: false, amountEur: pick(AMOUNTS) } : { free: true };

    const bring: CatalogueItem['bring'] = [];
    const bringCount = int(3);
    for (let b = 0; b < bringCount; b++) {
      const thing = pick(BRING);
      if (!bring.includes(thing)) bring.push(thing);
    }

    const locationIds: string[] = [];
    if (!isOnline) {
      const pool = topic.offeredBy === 'gemeente' || topic.offeredBy === 'welzijn' ? partnerLocationIds : branchIds;
      locationIds.push(pick(pool));
      if (chance(0.25)) {
        const second = pick(branchIds);
        if (!locationIds.includes(second)) locationIds.push(second);
      }
    }

    const sessions: CourseSession[] = [];
    const hours: CatalogueItem['hours'] = [];
    if (topic.kind === 'course') {
      const runs = 1 + int(3);
      for (let r = 0; r < runs; r++) {
        const day = pick(WORKDAYS);
        const [from, to] = pick(TIME_SLOTS);
        const session: CourseSession = {
          start: `${day.date}T${from}:00${day.offset}`,
          end: `${day.date}T${to}:00${day.offset}`,
          seats: 6 + int(20),
        };
        if (chance(0.6)) session.rrule = `FREQ=WEEKLY;COUNT=${2 + int(9)}`;
        const loc = locationIds.length > 0 ? locationIds[int(locationIds.length)] : undefined;
        if (loc) session.locationId = loc;
        sessions.push(session);
      }
      sessions.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    } else if (!isOnline) {
      const rows = 1 + int(4);
      for (let r = 0; r < rows; r++) {
        const weekday = 1 + int(6);
        if (hours.some((x) => x.weekday === weekday)) continue;
        const [opens, closes] = pick(HOUR_SLOTS);
        hours.push({ weekday, opens, closes });
      }
      hours.sort((a, b) => a.weekday - b.weekday);
    }

    const keywords = [...topic.keywords];
    const extraKeywords = int(4);
    for (let k = 0; k < extraKeywords; k++) {
      const word = pick(EXTRA_KEYWORDS);
      if (!keywords.includes(word)) keywords.push(word);
    }

    const signUpMethod =
      topic.kind === 'course'
        ? pick(['registration', 'registration', 'online', 'phone'] as const)
        : isOnline
          ? 'online'
          : pick(['walk_in', 'walk_in', 'appointment'] as const);

    items[i] = {
      id: id('item', i),
      kind: topic.kind,
      organizationId: orgFor(topic),
      name,
      description,
      themes,
      audience: [...topic.audience],
      format,
      level: topic.audience.includes('must_learn') && chance(0.6) ? 'beginner' : pick(LEVELS),
      languages,
      cost,
      signUp: { method: signUpMethod },
      bring,
      status,
      locationIds,
      hours,
      sessions,
      keywords,
    };
  }

  return { organizations, locations, items };
}
