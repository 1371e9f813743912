import type { StopReason } from '../../../shared/course-runs';

/**
 * Dutch names the report export gives what the console names through its locale files
 * (src/app/console/courses/nl.json; the server never imports the app). A test holds the two
 * the same (test/server/report-labels.test.ts), so a new statement or stop reason needs its
 * name here too.
 */
export const STOP_REASON_NL: Record<StopReason, string> = {
  health: 'Gezondheid',
  work: 'Werk',
  too_hard: 'Te moeilijk',
  too_easy: 'Te makkelijk',
  personal: 'Persoonlijke redenen',
  moved: 'Verhuisd',
  no_show: 'Niet meer gekomen',
  other: 'Anders',
};

/** Self-assessment statements by version and id (src/shared/course-runs.ts ASSESSMENT_SETS). */
export const STATEMENT_NL: Record<number, Record<string, string>> = {
  1: {
    loginDigid: 'Ik kan zelf inloggen met DigiD',
    findLetters: 'Ik kan post van de overheid online vinden',
    applyOnline: 'Ik kan zelf iets online aanvragen',
    useDevice: 'Ik kan mijn tablet of computer gebruiken',
    sendEmail: 'Ik kan een e-mail sturen',
    stayOnlineSafe: 'Ik weet hoe ik veilig online blijf',
    speakDaily: 'Ik kan in het Nederlands praten over gewone dingen',
    readLetter: 'Ik kan een brief lezen',
    fillForm: 'Ik kan een formulier invullen',
    countMoney: 'Ik kan rekenen met geld',
    readTimetable: 'Ik kan een dienstregeling lezen',
    understandNumbers: 'Ik begrijp getallen op papier',
    contactDoctor: 'Ik kan contact opnemen met de huisarts',
    usePatientPortal: 'Ik kan het patiëntenportaal gebruiken',
    understandMedicine: 'Ik begrijp de bijsluiter van mijn medicijn',
    keepBudget: 'Ik houd bij wat ik uitgeef',
    readBill: 'Ik begrijp een rekening',
    knowWhereHelp: 'Ik weet waar ik hulp kan krijgen met geld',
    searchJobs: 'Ik kan vacatures zoeken',
    writeApplication: 'Ik kan een sollicitatie schrijven',
    knowStrengths: 'Ik weet waar ik goed in ben',
    confidentLearning: 'Ik heb er vertrouwen in dat ik nieuwe dingen leer',
    askForHelp: 'Ik durf om hulp te vragen',
    useInDailyLife: 'Ik gebruik wat ik leer in het dagelijks leven',
  },
};

/** How reports name records without a municipality. */
export const NOT_ASKED_NL = 'niet gevraagd';
