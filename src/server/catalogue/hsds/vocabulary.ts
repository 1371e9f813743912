import { AUDIENCES, BRING, FORMATS, LEVELS, SIGN_UP_METHODS, THEMES } from '../../../shared/catalogue';
import { derivedId } from './ids';
import type { Row } from './graph';

/**
 * Inloop's own vocabularies, published as HSDS taxonomies: every term with a name and a
 * description in Dutch (the term services link to) and in English (a term of its own with
 * language "en" and the same code). Services link to them through `attribute` records, which is
 * how HSDS classifies services; the codes are what Inloop stores.
 */

interface Described {
  nl: string;
  en: string;
  nlDescription: string;
  enDescription: string;
}

export const VOCABULARIES = {
  theme: {
    name: 'Inloop thema',
    description:
      "Themes of the courses and help services of the Dutch library walk-in desks (Digitaalhuis / IDO) / Thema's van het aanbod van het Digitaalhuis en het IDO",
    terms: {
      digital_skills: {
        nl: 'Digitale vaardigheden',
        en: 'Digital skills',
        nlDescription: 'Omgaan met computer, tablet en smartphone: van de eerste stappen tot veilig internetten.',
        enDescription: 'Using a computer, tablet and smartphone: from the first steps to staying safe online.',
      },
      language: {
        nl: 'Taal',
        en: 'Language',
        nlDescription: 'Beter Nederlands lezen, schrijven en spreken, zoals in het Taalhuis en het Taalcafé.',
        enDescription: 'Reading, writing and speaking Dutch better, as in the Taalhuis and the language café.',
      },
      numeracy: {
        nl: 'Rekenen',
        en: 'Numeracy',
        nlDescription: 'Rekenen in het dagelijks leven: geld, maten, tijd en getallen.',
        enDescription: 'Everyday arithmetic: money, measures, time and numbers.',
      },
      health_skills: {
        nl: 'Gezondheid',
        en: 'Health',
        nlDescription: 'Gezondheidsinformatie vinden en begrijpen, en digitaal contact met huisarts, apotheek en ziekenhuis.',
        enDescription: 'Finding and understanding health information, and digital contact with GP, pharmacy and hospital.',
      },
      money: {
        nl: 'Geldzaken',
        en: 'Money matters',
        nlDescription: 'Grip op geld: budgetteren, rekeningen, schulden voorkomen, bankieren.',
        enDescription: 'Managing money: budgeting, bills, avoiding debt, banking.',
      },
      work: {
        nl: 'Werk',
        en: 'Work',
        nlDescription: 'Werk zoeken, solliciteren, een cv maken en vaardigheden voor het werk.',
        enDescription: 'Looking for work, applying, writing a CV and skills for work.',
      },
      law: {
        nl: 'Recht',
        en: 'Law',
        nlDescription: 'Juridische vragen en gratis juridisch advies, zoals van het Juridisch Loket.',
        enDescription: 'Legal questions and free legal advice, such as from the Juridisch Loket.',
      },
      digital_government: {
        nl: 'Digitale overheid',
        en: 'Digital government',
        nlDescription: 'Zaken regelen met de overheid online: DigiD, belastingaangifte, toeslagen, MijnOverheid.',
        enDescription: 'Dealing with government online: DigiD, tax returns, allowances, MijnOverheid.',
      },
      personal_development: {
        nl: 'Persoonlijke ontwikkeling',
        en: 'Personal development',
        nlDescription: 'Verder leren uit interesse: cursussen, lezingen en creatieve activiteiten.',
        enDescription: 'Learning more out of interest: courses, talks and creative activities.',
      },
      unsorted: {
        nl: 'Nog niet ingedeeld',
        en: 'Not yet sorted',
        nlDescription: 'Ingelezen uit een ander systeem zonder passend thema; een coördinator kiest het thema in de console.',
        enDescription: 'Imported from another system without a matching theme; a coordinator chooses its theme in the console.',
      },
    } satisfies Record<(typeof THEMES)[number], Described>,
  },
  audience: {
    name: 'Inloop doelgroep',
    description:
      'Who it is for, after the Dutch programme Leven Lang Ontwikkelen / Voor wie het is, naar het programma Leven Lang Ontwikkelen',
    terms: {
      must_learn: {
        nl: 'Basisvaardigheden (moeten leren)',
        en: 'Basic skills (must learn)',
        nlDescription: 'Voor wie lezen, rekenen of digitale vaardigheden nodig heeft om mee te kunnen doen.',
        enDescription: 'For people who need reading, numeracy or digital skills to take part in society.',
      },
      want_to_develop: {
        nl: 'Verder ontwikkelen (willen leren)',
        en: 'Further development (want to learn)',
        nlDescription: 'Voor wie zich uit eigen interesse verder wil ontwikkelen.',
        enDescription: 'For people who want to develop themselves further out of interest.',
      },
    } satisfies Record<(typeof AUDIENCES)[number], Described>,
  },
  kind: {
    name: 'Inloop soort aanbod',
    description: 'Course or help service / Cursus of hulp',
    terms: {
      course: {
        nl: 'Cursus',
        en: 'Course',
        nlDescription: 'Een cursus of training met bijeenkomsten op vaste data.',
        enDescription: 'A course or training with meetings on set dates.',
      },
      service: {
        nl: 'Hulp / spreekuur',
        en: 'Help / drop-in',
        nlDescription: 'Hulp of een spreekuur, vaak vrij binnenlopen of op afspraak.',
        enDescription: 'Help or a drop-in hour, often walk-in or by appointment.',
      },
    },
  },
  format: {
    name: 'Inloop vorm',
    description: 'Where it takes place / Waar het plaatsvindt',
    terms: {
      in_person: {
        nl: 'Op locatie',
        en: 'In person',
        nlDescription: 'Op een locatie, zoals de bibliotheek.',
        enDescription: 'At a location, such as the library.',
      },
      online: {
        nl: 'Online',
        en: 'Online',
        nlDescription: 'Helemaal online, thuis te volgen.',
        enDescription: 'Entirely online, to follow from home.',
      },
      blended: {
        nl: 'Deels online',
        en: 'Blended',
        nlDescription: 'Deels op locatie, deels online.',
        enDescription: 'Partly at a location, partly online.',
      },
    } satisfies Record<(typeof FORMATS)[number], Described>,
  },
  level: {
    name: 'Inloop niveau',
    description: 'Level / Niveau',
    terms: {
      beginner: { nl: 'Beginners', en: 'Beginners', nlDescription: 'Geen ervaring nodig.', enDescription: 'No experience needed.' },
      intermediate: {
        nl: 'Gevorderd',
        en: 'Intermediate',
        nlDescription: 'Voor wie de basis al kent.',
        enDescription: 'For those who know the basics.',
      },
      advanced: {
        nl: 'Ver gevorderd',
        en: 'Advanced',
        nlDescription: 'Voor wie al veel ervaring heeft.',
        enDescription: 'For those with a lot of experience.',
      },
      all: {
        nl: 'Alle niveaus',
        en: 'All levels',
        nlDescription: 'Voor iedereen, welk niveau ook.',
        enDescription: 'For everyone, whatever the level.',
      },
    } satisfies Record<(typeof LEVELS)[number], Described>,
  },
  sign_up: {
    name: 'Inloop aanmelden',
    description: 'How to sign up / Hoe je je aanmeldt',
    terms: {
      walk_in: {
        nl: 'Binnenlopen',
        en: 'Walk in',
        nlDescription: 'Binnenlopen, geen aanmelding nodig.',
        enDescription: 'Walk in, no sign-up needed.',
      },
      appointment: {
        nl: 'Op afspraak',
        en: 'By appointment',
        nlDescription: 'Eerst een afspraak maken.',
        enDescription: 'Make an appointment first.',
      },
      registration: {
        nl: 'Aanmelden vooraf',
        en: 'Register beforehand',
        nlDescription: 'Vooraf aanmelden, bijvoorbeeld met een intake.',
        enDescription: 'Register beforehand, for example with an intake.',
      },
      phone: {
        nl: 'Aanmelden per telefoon',
        en: 'Sign up by phone',
        nlDescription: 'Aanmelden door te bellen.',
        enDescription: 'Sign up by calling.',
      },
      online: {
        nl: 'Aanmelden via de website',
        en: 'Sign up online',
        nlDescription: 'Aanmelden via de website.',
        enDescription: 'Sign up on the website.',
      },
    } satisfies Record<(typeof SIGN_UP_METHODS)[number], Described>,
  },
} as const;

