import type { CatalogueItem } from '../../src/shared/catalogue';
import { uuidv7 } from '../../src/shared/ids';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';

/** A valid course of the demo library at its first branch, with one weekly session; a fresh id unless given. */
export function sampleCourse(overrides: Partial<CatalogueItem> = {}): CatalogueItem {
  return {
    id: uuidv7(),
    kind: 'course',
    organizationId: DEMO_ORGANISATION.id,
    name: { nl: 'Werken met de tablet', en: 'Using a tablet' },
    description: { nl: 'Vier ochtenden oefenen met een tablet.' },
    themes: ['digital_skills'],
    audience: ['must_learn'],
    format: 'in_person',
    level: 'beginner',
    languages: ['nl'],
    cost: { free: true },
    signUp: { method: 'registration', phone: '020 123 4567' },
    bring: ['phone'],
    status: 'active',
    locationIds: [DEMO_LOCATIONS[0].id],
    hours: [],
    sessions: [
      {
        start: '2027-01-12T10:00:00+01:00',
        end: '2027-01-12T12:00:00+01:00',
        rrule: 'FREQ=WEEKLY;COUNT=4',
        locationId: DEMO_LOCATIONS[0].id,
        seats: 8,
      },
    ],
    keywords: ['tablet'],
    ...overrides,
  };
}
