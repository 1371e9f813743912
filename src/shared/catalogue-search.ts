import type { CatalogueItem } from './catalogue';
import { LANGUAGES } from './i18n-text';
import { everydayExpansions, fold, indexTerms, stem, THEME_WORDS, tokenize } from './catalogue-words';

/**
 * The offline search index over catalogue items: an inverted index of our own Dutch
 * terms (tokenising, stemming, compounds: catalogue-words.ts) kept in flat integer
 * arrays, scored with BM25+ per field, and a bitset per tag (the app's filter values)
 * so that filter counts are bit counts instead of a walk over every match.
 *
 * Why not a general library: a broad word ("taal", "dig") matches most of a large
 * catalogue, and a search library builds an object per match and scores it through
 * maps; here a match is an array slot, scores per term are cached until the catalogue
 * changes, and only the best few are sorted. The stored form is typed arrays, which
 * IndexedDB copies as they are (no JSON of megabytes to write and parse at start).
 */

/** Bump when tokenising, stemming, fields or the stored layout change: a stored index of another format is rebuilt. */
export const INDEX_FORMAT = 3;

/**
 * Fields, in this order: name, keywords, org, themes, description (scored), then `rank`:
 * the folded, unstemmed words of names and keywords, only to find the candidates for
 * ranking an exact name first (see tierOf).
 */
const SCORED = 5;
const BOOST = [4, 3, 1.5, 1, 0.7];
/** Everyday-word expansions are matched in names and keywords only, below the word itself. */
const EXPANSION_BOOST = [1.6, 1.4, 0, 0, 0];
/** Below this many matches as typed, the query is run again tolerant of typos. */
const FUZZY_WHEN_FEWER_THAN = 5;
/** BM25+ as MiniSearch (the library this replaced) used it, so scores keep their proportions. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** Term frequency per field is kept in 5 bits (more than 31 of one word in one field adds nothing). */
const TF_BITS = 5;
const TF_MAX = (1 << TF_BITS) - 1;
/**
 * Beside the six fields' frequencies (30 bits), a rank posting's bit 30 marks a word that may
 * start a name: the words of a name's first word, and of any word whose parts are not its
 * letter runs (an apostrophe or "&" inside). A one-word query compares with the names only
 * the items whose names hold it as a word (its own posting) or whose marked word starts with
 * it: the others cannot rank above 0 (see match), and a broad prefix has thousands of them.
 */
const FIRST_WORD = 1 << 30;
/** Removed items leave holes until this share of slots is empty; then the arrays are compacted. */
const COMPACT_SHARE = 0.25;

export interface Hit {
  id: string;
  score: number;
  /** 4: the name is the query; 3: a name starts with it; 2: a name holds it as words; 1: a keyword is it; 0: other. */
  tier: number;
}

/** The index as stored in IndexedDB: plain values and typed arrays (structured-cloned as they are). */
export interface StoredIndex {
  /** Item id per slot, '' for an empty slot, joined by "\n". */
  ids: string;
  /** Every term, joined by "\n"; term n's postings are postings[offsets[n]..offsets[n+1]). */
  terms: string;
  offsets: Uint32Array;
  /** Slot numbers, ascending per term. */
  docs: Uint32Array;
  /** Term frequency per field, TF_BITS bits each, beside docs. */
  freqs: Uint32Array;
  /** Words per scored field per slot (SCORED per slot). */
  lengths: Uint16Array;
  /** Tag names joined by "\n", and for each a bitset over the slots (words × tags, tag after tag). */
  tags: string;
  tagBits: Uint32Array;
}

/** What a query matched, for the caller to filter, count and rank without a list of objects. */
export interface Matches {
  /** Matching slots (in no order). */
  slots: Int32Array;
  /** Bitset of the same slots. */
  bits: Uint32Array;
  /** Score and tier per slot, valid for the slots above. */
  score: Float64Array;
  tier: Uint8Array;
}

interface Posting {
  docs: Uint32Array;
  freqs: Uint32Array;
  length: number;
}

/** An item's names and keywords folded for ranking; `spaced` are the names as words between spaces. */
interface Folded {
  names: string[];
  spaced: string[];
  keywords: string[];
}

