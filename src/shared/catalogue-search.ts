import MiniSearch, { type Query } from 'minisearch';
import type { CatalogueItem } from './catalogue';
import { LANGUAGES } from './i18n-text';
import { everydayExpansions, fold, indexTerms, stem, THEME_WORDS, tokenize } from './catalogue-words';

/**
 * The offline search index over catalogue items (MiniSearch, with our own Dutch
 * tokenising and stemming). It is updated item by item and serialised to
 * IndexedDB, so a start does not rebuild it.
 */

/** Bump when tokenising, stemming or fields change: a stored index of another format is rebuilt. */
export const INDEX_FORMAT = 1;

const FIELDS = ['name', 'keywords', 'org', 'themes', 'description'] as const;
const BOOST = { name: 4, keywords: 3, org: 1.5, themes: 1, description: 0.7 };
const EXPANSION_BOOST = { name: 1.6, keywords: 1.4 };
/** Below this many matches as typed, the query is run again tolerant of typos. */
const FUZZY_WHEN_FEWER_THAN = 5;

interface IndexDoc {
  id: string;
  name: string;
  keywords: string;
  org: string;
  themes: string;
  description: string;
}

const OPTIONS = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => indexTerms(term),
  searchOptions: {
    tokenize: (text: string) => tokenize(text),
    processTerm: (term: string) => stem(fold(term)),
  },
};

function toDoc(item: CatalogueItem, orgName: string): IndexDoc {
  const all = (t: Record<string, string | undefined> | undefined) => (t ? LANGUAGES.map((l) => t[l] ?? '').join(' ') : '');
  return {
    id: item.id,
    name: all(item.name),
    keywords: item.keywords.join(' '),
    org: orgName,
    themes: item.themes.map((t) => THEME_WORDS[t] ?? '').join(' '),
    description: `${item.description.nl} ${item.description.en ?? ''}`,
  };
}

export interface Hit {
  id: string;
  score: number;
  /** 4: the name is the query; 3: a name starts with it; 2: a name holds it as words; 1: a keyword is it; 0: other. */
  tier: number;
}

export class CatalogueIndex {
  /** Folded names and keywords per item, for ranking exact matches first (memoised, not stored). */
  private readonly folded = new Map<string, Folded>();

  private constructor(private ms: MiniSearch<IndexDoc>) {}

  static empty(): CatalogueIndex {
    return new CatalogueIndex(new MiniSearch<IndexDoc>(OPTIONS));
  }

  /** Opens a stored index in slices that yield to the page, so taps are answered meanwhile. */
  static async fromJSON(json: string): Promise<CatalogueIndex> {
    return new CatalogueIndex(await MiniSearch.loadJSONAsync<IndexDoc>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.ms);
  }

  get size(): number {
    return this.ms.documentCount;
  }

  /** Adds or replaces an item. */
  put(item: CatalogueItem, orgName: string): void {
    if (this.ms.has(item.id)) this.ms.discard(item.id);
    this.folded.delete(item.id);
    this.ms.add(toDoc(item, orgName));
  }

  remove(id: string): void {
    if (this.ms.has(id)) this.ms.discard(id);
    this.folded.delete(id);
  }

  clear(): void {
    this.ms.removeAll();
    this.folded.clear();
  }

  private foldedOf(item: CatalogueItem): Folded {
    let f = this.folded.get(item.id);
    if (!f) {
      const names = Object.values(item.name).flatMap((t) => (t ? [fold(t)] : []));
      f = { names, spaced: names.map((n) => ` ${n.replace(/[^a-z0-9]+/g, ' ')} `), keywords: item.keywords.map(fold) };
      this.folded.set(item.id, f);
    }
    return f;
  }

  /**
   * Items matching every word of the query (as typed: the last word may be
   * unfinished), tolerant of small typos, each word also matched by its
   * everyday-word expansions at a lower weight. Best first; an exact name first of all.
   */
  search(query: string, itemOf: (id: string) => CatalogueItem | undefined): Hit[] {
    const words = tokenize(query);
    if (!words.length) return [];
    const queryFor = (fuzzy: boolean): Query => ({
      combineWith: 'AND',
      queries: words.map((word, i) => {
        const last = i === words.length - 1;
        const own: Query = {
          queries: [word],
          prefix: last && word.length >= 2,
          fuzzy: fuzzy && word.length >= 4 ? 0.25 : false,
          maxFuzzy: 2,
          boost: BOOST,
        };
        const expansions = everydayExpansions(word);
        return expansions.length
          ? { combineWith: 'OR', queries: [own, { combineWith: 'OR', queries: expansions, fields: ['name', 'keywords'], boost: EXPANSION_BOOST }] }
          : own;
      }),
    });
    // Typo tolerance is for words the catalogue does not hold as typed. A query that already finds
    // plenty as typed skips the fuzzy pass, which on a common word only adds near-misses below
    // the real matches, at several times the cost.
    let results = this.ms.search(queryFor(false));
    if (results.length < FUZZY_WHEN_FEWER_THAN) results = this.ms.search(queryFor(true));
    const q = fold(query).trim().replace(/\s+/g, ' ');
    const hits: Hit[] = [];
    for (const r of results) {
      const item = itemOf(r.id as string);
      if (!item) continue;
      hits.push({ id: r.id as string, score: r.score, tier: tierOf(this.foldedOf(item), q) });
    }
    return hits.sort((a, b) => b.tier - a.tier || b.score - a.score);
  }
}

/** An item's names and keywords folded for ranking; `spaced` are the names as words between spaces. */
interface Folded {
  names: string[];
  spaced: string[];
  keywords: string[];
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
