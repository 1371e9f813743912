import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { uuidv7 } from '../../src/shared/ids';
import {
  changeTypeAllowed,
  courseInterestSchema,
  hashExitCode,
  INTEREST_CONSENT_VERSION,
  isPhoneNumber,
  normaliseContact,
  verifyExitCode,
} from '../../src/shared/kiosk';

describe('who may send what', () => {
  it('lets a kiosk send only help requests, course interest and survey answers, and a desk everything but help requests', () => {
    expect(changeTypeAllowed('kiosk', 'helpRequest.create@1')).toBe(true);
    expect(changeTypeAllowed('kiosk', 'interest.create@1')).toBe(true);
    expect(changeTypeAllowed('kiosk', 'visit.create@1')).toBe(false);
    expect(changeTypeAllowed('kiosk', 'helpRequest.take@1')).toBe(false);
    expect(changeTypeAllowed('kiosk', 'anything.new@1')).toBe(false);
    expect(changeTypeAllowed('desk', 'visit.create@1')).toBe(true);
    expect(changeTypeAllowed('desk', 'helpRequest.take@1')).toBe(true);
    expect(changeTypeAllowed('desk', 'helpRequest.create@1')).toBe(false);
    // Course interest: at a kiosk, or on a desk handed over for the survey after a "yes" to learning more.
    expect(changeTypeAllowed('desk', 'interest.create@1')).toBe(true);
    // The visitor survey: after a visit on a desk handed over, or on a kiosk's start screen.
    expect(changeTypeAllowed('desk', 'survey.create@1')).toBe(true);
    expect(changeTypeAllowed('kiosk', 'survey.create@1')).toBe(true);
  });
});

describe('course interest', () => {
  const base = {
    id: uuidv7(),
    locationId: uuidv7(),
    deviceId: uuidv7(),
    itemId: uuidv7(),
    firstName: 'Ayşe',
    contact: { kind: 'phone', value: '06-12 34 56 78' },
    consent: true,
    consentVersion: INTEREST_CONSENT_VERSION,
    consentLanguage: 'tr',
    consentedAt: new Date().toISOString(),
  };
  it('needs consent, a first name of 1 to 40 characters and a real phone number or e-mail address', () => {
    expect(courseInterestSchema.safeParse(base).success).toBe(true);
    expect(courseInterestSchema.safeParse({ ...base, consent: false }).success).toBe(false);
    expect(courseInterestSchema.safeParse({ ...base, firstName: ' ' }).success).toBe(false);
    expect(courseInterestSchema.safeParse({ ...base, firstName: 'x'.repeat(41) }).success).toBe(false);
    expect(courseInterestSchema.safeParse({ ...base, contact: { kind: 'phone', value: '12345' } }).success).toBe(false);
    expect(courseInterestSchema.safeParse({ ...base, contact: { kind: 'email', value: 'ayse@' } }).success).toBe(false);
    expect(courseInterestSchema.safeParse({ ...base, contact: { kind: 'email', value: 'ayse@example.org' } }).success).toBe(true);
    expect(courseInterestSchema.safeParse({ ...base, birthDate: '1970-01-01' }).success).toBe(false);
  });
  it('recognises Dutch and international numbers and stores them without decoration', () => {
    expect(isPhoneNumber('+31 6 1234 5678')).toBe(true);
    expect(isPhoneNumber('(020) 123 45 67')).toBe(true);
    expect(isPhoneNumber('06 1234')).toBe(false);
    expect(isPhoneNumber('call me')).toBe(false);
    expect(normaliseContact('phone', '+31 (0)6-1234 5678')).toBe('+310612345678');
    expect(normaliseContact('email', ' Ayse@Example.ORG ')).toBe('ayse@example.org');
  });
});

describe("the coordinator's exit code", () => {
  it('is stored as a salted PBKDF2 hash that the kiosk can check offline', async () => {
    const hash = await hashExitCode('735190', 1000);
    expect(hash).toMatch(/^pbkdf2-sha256\$1000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(hash).not.toContain('735190');
    expect(await verifyExitCode('735190', hash)).toBe(true);
    expect(await verifyExitCode('735191', hash)).toBe(false);
    expect(await verifyExitCode('735190', 'nonsense')).toBe(false);
    expect(await hashExitCode('735190', 1000)).not.toBe(hash);
  });
});

describe('the protocol documentation', () => {
  it('has a row for each kiosk change type and the kiosk routes', () => {
    const doc = readFileSync('docs/sync-protocol.md', 'utf8');
    // A table row whose first cell is the type; Prettier may pad the cell with spaces.
    for (const type of ['helpRequest.create@1', 'interest.create@1', 'helpRequest.take@1']) {
      expect(doc).toMatch(new RegExp(`^\\| \`${type.replace(/[.@]/g, '\\$&')}\` +\\|`, 'm'));
    }
    for (const route of ['GET /api/sync/help-requests', 'GET /api/sync/kiosk-settings']) expect(doc).toContain(route);
  });
});
