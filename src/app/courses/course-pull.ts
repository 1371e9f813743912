import type { InloopDatabase } from '../db/database';

/**
 * The course-runs pull step (services.ts) runs code that comes with the desk's screens:
 * DeskRoot hands over the loader of the courses chunk (courses-chunk.ts) when it loads. Fetched
 * from there, the chunk shares the schemas the desk already holds, so neither the shared
 * first load nor a kiosk carries it. A round that runs before the desk's screens loaded
 * (at start) skips the step; the next round, or opening the course tab, pulls.
 */
type CourseRunSync = Pick<typeof import('./courses-chunk'), 'pullCourseRuns'>;
let load: (() => Promise<CourseRunSync>) | undefined;

export function provideCourseRunSync(loader: () => Promise<CourseRunSync>): void {
  load = loader;
}

export async function pullCourseRuns(db: InloopDatabase, token: string): Promise<void> {
  if (load) await (await load()).pullCourseRuns(db, token);
}
