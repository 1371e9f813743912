import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../src/shared/catalogue';
import { CatalogueIndex } from '../../src/shared/catalogue-search';
import { compoundParts, fold, stem, tokenize } from '../../src/shared/catalogue-words';
import { demoCatalogue } from '../../src/server/seed/demo-catalogue';

const items = new Map(demoCatalogue.items.map((i) => [i.id, i]));
const orgs = new Map(demoCatalogue.organizations.map((o) => [o.id, o.name]));
const index = CatalogueIndex.empty();
for (const item of demoCatalogue.items) index.put(item, orgs.get(item.organizationId) ?? '');

const names = (q: string) => index.search(q, (id) => items.get(id)).map((h) => items.get(h.id)!.name.nl);

describe('Dutch words', () => {
  it('folds case and accents', () => {
    expect(fold('Taalcafé ÉÉN')).toBe('taalcafe een');
    expect(tokenize('E-mail & Klik')).toEqual(['email', 'e', 'mail', 'klik']);
  });
  it('brings plurals and diminutives together', () => {
    expect(stem('cursussen')).toBe(stem('cursus'));
    expect(stem('computers')).toBe(stem('computer'));
    expect(stem('toeslagen')).toBe(stem('toeslag'));
    expect(stem('lessen')).toBe(stem('les'));
    expect(stem('cursusje')).toBe(stem('cursus'));
  });
  it('splits compounds into known parts', () => {
    expect(compoundParts('inkomstenbelasting')).toContain('belasting');
    expect(compoundParts('huurtoeslag')).toContain(stem('toeslag'));
  });
});

describe('catalogue search', () => {
  it('finds the income tax return help by "belasting"', () => {
    const top = index
      .search('belasting', (id) => items.get(id))
      .slice(0, 3)
      .map((h) => items.get(h.id)!);
    expect(top.some((i) => /aangifte inkomstenbelasting/i.test(i.description.nl))).toBe(true);
    // and with a typo
    expect(names('belastnig').length + names('belastig').length).toBeGreaterThan(0);
  });

  it('finds DigiD help by "digid", in any case and with a typo', () => {
    for (const q of ['digid', 'DigiD', 'DIGID', 'dgid']) {
      expect(
        names(q)
          .slice(0, 5)
          .some((n) => /digid/i.test(n)),
        q,
      ).toBe(true);
    }
  });

  it('finds digital-skills courses by the everyday word "computer"', () => {
    const hits = index.search('computer', (id) => items.get(id)).map((h) => items.get(h.id)!);
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.slice(0, 5).every((i: CatalogueItem) => i.themes.includes('digital_skills'))).toBe(true);
    expect(hits.some((i) => /klik & tik/i.test(i.name.nl))).toBe(true);
  });

  it('tolerates accents and Dutch word forms', () => {
    expect(names('taalcafe').some((n) => /taalcaf/i.test(n))).toBe(true);
    expect(names('cursussen computer').length).toBeGreaterThan(0);
    expect(names('toeslagen').some((n) => /toeslag/i.test(n))).toBe(true);
  });

  it('searches as you type: an unfinished last word matches', () => {
    expect(names('digis').some((n) => /digisterker/i.test(n))).toBe(true);
  });

  it('ranks an exact name match first', () => {
    expect(names('taalcafe')[0]).toBe('Taalcafé');
    expect(names('Taalcafé')[0]).toBe('Taalcafé');
    const exact = demoCatalogue.items.find((i) => /^Klik & Tik – De basis$/.test(i.name.nl))!;
    expect(index.search('klik & tik – de basis', (id) => items.get(id))[0]!.id).toBe(exact.id);
  });

  it('survives a round trip through its stored form and updates item by item', async () => {
    const copy = CatalogueIndex.fromStored(structuredClone(index.toStored()));
    expect(copy.size).toBe(index.size);
    const item = demoCatalogue.items[0]!;
    copy.put({ ...item, name: { nl: 'Zeldzaamwoord cursus' } }, '');
    expect(
      copy
        .search('zeldzaamwoord', (id) => (id === item.id ? { ...item, name: { nl: 'Zeldzaamwoord cursus' } } : items.get(id)))
        .map((h) => h.id),
    ).toEqual([item.id]);
    copy.remove(item.id);
    expect(copy.search('zeldzaamwoord', (id) => items.get(id))).toEqual([]);
  });
});
