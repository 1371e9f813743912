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
