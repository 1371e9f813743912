/**
 * Limits on sign-ups from the public pages that stop a flood without shutting anyone
 * out: a person who hits one is told to call or drop in. Counted per address here, in
 * this process (fixed one-hour windows); per course in the database (see routes/finder).
 */
export interface SignUpLimits {
  /** Sign-ups from one address per hour. */
  perAddressPerHour: number;
  /** Sign-ups from the public pages for one course per 24 hours. */
  perCoursePerDay: number;
}

export function signUpLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SignUpLimits {
  const n = (value: string | undefined, fallback: number) =>
    value && /^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : fallback;
  return {
    perAddressPerHour: n(env.INLOOP_FINDER_SIGNUPS_PER_ADDRESS, 5),
    perCoursePerDay: n(env.INLOOP_FINDER_SIGNUPS_PER_COURSE, 40),
  };
}

export function addressLimiter(perHour: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one sign-up from this address; false when the address is over its limit. */
    take(address: string, now = Date.now()): boolean {
      const window = windows.get(address);
      if (!window || now - window.start >= 3_600_000) {
        if (windows.size > 100_000) windows.clear(); // bounded memory
        windows.set(address, { start: now, count: 1 });
        return true;
      }
      if (window.count >= perHour) return false;
      window.count++;
      return true;
    },
  };
}