export type VocabularyName = keyof typeof VOCABULARIES;
export const VOCABULARY_NAMES = Object.keys(VOCABULARIES) as VocabularyName[];

/** What to bring, as the Dutch text of an HSDS required_document (and English, to recognise it). */
export const BRING_DOCUMENTS: Record<(typeof BRING)[number], { nl: string; en: string }> = {
  digid: { nl: 'DigiD (inloggegevens of app)', en: 'DigiD (login details or app)' },
  id: { nl: 'Identiteitsbewijs', en: 'Proof of identity' },
  letter: { nl: 'De brief waar het om gaat', en: 'The letter it is about' },
  phone: { nl: 'Telefoon', en: 'Phone' },
  laptop: { nl: 'Laptop', en: 'Laptop' },
  bank_details: { nl: 'Bankgegevens', en: 'Bank details' },
  health_insurance_card: { nl: 'Zorgpas', en: 'Health insurance card' },
  residence_permit: { nl: 'Verblijfsdocument', en: 'Residence permit' },
};

export const taxonomyId = (vocabulary: VocabularyName): string => derivedId('inloop-taxonomy', vocabulary);
export const termId = (vocabulary: VocabularyName, code: string, lang: 'nl' | 'en' = 'nl'): string =>
  lang === 'nl' ? derivedId('inloop-term', vocabulary, code) : derivedId('inloop-term', vocabulary, code, lang);

