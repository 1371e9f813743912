import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LANGUAGES } from '../../src/shared/i18n-text';
import { BRING, SIGN_UP_METHODS } from '../../src/shared/catalogue';
import { HELP_TOPICS } from '../../src/shared/kiosk';

const dir = 'src/app/i18n/locales';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
function load(lang: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${dir}/${lang}/kiosk.json`, 'utf8')) as Record<string, unknown>;
}
function leaf(tree: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('kiosk translations', () => {
  const dutch = keys(load('nl')).sort();

  it.each(LANGUAGES.filter((l) => l !== 'nl'))('%s has exactly the keys of Dutch, none empty, with the same placeholders', (lang) => {
    const own = load(lang);
    expect(keys(own).sort()).toEqual(dutch);
    for (const key of dutch) {
      const text = leaf(own, key);
      expect(typeof text === 'string' && text.trim().length > 0, `${lang}: ${key}`).toBe(true);
      const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(placeholders(text as string), `${lang}: ${key}`).toEqual(placeholders(leaf(load('nl'), key) as string));
    }
  });

  it('has a text for every topic, thing to bring and way to sign up the kiosk shows', () => {
    const nl = load('nl');
    for (const topic of HELP_TOPICS) expect(leaf(nl, `topics.${topic}`), topic).toBeTypeOf('string');
    for (const b of BRING) expect(leaf(nl, `item.bringItems.${b}`), b).toBeTypeOf('string');
    for (const m of SIGN_UP_METHODS) expect(leaf(nl, `item.signUpMethods.${m}`), m).toBeTypeOf('string');
  });

  it('writes Arabic in Arabic script and Ukrainian in Cyrillic', () => {
    expect(leaf(load('ar'), 'start.heading')).toMatch(/[\u0600-\u06FF]/);
    expect(leaf(load('uk'), 'start.heading')).toMatch(/[\u0400-\u04FF]/);
  });

  it('gives the desk its help queue texts in Dutch and English alike', () => {
    const nl = keys(JSON.parse(readFileSync(`${dir}/nl/help.json`, 'utf8'))).sort();
    const en = keys(JSON.parse(readFileSync(`${dir}/en/help.json`, 'utf8'))).sort();
    expect(en).toEqual(nl);
    for (const topic of HELP_TOPICS) expect(nl).toContain(`topics.${topic}`);
  });
});
