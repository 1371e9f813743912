// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { dutchLocalToIso, fromItem, isoToDutchLocal, newDraft, toItem, validate } from '../../src/app/console/catalogue/draft';
import { itemReferenceIssues } from '../../src/shared/console';
import { previewLanguages } from '../../src/app/console/catalogue/KioskPreview';
import { demoCatalogue } from '../../src/server/seed/demo-catalogue';

describe('the console catalogue form', () => {
  it('turns the session fields (Dutch time) into times with the right offset, summer and winter', () => {
    expect(dutchLocalToIso('2027-01-12T10:00')).toBe('2027-01-12T10:00:00+01:00');
    expect(dutchLocalToIso('2027-06-15T18:30')).toBe('2027-06-15T18:30:00+02:00');
    expect(isoToDutchLocal('2027-01-12T09:00:00Z')).toBe('2027-01-12T10:00');
    expect(isoToDutchLocal('2027-06-15T18:30:00+02:00')).toBe('2027-06-15T18:30');
    expect(dutchLocalToIso('')).toBe('');
  });

  it('names the fields the schema cannot check: unknown places, sessions ending before they start', () => {
    const item = demoCatalogue.items.find((i) => i.sessions.length > 0)!;
    const known = {
      organizations: new Set(demoCatalogue.organizations.map((o) => o.id)),
      locations: new Set(demoCatalogue.locations.map((l) => l.id)),
    };
    expect(itemReferenceIssues(item, known)).toEqual([]);
    const bad = {
      ...item,
      locationIds: ['01900000-0000-7000-8000-00000000dead'],
      sessions: [{ ...item.sessions[0]!, end: item.sessions[0]!.start }],
    };
    expect(itemReferenceIssues(bad, known).map((i) => i.path)).toEqual(['/item/locationIds/0', '/item/sessions/0/end']);
  });

  it('opens a stored item as a draft and saves it unchanged, without a component', () => {
    const refs = {
      organizations: demoCatalogue.organizations.map((o) => ({ id: o.id, name: o.name, editable: true })),
      locations: demoCatalogue.locations.map((l) => ({
        id: l.id,
        name: l.name,
        organizationId: l.organizationId,
        city: null,
        address: null,
        ownBranch: true,
        otherLibrary: false,
      })),
      canDelete: true,
    };
    const t = (key: string) => key;
    for (const item of demoCatalogue.items.slice(0, 20)) {
      const checked = validate(fromItem(item), refs, t);
      expect(checked.errors).toEqual({});
      expect(checked.item).toEqual(item);
    }
  });

  it('says in plain words which fields of a new draft still need filling in', () => {
    const draft = newDraft('course', demoCatalogue.organizations[0]!.id, [demoCatalogue.locations[0]!.id]);
    expect(toItem(draft)).toMatchObject({ kind: 'course', signUp: { method: 'registration' }, cost: { free: true } });
    const checked = validate(draft, null, (key) => key);
    expect(checked.item).toBeUndefined();
    expect(checked.errors).toMatchObject({ 'name.nl': 'console.cat.errors.required', themes: 'console.cat.errors.chooseOne' });
  });

  it('previews in Dutch and in the kiosk languages the item is written in', () => {
    expect(previewLanguages({ name: { nl: 'Taalcafé', ar: 'مقهى اللغة', en: 'Language café' } })).toEqual(['nl', 'en', 'ar']);
  });
});
