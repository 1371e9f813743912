import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../../src/shared/i18n-text';
import { BRING, SIGN_UP_METHODS, catalogueItemSchema } from '../../src/shared/catalogue';
import { HELP_TOPICS, KIOSK_TOPICS } from '../../src/shared/kiosk';

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

// --- Every key the kiosk and the help queue ask for exists in Dutch, the fallback ---

/** The code that shows these texts: the kiosk and the desk's help queue. */
const SCANNED = ['src/app/kiosk', 'src/app/help'];

/**
 * Keys the code builds at runtime, by the template as written there, with every value
 * it can take. A new template fails the test until its values are listed here.
 */
const RUNTIME_KEYS: Record<string, readonly string[]> = {
  'kiosk.topics.${topic}': KIOSK_TOPICS,
  'kiosk.topics.${h}': HELP_TOPICS,
  'help.topics.${r.topic}': HELP_TOPICS,
  'kiosk.item.${item.kind}': catalogueItemSchema.shape.kind.options,
  'kiosk.item.bringItems.${b}': BRING,
  'kiosk.item.signUpMethods.${item.signUp.method}': SIGN_UP_METHODS,
  // The form's own error codes (forms.tsx: interestErrors, problem, message).
  'kiosk.interest.${errors.firstName}': ['errorName'],
  'kiosk.interest.${errors.contact}': ['errorPhone', 'errorEmail'],
  'kiosk.help.${problem}': ['chooseTopic', 'errorName'],
  'kiosk.exit.${message}': ['wrong', 'wait'],
};

interface KeyUse {
  key: string;
  file: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/**
 * The keys one source file asks for: string literals that start with a feature's
 * namespace (also those handed to t() through a ternary), any literal first argument
 * of t(), and runtime templates expanded from RUNTIME_KEYS.
 */
function keysUsedIn(file: string, code: string, namespaces: string[]): { uses: KeyUse[]; templates: string[] } {
  const ns = namespaces.join('|');
  const uses: KeyUse[] = [];
  const templates: string[] = [];
  for (const m of code.matchAll(new RegExp(String.raw`(['"\x60])((?:${ns})\.[\w.]+)\1`, 'g'))) uses.push({ key: m[2]!, file });
  for (const m of code.matchAll(/\bt\(\s*(['"\x60])([\w.-]+)\1/g)) uses.push({ key: m[2]!, file });
  for (const m of code.matchAll(new RegExp(String.raw`\x60((?:${ns})\.[^\x60]*\$\{[^\x60]*)\x60`, 'g'))) {
    templates.push(m[1]!);
    const placeholder = /\$\{[^}]+\}/.exec(m[1]!)![0];
    for (const value of RUNTIME_KEYS[m[1]!] ?? []) uses.push({ key: m[1]!.replace(placeholder, value), file });
  }
  const once = new Map(uses.map((u) => [u.key, u]));
  return { uses: [...once.values()], templates };
}

const dutchFile = (name: string) => `${dir}/nl/${name}.json`;

/** Where i18n.ts puts it: feature files under their name, common.json at the root. Plurals count as present. */
function inDutch(key: string): boolean {
  const [first, ...rest] = key.split('.');
  const [file, inner] = first !== 'common' && existsSync(dutchFile(first!)) ? [first!, rest.join('.')] : ['common', key];
  const tree = JSON.parse(readFileSync(dutchFile(file), 'utf8')) as Record<string, unknown>;
  return typeof leaf(tree, inner) === 'string' || typeof leaf(tree, `${inner}_other`) === 'string';
}

describe('keys the kiosk and help code use', () => {
  const namespaces = ['kiosk', 'help'];
  const scanned = SCANNED.flatMap(sources).map((file) => keysUsedIn(file, readFileSync(file, 'utf8'), namespaces));
  const uses = scanned.flatMap((s) => s.uses);
  const templates = scanned.flatMap((s) => s.templates);

  it('finds the keys in the code, so an empty scan cannot pass', () => {
    expect(uses.map((u) => u.key)).toEqual(
      expect.arrayContaining([
        'kiosk.welcome',
        'kiosk.interest.phoneLabel',
        'help.take',
        'kiosk.topics.other',
        'help.topics.digid',
        'kiosk.item.service',
      ]),
    );
  });

  it('lists the values of every key built at runtime, and only of templates still in the code', () => {
    expect(
      templates.filter((t) => !(t in RUNTIME_KEYS)),
      'add these templates and their values to RUNTIME_KEYS',
    ).toEqual([]);
    expect(
      Object.keys(RUNTIME_KEYS).filter((t) => !templates.includes(t)),
      'no longer in the code',
    ).toEqual([]);
  });

  it('has every one of them in the Dutch texts', () => {
    const missing = [...new Set(uses.filter((u) => !inDutch(u.key)).map((u) => `${u.key} (${u.file})`))];
    expect(missing).toEqual([]);
  });

  it('would catch a key used in code but missing from Dutch, literal or built at runtime', () => {
    const code = "t('kiosk.noSuchText'); t(ok ? 'help.take' : 'help.noSuchButton'); t(`kiosk.exit.${message}`); t('nothere.at.all')";
    const { uses: found } = keysUsedIn('made-up.tsx', code, namespaces);
    expect(
      found
        .filter((u) => !inDutch(u.key))
        .map((u) => u.key)
        .sort(),
    ).toEqual(['help.noSuchButton', 'kiosk.noSuchText', 'nothere.at.all']);
    expect(found.map((u) => u.key)).toEqual(expect.arrayContaining(['kiosk.exit.wrong', 'kiosk.exit.wait']));
  });
});
