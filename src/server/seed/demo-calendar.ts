import type { CourseSession } from '../../shared/catalogue';

/**
 * Dates for the demo courses, counted from the day the demo is seeded, so that a demo
 * set up in any year has courses starting soon, running and still to come. Times are
 * Dutch wall-clock times (Europe/Amsterdam). A session is stored as an ISO time with
 * the offset of its own day; the tablet repeats a weekly or monthly rule at the same
 * wall-clock time across the change to or from summer time, so a 10:00 course stays
 * at 10:00 all season.
 */

const ZONE = 'Europe/Amsterdam';
const DAY_MS = 86_400_000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A calendar day as days since 1970-01-01, so that moving by days is plain arithmetic. */
type Day = number;

const dutchClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** What a Dutch clock shows at an instant, as milliseconds on a UTC-based scale. */
function dutchWallClock(instant: number): number {
  const p = Object.fromEntries(dutchClock.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
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

/** When a demo session first takes place, counted from the seeding day, and how it repeats. */
export interface DemoWhen {
  firstDay(today: Day): Day;
  rrule?: string;
}

/** Once, on the first `weekday` after the day `weeks` weeks from today. */
export function once(weeks: number, weekday: Weekday): DemoWhen {
  return { firstDay: (today) => firstAfter(today + 7 * weeks, weekday) };
}

/** `count` weeks in a row, starting on the first `weekday` after the day `weeks` weeks from today. */
export function weekly(weeks: number, weekday: Weekday, count: number): DemoWhen {
  return { ...once(weeks, weekday), rrule: `FREQ=WEEKLY;COUNT=${count}` };
}

/**
 * `count` months in a row on the `nth` `weekday` of the month (say the first Thursday),
 * starting `months` calendar months from this one; the start must be such a day, or
 * the rule and its first session would disagree.
 */
export function monthly(months: number, nth: 1 | 2 | 3 | 4, weekday: Weekday, count: number): DemoWhen {
  return {
    firstDay: (today) => {
      const base = new Date(today * DAY_MS);
      for (let m = months; ; m++) {
        const firstOfMonth = Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + m, 1) / DAY_MS;
        const day = firstAfter(firstOfMonth - 1, weekday) + 7 * (nth - 1);
        if (day > today) return day;
      }
    },
    rrule: `FREQ=MONTHLY;BYDAY=${nth}${weekday};COUNT=${count}`,
  };
}

/** A demo course session before it is given dates: Dutch wall-clock times, place and seats. */
export interface DemoSession {
  when: DemoWhen;
  from: string;
  to: string;
  locationId?: string;
  seats?: number;
}

/** The session with real dates, for a demo seeded on `today`. */
export function datedSession(plan: DemoSession, today: Day): CourseSession {
  const day = plan.when.firstDay(today);
  return {
    start: dutchIso(day, plan.from),
    end: dutchIso(day, plan.to),
    ...(plan.when.rrule ? { rrule: plan.when.rrule } : {}),
    ...(plan.locationId ? { locationId: plan.locationId } : {}),
    ...(plan.seats !== undefined ? { seats: plan.seats } : {}),
  };
}
