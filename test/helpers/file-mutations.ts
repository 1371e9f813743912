import fc from 'fast-check';
import { parseCsvRecords } from '../../src/server/catalogue/csv';
import { ODD_VALUES, PROTOTYPE_KEYS, nasty, pathsOf, setOwn, shapeOf, unprintable } from './fuzz';

/**
 * Ways to damage an import file that started out valid, as plain data (so fast-check
 * prints and shrinks a failing one), and what each does to the file. `mustFail` marks a
 * damage no importer may accept; the others may leave the file valid, or not.
 */

export interface DamagedFile {
  /**
   * Bytes as a file on disk holds them (maybe not UTF-8), or text as the console's import
   * form sends it (a JSON string, which can carry half a surrogate pair; bytes cannot).
   */
  content: Buffer | string;
  /** True when the damage certainly made the file invalid. */
  mustFail: boolean;
}

/** Characters that PostgreSQL cannot store or that never belong in text a person typed. */
const UNSTORABLE = ['\u0000', '\ud800', '\udc00', '\u001b', '\u007f', 'a\ud83d'] as const;
/** Byte sequences that are not UTF-8: a lone continuation byte, a cut-off sequence, overlong, invalid lead bytes. */
const INVALID_UTF8 = [[0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xff, 0xfe], [0xed, 0xa0, 0x80]] as const;

const oddStrings = ODD_VALUES.filter((v): v is string => typeof v === 'string');
const oddText = fc.oneof(
  fc.constantFrom(
    ...oddStrings,
    ...UNSTORABLE,
    ...PROTOTYPE_KEYS,
    'veel',
    '12,50',
    '€ 1.000,00',
    '-0',
    'ja;nee',
    'a"b',
    '"',
    '\r\n',
    'ma 25:00-12:00',
    '\ufffd',
  ),
  fc.string({ maxLength: 30, unit: 'binary' }),
);

const byteDamage = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insertBytes' as const), at: fc.nat(), bytes: fc.constantFrom(...INVALID_UTF8) }),
);
type ByteDamage = typeof byteDamage extends fc.Arbitrary<infer T> ? T : never;

function damageBytes(bytes: Buffer, damage: ByteDamage): Buffer {
  const at = damage.at % Math.max(bytes.length, 1);
  if (damage.op === 'truncate') return bytes.subarray(0, at);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(damage.bytes), bytes.subarray(at)]);
}

/** Whether the text is still JSON after the damage: a truncated file that still parses (only whitespace cut) may be valid. */
function parsesAsJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, ''));
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// CSV: a grid of cells, written back the way the export writes it
// ---------------------------------------------------------------------------

/** Columns the importer reads for reading's sake only (see src/server/catalogue/csv.ts). */
const INFORMATIONAL = ['organization_name', 'location_names'];
const NOT_A_COLUMN = [...PROTOTYPE_KEYS, 'naam', 'kookkunst', 'name_xx', 'themes2'];
const UNKNOWN_THEMES = ['kookkunst', 'Digital_Skills', '__proto__', 'constructor', 'digital skills'];

export function readCsvGrid(csv: string): string[][] {
  return parseCsvRecords(csv.replace(/^\ufeff/, ''), ';').filter((r) => r.some((c) => c !== ''));
}

