import { describe, expect, it } from 'vitest';
import { availability, nextOpening, nextSession, occurrences } from '../../src/app/catalogue/schedule';
import { InloopDatabase } from '../../src/app/db/database';
import { CatalogueData } from '../../src/app/catalogue/catalogue-data';
import { demoCatalogue } from '../../src/server/seed/demo-catalogue';
import type { CatalogueItem } from '../../src/shared/catalogue';

const at = (iso: string) => Date.parse(iso);

describe('course sessions and walk-in hours', () => {
  it('expands weekly sessions across the change to summer time at the same Dutch clock time', () => {
    const list = occurrences({ start: '2027-03-16T10:00:00+01:00', end: '2027-03-16T12:00:00+01:00', rrule: 'FREQ=WEEKLY;COUNT=3' });
    expect(list.map((o) => o.start.toISOString())).toEqual([
      '2027-03-16T09:00:00.000Z',
      '2027-03-23T09:00:00.000Z',
      '2027-03-30T08:00:00.000Z',
    ]);
  });

  it('understands monthly rules on the nth weekday and UNTIL', () => {
    const third = occurrences({
      start: '2027-01-15T18:30:00+01:00',
      end: '2027-01-15T20:00:00+01:00',
      rrule: 'FREQ=MONTHLY;BYDAY=3FR;COUNT=3',
    });
    expect(third.map((o) => o.start.toISOString().slice(0, 10))).toEqual(['2027-01-15', '2027-02-19', '2027-03-19']);
    const until = occurrences({
      start: '2027-01-04T10:00:00+01:00',
      end: '2027-01-04T11:00:00+01:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270113',
    });
    expect(until.map((o) => o.start.toISOString().slice(0, 10))).toEqual(['2027-01-04', '2027-01-06', '2027-01-11', '2027-01-13']);
  });

  it('gives the next session after now, and none when all are over', () => {
    const item = { sessions: [{ start: '2027-01-12T10:00:00+01:00', end: '2027-01-12T12:00:00+01:00', rrule: 'FREQ=WEEKLY;COUNT=4' }] };
    expect(nextSession(item, at('2027-01-20T12:00:00Z'))?.start.toISOString()).toBe('2027-01-26T09:00:00.000Z');
    expect(nextSession(item, at('2027-03-01T00:00:00Z'))).toBeUndefined();
  });

  it('finds the next walk-in slot, or says it is open now', () => {
    const hours = [{ weekday: 2, opens: '10:00', closes: '12:00' }];
    // Tuesday 12 January 2027, 10:30 in Amsterdam
    expect(nextOpening(hours, at('2027-01-12T09:30:00Z'))).toMatchObject({ openNow: true });
    const next = nextOpening(hours, at('2027-01-12T12:00:00Z'))!;
    expect(next.openNow).toBe(false);
    expect(next.start.toISOString()).toBe('2027-01-19T09:00:00.000Z');
  });

  it('shows a course whose sessions are all over as ended', () => {
    const course = demoCatalogue.items.find((i) => i.kind === 'course' && i.sessions.length > 0 && i.hours.length === 0)!;
    expect(availability(course, at('2030-01-01T00:00:00Z'))).toBe('ended');
    expect(availability({ ...course, status: 'temporarily_closed' }, at('2026-11-25T00:00:00Z'))).toBe('temporarily_closed');
  });
});

describe('filters with counts', () => {
  it('counts each facet over what the other filters let through', async () => {
    const local = new InloopDatabase(`facets-${Date.now()}`);
    await local.catalogue.bulkPut([
      ...demoCatalogue.organizations.map((o) => ({ id: o.id, entity: 'organization' as const, data: o })),
      ...demoCatalogue.locations.map((l) => ({ id: l.id, entity: 'location' as const, data: l })),
      ...demoCatalogue.items.map((i) => ({ id: i.id, entity: 'item' as const, data: i })),
    ]);
    const data = new CatalogueData(local);
    await data.load();
    const all = data.search('', {}, at('2026-11-25T12:00:00Z'), 1000);
    expect(all.total).toBe(demoCatalogue.items.length);
    const free = all.facets.cost.find((c) => c.value === 'free')!.count;
    expect(free).toBe(demoCatalogue.items.filter((i) => i.cost.free).length);

    const digital = data.search('', { theme: ['digital_skills'] }, at('2026-11-25T12:00:00Z'), 1000);
    expect(digital.items.every((i: CatalogueItem) => i.themes.includes('digital_skills'))).toBe(true);
    // The theme facet still offers the other themes, counted without the theme filter.
    expect(digital.facets.theme.find((c) => c.value === 'language')!.count).toBe(
      all.facets.theme.find((c) => c.value === 'language')!.count,
    );
    // Another facet is counted within the chosen theme.
    const digitalFree = digital.facets.cost.find((c) => c.value === 'free')!.count;
    expect(data.search('', { theme: ['digital_skills'], cost: ['free'] }, at('2026-11-25T12:00:00Z'), 1000).total).toBe(digitalFree);

    const soon = data.search('', { when: ['soon'] }, at('2027-01-05T12:00:00Z'), 1000);
    expect(soon.total).toBeGreaterThan(0);
    for (const item of soon.items) {
      const next = nextSession(item, at('2027-01-05T12:00:00Z'))!;
      expect(next.start.getTime() - at('2027-01-05T12:00:00Z')).toBeLessThanOrEqual(30 * 86_400_000);
    }
    expect(data.detail(demoCatalogue.items[0]!.id)?.organization?.id).toBe(demoCatalogue.items[0]!.organizationId);
  });
});
