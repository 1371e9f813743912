import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids';
import { visitSchema } from '../../src/shared/visit';
import { HELP_KINDS, ORGANISATIONS, OUTCOMES, TOPICS, TOPIC_DOMAIN, termLabel } from '../../src/shared/taxonomy';
import { cursorSchema, enrolRequestSchema, pushRequestSchema } from '../../src/shared/sync';
import { makeVisit } from '../helpers/visits';
import { catalogueOrganizationSchema } from '../../src/shared/catalogue';
import { demoCatalogue } from '../../src/server/seed/demo-catalogue';

const device = { deviceId: uuidv7(), location: { id: uuidv7() } };

describe('uuidv7', () => {
  it('makes version-7 ids that sort by creation time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7())).size).toBe(1000);
  });
});

describe('the IDO taxonomy', () => {
  it('has the five IDO functions and the national partners, labelled in Dutch and English', () => {
    expect(HELP_KINDS).toHaveLength(5);
    for (const id of ['belastingdienst', 'toeslagen', 'uwv', 'svb', 'duo', 'cak', 'cbr', 'ciz', 'cjib', 'gemeente', 'zorgverzekeraar']) {
      expect(ORGANISATIONS.map((o) => o.id)).toContain(id);
    }
    expect(OUTCOMES.map((o) => o.id)).toEqual(['answered', 'partly', 'referred', 'follow_up']);
    for (const term of [...HELP_KINDS, ...ORGANISATIONS, ...TOPICS, ...OUTCOMES]) {
      expect(term.nl.length).toBeGreaterThan(0);
      expect(term.en.length).toBeGreaterThan(0);
    }
    expect(termLabel(TOPICS, 'tax_return', 'nl')).toBe('Belastingaangifte');
    expect(termLabel(TOPICS, 'tax_return', 'en')).toBe('Tax return');
  });

  it('places every topic in a KB group', () => {
    for (const topic of TOPICS) expect(TOPIC_DOMAIN[topic.id]).toBeDefined();
  });
});

describe('visit schema', () => {
  it('accepts a plain visit and fills defaults', () => {
    const parsed = visitSchema.parse(makeVisit(device));
    expect(parsed.questions[0]!.referrals).toEqual([]);
    expect(parsed.backdated).toBe(false);
    expect(parsed.note).toBeNull();
  });

  it('refuses what must not be stored or cannot be', () => {
    const bad = [
      { questions: [] },
      { durationSeconds: -1 },
      { durationSeconds: 9 * 3600 },
      { id: '01234567-89ab-4def-8123-456789abcdef' }, // a v4 id: ids are made on the device as v7
      { note: 'x'.repeat(501) },
      { note: 'null byte \u0000' },
      { channel: 'carrier pigeon' },
      { visitorName: 'Jan' },
    ];
    for (const override of bad)
      expect(visitSchema.safeParse({ ...makeVisit(device), ...override }).success, JSON.stringify(override)).toBe(false);
  });
});

describe('sync messages', () => {
  it('bounds a push batch', () => {
    const entry = { seq: 1, recordId: uuidv7(), type: 'visit.create@1', payload: {}, createdAt: new Date().toISOString() };
    expect(pushRequestSchema.safeParse({ appVersion: '1', entries: [entry] }).success).toBe(true);
    expect(pushRequestSchema.safeParse({ appVersion: '1', entries: [] }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ appVersion: '1', entries: Array(501).fill(entry) }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ appVersion: '1', entries: [{ ...entry, seq: 0 }] }).success).toBe(false);
  });

  it('accepts only cursors the server issues', () => {
    expect(cursorSchema.safeParse('0').success).toBe(true);
    expect(cursorSchema.safeParse('0123456789abcdef.12.0.ffffffff-ffff-ffff-ffff-ffffffffffff').success).toBe(true);
    expect(cursorSchema.safeParse('12.0.ffffffff-ffff-ffff-ffff-ffffffffffff').success).toBe(true); // protocol 1, without the epoch
    expect(cursorSchema.safeParse('1; DROP TABLE visits').success).toBe(false);
    // 36 characters of hex and dashes that are no UUID (the database would refuse them with a 500).
    expect(cursorSchema.safeParse('1.0.' + '-'.repeat(36)).success).toBe(false);
    expect(cursorSchema.safeParse('1.0.0000000-00000-0000-0000-000000000000').success).toBe(false);
    expect(cursorSchema.safeParse('0123456789abcde.12.0.ffffffff-ffff-ffff-ffff-ffffffffffff').success).toBe(false);
  });

  it('reads an enrolment code however it was typed', () => {
    expect(enrolRequestSchema.safeParse({ code: 'abcd-efgh' }).success).toBe(true);
    expect(enrolRequestSchema.safeParse({ code: 'ABCD EFG' }).success).toBe(false);
  });
});

describe('web addresses in the catalogue', () => {
  const organisation = (url: string) => ({ ...demoCatalogue.organizations[0]!, url });
  it('takes http(s) addresses and refuses ones a page would run or the database cannot store', () => {
    expect(catalogueOrganizationSchema.safeParse(organisation('https://www.juridischloket.nl/')).success).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<b>hi</b>',
      'ftp://example.nl/',
      'https://example.nl/\u0000',
      'https://example.nl/\ud800',
    ]) {
      expect(catalogueOrganizationSchema.safeParse(organisation(bad)).success, bad).toBe(false);
    }
  });
});
