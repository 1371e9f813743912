import fc from 'fast-check';
import type { Queryable } from '../../src/server/store/database';

/**
 * Shared by the fuzz tests of the API and of import files: values that break naive
 * code, ways to put them into a valid document, and a cheap "did anything change".
 */

/**
 * A fixed seed keeps CI repeatable: a run that fails fails again with the same
 * counterexample. Set INLOOP_FUZZ_SEED=random (or a number) to explore further.
 */
export const FUZZ_SEED =
  process.env.INLOOP_FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.INLOOP_FUZZ_SEED ?? 20261125);

/** Strings and scalars that break naive servers; every one is also tried in every field of every valid body. */
export const ODD_VALUES: unknown[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u001b[31m',
  '\ud800',
  '😀'.repeat(100),
  'x'.repeat(100_000),
  '-1',
  '1e309',
  'NaN',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  true,
  false,
  null,
  [],
  {},
];

/** Keys that reach an object's prototype or shadow its methods when code copies or stringifies naively. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'] as const;

/** An object whose String() throws: what JSON.parse makes of {"toString": 1, "valueOf": 1}. */
export const unprintable = (): unknown => JSON.parse('{"toString": 1, "valueOf": 1}');

/** A list nested `depth` deep, as JSON.parse makes it (without recursion, so any depth can be built). */
export const nestedList = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

/** Values that break naive servers: wrong types, huge and odd strings, deep nesting, pollution keys. */
export const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ maxLength: 50 }),
  fc.constantFrom(...ODD_VALUES),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
  fc.integer({ min: 1, max: 3000 }).map(nestedList),
);

/** Every path into a document: the root, each key, each array element, all the way down. */
export function pathsOf(valid: unknown): string[][] {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    paths.push(path);
    if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
  };
  walk(valid, []);
  return paths;
}

/** A path with its list positions left out ("services.*.name"): the field it names, whichever record holds it. */
export const shapeOf = (path: string[]): string => path.map((key) => (/^\d+$/.test(key) ? '*' : key)).join('.');

/**
 * Sets a key as JSON.parse would: as the object's own property, even "__proto__"
 * (a plain assignment of "__proto__" would change the prototype instead, and vanish from JSON).
 */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of a valid document with the value at one path replaced (and, if asked, the same value under an unknown key). */
export function replaceAt(valid: unknown, path: string[], value: unknown, addUnknown = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(valid) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  setOwn(target, path.at(-1)!, value);
  if (addUnknown) copy['unexpected'] = value;
  return copy;
}

/** A valid document with one field, somewhere inside it, replaced by a nasty value. */
export function mutate(valid: unknown): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...pathsOf(valid)), nasty, fc.boolean())
    .map(([path, value, addUnknown]) => replaceAt(valid, path, value, addUnknown));
}

/**
 * Counts every row written to any table, through a row-level trigger (test-only bookkeeping),
 * so "changed nothing" is one cheap read. Tables whose writes are wanted even on a refusal
 * are left out; `insertOrDeleteOnly` tables count new and removed rows but not updates.
 */
export async function countRowChanges(
  db: Queryable,
  options: { except?: string[]; insertOrDeleteOnly?: string[] } = {},
): Promise<() => Promise<number>> {
  const except = ['schema_migrations', ...(options.except ?? [])];
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  await db.query('CREATE TABLE fuzz_changes (n bigint NOT NULL)');
  await db.query('INSERT INTO fuzz_changes VALUES (0)');
  await db.query(
    `CREATE FUNCTION fuzz_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE fuzz_changes SET n = n + 1; RETURN NULL; END $$`,
  );
  for (const { table_name } of rows) {
    if (except.includes(table_name)) continue;
    const events = options.insertOrDeleteOnly?.includes(table_name) ? 'INSERT OR DELETE' : 'INSERT OR UPDATE OR DELETE';
    await db.query(`CREATE TRIGGER fuzz_count AFTER ${events} ON "${table_name}" FOR EACH ROW EXECUTE FUNCTION fuzz_bump()`);
  }
  return async () => Number((await db.query<{ n: number | string }>('SELECT n FROM fuzz_changes')).rows[0]!.n);
}
