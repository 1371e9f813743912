/**
 * The IDO question taxonomy as data, with Dutch and English labels.
 *
 * It follows the KB's national IDO registration (Bibliotheekmonitor): several
 * questions per visitor, each grouped as digital government / library services /
 * other, the organisation it concerned, the kind of help (the five IDO functions
 * of the Regeling specifieke uitkering IDO), the referral, channel and duration.
 * Ids are stable identifiers stored in records; labels may change freely.
 */

export interface Term<Id extends string = string> {
  id: Id;
  nl: string;
  en: string;
}

function terms<const T extends readonly Term[]>(list: T): T {
  return list;
}

/** The five IDO functions (a–e). */
export const HELP_KINDS = terms([
  { id: 'digital_service', nl: 'Hulp bij digitaal contact met een dienstverlener', en: 'Help with a digital service' },
  { id: 'skills_course', nl: 'Toeleiding naar een cursus digitale vaardigheden', en: 'Guidance to a digital-skills course' },
  { id: 'digital_society', nl: 'Informatie over de digitale samenleving', en: 'Information on the digital society' },
  { id: 'provider_info', nl: 'Algemene informatie over een dienstverlener', en: 'General information on a provider' },
  {
    id: 'referral',
    nl: 'Doorverwijzing naar de verantwoordelijke instantie of een professional',
    en: 'Referral to the responsible provider or a professional',
  },
] as const);

/** The KB registration's grouping of questions. */
export const DOMAINS = terms([
  { id: 'digital_government', nl: 'Digitale overheid', en: 'Digital government' },
  { id: 'library', nl: 'Bibliotheekdiensten', en: 'Library services' },
  { id: 'other', nl: 'Overig', en: 'Other' },
] as const);

/** Organisations a question can concern: the national IDO partners first, then the common others. */
export const ORGANISATIONS = terms([
  { id: 'belastingdienst', nl: 'Belastingdienst', en: 'Tax Administration (Belastingdienst)' },
  { id: 'toeslagen', nl: 'Dienst Toeslagen', en: 'Benefits Agency (Dienst Toeslagen)' },
  { id: 'uwv', nl: 'UWV', en: 'UWV (employment insurance)' },
  { id: 'svb', nl: 'SVB (AOW, kinderbijslag)', en: 'SVB (state pension, child benefit)' },
  { id: 'duo', nl: 'DUO', en: 'DUO (education)' },
  { id: 'cak', nl: 'CAK', en: 'CAK (care contributions)' },
  { id: 'cbr', nl: 'CBR', en: 'CBR (driving licences)' },
  { id: 'ciz', nl: 'CIZ', en: 'CIZ (care needs assessment)' },
  { id: 'cjib', nl: 'CJIB', en: 'CJIB (fines)' },
  { id: 'logius', nl: 'DigiD / MijnOverheid (Logius)', en: 'DigiD / MijnOverheid (Logius)' },
  { id: 'gemeente', nl: 'Gemeente', en: 'Municipality' },
  { id: 'zorgverzekeraar', nl: 'Zorgverzekeraar', en: 'Health insurer' },
  { id: 'zorgverlener', nl: 'Huisarts, ziekenhuis of apotheek', en: 'GP, hospital or pharmacy' },
  { id: 'bank', nl: 'Bank', en: 'Bank' },
  { id: 'library', nl: 'Bibliotheek', en: 'Library' },
  { id: 'other', nl: 'Andere organisatie', en: 'Other organisation' },
] as const);

/** Topics, each with the group it belongs to in the KB registration. */
export const TOPICS = terms([
  { id: 'digid', nl: 'DigiD', en: 'DigiD' },
  { id: 'mijnoverheid', nl: 'MijnOverheid / Berichtenbox', en: 'MijnOverheid / message box' },
  { id: 'tax_return', nl: 'Belastingaangifte', en: 'Tax return' },
  { id: 'allowance', nl: 'Toeslagen', en: 'Allowances' },
  { id: 'pension', nl: 'AOW en pensioen', en: 'State pension and pension' },
  { id: 'benefits', nl: 'Uitkering', en: 'Benefits' },
  { id: 'study_finance', nl: 'Studiefinanciering', en: 'Student finance' },
  { id: 'fines', nl: 'Boetes en betalingen', en: 'Fines and payments' },
  { id: 'driving_licence', nl: 'Rijbewijs', en: 'Driving licence' },
  { id: 'municipal', nl: 'Gemeentezaken (paspoort, verhuizing, vergunning)', en: 'Municipal matters (passport, moving, permits)' },
  { id: 'health_portal', nl: 'Zorgportaal of zorgapp', en: 'Health portal or app' },
  { id: 'health_insurance', nl: 'Zorgverzekering', en: 'Health insurance' },
  { id: 'banking', nl: 'Internetbankieren', en: 'Online banking' },
  { id: 'job_seeking', nl: 'Werk zoeken', en: 'Job seeking' },
  { id: 'online_safety', nl: 'Veilig online', en: 'Online safety' },
  { id: 'device_help', nl: 'Computer, telefoon of tablet', en: 'Computer, phone or tablet' },
  { id: 'library_account', nl: 'Bibliotheekpas en e-books', en: 'Library card and e-books' },
  { id: 'course_info', nl: 'Cursus of activiteit', en: 'Course or activity' },
  { id: 'other', nl: 'Overige vraag', en: 'Other question' },
] as const);

