import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogueDocumentSchema, type CatalogueDocument } from '../../shared/catalogue';
import { describeIssues, z } from '../../shared/zod';
import { datedSession, demoSessionSchema, dutchDay } from './demo-calendar';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from './demo-ids';

/**
 * DEMO DATA: the example catalogue of the demo library, kept as data in
 * demo-catalogue.json so that translators and coordinators can read and edit it (what
 * is in it and why: its "$comment"). This module reads the file, gives the course
 * sessions their dates and checks the result with the shared catalogue schema: a
 * mistake in the file stops the server at start with the field that is wrong.
 *
 * Course sessions are dated from the day the demo is seeded (demo-calendar.ts), so a
 * demo never shows only ended courses: `demoCatalogueFor(now)`. `demoCatalogue` is the
 * same catalogue with the fixed dates of DEMO_REFERENCE_DAY, for tests.
 */

// From a path, not a URL object: under jsdom (app tests import the demo) the global URL is not Node's.
const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-catalogue.json');

/** The file as written: the catalogue's own fields, but sessions still undated (checked in full once dated). */
const demoFileSchema = z.strictObject({
  $comment: z.optional(z.string()),
  organizations: z.array(z.unknown()),
  locations: z.array(z.unknown()),
  items: z.array(z.looseObject({ sessions: z.array(demoSessionSchema) })),
});

function fail(what: string): never {
  throw new Error(`src/server/seed/demo-catalogue.json: ${what}`);
}

const written: unknown = JSON.parse(readFileSync(FILE, 'utf8'));

/** The demo library and its branches must be the ones the demo desks belong to (demo-ids.ts). */
function checkDemoLibrary(document: CatalogueDocument): void {
  const library = document.organizations.find((o) => o.id === DEMO_ORGANISATION.id);
  if (library?.name !== DEMO_ORGANISATION.name)
    fail(`the demo library must be organisation ${DEMO_ORGANISATION.id}, "${DEMO_ORGANISATION.name}"`);
  for (const branch of DEMO_LOCATIONS) {
    const found = document.locations.find((l) => l.id === branch.id);
    if (
      !found ||
      found.organizationId !== DEMO_ORGANISATION.id ||
      found.name !== branch.name ||
      found.address !== branch.address ||
      found.city !== branch.city
    ) {
      fail(`location ${branch.id} must be the demo branch "${branch.name}", ${branch.address}, ${branch.city}`);
    }
  }
}

/**
 * The demo catalogue as seeded on the day of `now` (Dutch time): the first courses
 * start within days, others run for weeks or start in the months after, so the demo
 * always shows courses starting soon, running and still to come.
 */
export function demoCatalogueFor(now: Date = new Date()): CatalogueDocument {
  return datedDemoCatalogue(written, now);
}

/** The catalogue of a demo file's content, dated from the day of `now`; throws, naming the field, when anything in it is wrong. */
export function datedDemoCatalogue(content: unknown, now: Date): CatalogueDocument {
  const parsed = demoFileSchema.safeParse(content);
  if (!parsed.success) fail(describeIssues(parsed.error));
  const file = parsed.data;
  const today = dutchDay(now);
  const dated = {
    organizations: file.organizations,
    locations: file.locations,
    items: file.items.map((item) => ({ ...item, sessions: item.sessions.map((plan) => datedSession(plan, today)) })),
  };
  const checked = catalogueDocumentSchema.safeParse(dated);
  if (!checked.success) fail(describeIssues(checked.error));
  checkDemoLibrary(checked.data);
  return checked.data;
}

/**
 * The day the fixed demo catalogue below is dated from: a Monday, with the first
 * course three days later and the last one in June.
 */
export const DEMO_REFERENCE_DAY = new Date('2026-12-28T12:00:00+01:00');

/**
 * The demo catalogue with fixed dates (as if seeded on DEMO_REFERENCE_DAY), for tests,
 * benchmarks and fixtures that pin their clock to those dates. A server seeds
 * `demoCatalogueFor(now)` instead.
 */
export const demoCatalogue: CatalogueDocument = demoCatalogueFor(DEMO_REFERENCE_DAY);
