import { courseRunsResponseSchema, type CourseRunsResponse } from '../../shared/course-runs';
import type { InloopDatabase, LocalCourseRun } from '../db/database';
import { durably } from '../db/durable';
import { pendingEntries } from '../db/outbox';
import { getFromServer } from '../sync/api';
import { withWaitingChanges } from './course-run-changes';

/**
 * The desk's pull of its location's open course runs (GET /api/sync/course-runs), each sync
 * round. services.ts imports this module only when the step runs, so the desk's first load
 * does not carry it (the service worker precaches the chunk: it runs offline-started too).
 */
export type FetchCourseRuns = (token: string) => Promise<CourseRunsResponse>;
export const httpCourseRuns =
  (base = ''): FetchCourseRuns =>
  (token) =>
    getFromServer(courseRunsResponseSchema, `${base}/api/sync/course-runs`, token);

/**
 * Replaces the desk's copy with the server's list in one transaction. The desk's own
 * changes that still wait are applied again on top; a run that left the list (closed by a
 * coordinator) is gone from the tablet with its participants' names. The kiosk interest in
 * each run's course goes with the run, so a volunteer can turn it into a participant offline;
 * interest the server no longer lists (turned into a participant elsewhere, or purged) leaves.
 */
export async function storeCourseRuns(
  db: InloopDatabase,
  pulled: CourseRunsResponse['runs'],
  interest: CourseRunsResponse['interest'] = [],
): Promise<void> {
  const withInterest: LocalCourseRun[] = pulled.map((run) => ({
    ...run,
    interest: interest.filter((i) => i.itemId === run.itemId).map(({ id, firstName, createdAt }) => ({ id, firstName, createdAt })),
  }));
  await durably(db, () =>
    db.transaction('rw', db.courseRuns, db.outbox, async () => {
      const runs = withWaitingChanges(withInterest, await pendingEntries(db));
      await db.courseRuns.clear();
      await db.courseRuns.bulkPut(runs);
    }),
  );
}

export async function pullCourseRuns(db: InloopDatabase, token: string, fetch: FetchCourseRuns = httpCourseRuns()): Promise<void> {
  const { runs, interest } = await fetch(token);
  await storeCourseRuns(db, runs, interest);
}
