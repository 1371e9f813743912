/**
 * Limits on wrong referral codes: a partner link and an address may each try only so many
 * codes that match nothing per hour (fixed one-hour windows, in this process). Right codes
 * are never counted, so a partner confirming a busy day is not slowed down. With 2^40 codes
 * and these limits, guessing one takes longer than any referral stays open (docs/security.md).
 */
export interface WrongCodeLimits {
  /** Wrong codes per partner link per hour. */
  perLinkPerHour: number;
  /** Wrong codes per address per hour (partner pages and public card pages together). */
  perAddressPerHour: number;
}

export function wrongCodeLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): WrongCodeLimits {
  const n = (value: string | undefined, fallback: number) =>
    value && /^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : fallback;
  return {
    perLinkPerHour: n(env.INLOOP_REFERRAL_WRONG_CODES_PER_LINK, 20),
    perAddressPerHour: n(env.INLOOP_REFERRAL_WRONG_CODES_PER_ADDRESS, 30),
  };
}

export function wrongCodeCounter(perHour: number) {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, now: number) => {
    const window = windows.get(key);
    return window && now - window.start < 3_600_000 ? window : undefined;
  };
  return {
    /** Seconds until this key may try again; 0 when it may now. */
    waitSeconds(key: string, now = Date.now()): number {
      const window = current(key, now);
      return window && window.count >= perHour ? Math.ceil((window.start + 3_600_000 - now) / 1000) : 0;
    },
    /** Counts one wrong code. */
    fail(key: string, now = Date.now()): void {
      const window = current(key, now);
      if (window) window.count++;
      else {
        if (windows.size > 100_000) windows.clear(); // bounded memory
        windows.set(key, { start: now, count: 1 });
      }
    },
  };
}