const TAXONOMY_IDS = new Map(VOCABULARY_NAMES.map((v) => [taxonomyId(v), v]));

/** Which of Inloop's vocabularies a taxonomy id is, if it is one. */
export const vocabularyOfTaxonomy = (id: unknown): VocabularyName | undefined =>
  typeof id === 'string' ? TAXONOMY_IDS.get(id) : undefined;

export function taxonomyRow(vocabulary: VocabularyName): Row {
  const v = VOCABULARIES[vocabulary];
  return { id: taxonomyId(vocabulary), name: v.name, description: v.description, version: '1' };
}

export function termRow(vocabulary: VocabularyName, code: string, lang: 'nl' | 'en' = 'nl'): Row {
  const t = (VOCABULARIES[vocabulary].terms as Record<string, Described>)[code]!;
  return {
    id: termId(vocabulary, code, lang),
    code,
    name: lang === 'nl' ? t.nl : t.en,
    description: lang === 'nl' ? t.nlDescription : t.enDescription,
    taxonomy: VOCABULARIES[vocabulary].name,
    language: lang,
    taxonomy_id: taxonomyId(vocabulary),
  };
}

/** Every taxonomy and term Inloop publishes, Dutch and English. */
export function vocabularyRows(): { taxonomy: Row[]; taxonomy_term: Row[] } {
  return {
    taxonomy: VOCABULARY_NAMES.map(taxonomyRow),
    taxonomy_term: VOCABULARY_NAMES.flatMap((v) =>
      Object.keys(VOCABULARIES[v].terms).flatMap((code) => [termRow(v, code, 'nl'), termRow(v, code, 'en')]),
    ),
  };
}

const INLOOP_TERM_IDS = new Set(vocabularyRows().taxonomy_term.map((t) => t.id as string));
const INLOOP_TERMS = new Map(
  VOCABULARY_NAMES.flatMap((v) =>
    Object.keys(VOCABULARIES[v].terms).flatMap(
      (code) =>
        [
          [termId(v, code), { vocabulary: v, code }],
          [termId(v, code, 'en'), { vocabulary: v, code }],
        ] as Array<[string, { vocabulary: VocabularyName; code: string }]>,
    ),
  ),
);
/** Which of Inloop's terms an id is (Dutch or English), if it is one. */
export const inloopTermOfId = (id: unknown): { vocabulary: VocabularyName; code: string } | undefined =>
  typeof id === 'string' ? INLOOP_TERMS.get(id) : undefined;
