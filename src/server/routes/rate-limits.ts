import type { FastifyInstance, FastifyReply } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ApiError } from '../../shared/sync';

export interface RateLimits {
  /** Requests per minute from one address (a library's tablets may share one, so generous). */
  perIp: number;
  /** Requests per minute from one enrolled device. */
  perDevice: number;
  /** Enrolment attempts per minute from one address: slows guessing codes. */
  enrolPerIp: number;
}

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimits {
  const n = (value: string | undefined, fallback: number) =>
    value && Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : fallback;
  return {
    perIp: n(env.INLOOP_RATE_LIMIT_IP, 1200),
    perDevice: n(env.INLOOP_RATE_LIMIT_DEVICE, 300),
    enrolPerIp: n(env.INLOOP_RATE_LIMIT_ENROL, 10),
  };
}

function tooMany(after: string): ApiError & { statusCode: number } {
  return { statusCode: 429, error: 'rate_limited', message: `Too many requests; try again in ${after}.` };
}

/** The per-address limit on every route; the enrolment route adds its own, stricter one. */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limits.perIp,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => tooMany(context.after),
  });
}

/**
 * Per-device limit, counted in fixed one-minute windows in this process. Each server
 * process counts on its own, which only makes the limit looser behind several servers,
 * never wrong.
 */
export function deviceLimiter(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return async function limitDevice(deviceId: string, reply: FastifyReply, now = Date.now()): Promise<boolean> {
    const window = windows.get(deviceId);
    if (!window || now - window.start >= 60_000) {
      if (windows.size > 50_000) windows.clear(); // bounded memory
      windows.set(deviceId, { start: now, count: 1 });
      return true;
    }
    window.count++;
    if (window.count <= perMinute) return true;
    const seconds = Math.ceil((window.start + 60_000 - now) / 1000);
    reply.header('retry-after', String(seconds));
    await reply.code(429).send(tooMany(`${seconds} seconds`));
    return false;
  };
}

export type DeviceLimiter = ReturnType<typeof deviceLimiter>;

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits?: RateLimits;
    limitDevice?: DeviceLimiter;
  }
}