export function writeCsvGrid(grid: string[][]): string {
  const quote = (cell: string) => (/[";\r\n,]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell);
  return '\ufeff' + grid.map((row) => row.map(quote).join(';')).join('\r\n') + '\r\n';
}

export const csvDamage = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dropRow' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicateRow' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeatRow' as const), row: fc.nat(), times: fc.integer({ min: 100, max: 1500 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapRows' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dropColumn' as const), column: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicateColumn' as const), column: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapColumns' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapHeaders' as const), a: fc.nat(), b: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('renameColumn' as const), column: fc.nat(), name: fc.constantFrom(...NOT_A_COLUMN) }),
  },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('setCell' as const), row: fc.nat(), column: fc.nat(), value: oddText }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('insertIntoCell' as const),
      row: fc.nat(),
      column: fc.nat(),
      at: fc.nat(),
      text: fc.constantFrom(...UNSTORABLE),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('unknownTheme' as const), row: fc.nat(), theme: fc.constantFrom(...UNKNOWN_THEMES) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insertText' as const),
      at: fc.nat(),
      text: fc.constantFrom('"', '""', ';', '\r\n', '\n"', '\u0000'),
    }),
  },
  { weight: 3, arbitrary: byteDamage },
);
export type CsvDamage = typeof csvDamage extends fc.Arbitrary<infer T> ? T : never;

export function damageCsv(valid: string[][], damage: CsvDamage): DamagedFile {
  const grid = valid.map((row) => [...row]);
  const [header, ...rows] = grid as [string[], ...string[][]];
  const rowAt = (n: number) => 1 + (n % rows.length);
  const colAt = (n: number) => n % header.length;
  let mustFail = false;
  switch (damage.op) {
    case 'dropRow':
      grid.splice(rowAt(damage.row), 1);
      break;
    case 'duplicateRow':
      grid.splice(rowAt(damage.row), 0, [...grid[rowAt(damage.row)]!]);
      mustFail = true; // the same id twice
      break;
    case 'repeatRow':
      grid.push(...Array.from({ length: damage.times }, () => [...grid[rowAt(damage.row)]!]));
      mustFail = true;
      break;
    case 'swapRows': {
      const [a, b] = [rowAt(damage.a), rowAt(damage.b)];
      [grid[a], grid[b]] = [grid[b]!, grid[a]!];
      break;
    }
    case 'dropColumn':
      for (const row of grid) row.splice(colAt(damage.column), 1);
      break;
    case 'duplicateColumn':
      for (const row of grid) row.splice(colAt(damage.column), 0, row[colAt(damage.column)]!);
      mustFail = true; // "column appears twice"
      break;
    case 'swapColumns':
      for (const row of grid) [row[colAt(damage.a)], row[colAt(damage.b)]] = [row[colAt(damage.b)]!, row[colAt(damage.a)]!];
      break;
    case 'swapHeaders':
      [header[colAt(damage.a)], header[colAt(damage.b)]] = [header[colAt(damage.b)]!, header[colAt(damage.a)]!];
      break;
    case 'renameColumn':
      header[colAt(damage.column)] = damage.name;
      mustFail = true; // "unknown column"
      break;
    case 'setCell':
      grid[rowAt(damage.row)]![colAt(damage.column)] = damage.value;
      break;
    case 'insertIntoCell': {
      const column = colAt(damage.column);
      // Into a filled cell, where possible: an empty one with a stray character is just a wrong value.
      const filled = rows.filter((r) => r[column]);
      const row = filled.length ? filled[damage.row % filled.length]! : grid[rowAt(damage.row)]!;
      const cell = row[column]!;
      const at = damage.at % (cell.length + 1);
      row[column] = cell.slice(0, at) + damage.text + cell.slice(at);
      // A cut surrogate pair is itself unstorable, so every such insert is; only columns for reading are ignored.
      mustFail = !INFORMATIONAL.includes(header[column]!);
      break;
    }
    case 'unknownTheme': {
      const row = grid[rowAt(damage.row)]!;
      const column = header.indexOf('themes');
      row[column] = `${row[column]} | ${damage.theme}`;
      mustFail = true;
      break;
    }
    case 'insertText': {
      const text = writeCsvGrid(grid);
      const at = 1 + (damage.at % text.length);
      return { content: text.slice(0, at) + damage.text + text.slice(at), mustFail: false };
    }
    default:
      return { content: damageBytes(Buffer.from(writeCsvGrid(grid), 'utf8'), damage), mustFail: false };
  }
  return { content: writeCsvGrid(grid), mustFail };
}