const INLOOP_TAXONOMY_IDS = new Set(TAXONOMY_IDS.keys());
export const isInloopVocabularyRow = (table: string, id: unknown): boolean =>
  (table === 'taxonomy_term' && INLOOP_TERM_IDS.has(id as string)) || (table === 'taxonomy' && INLOOP_TAXONOMY_IDS.has(id as string));

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Words in another system's taxonomy terms that say which theme a service belongs to (Dutch
 * and English). A term matches when its code or name, folded, equals one of them or one of the
 * theme's own labels, or contains one of them as a whole word.
 */
const THEME_WORDS: Record<Exclude<(typeof THEMES)[number], 'unsorted'>, string[]> = {
  digital_skills: [
    'digital skills',
    'digital literacy',
    'digitale vaardigheden',
    'computer',
    'computers',
    'internet',
    'computer class',
    'computercursus',
    'klik en tik',
    'smartphone',
    'tablet',
  ],
  language: [
    'language',
    'taal',
    'literacy',
    'laaggeletterdheid',
    'esl',
    'english as a second language',
    'nt2',
    'dutch',
    'nederlands',
    'inburgering',
    'taalhuis',
    'reading',
    'lezen',
  ],
  numeracy: ['numeracy', 'rekenen', 'math', 'maths', 'arithmetic'],
  health_skills: ['health', 'gezondheid', 'health literacy', 'zorg', 'healthcare', 'mental health', 'counselling', 'counseling'],
  money: ['money', 'geldzaken', 'geld', 'financial', 'finance', 'budget', 'debt', 'schulden', 'financial literacy', 'money management'],
  work: ['work', 'werk', 'employment', 'jobs', 'job', 'career', 'sollicitatie', 'solliciteren', 'vacatures', 'job search'],
  law: ['law', 'legal', 'recht', 'juridisch', 'legal aid', 'juridisch loket', 'legal advice'],
  digital_government: [
    'digital government',
    'digitale overheid',
    'government',
    'overheid',
    'digid',
    'e government',
    'belastingen',
    'toeslagen',
    'public services',
  ],
  personal_development: [
    'personal development',
    'persoonlijke ontwikkeling',
    'education',
    'onderwijs',
    'adult education',
    'learning',
    'lifelong learning',
    'cursus',
    'courses',
  ],
};

const THEME_MATCH: Array<[string, (typeof THEMES)[number]]> = Object.entries(THEME_WORDS).flatMap(([theme, words]) => {
  const t = VOCABULARIES.theme.terms[theme as keyof typeof THEME_WORDS];
  return [theme.replace(/_/g, ' '), t.nl, t.en, ...words].map(
    (w) => [fold(w), theme as (typeof THEMES)[number]] as [string, (typeof THEMES)[number]],
  );
});

/** The theme another system's taxonomy term stands for, if any. */
export function themeOfForeignTerm(term: { code?: unknown; name?: unknown }): (typeof THEMES)[number] | undefined {
  for (const value of [term.code, term.name]) {
    if (typeof value !== 'string' || !value.trim()) continue;
    const f = fold(value);
    const exact = THEME_MATCH.find(([w]) => w === f);
    if (exact) return exact[1];
    const word = THEME_MATCH.find(([w]) => w.length > 3 && ` ${f} `.includes(` ${w} `));
    if (word) return word[1];
  }
  return undefined;
}

/** The code of what to bring that a required_document's text names, if it names one. */
export function bringOfDocument(document: unknown): (typeof BRING)[number] | undefined {
  if (typeof document !== 'string') return undefined;
  const f = fold(document);
  return (Object.keys(BRING_DOCUMENTS) as Array<(typeof BRING)[number]>).find(
    (code) => fold(code) === f || fold(BRING_DOCUMENTS[code].nl) === f || fold(BRING_DOCUMENTS[code].en) === f,
  );
}
