import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHMARKS } from './registry';
import type { Aim, BenchResult, Figure } from './types';

/**
 * npm run bench [name]: runs every benchmark (or the one named), prints a table
 * figure | Inloop | baseline | ratio, and keeps the results in bench/results.json
 * and docs/benchmarks.md (results of benchmarks not run this time are kept).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(here, 'results.json');
const DOC = path.join(here, '..', 'docs', 'benchmarks.md');

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratio = (inloop: number, baseline: number) => (baseline > 0 ? `${(inloop / baseline).toFixed(2)}×` : '–');
const value = (n: number, unit: Figure['unit']) => (unit === 'score' ? `${n.toFixed(0)}` : `${fmt(n)} ${unit}`);
const arrow = (f: Figure) => (f.better === 'higher' ? ' (higher is better)' : '');

function table(result: BenchResult): string {
  const rows = result.figures.map(
    (f) => `| ${f.figure}${arrow(f)} | ${value(f.inloop, f.unit)} | ${value(f.baseline, f.unit)} | ${ratio(f.inloop, f.baseline)} |`,
  );
  return ['| figure | Inloop | baseline | ratio |', '|---|---:|---:|---:|', ...rows].join('\n');
}

/** Under a benchmark's table: each aim, met or missed, by the figures it applies to. */
function aimLines(result: BenchResult, aims: readonly Aim[]): string[] {
  return aims.flatMap((aim) =>
    result.figures
      .filter((f) => f.figure.startsWith(aim.figure))
      .map((f) => {
        const r = f.baseline > 0 ? f.inloop / f.baseline : Infinity;
        const met = (aim.ratio === undefined || r <= aim.ratio) && (aim.atMost === undefined || f.inloop <= aim.atMost);
        const at = aim.atMost !== undefined ? value(f.inloop, f.unit) : ratio(f.inloop, f.baseline);
        return met
          ? `- Aim met: ${aim.says} (${at}, “${f.figure}”).`
          : `- **Aim missed**: ${aim.says} (${at}, “${f.figure}”). ${aim.ifMissed}`;
      }),
  );
}

function markdown(results: BenchResult[]): string {
  const parts = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`npm run bench <name>` runs one); do not edit by hand. Lower is better',
    'unless a figure says “higher is better” (scores); ratio = Inloop ÷ baseline (for times, below 1× Inloop is',
    'faster, above 1× it pays for doing more; for sizes and scores the baseline is the budget or the aim).',
    'Add a benchmark as `bench/<name>.ts` and register it in `bench/registry.ts`.',
    '',
  ];
  for (const r of results) {
    parts.push(
      `## ${r.title} (\`${r.name}\`)`,
      '',
      `- Data: ${r.dataSize}`,
      `- Baseline: ${r.baseline}`,
      `- Ran in: ${r.environment}, on ${r.machine}, ${r.ranAt}`,
      '',
      table(r),
      '',
    );
    const aims = aimLines(r, BENCHMARKS.find((b) => b.name === r.name)?.aims ?? []);
    if (aims.length) parts.push(...aims, '');
  }
  return parts.join('\n');
}

async function main(): Promise<void> {
  const wanted = process.argv[2];
  if (wanted === '--docs') {
    // Rewrites docs/benchmarks.md from bench/results.json (e.g. after an aim's wording changed), running nothing.
    const kept = JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResult[];
    writeFileSync(DOC, markdown(BENCHMARKS.flatMap((b) => kept.filter((r) => r.name === b.name))));
    console.log(`Wrote ${path.relative(process.cwd(), DOC)} from ${path.relative(process.cwd(), RESULTS)}.`);
    return;
  }
  const chosen = wanted ? BENCHMARKS.filter((b) => b.name === wanted) : BENCHMARKS;
  if (!chosen.length) {
    console.error(`No benchmark "${wanted}". Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const previous: BenchResult[] = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResult[]) : [];
  const results = new Map(previous.map((r) => [r.name, r]));
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} at start`;
  let failed = 0;
  for (const bench of chosen) {
    console.log(`\n${bench.title} (${bench.name}): ${bench.dataSize}`);
    let outcome: Awaited<ReturnType<typeof bench.run>>;
    try {
      outcome = await bench.run();
    } catch (err) {
      // One benchmark that cannot run (e.g. no PostgreSQL here) does not stop the others; its last results are kept.
      failed++;
      console.error(`  not run: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    const { figures, environment } = outcome;
    const result: BenchResult = {
      name: bench.name,
      title: bench.title,
      dataSize: bench.dataSize,
      baseline: bench.baseline,
      environment,
      ranAt: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine,
      figures,
    };
    results.set(bench.name, result);
    console.log(table(result));
  }
  const all = BENCHMARKS.flatMap((b) => (results.has(b.name) ? [results.get(b.name)!] : []));
  writeFileSync(RESULTS, JSON.stringify(all, null, 2) + '\n');
  writeFileSync(DOC, markdown(all));
  console.log(`\nWrote ${path.relative(process.cwd(), RESULTS)} and ${path.relative(process.cwd(), DOC)}.`);
  if (failed) {
    console.error(`${failed} benchmark(s) could not run; see above.`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