// ---------------------------------------------------------------------------
// JSON documents (HSDS, outbox exports)
// ---------------------------------------------------------------------------

/**
 * Damage to a JSON document anywhere: a value, a key, nesting, bytes. Paths are picked by
 * index (see `pick` below). `keys` are added besides the prototype keys: fields a reader
 * looks for that the valid file happens not to have.
 */
export function jsonDamage(keys: readonly string[] = []) {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('replace' as const), path: fc.nat(), value: nasty }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('addKeys' as const),
        path: fc.nat(),
        keys: fc.uniqueArray(fc.constantFrom(...PROTOTYPE_KEYS, 'x_unknown', ...keys), { minLength: 1, maxLength: 3 }),
        value: fc.oneof(nasty, fc.constant(unprintable())),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('insertIntoString' as const),
        path: fc.nat(),
        at: fc.nat(),
        text: fc.constantFrom(...UNSTORABLE),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('deepNest' as const), path: fc.nat(), depth: fc.integer({ min: 500, max: 200_000 }) }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('unprintable' as const), path: fc.nat() }) },
    { weight: 2, arbitrary: byteDamage },
  );
}
export type JsonDamage = ReturnType<typeof jsonDamage> extends fc.Arbitrary<infer T> ? T : never;

const isText = (v: unknown) => typeof v === 'string';
const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How many distinct fields (of any kind, text, or objects) a document has: a sweep of `path` 0 … n-1 visits each once. */
export function fieldCount(doc: unknown, kind?: 'text' | 'object'): number {
  const fits = kind === 'text' ? isText : kind === 'object' ? isRecord : () => true;
  return new Set(
    pathsOf(doc)
      .filter((p) => fits(at(doc, p)))
      .map(shapeOf),
  ).size;
}

/** Applies damage to a copy of a JSON document; `serialise` writes it as the real file is written. */
export function damageJson(valid: unknown, damage: JsonDamage, serialise: (doc: unknown) => string): DamagedFile {
  if (damage.op === 'truncate' || damage.op === 'insertBytes') {
    const bytes = damageBytes(Buffer.from(serialise(valid), 'utf8'), damage);
    return { content: bytes, mustFail: damage.op === 'truncate' && !parsesAsJson(bytes) };
  }
  const doc = structuredClone(valid);
  const paths = pathsOf(doc);
  // A field first, then one record's copy of it: picking among all paths alike would spend
  // nearly every run on the fields every record repeats, and hardly any on the rare ones.
  const pick = (n: number, fits: (value: unknown) => boolean = () => true): string[] | undefined => {
    const fields = new Map<string, string[][]>();
    for (const p of paths) {
      if (!fits(at(doc, p))) continue;
      const copies = fields.get(shapeOf(p)) ?? [];
      copies.push(p);
      fields.set(shapeOf(p), copies);
    }
    const shapes = [...fields.values()];
    const copies = shapes[n % Math.max(shapes.length, 1)];
    return copies?.[Math.floor(n / shapes.length) % copies.length];
  };
  const put = (path: string[], value: unknown): unknown => {
    if (path.length === 0) return value;
    setOwn(at(doc, path.slice(0, -1)) as object, path.at(-1)!, value);
    return doc;
  };
  switch (damage.op) {
    case 'replace':
      return { content: serialise(put(pick(damage.path)!, damage.value)), mustFail: false };
    case 'deepNest': {
      // JSON.stringify itself overflows on thousands of levels, so the nesting is written into the text.
      const marker = 'deeply-nested-list-goes-here';
      const text = serialise(put(pick(damage.path)!, marker));
      return { content: text.replace(JSON.stringify(marker), '['.repeat(damage.depth) + ']'.repeat(damage.depth)), mustFail: false };
    }
    case 'unprintable':
      return { content: serialise(put(pick(damage.path)!, unprintable())), mustFail: false };
    case 'addKeys': {
      const path = pick(damage.path, isRecord) ?? [];
      for (const key of damage.keys) setOwn(at(doc, path) as object, key, damage.value);
      return { content: serialise(doc), mustFail: false };
    }
    case 'insertIntoString': {
      const path = pick(damage.path, isText);
      if (!path) return { content: serialise(doc), mustFail: false };
      const text = at(doc, path) as string;
      const cut = damage.at % (text.length + 1);
      return { content: serialise(put(path, text.slice(0, cut) + damage.text + text.slice(cut))), mustFail: false };
    }
  }
}

