import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors/app-error.js';

/**
 * A budget of `points` per client and minute, counted in Redis under `keyPrefix` so every API
 * replica shares it. While Redis is out of reach, each replica counts in memory instead rather
 * than refusing everyone.
 */
export function minuteLimiter(
  redis: Redis,
  keyPrefix: string,
  points: number,
): RateLimiterAbstract {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
  });
}

/** Counts one call of `client`; past its budget, refuses with the seconds until it may retry. */
export async function consumeOrRefuse(limiter: RateLimiterAbstract, client: string): Promise<void> {
  try {
    await limiter.consume(client);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    }
    throw rejection;
  }
}
