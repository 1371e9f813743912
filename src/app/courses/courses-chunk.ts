/**
 * Everything of the desk's courses in one lazy chunk (the course tab, the self-assessment
 * handed over, the pull step's code), fetched when first needed and precached by the
 * service worker. One chunk, not three: three chunks sharing the course schemas would split
 * the desk's first-load chunks they come from and grow the first load (test/build-output.test.ts).
 */
export { CourseRunsScreen } from './CourseRunsScreen';
export { AssessmentHandover } from './AssessmentHandover';
export { pullCourseRuns } from './course-run-sync';
