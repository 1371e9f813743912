import type { CourseSession } from '../../shared/catalogue';
import { libraryWallClock } from '../../shared/library-clock';
import { int, z } from '../../shared/zod';

/**
 * Dates for the demo courses, counted from the day the demo is seeded, so that a demo
 * set up in any year has courses starting soon, running and still to come. Times are
 * Dutch wall-clock times (Europe/Amsterdam). A session is stored as an ISO time with
 * the offset of its own day; the tablet repeats a weekly or monthly rule at the same
 * wall-clock time across the change to or from summer time, so a 10:00 course stays
 * at 10:00 all season.
 */

const DAY_MS = 86_400_000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
type Weekday = (typeof WEEKDAYS)[number];

/** A calendar day as days since 1970-01-01, so that moving by days is plain arithmetic. */
type Day = number;

/** What a Dutch clock shows at an instant (to the minute), as milliseconds on a UTC-based scale. */
function dutchWallClock(instant: number): number {
  return Math.floor(libraryWallClock(instant) / 60_000) * 60_000;
}

/** The Dutch calendar day an instant falls on (late evening UTC is already tomorrow here). */
export function dutchDay(now: Date): Day {
  return Math.floor(dutchWallClock(now.getTime()) / DAY_MS);
}

/** Minutes the Netherlands is ahead of UTC at this wall-clock time: 60 in winter, 120 in summer. */
function dutchOffset(wallClock: number): number {
  for (const minutes of [60, 120]) if (dutchWallClock(wallClock - minutes * 60_000) === wallClock) return minutes;
  // Only the hour skipped at the spring change gets here; no demo course starts at night.
  return 60;
}

/** "2027-03-30T10:00:00+02:00": a Dutch day and wall-clock time with that moment's offset. */
export function dutchIso(day: Day, time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const offset = dutchOffset(day * DAY_MS + (hours * 60 + minutes) * 60_000);
  const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const weekdayOf = (day: Day): number => (day + 3) % 7; // 1970-01-01 was a Thursday; Monday = 0

/** The first `weekday` strictly after `day`: a demo course never starts on the seeding day itself. */
function firstAfter(day: Day, weekday: Weekday): Day {
  return day + 1 + ((WEEKDAYS.indexOf(weekday) - weekdayOf(day + 1) + 7) % 7);
}

const clock = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a Dutch clock time HH:MM'));
const placeAndSeats = { from: clock, to: clock, locationId: z.optional(z.string()), seats: z.optional(int(1, 1000)) };

/**
 * A demo course session before it is given dates, as demo-catalogue.json writes it:
 * how it repeats, when it first takes place counted from the seeding day, its Dutch
 * wall-clock times `from`–`to`, and optionally its place and seats.
 * - once: on the first `weekday` after the day `inWeeks` weeks from the seeding day;
 * - weekly: from that day, `count` weeks in a row;
 * - monthly: `count` months in a row on the `nth` `weekday` of the month (say the first
 *   Thursday), starting `inMonths` calendar months from the seeding month, so that the
 *   rule and its first session agree.
 */
export const demoSessionSchema = z.discriminatedUnion('repeat', [
  z.strictObject({ repeat: z.literal('once'), inWeeks: int(0, 104), weekday: z.enum(WEEKDAYS), ...placeAndSeats }),
  z.strictObject({ repeat: z.literal('weekly'), inWeeks: int(0, 104), weekday: z.enum(WEEKDAYS), count: int(1, 104), ...placeAndSeats }),
  z.strictObject({
    repeat: z.literal('monthly'),
    inMonths: int(0, 24),
    nth: int(1, 4),
    weekday: z.enum(WEEKDAYS),
    count: int(1, 24),
    ...placeAndSeats,
  }),
]);
export type DemoSession = z.infer<typeof demoSessionSchema>;

/** The day a session first takes place, for a demo seeded on `today`. */
function firstDay(plan: DemoSession, today: Day): Day {
  if (plan.repeat !== 'monthly') return firstAfter(today + 7 * plan.inWeeks, plan.weekday);
  const base = new Date(today * DAY_MS);
  for (let m = plan.inMonths; ; m++) {
    const firstOfMonth = Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + m, 1) / DAY_MS;
    const day = firstAfter(firstOfMonth - 1, plan.weekday) + 7 * (plan.nth - 1);
    if (day > today) return day;
  }
}

function rruleOf(plan: DemoSession): string | undefined {
  if (plan.repeat === 'weekly') return `FREQ=WEEKLY;COUNT=${plan.count}`;
  if (plan.repeat === 'monthly') return `FREQ=MONTHLY;BYDAY=${plan.nth}${plan.weekday};COUNT=${plan.count}`;
  return undefined;
}

/** The session with real dates, for a demo seeded on `today`. */
export function datedSession(plan: DemoSession, today: Day): CourseSession {
  const day = firstDay(plan, today);
  const rrule = rruleOf(plan);
  return {
    start: dutchIso(day, plan.from),
    end: dutchIso(day, plan.to),
    ...(rrule ? { rrule } : {}),
    ...(plan.locationId ? { locationId: plan.locationId } : {}),
    ...(plan.seats !== undefined ? { seats: plan.seats } : {}),
  };
}