/** The group in the KB registration a topic counts under by default. */
export const TOPIC_DOMAIN: Record<TopicId, DomainId> = {
  digid: 'digital_government',
  mijnoverheid: 'digital_government',
  tax_return: 'digital_government',
  allowance: 'digital_government',
  pension: 'digital_government',
  benefits: 'digital_government',
  study_finance: 'digital_government',
  fines: 'digital_government',
  driving_licence: 'digital_government',
  municipal: 'digital_government',
  health_portal: 'other',
  health_insurance: 'other',
  banking: 'other',
  job_seeking: 'other',
  online_safety: 'other',
  device_help: 'other',
  library_account: 'library',
  course_info: 'library',
  other: 'other',
};

/** The organisation a topic most often concerns, to prefill the choice. */
export const TOPIC_ORGANISATION: Partial<Record<TopicId, OrganisationId>> = {
  digid: 'logius',
  mijnoverheid: 'logius',
  tax_return: 'belastingdienst',
  allowance: 'toeslagen',
  pension: 'svb',
  benefits: 'uwv',
  study_finance: 'duo',
  fines: 'cjib',
  driving_licence: 'cbr',
  municipal: 'gemeente',
  health_portal: 'zorgverlener',
  health_insurance: 'zorgverzekeraar',
  banking: 'bank',
  library_account: 'library',
  course_info: 'library',
};

/** What the volunteer did. */
export const ACTIONS = terms([
  { id: 'explained', nl: 'Uitgelegd', en: 'Explained' },
  { id: 'did_together', nl: 'Samen gedaan', en: 'Did it together' },
  { id: 'filled_in', nl: 'Formulier ingevuld', en: 'Filled in a form' },
  { id: 'looked_up', nl: 'Informatie opgezocht', en: 'Looked up information' },
  { id: 'made_appointment', nl: 'Afspraak gemaakt', en: 'Made an appointment' },
  { id: 'called', nl: 'Gebeld namens bezoeker', en: 'Called on their behalf' },
] as const);

export const OUTCOMES = terms([
  { id: 'answered', nl: 'Beantwoord', en: 'Answered' },
  { id: 'partly', nl: 'Deels beantwoord', en: 'Partly answered' },
  { id: 'referred', nl: 'Doorverwezen', en: 'Referred' },
  { id: 'follow_up', nl: 'Vervolgafspraak', en: 'Follow-up appointment' },
] as const);

export const CHANNELS = terms([
  { id: 'walk_in', nl: 'Inloop', en: 'Walk-in' },
  { id: 'appointment', nl: 'Op afspraak', en: 'By appointment' },
  { id: 'phone', nl: 'Telefonisch', en: 'By phone' },
  { id: 'online', nl: 'Online', en: 'Online' },
] as const);

/** Warm: the volunteer made contact on the visitor's behalf; logged: information handed over. */
export const REFERRAL_MODES = terms([
  { id: 'warm', nl: 'Warm (contact gelegd)', en: 'Warm (contact made)' },
  { id: 'logged', nl: 'Informatie meegegeven', en: 'Information given' },
] as const);

export type HelpKindId = (typeof HELP_KINDS)[number]['id'];
export type DomainId = (typeof DOMAINS)[number]['id'];
export type OrganisationId = (typeof ORGANISATIONS)[number]['id'];
export type TopicId = (typeof TOPICS)[number]['id'];
export type ActionId = (typeof ACTIONS)[number]['id'];
export type OutcomeId = (typeof OUTCOMES)[number]['id'];
export type ChannelId = (typeof CHANNELS)[number]['id'];
export type ReferralModeId = (typeof REFERRAL_MODES)[number]['id'];

export function ids<T extends readonly Term[]>(list: T): [T[number]['id'], ...T[number]['id'][]] {
  return list.map((t) => t.id) as [T[number]['id'], ...T[number]['id'][]];
}

/** The label of a term in the given language (English for anything but Dutch, until more are added). */
export function termLabel(list: readonly Term[], id: string, lang: string): string {
  const term = list.find((t) => t.id === id);
  if (!term) return id;
  return lang === 'nl' ? term.nl : term.en;
}

/**
 * The IDO function a question counts under when the volunteer did not pick one:
 * a course question is guidance to a course, a referral is a referral, the rest
 * is help with a digital service.
 */
export function defaultHelpKind(topic: TopicId, outcome: OutcomeId): HelpKindId {
  if (topic === 'course_info') return 'skills_course';
  if (topic === 'online_safety') return 'digital_society';
  if (outcome === 'referred') return 'referral';
  return 'digital_service';
}