const words32 = (slots: number) => (slots + 31) >>> 5;

/**
 * indexTerms per word, remembered: a catalogue repeats a small vocabulary, and
 * stemming and compound splitting (tried against every known part) were most of
 * the cost of indexing a large pull.
 */
const termCache = new Map<string, string[]>();
function termsOfToken(token: string): string[] {
  let terms = termCache.get(token);
  if (!terms) {
    if (termCache.size > 100_000) termCache.clear();
    termCache.set(token, (terms = indexTerms(token)));
  }
  return terms;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function fieldTexts(item: CatalogueItem, orgName: string): string[] {
  const all = (t: Record<string, string | undefined> | undefined) => (t ? LANGUAGES.map((l) => t[l] ?? '').join(' ') : '');
  const name = all(item.name);
  const keywords = item.keywords.join(' ');
  return [
    name,
    keywords,
    orgName,
    item.themes.map((t) => THEME_WORDS[t] ?? '').join(' '),
    `${item.description.nl} ${item.description.en ?? ''}`,
    `${name} ${keywords}`,
  ];
}

/** Levenshtein distance of a and b if at most max, else max + 1. */
function editDistance(a: string, b: string, max: number, row: Int32Array): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      const v = Math.min(up + 1, row[j - 1]! + 1, diag + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = v;
      diag = up;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return row[b.length]!;
}

export class CatalogueIndex {
  private ids: string[] = [];
  private slotOf = new Map<string, number>();
  private live = 0;
  private termIds = new Map<string, number>();
  private termList: string[] = [];
  private postings: Posting[] = [];
  private lengths = new Uint16Array(SCORED * 64);
  private tagIds = new Map<string, number>();
  private tagNames: string[] = [];
  private tagBits: Uint32Array[] = [];
  private tagsOfSlot: number[][] = [];
  /** Term ids sorted by term, for prefix lookups; undefined after new terms until the next search. */
  private sorted: Int32Array | undefined;
  /** Per term and boost set, each posting's score; cleared whenever the index changes (the statistics move). */
  private scoreCache = new Map<number, Float32Array>();
  private avgLength: number[] | undefined;
  private folded: Array<Folded | undefined> = [];
  // Scratch space reused by every search.
  private seen = new Uint8Array(64);
  private acc = new Float64Array(64);
  private quality = new Uint16Array(64);
  private lastGroup = new Int32Array(64);
  private groupCounter = 0;
  private row = new Int32Array(64);

  private constructor() {}

  static empty(): CatalogueIndex {
    return new CatalogueIndex();
  }

  /** Opens a stored index: views over its arrays, no parsing of postings. */
  static fromStored(s: StoredIndex): CatalogueIndex {
    const index = new CatalogueIndex();
    index.ids = s.ids ? s.ids.split('\n') : [];
    index.ids.forEach((id, slot) => {
      if (id) {
        index.slotOf.set(id, slot);
        index.live++;
      }
    });
    index.termList = s.terms ? s.terms.split('\n') : [];
    index.termList.forEach((t, n) => index.termIds.set(t, n));
    index.postings = index.termList.map((_, n) => {
      const from = s.offsets[n]!;
      const to = s.offsets[n + 1]!;
      return { docs: s.docs.subarray(from, to), freqs: s.freqs.subarray(from, to), length: to - from };
    });
    index.lengths = s.lengths.slice();
    if (index.lengths.length < SCORED) index.lengths = new Uint16Array(SCORED * 64);
    index.tagNames = s.tags ? s.tags.split('\n') : [];
    const w = words32(index.ids.length);
    index.tagNames.forEach((tag, n) => {
      index.tagIds.set(tag, n);
      index.tagBits.push(s.tagBits.slice(n * w, (n + 1) * w));
    });
    index.tagsOfSlot = index.ids.map(() => []);
    index.tagBits.forEach((bits, tag) => {
      for (let slot = 0; slot < index.ids.length; slot++) if (bits[slot >>> 5]! & (1 << (slot & 31))) index.tagsOfSlot[slot]!.push(tag);
    });
    // Stored sorted: the term list is in order, so prefix lookups need no sort at start.
    index.sorted = Int32Array.from(index.termList.keys());
    return index;
  }

  /** The stored form (compacted first, so it holds no empty slots' postings). */
  toStored(): StoredIndex {
    this.compact();
    const order = this.sortedTerms();
    let total = 0;
    for (const n of order) total += this.postings[n]!.length;
    const offsets = new Uint32Array(order.length + 1);
    const docs = new Uint32Array(total);
    const freqs = new Uint32Array(total);
    let at = 0;
    order.forEach((n, i) => {
      const p = this.postings[n]!;
      offsets[i] = at;
      docs.set(p.docs.subarray(0, p.length), at);
      freqs.set(p.freqs.subarray(0, p.length), at);
      at += p.length;
    });
    offsets[order.length] = at;
    const w = words32(this.ids.length);
    const tagBits = new Uint32Array(w * this.tagNames.length);
    this.tagBits.forEach((bits, n) => tagBits.set(bits.subarray(0, w), n * w));
    return {
      ids: this.ids.join('\n'),
      terms: [...order].map((n) => this.termList[n]).join('\n'),
      offsets,
      docs,
      freqs,
      lengths: this.lengths.slice(0, SCORED * this.ids.length),
      tags: this.tagNames.join('\n'),
      tagBits,
    };
  }

  /** Bytes of the stored form, for the benchmark. */
  static storedBytes(s: StoredIndex): number {
    return (
      (s.ids.length + s.terms.length + s.tags.length) * 2 +
      s.offsets.byteLength +
      s.docs.byteLength +
      s.freqs.byteLength +
      s.lengths.byteLength +
      s.tagBits.byteLength
    );
  }

  get size(): number {
    return this.live;
  }

  /** Slots in use or left empty by a removal: the length of every bitset and per-slot array. */
  get slots(): number {
    return this.ids.length;
  }

  idOf(slot: number): string {
    return this.ids[slot]!;
  }

  slotOfId(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  /** Adds or replaces an item, with the tags it is to be counted and filtered by. */
  put(item: CatalogueItem, orgName: string, tags: readonly string[] = []): void {
    this.remove(item.id);
    const slot = this.ids.length;
    this.ids.push(item.id);
    this.slotOf.set(item.id, slot);
    this.live++;
    if (this.lengths.length < SCORED * (slot + 1)) {
      const grown = new Uint16Array(Math.max(SCORED * (slot + 1), this.lengths.length * 2));
      grown.set(this.lengths);
      this.lengths = grown;
    }
    const freq = new Map<number, number>();
    fieldTexts(item, orgName).forEach((text, field) => {
      const tokens = tokenize(text);
      // A field's length is its number of distinct words, as MiniSearch counted it.
      if (field < SCORED) this.lengths[slot * SCORED + field] = Math.min(new Set(tokens).size, 0xffff);
      for (const token of tokens) {
        const terms = field === SCORED ? [token] : termsOfToken(token);
        for (const term of terms) {
          const id = this.termId(term);
          const shift = field * TF_BITS;
          const f = freq.get(id) ?? 0;
          const tf = (f >>> shift) & TF_MAX;
          freq.set(id, tf < TF_MAX ? f + (1 << shift) : f);
        }
      }
    });
    for (const id of this.firstWords(item)) freq.set(id, freq.get(id)! | FIRST_WORD);
    for (const [id, f] of freq) this.append(id, slot, f);
    const own: number[] = [];
    for (const tag of tags) {
      const t = this.tagId(tag);
      if (own.includes(t)) continue;
      own.push(t);
      this.ensureBits(t);
      this.tagBits[t]![slot >>> 5]! |= 1 << (slot & 31);
    }
    this.tagsOfSlot[slot] = own;
    this.changed();
  }

  /** The term ids to mark FIRST_WORD for an item (every one a word of its rank field). */
  private firstWords(item: CatalogueItem): number[] {
    const out: number[] = [];
    for (const name of Object.values(item.name)) {
      if (!name) continue;
      fold(name)
        .split(/[^a-z0-9&'-]+/)
        .forEach((raw, i) => {
          if (i > 0 && !/['&]/.test(raw)) return;
          for (const token of tokenize(raw)) {
            const id = this.termIds.get(token);
            if (id !== undefined) out.push(id);
          }
        });
    }
    return out;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.folded[slot] = undefined;
    this.slotOf.delete(id);
    this.ids[slot] = '';
    this.live--;
    for (const t of this.tagsOfSlot[slot] ?? []) this.tagBits[t]![slot >>> 5]! &= ~(1 << (slot & 31));
    this.tagsOfSlot[slot] = [];
    this.changed();
    if (this.ids.length > 256 && this.ids.length - this.live > this.ids.length * COMPACT_SHARE) this.compact();
  }

  clear(): void {
    const fresh = new CatalogueIndex();
    Object.assign(this, fresh);
  }

  /** The bitset of items carrying a tag (all zero for an unknown tag); do not modify. */
  tag(tag: string): Uint32Array {
    const t = this.tagIds.get(tag);
    if (t === undefined) return new Uint32Array(words32(this.ids.length));
    this.ensureBits(t);
    return this.tagBits[t]!;
  }

  /** Tags known, e.g. for listing a facet's values. */
  get tagList(): readonly string[] {
    return this.tagNames;
  }

  /** The bitset of every item in the index. */
  all(): Uint32Array {
    const bits = new Uint32Array(words32(this.ids.length));
    for (let slot = 0; slot < this.ids.length; slot++) if (this.ids[slot]) bits[slot >>> 5]! |= 1 << (slot & 31);
    return bits;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termList.length;
      this.termIds.set(term, id);
      this.termList.push(term);
      this.postings.push({ docs: new Uint32Array(4), freqs: new Uint32Array(4), length: 0 });
      this.sorted = undefined;
    }
    return id;
  }

  private tagId(tag: string): number {
    let id = this.tagIds.get(tag);
    if (id === undefined) {
      id = this.tagNames.length;
      this.tagIds.set(tag, id);
      this.tagNames.push(tag);
      this.tagBits.push(new Uint32Array(words32(this.ids.length)));
    }
    return id;
  }

  private ensureBits(tag: number): void {
    const need = words32(this.ids.length);
    const bits = this.tagBits[tag]!;
    if (bits.length < need) {
      const grown = new Uint32Array(Math.max(need, bits.length * 2));
      grown.set(bits);
      this.tagBits[tag] = grown;
    }
  }

  private append(term: number, slot: number, freq: number): void {
    const p = this.postings[term]!;
    if (p.length === p.docs.length) {
      const size = Math.max(4, p.length * 2);
      const docs = new Uint32Array(size);
      docs.set(p.docs.subarray(0, p.length));
      const freqs = new Uint32Array(size);
      freqs.set(p.freqs.subarray(0, p.length));
      p.docs = docs;
      p.freqs = freqs;
    }
    p.docs[p.length] = slot;
    p.freqs[p.length] = freq;
    p.length++;
  }

  private changed(): void {
    this.scoreCache.clear();
    this.avgLength = undefined;
  }

  /** Drops empty slots: renumbers the items in order and rewrites postings and bitsets. */
  private compact(): void {
    if (this.live === this.ids.length) return;
    const map = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const lengths = new Uint16Array(Math.max(SCORED * 64, SCORED * this.live));
    const tagsOfSlot: number[][] = [];
    this.ids.forEach((id, slot) => {
      if (!id) return;
      map[slot] = ids.length;
      lengths.set(this.lengths.subarray(slot * SCORED, slot * SCORED + SCORED), ids.length * SCORED);
      tagsOfSlot.push(this.tagsOfSlot[slot] ?? []);
      ids.push(id);
    });
    for (const p of this.postings) {
      let n = 0;
      const docs = new Uint32Array(Math.max(4, p.length));
      const freqs = new Uint32Array(docs.length);
      for (let j = 0; j < p.length; j++) {
        const to = map[p.docs[j]!]!;
        if (to < 0) continue;
        docs[n] = to;
        freqs[n] = p.freqs[j]!;
        n++;
      }
      p.docs = docs;
      p.freqs = freqs;
      p.length = n;
    }
    this.ids = ids;
    this.folded = [];
    this.slotOf = new Map(ids.map((id, slot) => [id, slot]));
    this.lengths = lengths;
    this.tagsOfSlot = tagsOfSlot;
    const w = words32(ids.length);
    this.tagBits = this.tagBits.map((_, t) => {
      const bits = new Uint32Array(w);
      tagsOfSlot.forEach((tags, slot) => {
        if (tags.includes(t)) bits[slot >>> 5]! |= 1 << (slot & 31);
      });
      return bits;
    });
    this.changed();
  }

  private sortedTerms(): Int32Array {
    if (!this.sorted) {
      const list = this.termList;
      this.sorted = Int32Array.from(list.keys()).sort((a, b) => (list[a]! < list[b]! ? -1 : list[a]! > list[b]! ? 1 : 0));
    }
    return this.sorted;
  }

  /** Term ids starting with the prefix (the term itself included). */
  private withPrefix(prefix: string): number[] {
    const order = this.sortedTerms();
    const list = this.termList;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[order[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < order.length && list[order[i]!]!.startsWith(prefix); i++) out.push(order[i]!);
    return out;
  }

  /** Term ids within an edit distance of the term (not the term itself), with their distance. */
  private near(term: string, max: number): Array<[number, number]> {
    if (this.row.length <= term.length + max + 1) this.row = new Int32Array(term.length + max + 2);
    const out: Array<[number, number]> = [];
    this.termList.forEach((t, id) => {
      if (t === term || Math.abs(t.length - term.length) > max) return;
      const d = editDistance(term, t, max, this.row);
      if (d <= max) out.push([id, d]);
    });
    return out;
  }

  private averages(): number[] {
    if (!this.avgLength) {
      const sum = new Array<number>(SCORED).fill(0);
      for (let slot = 0; slot < this.ids.length; slot++) {
        if (!this.ids[slot]) continue;
        for (let f = 0; f < SCORED; f++) sum[f]! += this.lengths[slot * SCORED + f]!;
      }
      this.avgLength = sum.map((s) => s / Math.max(1, this.live));
    }
    return this.avgLength;
  }

  /** Each posting's BM25+ score for a boost set (0 where the term is not in a boosted field or the slot is empty). */
  private scores(term: number, expansion: boolean): Float32Array {
    const key = term * 2 + (expansion ? 1 : 0);
    let cached = this.scoreCache.get(key);
    if (cached) return cached;
    const boost = expansion ? EXPANSION_BOOST : BOOST;
    const p = this.postings[term]!;
    const avg = this.averages();
    const df = new Array<number>(SCORED).fill(0);
    for (let j = 0; j < p.length; j++) {
      if (!this.ids[p.docs[j]!]) continue;
      const f = p.freqs[j]!;
      for (let field = 0; field < SCORED; field++) if ((f >>> (field * TF_BITS)) & TF_MAX) df[field]!++;
    }
    const idf = df.map((n) => Math.log(1 + (this.live - n + 0.5) / (n + 0.5)));
    cached = new Float32Array(p.length);
    for (let j = 0; j < p.length; j++) {
      const slot = p.docs[j]!;
      if (!this.ids[slot]) continue;
      const f = p.freqs[j]!;
      let s = 0;
      for (let field = 0; field < SCORED; field++) {
        const tf = (f >>> (field * TF_BITS)) & TF_MAX;
        if (!tf || !boost[field]) continue;
        const norm = K * (1 - B + (B * this.lengths[slot * SCORED + field]!) / (avg[field] || 1));
        s += boost[field]! * idf[field]! * (D + (tf * (K + 1)) / (tf + norm));
      }
      cached[j] = s;
    }
    this.scoreCache.set(key, cached);
    return cached;
  }

  /** By slot, so that ranking a broad word's thousands of candidates costs no map lookups. */
  private foldedOf(slot: number, itemOf: (id: string) => CatalogueItem | undefined): Folded | undefined {
    let f = this.folded[slot];
    if (!f) {
      const item = itemOf(this.ids[slot]!);
      if (!item) return undefined;
      const names = Object.values(item.name).flatMap((t) => (t ? [fold(t)] : []));
      f = { names, spaced: names.map((n) => ` ${n.replace(/[^a-z0-9]+/g, ' ')} `), keywords: item.keywords.map(fold) };
      this.folded[slot] = f;
    }
    return f;
  }

  private grow(slots: number): void {
    if (this.seen.length < slots) {
      this.seen = new Uint8Array(slots * 2);
      this.acc = new Float64Array(slots * 2);
      this.quality = new Uint16Array(slots * 2);
      this.lastGroup = new Int32Array(slots * 2);
    }
  }

  /** The terms a query word is matched by: [term, weight, expansion]. */
  private termsOfWord(word: string, last: boolean, fuzzy: boolean): Array<[number, number, boolean]> {
    const out: Array<[number, number, boolean]> = [];
    const term = stem(fold(word));
    const exact = this.termIds.get(term);
    if (exact !== undefined) out.push([exact, 1, false]);
    if (last && word.length >= 2) {
      for (const id of this.withPrefix(term)) {
        const t = this.termList[id]!;
        if (t.length > term.length) out.push([id, (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * (t.length - term.length)), false]);
      }
    }
    if (fuzzy && word.length >= 4) {
      const max = Math.min(2, Math.round(term.length * 0.25));
      if (max) {
        const prefixed = new Set(out.map(([id]) => id));
        for (const [id, d] of this.near(term, max)) {
          if (prefixed.has(id)) continue;
          const t = this.termList[id]!;
          out.push([id, (FUZZY_WEIGHT * t.length) / (t.length + d), false]);
        }
      }
    }
    for (const expansion of everydayExpansions(word)) {
      for (const w of tokenize(expansion)) {
        const id = this.termIds.get(stem(fold(w)));
        if (id !== undefined) out.push([id, 1, true]);
      }
    }
    return out;
  }

  /**
   * Items matching every word of the query (as typed: the last word may be
   * unfinished), tolerant of small typos when few match as typed, each word also
   * matched by its everyday-word expansions at a lower weight, with each match's
   * score and tier (see Hit). `itemOf` gives the item of an id, for the tiers.
   */
  match(query: string, itemOf: (id: string) => CatalogueItem | undefined): Matches {
    const words = tokenize(query);
    const slots = this.ids.length;
    this.grow(slots);
    const empty: Matches = { slots: new Int32Array(0), bits: new Uint32Array(words32(slots)), score: this.acc, tier: new Uint8Array(0) };
    if (!words.length) return empty;
    // Typo tolerance is for words the catalogue does not hold as typed. A query that already finds
    // plenty as typed skips it, which on a common word would only add near-misses below the real matches.
    let found = this.run(words, false);
    if (found.length < FUZZY_WHEN_FEWER_THAN) found = this.run(words, true);
    const bits = new Uint32Array(words32(slots));
    for (const slot of found) bits[slot >>> 5]! |= 1 << (slot & 31);
    // Tiers: only an item whose names or keywords hold the query's first word (as a word, or as
    // the start of one when it is the only word) can have a tier above 0, so only those are compared.
    const tier = new Uint8Array(slots);
    const q = fold(query).trim().replace(/\s+/g, ' ');
    const first = words[0]!;
    const candidates = words.length === 1 ? this.withPrefix(first) : this.termIds.has(first) ? [this.termIds.get(first)!] : [];
    // A one-word query of letters and digits ranks an item above 0 only when a name starts with
    // it (then a word marked FIRST_WORD starts with it), holds it as a word or a keyword is it
    // (then the item is in the word's own posting): other words' unmarked postings are skipped.
    const plainWord = words.length === 1 && q === first && /^[a-z0-9]+$/.test(q);
    for (const term of candidates) {
      const p = this.postings[term]!;
      const onlyMarked = plainWord && this.termList[term] !== q;
      for (let j = 0; j < p.length; j++) {
        const slot = p.docs[j]!;
        const f = p.freqs[j]!;
        if (onlyMarked && !(f & FIRST_WORD)) continue;
        if (!((f >>> (SCORED * TF_BITS)) & TF_MAX) || tier[slot] || !(bits[slot >>> 5]! & (1 << (slot & 31)))) continue;
        const folded = this.foldedOf(slot, itemOf);
        // 5 marks "compared, tier 0", so that a slot is compared once.
        tier[slot] = folded ? tierOf(folded, q) || 5 : 5;
      }
    }
    for (const slot of found) if (tier[slot] === 5) tier[slot] = 0;
    return { slots: found, bits, score: this.acc, tier };
  }

  /** The slots matching every word, their scores summed into this.acc. */
  private run(words: string[], fuzzy: boolean): Int32Array {
    const perWord = words.map((word, i) => this.termsOfWord(word, i === words.length - 1, fuzzy));
    const sizeOf = (terms: Array<[number, number, boolean]>) => terms.reduce((n, [id]) => n + this.postings[id]!.length, 0);
    // The rarest word first: only its matches can be matches of the whole query.
    const order = perWord
      .map((terms, i) => [sizeOf(terms), i] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, i]) => perWord[i]!);
    const seen = this.seen;
    const acc = this.acc;
    const quality = this.quality;
    const lastGroup = this.lastGroup;
    const found: number[] = [];
    order.forEach((terms, i) => {
      // A match's score is multiplied by how many of the query's terms it matched (the word,
      // each everyday expansion): MiniSearch's "quality". Prefix and typo variants count as the word.
      const groups = new Map<string, number>();
      for (const [id, weight, expansion] of terms) {
        const groupKey = expansion ? `e${id}` : 'own';
        let group = groups.get(groupKey);
        if (group === undefined) groups.set(groupKey, (group = ++this.groupCounter));
        const p = this.postings[id]!;
        const s = this.scores(id, expansion);
        const docs = p.docs;
        for (let j = 0; j < p.length; j++) {
          const score = s[j]!;
          if (score === 0) continue;
          const slot = docs[j]!;
          let state = seen[slot]!;
          if (i === 0 && state === 0) {
            found.push(slot);
            acc[slot] = 0;
            quality[slot] = 0;
          }
          if (state === i) seen[slot] = state = i + 1;
          if (state === i + 1) {
            acc[slot]! += weight * score;
            if (lastGroup[slot] !== group) {
              lastGroup[slot] = group;
              quality[slot]!++;
            }
          }
        }
      }
    });
    const all = order.length;
    let n = 0;
    const out = new Int32Array(found.length);
    for (const slot of found) {
      if (seen[slot] === all) {
        out[n++] = slot;
        acc[slot]! *= quality[slot]!;
      }
      seen[slot] = 0;
    }
    return out.subarray(0, n);
  }

  /** Every match, best first (tier, then score): for small catalogues and the public finder. */
  search(query: string, itemOf: (id: string) => CatalogueItem | undefined): Hit[] {
    const m = this.match(query, itemOf);
    const hits: Hit[] = [];
    for (const slot of m.slots) {
      const id = this.ids[slot]!;
      if (itemOf(id)) hits.push({ id, score: m.score[slot]!, tier: m.tier[slot]! });
    }
    return hits.sort((a, b) => b.tier - a.tier || b.score - a.score || (a.id < b.id ? -1 : 1));
  }
}

function tierOf(f: Folded, q: string): number {
  let tier = 0;
  const word = ` ${q} `;
  for (let i = 0; i < f.names.length; i++) {
    const name = f.names[i]!;
    if (name === q) return 4;
    if (name.startsWith(q)) tier = Math.max(tier, 3);
    else if (tier < 2 && f.spaced[i]!.includes(word)) tier = 2;
  }
  if (tier < 1 && f.keywords.includes(q)) tier = 1;
  return tier;
}

/** Counts of set bits in a ∧ b (∧ c when given). */
export function countAnd(a: Uint32Array, b: Uint32Array, c?: Uint32Array): number {
  let n = 0;
  const len = Math.min(a.length, b.length, c ? c.length : Infinity);
  if (c) for (let i = 0; i < len; i++) n += popcount(a[i]! & b[i]! & c[i]!);
  else for (let i = 0; i < len; i++) n += popcount(a[i]! & b[i]!);
  return n;
}

/** The plain baseline the benchmark compares with: every item's text scanned for every word. */
export function linearScan(items: Iterable<CatalogueItem>, query: string): string[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const item of items) {
    const text = fold(`${item.name.nl} ${item.name.en ?? ''} ${item.description.nl} ${item.keywords.join(' ')}`);
    if (words.every((w) => text.includes(w))) out.push(item.id);
  }
  return out;
}
