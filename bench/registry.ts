/**
 * Every benchmark `npm run bench` knows. To add one: write bench/<name>.ts
 * exporting a Benchmark, and add it to this list (one import, one entry).
 */
import { catalogueBenchmark } from './catalogue';
import { consoleBenchmark } from './console';
import { burstBenchmark, syncIngestBenchmark } from './sync';
import type { Benchmark } from './types';

export const BENCHMARKS: Benchmark[] = [syncIngestBenchmark, burstBenchmark, catalogueBenchmark, consoleBenchmark];
