import { STOP_REASONS, type CourseFigures } from '../../../shared/course-runs';
import type { CourseReport } from '../../../shared/impact';
import type { Queryable } from '../database';
import { csvCell } from './exports';
import type { Scope } from './scope';
import { TIME_ZONE, comparisonPeriods } from './dashboard';

const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const localDate = (iso: string) => dayFormat.format(new Date(iso));

export interface CourseFilter {
  from: string;
  to: string;
  location?: string;
  /** A library organisation: narrows within the scope, never widens it. */
  organisation?: string;
  /** A CBS code, or not_asked for participants recorded without one. */
  municipality?: string;
}

/** A participant `p`'s municipality as reports name it. */
const PARTICIPANT_MUNICIPALITY = `coalesce(p.municipality, 'not_asked')`;

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/**
 * The course figures for the runs with a session in the period (in scope, at one location
 * when asked): per run its sessions, participants, present marks and outcomes; in total
 * the attendance rate (present marks over participants × sessions held by `now`),
 * completion (finished over ended), stop reasons, and per statement the average self-assessment
 * at the start and the end of the participants who gave both. Narrowed to a municipality,
 * only its participants count, and only the runs with at least one of them. Names are never read here: the figures survive retention.
 */
export async function courseFigures(db: Queryable, scope: Scope, filter: CourseFilter, now = new Date()): Promise<CourseFigures> {
  const { rows: runs } = await db.query<{
    id: string;
    title: string;
    location_name: string;
    first_session: string | Date;
    last_session: string | Date;
    sessions: number;
    held: number;
    participants: number;
    finished: number;
    stopped: number;
    present: number;
  }>(
    `WITH runs AS (
       SELECT r.id, r.title, l.name AS location_name FROM course_runs r JOIN locations l ON l.id = r.location_id
        WHERE ($1::uuid[] IS NULL OR l.organisation_id = ANY($1::uuid[])) AND ($4::uuid IS NULL OR r.location_id = $4)
          AND ($7::uuid IS NULL OR l.organisation_id = $7)
          AND EXISTS (SELECT 1 FROM course_sessions s WHERE s.run_id = r.id AND s.starts_at >= $2 AND s.starts_at < $3)
          AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM course_participants p WHERE p.run_id = r.id AND ${PARTICIPANT_MUNICIPALITY} = $5))
     ), people AS (
       SELECT p.* FROM course_participants p JOIN runs ON runs.id = p.run_id WHERE ($5::text IS NULL OR ${PARTICIPANT_MUNICIPALITY} = $5)
     )
     SELECT runs.id, runs.title, runs.location_name,
            (SELECT min(starts_at) FROM course_sessions s WHERE s.run_id = runs.id) AS first_session,
            (SELECT max(starts_at) FROM course_sessions s WHERE s.run_id = runs.id) AS last_session,
            (SELECT count(*)::int FROM course_sessions s WHERE s.run_id = runs.id) AS sessions,
            (SELECT count(*)::int FROM course_sessions s WHERE s.run_id = runs.id AND s.starts_at <= $6) AS held,
            (SELECT count(*)::int FROM people p WHERE p.run_id = runs.id) AS participants,
            (SELECT count(*)::int FROM people p WHERE p.run_id = runs.id AND p.outcome = 'finished') AS finished,
            (SELECT count(*)::int FROM people p WHERE p.run_id = runs.id AND p.outcome = 'stopped') AS stopped,
            (SELECT count(*)::int FROM course_attendance a JOIN people p ON p.id = a.participant_id JOIN course_sessions s ON s.id = a.session_id
              WHERE p.run_id = runs.id AND a.present AND s.starts_at <= $6) AS present
       FROM runs ORDER BY first_session, runs.id`,
    [scope, filter.from, filter.to, filter.location ?? null, filter.municipality ?? null, now.toISOString(), filter.organisation ?? null],
  );
  const ids = runs.map((r) => r.id);
  const { rows: reasons } = await db.query<{ stop_reason: string; n: number }>(
    `SELECT stop_reason, count(*)::int AS n FROM course_participants p
      WHERE run_id = ANY($1::uuid[]) AND outcome = 'stopped' AND ($2::text IS NULL OR ${PARTICIPANT_MUNICIPALITY} = $2) GROUP BY stop_reason`,
    [ids, filter.municipality ?? null],
  );
  const { rows: places } = await db.query<{ key: string; participants: number; finished: number; stopped: number }>(
    `SELECT ${PARTICIPANT_MUNICIPALITY} AS key, count(*)::int AS participants, count(*) FILTER (WHERE p.outcome = 'finished')::int AS finished,
            count(*) FILTER (WHERE p.outcome = 'stopped')::int AS stopped
       FROM course_participants p WHERE p.run_id = ANY($1::uuid[]) AND ($2::text IS NULL OR ${PARTICIPANT_MUNICIPALITY} = $2)
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    [ids, filter.municipality ?? null],
  );
  // Per statement: start and end scores of the same participant, same version and theme.
  const { rows: statements } = await db.query<{
    statement: string;
    version: number;
    theme: string;
    pairs: number;
    start_avg: number | null;
    end_avg: number | null;
  }>(
    `SELECT s.key AS statement, b.assessment_version AS version, b.theme, count(e.value)::int AS pairs,
            avg((s.value)::int) FILTER (WHERE e.value IS NOT NULL)::float8 AS start_avg,
            avg((e.value)::int)::float8 AS end_avg
       FROM course_assessments b
       JOIN course_participants p ON p.id = b.participant_id
       CROSS JOIN LATERAL jsonb_each_text(b.answers) s
       LEFT JOIN course_assessments f ON f.participant_id = b.participant_id AND f.moment = 'end' AND f.assessment_version = b.assessment_version AND f.theme = b.theme
       LEFT JOIN LATERAL (SELECT f.answers->>s.key AS value) e ON true
      WHERE b.moment = 'start' AND p.run_id = ANY($1::uuid[]) AND ($2::text IS NULL OR ${PARTICIPANT_MUNICIPALITY} = $2)
      GROUP BY s.key, b.assessment_version, b.theme ORDER BY b.theme, b.assessment_version, s.key`,
    [ids, filter.municipality ?? null],
  );
  const sum = (key: 'participants' | 'finished' | 'stopped' | 'present') => runs.reduce((n, r) => n + r[key], 0);
  const possible = runs.reduce((n, r) => n + r.participants * r.held, 0);
  const byReason = new Map(reasons.map((r) => [r.stop_reason, r.n]));
  return {
    runs: runs.map((r) => ({
      id: r.id,
      title: r.title,
      locationName: r.location_name,
      firstSession: new Date(r.first_session).toISOString(),
      lastSession: new Date(r.last_session).toISOString(),
      sessions: r.sessions,
      participants: r.participants,
      finished: r.finished,
      stopped: r.stopped,
      attendanceRate: ratio(r.present, r.participants * r.held),
    })),
    total: {
      runs: runs.length,
      participants: sum('participants'),
      finished: sum('finished'),
      stopped: sum('stopped'),
      attendanceRate: ratio(sum('present'), possible),
      completionRate: ratio(sum('finished'), sum('finished') + sum('stopped')),
    },
    stopReasons: STOP_REASONS.filter((k) => byReason.has(k)).map((key) => ({ key, count: byReason.get(key)! })),
    municipalities: places.map((m) => ({ key: m.key, participants: m.participants, finished: m.finished, stopped: m.stopped })),
    statements: statements.map((s) => ({
      statement: s.statement,
      assessmentVersion: s.version,
      theme: s.theme,
      pairs: s.pairs,
      startAverage: s.pairs > 0 ? s.start_avg : null,
      endAverage: s.pairs > 0 ? s.end_avg : null,
      change: s.pairs > 0 && s.start_avg !== null && s.end_avg !== null ? s.end_avg - s.start_avg : null,
    })),
  };
}

/**
 * The course figures of a period beside those of the period of the same length before (its
 * totals, stop reasons, municipalities and statements; the runs only for this period), as
 * the other reports compare.
 */
export async function courseReport(
  db: Queryable,
  scope: Scope,
  filter: CourseFilter,
  now = new Date(),
): Promise<Omit<CourseReport, 'municipalityNames'>> {
  const { previous } = comparisonPeriods(filter.from, filter.to);
  const [current, before] = await Promise.all([
    courseFigures(db, scope, filter, now),
    courseFigures(db, scope, { ...filter, ...previous }, now),
  ]);
  const { runs: _runs, ...rest } = before;
  return { ...current, previous: { period: previous, ...rest } };
}

export const KB_COURSE_HEADER = [
  'cursus',
  'locatie',
  'startdatum',
  'einddatum',
  'bijeenkomsten',
  'deelnemers',
  'afgerond',
  'gestopt',
  'opkomst_procent',
];

/**
 * The KB's course registration (Bibliotheekmonitor): one line per course run with its
 * dates (library time zone), number of sessions, participants and how many finished, for
 * Dutch Excel (semicolons, BOM, cells guarded against formulas).
 */
export function kbCourseRegistrationCsv(figures: CourseFigures): string {
  const lines = [KB_COURSE_HEADER, ...kbCourseLines(figures)];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** One line per run under KB_COURSE_HEADER (also a table of the report export). */
export function kbCourseLines(figures: Pick<CourseFigures, 'runs'>): Array<Array<string | number>> {
  return figures.runs.map((r) => [
    r.title,
    r.locationName,
    localDate(r.firstSession),
    localDate(r.lastSession),
    r.sessions,
    r.participants,
    r.finished,
    r.stopped,
    r.attendanceRate === null ? '' : Math.round(r.attendanceRate * 100),
  ]);
}
