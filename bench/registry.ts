/**
 * Every benchmark `npm run bench` knows. To add one: write bench/<name>.ts
 * exporting a Benchmark, and add it to this list (one import, one entry).
 */
import { bundleBenchmark } from './bundle';
import { catalogueBenchmark } from './catalogue';
import { consoleBenchmark } from './console';
import { finderBenchmark } from './finder';
import { lighthouseBenchmark } from './lighthouse';
import { burstBenchmark, syncIngestBenchmark } from './sync';
import { tabletBenchmark } from './tablet';
import type { Benchmark } from './types';

export const BENCHMARKS: Benchmark[] = [
  syncIngestBenchmark,
  burstBenchmark,
  catalogueBenchmark,
  tabletBenchmark,
  bundleBenchmark,
  lighthouseBenchmark,
  consoleBenchmark,
  finderBenchmark,
];