export function at(doc: unknown, path: string[]): unknown {
  let v = doc;
  for (const key of path) v = (v as Record<string, unknown>)[key];
  return v;
}

// ---------------------------------------------------------------------------
// Outbox exports: damage to the run of entries
// ---------------------------------------------------------------------------

interface OutboxLike {
  entries: Array<{ seq: number; type: string; payload: unknown }>;
}

export const outboxEntryDamage = fc.oneof(
  fc.record({ op: fc.constant('dropEntry' as const), entry: fc.nat() }),
  fc.record({ op: fc.constant('duplicateEntry' as const), entry: fc.nat() }),
  fc.record({ op: fc.constant('swapEntries' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('swapSeqs' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('kioskChange' as const), entry: fc.nat() }),
  fc.record({ op: fc.constant('deepPayload' as const), entry: fc.nat(), depth: fc.integer({ min: 40, max: 100_000 }) }),
  // More entries than one push may carry, with one missing somewhere: batches before the gap must not be stored either.
  fc.record({ op: fc.constant('oversized' as const), count: fc.integer({ min: 501, max: 1200 }), gap: fc.nat() }),
);
export type OutboxEntryDamage = typeof outboxEntryDamage extends fc.Arbitrary<infer T> ? T : never;

export function damageOutbox<T extends OutboxLike>(valid: T, damage: OutboxEntryDamage, serialise: (doc: unknown) => string): DamagedFile {
  const doc = structuredClone(valid);
  const entries = doc.entries;
  const index = (n: number) => n % entries.length;
  switch (damage.op) {
    case 'dropEntry': {
      const [dropped] = entries.splice(index(damage.entry), 1);
      // Only the last entry can go without leaving a gap.
      return { content: serialise(doc), mustFail: entries.some((e) => e.seq > dropped!.seq) };
    }
    case 'duplicateEntry':
      entries.push(structuredClone(entries[index(damage.entry)]!));
      return { content: serialise(doc), mustFail: true };
    case 'swapEntries': {
      const [a, b] = [index(damage.a), index(damage.b)];
      [entries[a], entries[b]] = [entries[b]!, entries[a]!];
      return { content: serialise(doc), mustFail: false };
    }
    case 'swapSeqs': {
      const [a, b] = [entries[index(damage.a)]!, entries[index(damage.b)]!];
      [a.seq, b.seq] = [b.seq, a.seq];
      return { content: serialise(doc), mustFail: false };
    }
    case 'kioskChange':
      entries[index(damage.entry)]!.type = 'helpRequest.create@1';
      return { content: serialise(doc), mustFail: true };
    case 'deepPayload': {
      const marker = 'deeply-nested-payload-goes-here';
      entries[index(damage.entry)]!.payload = marker;
      return {
        content: serialise(doc).replace(JSON.stringify(marker), '['.repeat(damage.depth) + ']'.repeat(damage.depth)),
        mustFail: true,
      };
    }
    case 'oversized': {
      const template = entries[0]!;
      const many = Array.from({ length: damage.count }, (_, i) => ({ ...structuredClone(template), seq: i + 1 }));
      many.splice(1 + (damage.gap % (damage.count - 2)), 1);
      doc.entries = many;
      return { content: serialise(doc), mustFail: true };
    }
  }
}
