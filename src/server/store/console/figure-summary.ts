import type { Database } from '../database';

/**
 * The dashboard's summary counts (migration 016). Triggers append every change to
 * visit_figure_deltas in the writer's own transaction, so the figures are exact at once
 * (the dashboard adds the pending deltas); this moves them into visit_figure_counts, so
 * that the deltas stay few. One server at a time folds (an advisory lock; the others skip).
 */
export async function foldFigureDeltas(db: Database): Promise<number> {
  const folded = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(4712) AS locked');
    if (!rows[0]!.locked) return 0;
    const result = await tx.query<{ n: string | number }>('SELECT figure_fold() AS n');
    return Number(result.rows[0]!.n);
  });
  // Every dashboard read scans the deltas whole (they are meant to be few): after a large fold
  // (a restore, an import, a crowd of pushes) their emptied pages go now, not when autovacuum comes.
  if (folded >= LARGE_FOLD) await db.query('VACUUM visit_figure_deltas');
  return folded;
}

/** Count rows a fold touches before the deltas' table is vacuumed at once. */
const LARGE_FOLD = 10_000;

/** Folds now and then every interval; the timer does not keep the process alive. */
export function scheduleFigureFold(db: Database, log: (err: Error) => void, intervalMs = 5_000): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    foldFigureDeltas(db).then(
      () => (running = false),
      (err: unknown) => {
        running = false;
        log(err instanceof Error ? err : new Error(String(err)));
      },
    );
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
