/**
 * Units a figure may be in: milliseconds, kilobytes (1,024 bytes, gzipped where the
 * figure says so), or a score out of 100 (Lighthouse).
 */
export type Unit = 'ms' | 'KB' | 'score';

/**
 * One measured figure: Inloop's way against a plain baseline (or, for sizes and
 * scores, against the budget or aim), lower is better unless `better` says 'higher'.
 */
export interface Figure {
  figure: string;
  inloop: number;
  baseline: number;
  unit: Unit;
  /** Which way is better; 'lower' when left out (times and sizes). Scores are 'higher'. */
  better?: 'lower' | 'higher';
}

/**
 * An aim a figure is held to (from an issue), checked whenever docs/benchmarks.md is written:
 * met or missed is said under the table, and when missed, why and what next.
 */
export interface Aim {
  /** The figures it applies to: those whose name starts with this. */
  figure: string;
  /** The highest ratio (Inloop ÷ baseline) the aim allows. */
  ratio?: number;
  /** The highest value (in the figure's unit) the aim allows. */
  atMost?: number;
  /** The aim in words, e.g. "issue 18: median at most 2× the bare put". */
  says: string;
  /** Said when it is missed: the cause and the next step. */
  ifMissed: string;
}

export interface Benchmark {
  /** Short name for `npm run bench <name>`. */
  name: string;
  title: string;
  /** How much data, e.g. "10,000 synthetic catalogue items (seed 1)". */
  dataSize: string;
  /** How the baseline is made, in a sentence or two. */
  baseline: string;
  /** Where it runs: "headless Chromium 1xx (real IndexedDB)" or "Node (fake-indexeddb)". */
  environment?: string;
  /** Aims its figures are held to. */
  aims?: Aim[];
  run(): Promise<{ figures: Figure[]; environment: string }>;
}

export interface BenchResult {
  name: string;
  title: string;
  dataSize: string;
  baseline: string;
  environment: string;
  ranAt: string;
  machine: string;
  figures: Figure[];
}

/** Said with an aim missed on a shared machine: the figures' own scatter. */
export const LOADED_MACHINE =
  'The machine is shared by several sessions and loaded (see the load average above): times scatter from run to run, the ratios of one run less so.';
